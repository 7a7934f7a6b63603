"""Indonesian sentence segmentation: real news patterns, as a parametrised table."""

from __future__ import annotations

import csv

import pytest

from service.segment import segment_text, split_sentences

from .conftest import PUD

CASES = [
    # (id, text, expected sentences)
    ("plain", "Harga naik. Warga protes.", ["Harga naik.", "Warga protes."]),
    ("question", "Apa yang terjadi? Tidak ada yang tahu.", ["Apa yang terjadi?", "Tidak ada yang tahu."]),
    ("exclamation", "Awas banjir! Warga mengungsi.", ["Awas banjir!", "Warga mengungsi."]),
    ("title-dr", "Dr. Budi Santoso memeriksa pasien. Ia lelah.", ["Dr. Budi Santoso memeriksa pasien.", "Ia lelah."]),
    ("title-prof", "Menurut Prof. Rina, data itu salah.", ["Menurut Prof. Rina, data itu salah."]),
    ("haji", "H. Ahmad dan Hj. Siti berangkat ke Mekkah. Mereka senang.", ["H. Ahmad dan Hj. Siti berangkat ke Mekkah.", "Mereka senang."]),
    ("street-number", "Kantornya di Jl. Merdeka No. 12 Jakarta. Gedung itu baru.", ["Kantornya di Jl. Merdeka No. 12 Jakarta.", "Gedung itu baru."]),
    ("rupiah-thousands", "Harganya Rp 1.500 per liter. Itu naik.", ["Harganya Rp 1.500 per liter.", "Itu naik."]),
    ("rupiah-dot", "Ia membayar Rp. 25.000 untuk tiket. Mahal sekali.", ["Ia membayar Rp. 25.000 untuk tiket.", "Mahal sekali."]),
    ("decimal-comma", "Inflasi mencapai 3,5 persen. Bank sentral waspada.", ["Inflasi mencapai 3,5 persen.", "Bank sentral waspada."]),
    ("millions", "Sebanyak 1.250.000 warga terdampak. Bantuan dikirim.", ["Sebanyak 1.250.000 warga terdampak.", "Bantuan dikirim."]),
    ("time", "Rapat dimulai pukul 10.30 WIB. Semua hadir.", ["Rapat dimulai pukul 10.30 WIB.", "Semua hadir."]),
    ("dll-mid", "Ia membeli beras, gula, dll. untuk warga.", ["Ia membeli beras, gula, dll. untuk warga."]),
    ("dll-end", "Ia membeli beras, gula, dll. Kemudian ia pulang.", ["Ia membeli beras, gula, dll.", "Kemudian ia pulang."]),
    ("dsb", "Ada sayur, buah, dsb. yang dijual murah.", ["Ada sayur, buah, dsb. yang dijual murah."]),
    ("an", "Surat itu ditandatangani a.n. Kepala Dinas. Isinya jelas.", ["Surat itu ditandatangani a.n. Kepala Dinas.", "Isinya jelas."]),
    ("degree-sh", "Pengacara Andi Wijaya, S.H. mengatakan kliennya tidak bersalah.", ["Pengacara Andi Wijaya, S.H. mengatakan kliennya tidak bersalah."]),
    ("degree-msi", "Dosen Rina Putri, M.Si. menjelaskan hasil riset. Hasilnya baik.", ["Dosen Rina Putri, M.Si. menjelaskan hasil riset.", "Hasilnya baik."]),
    ("degrees-chain", "Ahmad, S.H., M.H. hadir di sidang.", ["Ahmad, S.H., M.H. hadir di sidang."]),
    ("kecamatan", "Banjir melanda Kec. Cibinong, Kab. Bogor. Ratusan rumah terendam.", ["Banjir melanda Kec. Cibinong, Kab. Bogor.", "Ratusan rumah terendam."]),
    ("initial", "Susilo B. Yudhoyono hadir. Ia berpidato.", ["Susilo B. Yudhoyono hadir.", "Ia berpidato."]),
    ("two-initials", "Penulis A. R. Baswedan dikenang. Namanya harum.", ["Penulis A. R. Baswedan dikenang.", "Namanya harum."]),
    ("quote-comma-said", "“Kami akan bertindak tegas,” ujarnya.", ["“Kami akan bertindak tegas,” ujarnya."]),
    ("quote-period-said", "“Kami siap.” katanya kepada wartawan.", ["“Kami siap.” katanya kepada wartawan."]),
    ("quote-question-said", "“Mengapa harga naik?” tanya seorang ibu. Tidak ada jawaban.", ["“Mengapa harga naik?” tanya seorang ibu.", "Tidak ada jawaban."]),
    ("quote-two-sentences", "“Kami siap. Kami akan menang,” kata dia.", ["“Kami siap.", "Kami akan menang,” kata dia."]),
    ("quote-after-period", "Ia berkata, “Situasi aman.” Lalu ia pergi.", ["Ia berkata, “Situasi aman.”", "Lalu ia pergi."]),
    ("quote-starts-next", "Polisi datang. “Semua tenang,” katanya.", ["Polisi datang.", "“Semua tenang,” katanya."]),
    ("straight-quotes", 'Ia berkata "kami siap." Semua bertepuk tangan.', ['Ia berkata "kami siap."', "Semua bertepuk tangan."]),
    ("scare-quotes", "Presiden menyebut mereka “geng teroris” yang dilatih di luar negeri.", ["Presiden menyebut mereka “geng teroris” yang dilatih di luar negeri."]),
    ("en-dash-dateline", "Berita Baru, Internasional – Presiden meminta bantuan. Pasukan dikirim.", ["Berita Baru, Internasional – Presiden meminta bantuan.", "Pasukan dikirim."]),
    ("dash-dateline", "Jakarta - Harga cabai naik tajam. Pedagang mengeluh.", ["Jakarta - Harga cabai naik tajam.", "Pedagang mengeluh."]),
    ("date-slash", "Kejadian itu pada Jumat (7/1/2022). Polisi menyelidiki.", ["Kejadian itu pada Jumat (7/1/2022).", "Polisi menyelidiki."]),
    ("month-abbr", "Rapat digelar 5 Jan. 2022 di Bandung.", ["Rapat digelar 5 Jan. 2022 di Bandung."]),
    ("year-then-digit", "Ia lahir pada 1991. 30 tahun kemudian ia menjadi menteri.", ["Ia lahir pada 1991.", "30 tahun kemudian ia menjadi menteri."]),
    ("ellipsis-lower", "Ia ragu... tetapi akhirnya setuju.", ["Ia ragu... tetapi akhirnya setuju."]),
    ("ellipsis-upper", "Ia menunggu lama... Akhirnya bus datang.", ["Ia menunggu lama...", "Akhirnya bus datang."]),
    ("url", "Informasi ada di www.kemenkes.go.id dan situs lain. Cek sekarang.", ["Informasi ada di www.kemenkes.go.id dan situs lain.", "Cek sekarang."]),
    ("email", "Kirim ke redaksi@contoh.co.id segera. Terima kasih.", ["Kirim ke redaksi@contoh.co.id segera.", "Terima kasih."]),
    ("paren-end", "Indeks saham naik (Reuters). Investor lega.", ["Indeks saham naik (Reuters).", "Investor lega."]),
    ("police-rank", "Kapolres AKBP. Budi Hartono memimpin operasi. Dua orang ditangkap.", ["Kapolres AKBP. Budi Hartono memimpin operasi.", "Dua orang ditangkap."]),
    ("military-rank", "Operasi dipimpin Letjen. TNI Agus Subiyanto. Semua siaga.", ["Operasi dipimpin Letjen. TNI Agus Subiyanto.", "Semua siaga."]),
    ("tbk-mid", "Saham PT Bank Rakyat Indonesia Tbk. (BBRI) naik.", ["Saham PT Bank Rakyat Indonesia Tbk. (BBRI) naik."]),
    ("tbk-end", "Laba dicatat PT Telkom Indonesia Tbk. Sahamnya naik.", ["Laba dicatat PT Telkom Indonesia Tbk.", "Sahamnya naik."]),
    ("lowercase-after-period-abbrev", "Lihat hlm. 5 dan tgl. 3 dalam dokumen.", ["Lihat hlm. 5 dan tgl. 3 dalam dokumen."]),
    ("no-punctuation", "Presiden meminta bantuan untuk menstabilkan situasi", ["Presiden meminta bantuan untuk menstabilkan situasi"]),
    ("trailing-space", "Harga naik.   Warga protes.  ", ["Harga naik.", "Warga protes."]),
    ("us-abbrev", "Departemen Luar Negeri AS mengatakan pihaknya mengikuti situasi. Jubir mendesak semua pihak.", ["Departemen Luar Negeri AS mengatakan pihaknya mengikuti situasi.", "Jubir mendesak semua pihak."]),
    ("interrobang", "Benarkah itu?! Semua terkejut.", ["Benarkah itu?!", "Semua terkejut."]),
    ("list-numbered", "Ada dua hal. 1. Harga naik. 2. Stok turun.", ["Ada dua hal.", "1. Harga naik.", "2. Stok turun."]),
]


