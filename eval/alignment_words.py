"""Build the aligner's Indonesian→English word list (service/translation/align_words.tsv).

    python -m eval.alignment_words [--data-root DIR]

From TICO-19 (CC0 1.0: free of conditions), all of its units except the ones ``lintas eval
alignment`` scores (Wikinews and ``wiki_*``): PubMed, Wikipedia_handpicked, Wikivoyage, CMU and
Wikisource, 2,322 sentence pairs. For each Indonesian word, the English words it co-occurs with
in translated sentence pairs, scored by Dice (2·c(x,y) / (c(x)+c(y))); kept when c(x,y) ≥ 3 and
Dice ≥ 0.3, the best two per word; pairs the aligner already matches as cognates (the same
normalised five-letter prefix) are left out. Then the hand-written core of news words in
HAND below (written for lintas; no source) is added. Deterministic: the same data give the same file.
"""

from __future__ import annotations

import argparse
import csv
import re
from collections import Counter
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "service" / "translation" / "align_words.tsv"
HELD_OUT = re.compile(r"^(?:Wikinews|wiki)_")

# Frequent news words (Indonesian → English), written for lintas.
HAND = """
mengatakan said|says|say|told
kata said|says
ujar said
ucap said
menurut according
pemerintah government
pemerintahan government|administration
negara country|state|nation
presiden president
menteri minister
kementerian ministry
polisi police
kepolisian police
warga residents|citizens|people
masyarakat public|people|community
pengunjuk protesters
rasa protesters
unjuk protest
kerusuhan unrest|riots
pasukan troops|forces
tentara soldiers|army
keamanan security
perdamaian peace
bantuan help|aid|assistance
meminta asked|asks|requested
harga price|prices
bahan fuel|materials
bakar fuel
kenaikan rise|increase
naik rose|rise|up
turun fell|down
kota city|town
daerah region|area
wilayah region|territory
ibu capital
pemilihan election
pemilu election
partai party
gedung building
kantor office
walikota mayor
hari day
tahun year|years
bulan month|months
minggu week|weeks|sunday
pekan week
lalu last|ago
kemarin yesterday
sekarang now
juru spokesperson|spokesman|spokeswoman
bicara spokesperson|spokesman|speak
pernyataan statement
laporan report|reports
dilaporkan reported|reportedly
dikabarkan reportedly
diduga allegedly|suspected
membantah denied
menolak rejected|refused
tewas killed|dead
meninggal died|dead
korban victims|casualties
luka injured|wounded
ditangkap arrested
penjara prison
pengadilan court
hakim judge
hukum law
undang law
dunia world
internasional international
luar foreign|outside
dalam inside|interior
negeri country|affairs
asing foreign
perusahaan company
ekonomi economy|economic
pasar market
saham shares|stock
uang money
dolar dollars|dollar
rupiah rupiah
persen percent
juta million
miliar billion
ribu thousand
ratus hundred
puluhan dozens|tens
ratusan hundreds
ribuan thousands
jutaan millions
pertama first
kedua second
ketiga third
baru new|newly
besar large|big|major
kecil small
tinggi high
rendah low
banyak many|much
sedikit few|little
semua all
beberapa several|some
setiap every|each
tidak not|no
tak not|no
bukan not
belum yet|not
sudah already
telah has|have|had
akan will|would
bisa can|could
dapat can|could
harus must|should
ingin want|wants
mengirim send|sent
dikirim sent
menyerang attacked|attack
serangan attack|attacks
perang war
militer military
senjata weapons|arms
ledakan explosion|blast
kebakaran fire
banjir flood|floods
gempa earthquake|quake
bencana disaster
rumah house|home|homes
sakit hospital|sick|ill
rumah_sakit hospital
sekolah school
anak child|children
perempuan women|woman
wanita women|woman
laki men|man
pria man|men
orang people|person
tua old
muda young
jalan street|road|streets
udara air
laut sea
darat land
pulau island
provinsi province
kabupaten regency|district
desa village
kepala head|chief
ketua chairman|head|leader
pemimpin leader|leaders
pimpinan leadership|led
dipimpin led
aliansi alliance
kelompok group
organisasi organization|organisation
lembaga institute|institution|agency
pakar expert
ahli expert
peneliti researcher|researchers
penelitian research|study
berita news
media media
televisi television|televised
video video
gambar images|pictures|picture
foto photo|photos
asap smoke
tembakan shots|gunfire
api fire
air water
meriam cannon|cannons
patung statue
monumen monument
kemerdekaan independence
demokrasi democracy
reformasi reform|reforms
kemarahan anger
protes protest|protests
darurat emergency
jam hour|hours|curfew
malam night|curfew
pagi morning
siang afternoon
sore afternoon|evening
larangan ban
pertemuan meeting|gathering
sidang session|trial
rapat meeting
perjanjian treaty|agreement
kesepakatan agreement|deal
kolektif collective
bekas former
mantan former
pendahulunya predecessor
dipecat dismissed|sacked|fired
mengundurkan resigned
mundur resigned|resign
jabatan post|office
rakyat people
nasional national
daerah regional
global global
kesehatan health
virus virus
vaksin vaccine|vaccines
pandemi pandemic
kasus cases|case
positif positive
dokter doctor|doctors
obat drug|drugs|medicine
apa what
siapa who
mengapa why
bagaimana how
katakan say|said
lakukan do|doing
melakukan do|did|carried
kehidupan life|lives
hidup life|live|living
sehari everyday|daily
pertandingan match|game|games
permainan game|games
nama name|names
mungkin may|might|perhaps|possibly
selalu always
sendiri alone|own|itself
penjara prison|jail
kesepian lonely
babi pig|pigs
anjing dog|dogs
makan eat|eating
makanan food
minum drink
uang money
bekerja work|worked|working
pekerjaan job|jobs|work
waktu time
tempat place|places
cara way|ways
baik good|well
buruk bad
benar true|right
salah wrong
mudah easy
sulit difficult|hard
cepat fast|quickly
lama long|old
panjang long
jauh far
dekat near|close
datang come|came
pergi go|went
melihat see|saw|seen
mendengar hear|heard
tahu know|knew
berpikir think|thought
percaya believe|trust
suka like|likes
cinta love
murah cheap|inexpensive
mahal expensive
hari day|days|today
kecil small|little
luar outside|foreign|extraordinary
biasa usual|ordinary|unusual
sepadan worth
semoga hope
langka rare
nyata real|obvious
""".strip()

