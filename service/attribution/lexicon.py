"""Word lists for Indonesian attribution: reporting verbs, markers, roles, places, hedges.

Plain data in one place; the rules in ``extract.py`` read these and nothing else.
"""

from __future__ import annotations

# Reporting verbs that follow their speaker: "X mengatakan (bahwa) …"
PRE_VERBS = frozenset(
    """
    mengatakan menyatakan menegaskan menjelaskan menambahkan menyampaikan mengungkapkan
    menuturkan memaparkan mengemukakan mengklaim mengaku menilai menyebut menyebutkan mengimbau
    mengingatkan membantah mengkonfirmasi mengonfirmasi melaporkan mendesak berpendapat
    mengumumkan memperingatkan menuding menuduh menyerukan meminta menolak mengakui berkata
    bertanya menanyakan menjawab mengeluhkan mengkritik mengecam menandaskan menerangkan
    menggarisbawahi mengingatkan menekankan mengusulkan memprediksi memperkirakan menduga
    meyakini bercerita membenarkan mengklarifikasi menyatakan
    berujar berucap bersumpah berjanji berharap mengutarakan mengharapkan menyarankan
    memastikan menekankan menyebut menampik menyangkal menyinggung membeberkan
    mewanti-wanti menandaskan berkomentar mengaku
    """.split()
)
# Checked against the reporting verbs listed in shared/DESIGN.md ("Attribution: what to find") — all
# present — and extended by hand (menampik, menyangkal, membeberkan, berkomentar …). No outside
# word list was copied.

# Modal and intent words: a reporting verb right after one of these is an intention, not a
# statement ("Sega tampaknya ingin memastikan …", "untuk memastikan", "akan menyampaikan").
MODALS = frozenset("ingin mau hendak akan berusaha mencoba harus perlu bisa dapat untuk guna demi agar supaya".split())
# Negations: "belum menyampaikan identitas tersangka", "enggan menyebutkan": no statement was made.
NEGATIONS = frozenset("belum tidak tak enggan".split())
# Clause-only verbs that may take a bare clause (no "bahwa") when a subject and a predicate follow:
# "Buffon mengakui Real Madrid layak menang", "… memastikan stok beras aman".
BARE_CLAUSE_VERBS = frozenset("mengakui memastikan mengklaim menduga meyakini memperkirakan memprediksi berharap berjanji".split())
CLAUSE_AUX = (
    "telah sudah akan tidak tak belum harus layak pantas bisa dapat sedang masih pernah perlu seharusnya "
    "mampu adalah merupakan menjadi sangat cukup aman siap naik turun kalah menang"
).split()
# Verbs that report only when followed by a clause ("bahwa …", a quote, or a colon); on their
# own they are actions ("meminta bantuan", "menolak tawaran").
CLAUSE_ONLY_VERBS = frozenset(
    "meminta menolak mengakui memastikan berharap mengharapkan berjanji bersumpah menduga meyakini "
    "memperkirakan memprediksi menyarankan mengusulkan menuding menuduh mengeluhkan "
    "mengkritik mengecam menanyakan bertanya menjawab berkomentar".split()
)
# Verbs after a quote or clause: "“…,” kata X." / "…, ujarnya."
POST_VERBS = frozenset(
    """
    kata ujar tutur ungkap papar jelas tegas tambah imbuh lanjut tandas pungkas ucap sambung
    terang sebut tanya jawab seru bilang klaim aku tulis kisah cerita timpal ungkapnya
    """.split()
)
# Passive reporting/judging verbs: "dikutuk oleh X", "dinilai X"
PASSIVE_VERBS = frozenset(
    """
    dikutuk dibantah dinilai dikritik dikecam disebut dituding dituduh diklaim dilaporkan
    diumumkan dikonfirmasi dinyatakan dipuji disesalkan dipertanyakan ditegaskan diungkapkan
    dibenarkan diakui diperingatkan dianggap disampaikan dikatakan dijelaskan ditambahkan
    """.split()
)
# Passives that may name their agent without "oleh": "dibantah Ketua DPRD X", "dinilai Ombudsman"
PASSIVE_DIRECT = frozenset(
    "dibantah dinilai dikritik dikecam disampaikan dikatakan dijelaskan ditambahkan ditegaskan "
    "diungkapkan dikonfirmasi dibenarkan".split()
)
# "seperti dilansir (dari) X", "dikutip dari X", "mengutip X", "seperti diberitakan X"
# Channels a statement is made through, not outlets that relay it: "ujar X via Instagram"
CHANNELS = frozenset("Instagram Twitter Facebook TikTok YouTube Youtube WhatsApp Telegram Zoom Line Skype Email E-mail SMS".split())
MEDIA_MARKERS = ("dilansir", "dikutip", "diberitakan", "mengutip", "melansir", "dilaporkan", "disiarkan")

