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
    memastikan menekankan menyebut
    """.split()
)
# Verbs that report only when followed by a clause ("bahwa …", a quote, or a colon); on their
# own they are actions ("meminta bantuan", "menolak tawaran").
CLAUSE_ONLY_VERBS = frozenset(
    "meminta menolak mengakui berharap mengharapkan berjanji bersumpah menduga meyakini "
    "memperkirakan memprediksi menyarankan mengusulkan menuding menuduh mengeluhkan "
    "mengkritik mengecam menanyakan bertanya menjawab".split()
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
MEDIA_MARKERS = ("dilansir", "dikutip", "diberitakan", "mengutip", "melansir", "dilaporkan", "disiarkan")

PRONOUNS = frozenset("ia dia beliau mereka pihaknya dirinya".split())
FIRST_PERSON = frozenset("saya aku kami kita".split())

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
        selebritas|youtuber|influencer|atlet|pebulu tangkis|pesepak bola|pelari|perenang
        """.replace("\n", "").split("|"),
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
    """.split()
)

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
    """.split()
)
