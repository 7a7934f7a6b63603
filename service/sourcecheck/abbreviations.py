"""Abbreviations of Indonesian (and English) news copy and the words they stand for (forms
that differ are separated by "|").

A claim and its source often name the same thing once in full and once abbreviated ("defisit
APBN" / "defisit anggaran pendapatan dan belanja negara", "PHK" / "pemutusan hubungan kerja",
"GDP" / "gross domestic product"); the content check counts either form as the other.

Written for lintas from common usage in Indonesian news (institutions, budgets and economy,
health, schooling, elections, law, regions), not from any evaluation data. Only abbreviations
with one established reading are listed ("PT" and "PMI" have two each, so they are left out).
A name the source registry knows (``service/attribution/sources.toml``) is matched there too;
this table is about content words.
"""

from __future__ import annotations

import re
from functools import lru_cache

ABBREVIATIONS: dict[str, str] = {
    # budgets, economy, work
    "APBN": "anggaran pendapatan belanja negara",
    "APBD": "anggaran pendapatan belanja daerah",
    "PDB": "produk domestik bruto",
    "PHK": "pemutusan hubungan kerja",
    "BBM": "bahan bakar minyak",
    "UMKM": "usaha mikro kecil menengah",
    "UMP": "upah minimum provinsi",
    "PPN": "pajak pertambahan nilai",
    "BUMN": "badan usaha milik negara",
    "BUMD": "badan usaha milik daerah",
    "BLT": "bantuan langsung tunai",
    "Bansos": "bantuan sosial",
    "IHK": "indeks harga konsumen",
    "IHSG": "indeks harga saham gabungan",
    "KUR": "kredit usaha rakyat",
    # bodies
    "DPR": "dewan perwakilan rakyat",
    "DPRD": "dewan perwakilan rakyat daerah",
    "MPR": "majelis permusyawaratan rakyat",
    "KPK": "komisi pemberantasan korupsi",
    "KPU": "komisi pemilihan umum",
    "Bawaslu": "badan pengawas pemilihan umum|badan pengawas pemilu",
    "MK": "mahkamah konstitusi",
    "OJK": "otoritas jasa keuangan",
    "BPS": "badan pusat statistik",
    "BMKG": "badan meteorologi klimatologi geofisika",
    "BNPB": "badan nasional penanggulangan bencana",
    "BPBD": "badan penanggulangan bencana daerah",
    "BNN": "badan narkotika nasional",
    "BPOM": "badan pengawas obat makanan",
    "BPJS": "badan penyelenggara jaminan sosial",
    "PLN": "perusahaan listrik negara",
    "TNI": "tentara nasional indonesia",
    "Polri": "kepolisian negara republik indonesia",
    "Polda": "kepolisian daerah",
    "Polres": "kepolisian resor",
    "Polsek": "kepolisian sektor",
    "Kapolda": "kepala kepolisian daerah",
    "Kapolres": "kepala kepolisian resor",
    "Kapolsek": "kepala kepolisian sektor",
    "Pemprov": "pemerintah provinsi",
    "Pemkot": "pemerintah kota",
    "Pemkab": "pemerintah kabupaten",
    "Pemda": "pemerintah daerah",
    "Kemenkes": "kementerian kesehatan",
    "Kemenkeu": "kementerian keuangan",
    "Kemenhub": "kementerian perhubungan",
    "Kemenag": "kementerian agama",
    "Kemensos": "kementerian sosial",
    "Kemendagri": "kementerian dalam negeri",
    "Kemenlu": "kementerian luar negeri",
    "Kemenhan": "kementerian pertahanan",
    "Kementan": "kementerian pertanian",
    "Kemendag": "kementerian perdagangan",
    "Kemenperin": "kementerian perindustrian",
    "Kemnaker": "kementerian ketenagakerjaan",
    "Kejagung": "kejaksaan agung",
    "Kejati": "kejaksaan tinggi",
    "Kejari": "kejaksaan negeri",
    "Tipikor": "tindak pidana korupsi",
    "Lapas": "lembaga pemasyarakatan",
    "Rutan": "rumah tahanan",
    "LSM": "lembaga swadaya masyarakat",
    "Ormas": "organisasi kemasyarakatan",
    # health, schools, civil life
    "RS": "rumah sakit",
    "RSUD": "rumah sakit umum daerah",
    "Puskesmas": "pusat kesehatan masyarakat",
    "DBD": "demam berdarah dengue",
    "ISPA": "infeksi saluran pernapasan akut",
    "SD": "sekolah dasar",
    "SMP": "sekolah menengah pertama",
    "SMA": "sekolah menengah atas",
    "SMK": "sekolah menengah kejuruan",
    "PTN": "perguruan tinggi negeri",
    "PPDB": "penerimaan peserta didik baru",
    "SPMB": "sistem penerimaan murid baru",
    "ASN": "aparatur sipil negara",
    "PNS": "pegawai negeri sipil",
    "WNA": "warga negara asing",
    "WNI": "warga negara indonesia",
    "KTP": "kartu tanda penduduk",
    "SIM": "surat izin mengemudi",
    "TPS": "tempat pemungutan suara",
    "Pilkada": "pemilihan kepala daerah",
    "Pilpres": "pemilihan presiden",
    "Pemilu": "pemilihan umum",
    "KUHP": "kitab undang hukum pidana",
    "UU": "undang",
    "Perda": "peraturan daerah",
    "Perpres": "peraturan presiden",
    "OTT": "operasi tangkap tangan",
    "Karhutla": "kebakaran hutan lahan",
    "PLTU": "pembangkit listrik tenaga uap",
    "PLTS": "pembangkit listrik tenaga surya",
    "KRL": "kereta rel listrik",
    "IKN": "ibu kota nusantara|ibukota nusantara",
    # regions
    "DKI": "daerah khusus ibu kota|daerah khusus ibukota",
    "NTT": "nusa tenggara timur",
    "NTB": "nusa tenggara barat",
    "Jabar": "jawa barat",
    "Jateng": "jawa tengah",
    "Jatim": "jawa timur",
    "Sulsel": "sulawesi selatan",
    "Sumut": "sumatera utara",
    "Sumbar": "sumatera barat",
    "Kaltim": "kalimantan timur",
    # English wire copy
    "GDP": "gross domestic product",
    "CPI": "consumer price index",
    "CEO": "chief executive officer",
    "NGO": "non governmental organisation|non governmental organization",
}