PRONOUNS = frozenset("ia dia beliau mereka pihaknya dirinya".split())
FIRST_PERSON = frozenset("saya aku kami kita".split())

# Police and military ranks (lower case), written before a name: "Komisaris Besar Rina Sari Ginting",
# "Ajun Komisaris Besar Polisi Yudhistira", "Kombes Pol Argo". They belong to the role, never the name.
RANKS = tuple(
    """
    jenderal polisi|komisaris jenderal|komisaris jenderal polisi|inspektur jenderal|inspektur jenderal polisi|
    brigadir jenderal|brigadir jenderal polisi|komisaris besar|komisaris besar polisi|ajun komisaris besar|
    ajun komisaris besar polisi|komisaris polisi|ajun komisaris|ajun komisaris polisi|inspektur polisi|
    inspektur polisi satu|inspektur polisi dua|inspektur satu|inspektur dua|ajun inspektur|ajun inspektur polisi|
    brigadir polisi|brigadir kepala|brigadir|bripda|briptu|brigpol|aipda|komjen|komjen pol|irjen pol|
    brigjen pol|kombes pol|akbp|akbp pol|akp|kompol|letnan jenderal|mayor jenderal|letnan kolonel|letnan|
    laksamana muda|laksamana madya|marsekal muda|marsekal madya|sersan|kopral|prajurit
    """.replace("\n", "").split("|")
)
RANKS = tuple(r.strip() for r in RANKS if r.strip())
# the abbreviations used in news before a name: Polri (irjen … bharada) and TNI (letjen … pratu; the navy's
# laksda/laksdya/laksma and the air force's marsda/marsdya/marsma included)
RANK_SET = frozenset(RANKS) | frozenset(
    """irjen brigjen kombes akbp akp kompol iptu ipda aiptu aipda bripka briptu bripda brigpol bharada bharatu
    bharaka kolonel letkol mayor kapten jenderal letjen mayjen laksma laksda laksdya marsma marsda marsdya
    lettu letda serma serka sertu serda kopka koptu kopda praka pratu prada""".split())