@pytest.mark.parametrize("text,expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_segmentation_cases(text, expected):
    assert split_sentences(text) == expected


def test_at_least_forty_cases():
    assert len(CASES) >= 40


@pytest.mark.parametrize("text", [c[1] for c in CASES], ids=[c[0] for c in CASES])
def test_spans_account_for_every_character(text):
    spans = segment_text(text)
    pos = 0
    for s, e in spans:
        assert text[pos:s].strip() == "", "only whitespace may lie between sentences"
        assert text[s:e] == text[s:e].strip()
        pos = e
    assert text[pos:].strip() == ""


def test_real_news_sentences_rejoined_are_recovered():
    """UD-PUD news sentences, glued into paragraphs of five, come apart at the right places."""
    with PUD.open(encoding="utf-8", newline="") as f:
        rows = [r for r in csv.DictReader(f, delimiter="\t") if r["genre"] == "news"]
    gold = [r["id"].strip() for r in rows[:200]]
    correct = total = 0
    for i in range(0, len(gold), 5):
        chunk = gold[i : i + 5]
        got = split_sentences(" ".join(chunk))
        total += len(chunk)
        correct += sum(1 for g in chunk if g in got)
    assert correct / total >= 0.9, f"recovered {correct}/{total}"


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_pieces = st.sampled_from(["Dr.", "Rp", "1.500", "3,5", "“", "”", '"', "...", "?", "!", ".", ",", " ", "\n",
                           "harga", "Naik", "S.H.", "a.n.", "B.", "dll.", "Kami", "ujarnya", "\u200b", "\t"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_pieces, max_size=80).map(" ".join) | st.text(max_size=400))
def test_property_segmentation_loses_nothing(text):
    spans = segment_text(text)
    pos = 0
    for s, e in spans:
        assert pos <= s < e <= len(text)
        assert text[pos:s].strip() == ""
        pos = e
    assert text[pos:].strip() == ""


@pytest.mark.parametrize("text,expected", [
    ("Indonesia tergabung di Grup A. Tim asuhan Shin Tae-yong bertanding Senin.", ["Indonesia tergabung di Grup A.", "Tim asuhan Shin Tae-yong bertanding Senin."]),
    ("Generasi ini disebut Gen Z. Mereka lahir setelah 1997.", ["Generasi ini disebut Gen Z.", "Mereka lahir setelah 1997."]),
    ("Kerugian ditaksir Rp 2 T. Jaksa menuntut lima tahun.", ["Kerugian ditaksir Rp 2 T.", "Jaksa menuntut lima tahun."]),
    ("Kejadian itu dilaporkan ke ketua RT. Polisi kemudian datang.", ["Kejadian itu dilaporkan ke ketua RT.", "Polisi kemudian datang."]),
    ("Kepala Dinas, dr. Widyastuti, M.Kes. Ia menambahkan stok aman.", ["Kepala Dinas, dr. Widyastuti, M.Kes.", "Ia menambahkan stok aman."]),
    ("Ia menjabat sejak th. 2010 hingga sekarang.", ["Ia menjabat sejak th. 2010 hingga sekarang."]),
    ("Susilo B. Yudhoyono hadir. Ia berpidato.", ["Susilo B. Yudhoyono hadir.", "Ia berpidato."]),
])
def test_review_regressions(text, expected):
    assert split_sentences(text) == expected