def _pattern(abbr: str) -> re.Pattern:
    # all-capitals forms are matched as written ("MA" is not "ma"); "Pemprov" in any case
    flags = 0 if abbr.isupper() else re.IGNORECASE
    return re.compile(rf"(?<![\w-]){re.escape(abbr)}(?![\w-])", flags)


def _spelling(forms: str) -> re.Pattern:
    # each form's words in order, "dan"/"and" allowed between them and a word doubled with a
    # hyphen ("anggaran pendapatan dan belanja negara", "Kitab Undang-Undang Hukum Pidana")
    word = lambda w: rf"{re.escape(w)}(?:-{re.escape(w)})?"  # noqa: E731
    alts = [r"(?:\W+(?:dan|and)\b)?\W+".join(map(word, f.split())) for f in forms.split("|")]
    return re.compile(r"\b(?:" + "|".join(alts) + r")\b", re.IGNORECASE)


# an entry's forms are separated by "|"; its words are those of every form
_TABLE = tuple((abbr, _pattern(abbr), frozenset(forms.replace("|", " ").split())) for abbr, forms in ABBREVIATIONS.items())
_SPELT = {abbr: _spelling(forms) for abbr, forms in ABBREVIATIONS.items()}


@lru_cache(maxsize=4096)
def in_text(text: str) -> tuple[tuple[str, frozenset[str]], ...]:
    """The abbreviations that ``text`` uses, each with the (lower-case) words it stands for."""
    return tuple((abbr, words) for abbr, rx, words in _TABLE if rx.search(text))


def spelt_out(abbr: str, text: str) -> bool:
    """Whether ``text`` spells ``abbr`` out: its words in order ("produk domestik bruto", not
    "produk domestik regional bruto", which is another measure)."""
    rx = _SPELT.get(abbr)
    return bool(rx and rx.search(text))