# Role nouns and titles (lower case; matched case-insensitively, longest first)
ROLE_WORDS = tuple(
    sorted(
        """
        presiden|wakil presiden|perdana menteri|wakil perdana menteri|menteri|wakil menteri|
        menteri luar negeri|menteri dalam negeri|menteri keuangan|menteri pertahanan|
        menlu|mendagri|menkeu|menhan|menkes|ketua|wakil ketua|ketua umum|sekretaris|
        sekretaris jenderal|sekjen|kepala|wakil kepala|direktur|direktur utama|dirut|
        direktur jenderal|dirjen|juru bicara|jubir|gubernur|wakil gubernur|bupati|wakil bupati|
        wali kota|walikota|wakil wali kota|camat|lurah|kapolri|wakapolri|kapolda|wakapolda|
        kapolres|kapolresta|kapolrestabes|kapolsek|kabid humas|kasat reskrim|kasatreskrim|
        panglima|panglima tni|jenderal|letnan jenderal|mayor jenderal|brigadir jenderal|
        laksamana|marsekal|kolonel|letkol|mayor|kapten|irjen|brigjen|kombes|akbp|akp|kompol|
        iptu|ipda|aiptu|bripka|pakar|pengamat|analis|peneliti|ekonom|dosen|guru besar|profesor|
        prof|dr|anggota|pejabat|pengacara|kuasa hukum|advokat|warga|pedagang|saksi|korban|
        dokter|ahli|aktivis|koordinator|komisioner|duta besar|dubes|raja|ratu|pangeran|senator|
        wartawan|editor|hakim|ketua hakim|jaksa|jaksa agung|kepala kejaksaan|manajer|pelatih|
        pemain|kapten tim|ketua dpr|anggota dpr|anggota dewan|ketua mpr|rektor|dekan|
        kepala polisi|kepala dinas|kepala badan|kepala bagian|kabag|kadis|kasubag|staf|
        staf khusus|penasihat|konsultan|pengusaha|ketua rt|ketua rw|tokoh masyarakat|
        tokoh agama|ulama|kiai|ustaz|pendeta|pastor|uskup|imam|pemimpin|pimpinan|pendiri|
        ceo|presiden direktur|komisaris|chairman|founder|politikus|politisi|legislator|
        kepala negara|kepala pemerintahan|petugas|polisi|tentara|relawan|kepala desa|kades|
        sekretaris daerah|sekda|kabareskrim|kadiv humas|karo penmas|kasubdit|kanit|danrem|
        dandim|pangdam|kasad|kasal|kasau|danjen|komandan|kepala staf|atase|konsul|mahasiswa|
        siswa|guru|ibu rumah tangga|nelayan|petani|buruh|sopir|pengemudi|ilmuwan|epidemiolog|
        virolog|psikolog|sosiolog|sejarawan|budayawan|seniman|artis|penyanyi|aktor|aktris|
        selebritas|youtuber|influencer|atlet|pebulu tangkis|pesepak bola|pelari|perenang|
        kiper|penjaga gawang|striker|gelandang|bek|pebalap|petenis|pegolf|petinju
        """.replace("\n", "").split("|") + list(RANKS) + sorted(RANK_SET - set(RANKS)),
        key=len,
        reverse=True,
    )
)
ROLE_SET = frozenset(w.strip() for w in ROLE_WORDS if w.strip())

# Unnamed sources: a noun phrase with an indefinite or vague head
UNNAMED_HEADS = (
    "seorang juru bicara", "juru bicara", "seorang pejabat", "pejabat", "seorang sumber", "sumber",
    "seorang warga", "warga", "seorang saksi", "saksi mata", "saksi", "seorang diplomat", "diplomat",
    "seorang pedagang", "seorang petugas", "petugas", "seorang polisi", "seorang anggota",
    "seorang pengunjuk rasa", "pengunjuk rasa", "para ahli", "pakar", "pengamat", "analis",
)
# Heads of phrases naming a state body without a proper name: "pemerintah Bangladesh", "penyidik"
GOVERNMENT_HEADS = (
    "pemerintah", "kementerian", "kepolisian", "pihak kepolisian", "penyidik", "polisi", "polda",
    "polres", "polsek", "kejaksaan", "pengadilan", "dinas", "badan", "istana", "militer",
    "pihak berwenang", "pihak berwajib", "otoritas", "aparat", "pemkot", "pemkab", "pemprov", "pemda",
)

HEDGES = (
    "ada laporan bahwa", "ada laporan yang menyebutkan", "dikabarkan", "kabarnya", "konon",
    "disebut-sebut", "santer terdengar", "beredar kabar", "menurut kabar", "para ahli",
    "sejumlah pihak", "banyak pihak", "diyakini", "diduga kuat",
)

# Places: countries, regions and cities that stand inside roles ("Perdana Menteri Armenia").
PLACES = frozenset(
    """
    Indonesia Malaysia Singapura Thailand Filipina Vietnam Kamboja Laos Myanmar Brunei
    Timor Leste Australia Selandia Baru Jepang China Tiongkok Korea Selatan Utara India
    Pakistan Bangladesh Afghanistan Iran Irak Suriah Turki Israel Palestina Mesir Arab Saudi
    Yordania Lebanon Qatar Uni Emirat Yaman Rusia Ukraina Belarus Kazakhstan Uzbekistan
    Kirgistan Kyrgyzstan Tajikistan Turkmenistan Armenia Azerbaijan Georgia Amerika Serikat AS
    Kanada Meksiko Brasil Argentina Inggris Britania Raya Prancis Perancis Jerman Italia Spanyol
    Belanda Belgia Swiss Swedia Norwegia Denmark Finlandia Polandia Ceko Hungaria Rumania Yunani
    Portugal Irlandia Afrika Nigeria Kenya Ethiopia Sudan Libya Tunisia Aljazair Maroko Eropa
    Asia Tenggara Tengah Barat Timur Selatan Jakarta Bandung Surabaya Medan Semarang Makassar
    Yogyakarta Bali Denpasar Papua Aceh Sumatera Jawa Kalimantan Sulawesi Maluku NTT NTB
    Banten Riau Jambi Bengkulu Lampung Gorontalo Bekasi Depok Bogor Tangerang Solo Malang
    London Paris Moskow Washington Beijing Tokyo Seoul Canberra Sydney Almaty Astana Nur-Sultan
    Taldykorgan Aktobe Kiev Kyiv Brussel Jenewa Den Haag New York DKI Metro Jaya Raya
    """.split()
)