_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")


def _norm(w: str) -> str:
    from service.translation.align import normalise_word

    return normalise_word(w)


def build(tsv: Path) -> list[tuple[str, list[str]]]:
    with tsv.open(encoding="utf-8", newline="") as f:
        rows = [r for r in csv.DictReader(f, delimiter="\t") if not HELD_OUT.match(r["tuid"])]
    cx, cy, cxy = Counter(), Counter(), Counter()
    for r in rows:
        xs = {w.lower() for w in _WORD.findall(r["id"]) if len(w) >= 3}
        ys = {w.lower() for w in _WORD.findall(r["en"]) if len(w) >= 3}
        cx.update(xs)
        cy.update(ys)
        cxy.update((x, y) for x in xs for y in ys)
    best: dict[str, list[tuple[float, str]]] = {}
    for (x, y), c in cxy.items():
        if c < 3:
            continue
        d = 2 * c / (cx[x] + cy[y])
        if d >= 0.3 and _norm(x) != _norm(y):
            best.setdefault(x, []).append((d, y))
    learned = [(x, [y for _, y in sorted(v, key=lambda t: (-t[0], t[1]))[:2]]) for x, v in best.items()]
    return sorted(learned), len(rows)


def main(argv=None) -> int:
    from .common import data_root

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data-root", default=None)
    args = ap.parse_args(argv)
    tsv = data_root(args.data_root) / "tico19_en_id" / "derived_tico19_en_id.tsv"
    learned, n = build(tsv)
    words: dict[str, list[str]] = {x: ys for x, ys in learned}
    for line in HAND.splitlines():
        x, ys = line.split()
        words[x] = list(dict.fromkeys(ys.split("|") + words.get(x, [])))
    with OUT.open("w", encoding="utf-8") as f:
        f.write(f"# Indonesian→English word list for the aligner: built by eval/alignment_words.py from TICO-19 (CC0 1.0;\n"
                f"# {n} pairs, its Wikinews and wiki_* units held out for lintas eval alignment) plus a hand-written core of\n"
                f"# news words. id<TAB>en|en…\n")
        for x in sorted(words):
            f.write(f"{x}\t{'|'.join(words[x])}\n")
    print(f"wrote {OUT} ({len(words)} words; {len(learned)} learned from {n} TICO-19 pairs)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