# Words that are capitalised at a sentence start or in titles but are not names.
NOT_NAMES = frozenset(
    """
    Namun Tetapi Sementara Kemudian Selain Menurut Seperti Sebelumnya Sebagaimana Dalam Pada
    Saat Ketika Setelah Sebelum Meski Meskipun Walaupun Oleh Karena Sehingga Akibatnya Selanjutnya
    Lebih Sejak Hingga Bahkan Adapun Jadi Maka Dengan Untuk Bagi Tak Tidak Ia Dia Mereka Kami
    Kita Saya Itu Ini Hal Para Sang Sebuah Seorang Sejumlah Beberapa Banyak Semua Seluruh Senin
    Selasa Rabu Kamis Jumat Sabtu Minggu Januari Februari Maret April Mei Juni Juli Agustus
    September Oktober November Desember Pemerintah Polisi Presiden Yang Di Ke Dari Dan Atau
    Jika Kalau Apabila Agar Supaya Sedangkan Lalu Kini Saat Sekarang Tahun Bulan Hari Pukul
    Ditambahkan Dijelaskan Disampaikan Dikatakan Ditegaskan Diungkapkan Menurutnya Sang Pak Bu
    Bapak Ibu Kak Mas Mbak Bung
    Pasar Stadion Gedung Jalan Kampung Desa Kecamatan Kelurahan Kabupaten Rutan Lapas Bandara Pelabuhan
    """.split()
)

WEEKDAYS = frozenset("Senin Selasa Rabu Kamis Jumat Sabtu Minggu".split())
MONTHS = frozenset("Januari Februari Maret April Mei Juni Juli Agustus September Oktober November Desember".split())
DEMONSTRATIVES = frozenset("ini itu tersebut".split())
# Nouns that head a description of a person: "pria asal Bandung itu", "mantan kiper Parma ini"
PERSON_NOUNS = frozenset(
    "pria wanita perempuan lelaki laki-laki sosok pemuda pemudi remaja bocah gadis kakek nenek ayah ibu "
    "bapak politisi politikus pemain pelatih pebalap petenis kiper striker gelandang bek aktor aktris "
    "penyanyi pengusaha musisi pesepak bintang legenda eks mantan".split()
)
# Heads of the names of bodies, by the type of source they make (capitalised, as written)
BODY_HEADS = {
    "government": frozenset(
        "Badan Kementerian Kemenkes Kemenkeu Kemendag Kemenlu Kemendagri Kemenhub Kementrian Dinas Polda Polres "
        "Polresta Polrestabes Polsek Polri Kepolisian Kejaksaan Kejati Kejari Kejagung Pengadilan Mahkamah Komisi "
        "Direktorat Pemerintah Pemkot Pemkab Pemprov Pemda Sekretariat Istana Kantor Balai Dewan DPR DPRD MPR "
        "KPK KPU Bawaslu BPS BMKG BNPB BPBD Basarnas Kemenag Ombudsman TNI Kodam Satgas Otoritas".split()),
    "organisation": frozenset(
        "Universitas Institut Yayasan Lembaga Asosiasi Perhimpunan Ikatan Persatuan Federasi Partai Organisasi "
        "Komunitas Forum Koalisi Aliansi Serikat Gerakan Majelis Himpunan".split()),
    "company": frozenset("PT CV Perum Perumda Persero".split()),  # Perumda: a regional public enterprise
}
# Heads that name a whole body by themselves (no complement follows): "Kepala BNPB Suharyanto",
# "Kepala Basarnas Kusworo" — after a role word, what follows them (places aside) is a person
WHOLE_BODY_NAMES = frozenset(
    "KPK KPU Bawaslu BPS BMKG BNPB Basarnas Kemenag Kemenkes Kemenkeu Kemendag Kemenlu Kemendagri Kemenhub "
    "Kejagung Ombudsman TNI Polri DPR MPR".split())  # not BPBD, DPRD…: a region follows them
# Words that end or fill the name of a company, a product or an event, never a person's
COMPANY_TAILS = frozenset("Tbk Inc Inc. Corp Corp. Corporation Ltd Ltd. Co Co. Company Group Holdings Motor Motors Games Studio Studios Entertainment Airlines Technologies".split())
PRODUCT_WORDS = frozenset("World Championship Cup League Series Edition Festival Award Awards Tour Grand Prix Open Online Pro Plus Max".split())
# Words that say what kind of thing the next (or previous) name is: "perusahaan X", "X adalah publisher"
KIND_NOUNS = {
    "company": ("perusahaan", "publisher", "developer", "pengembang", "produsen", "pabrikan", "startup", "brand",
                "merek", "operator", "raksasa teknologi", "emiten", "maskapai"),
    "organisation": ("lembaga", "organisasi", "LSM", "yayasan", "klub", "tim"),
    "media": ("media", "koran", "harian", "majalah", "kantor berita", "stasiun televisi", "portal berita", "situs berita"),
    "website": ("situs", "laman", "website", "blog"),
}

TITLE_ABBREVS = frozenset("Dr Dr. Prof Prof. Ir Ir. H H. Hj Hj. Drs Drs. KH KH. Irjen Brigjen Kombes AKBP AKP Kompol Iptu Ipda Jenderal Letjen Mayjen Laksma Marsma".split())

# Capitalised words that complete a role rather than start a name: "Menteri Perdagangan",
# "Kepala Divisi Humas", "Ketua Umum", "Sekretaris Jenderal".
ROLE_COMPLEMENTS = frozenset(
    """
    Perdagangan Keuangan Luar Dalam Negeri Pertahanan Kesehatan Pendidikan Agama Sosial
    Perhubungan Pertanian Perindustrian Koordinator Bidang Politik Hukum Keamanan Perekonomian
    HAM Ketenagakerjaan Pariwisata BUMN ESDM PUPR Kominfo Lingkungan Hidup Kehutanan Kelautan
    Perikanan Desa Investasi Sekretaris Negara Pemuda Olahraga Koperasi UKM Kebudayaan Riset
    Teknologi Agraria Tata Ruang Humas Reserse Kriminal Umum Khusus Lalu Lintas Divisi Daerah
    Republik Utama Jenderal Eksekutif Pelaksana Harian Komisi Fraksi Partai Badan Dinas Kantor
    Kementerian Kepolisian Polda Polres Polsek Kodam Korem Kodim Pemerintah Provinsi Kabupaten
    Kota Kecamatan Dewan Majelis Mahkamah Pengadilan Negeri Tinggi Agung Kejaksaan Kejati Kejari
    Direktorat Direktur Deputi Asisten Staf Wakil Pusat Penerangan Informasi Komunikasi Publik
    Dunia Internasional Nasional Regional Bersatu Rakyat Perwakilan Pembangunan Perencanaan
    Energi Sumber Daya Mineral Transportasi Pekerjaan Perumahan Rakyat Hubungan Masyarakat
    Pengawas Pemilu Bawaslu Pemilihan Perlindungan Anak Perempuan Pemberdayaan Aparatur
    Reformasi Birokrasi Sekretariat Kabinet Penasihat Presiden Wapres Operasi Satuan Tugas
    Satgas Penanganan Percepatan Tim Gugus Tugas Cabang Wilayah Subdirektorat Subdit Unit
    Tindak Pidana Korupsi Narkoba Siber Ekonomi Khusus Umum Intelijen Pengamanan Objek Vital
    Gerindra Golkar PDI-P PDIP PKS PKB NasDem Nasdem Demokrat PAN PPP Hanura Perindo PSI
    Industri Non Bank Otoritas Jasa Eksekutif Perwakilan
    """.split()
)
