"""The side-by-side source check: verdicts and differences, routing, the seed article."""

from __future__ import annotations

import json

import pytest

from service import check
from service.sourcecheck import Checker, load_source
from service.sourcecheck.anchors import extract, numbers

from .conftest import FIXTURES

SOURCE_EN = """Floods in Bekasi: thousands displaced

Floods have submerged around 1,500 homes in three districts of Bekasi since Monday morning, officials said.

The head of the local disaster agency, Ahmad Fauzi, said 320 residents had been evacuated to shelters. "We are monitoring the water level around the clock," he said.

Heavy rain may continue until Wednesday, according to the meteorology agency BMKG.

The mayor said the city had set aside an emergency budget of 2 billion rupiah for affected families.

Officials denied that the Cikeas dam had been opened during the storm.
"""

SOURCE_ID = """Siaran Pers Dinas Kesehatan

Dinas Kesehatan Kota Bekasi mencatat 45 warga terserang diare di lokasi pengungsian hingga Selasa.

Kepala Dinas Kesehatan, Rina Kartika, menyatakan persediaan obat di posko masih mencukupi.

Tim medis akan disiagakan di setiap posko selama masa tanggap darurat.
"""


@pytest.fixture(scope="module")
def checker():
    return Checker()


@pytest.fixture(scope="module")
def docs():
    return {"Reuters": load_source("Reuters", SOURCE_EN), "Dinas Kesehatan": load_source("Dinas Kesehatan", SOURCE_ID)}


CASES = [
    # (claim id, claim en, kind, source, verdict, difference type or None)
    ("Banjir merendam sekitar 1.500 rumah di tiga kecamatan sejak Senin pagi.",
     "Floods have submerged around 1,500 homes in three districts since Monday morning.", "indirect", "Reuters", "supported", None),
    ("Banjir merendam sekitar 1.200 rumah di tiga kecamatan sejak Senin pagi.",
     "Floods have submerged around 1,200 homes in three districts since Monday morning.", "indirect", "Reuters", "partly_supported", "number"),
    ("Kepala badan penanggulangan bencana, Budi Hartono, mengatakan 320 warga telah dievakuasi.",
     "The head of the disaster agency, Budi Hartono, said 320 residents had been evacuated.", "indirect", "Reuters", "partly_supported", "name"),
    ("Hujan lebat akan terus turun hingga Rabu.",
     "Heavy rain will continue until Wednesday.", "according_to", "Reuters", "partly_supported", "qualifier"),
    ("“Kami akan memompa seluruh air dalam dua hari,” kata Ahmad Fauzi.",
     "\"We will pump out all the water within two days,\" said Ahmad Fauzi.", "direct_quote", "Reuters", "partly_supported", "quote"),
    ("“Kami memantau ketinggian air sepanjang waktu,” kata Ahmad Fauzi.",
     "\"We are monitoring the water level around the clock,\" said Ahmad Fauzi.", "direct_quote", "Reuters", "supported", None),
    ("Pemerintah kota menyiapkan anggaran darurat sebesar Rp 2 miliar untuk keluarga terdampak.",
     "The city government has prepared an emergency budget of Rp 2 billion for affected families.", "indirect", "Reuters", "supported", None),
    ("Pejabat membenarkan bahwa bendungan Cikeas dibuka saat badai.",
     "Officials confirmed that the Cikeas dam was opened during the storm.", "indirect", "Reuters", "contradicted", None),
    ("Presiden akan mengunjungi lokasi banjir pada akhir pekan.",
     "The president will visit the flood site at the weekend.", "indirect", "Reuters", "not_found", None),
    ("Dinas Kesehatan mencatat 45 warga terserang diare di pengungsian.",
     "The health office recorded 45 residents with diarrhoea in the shelters.", "indirect", "Dinas Kesehatan", "supported", None),
    ("Dinas Kesehatan mencatat 54 warga terserang diare di pengungsian.",
     "The health office recorded 54 residents with diarrhoea in the shelters.", "indirect", "Dinas Kesehatan", "partly_supported", "number"),
]


@pytest.mark.parametrize("claim,claim_en,kind,source,verdict,diff", CASES, ids=[f"{c[4]}-{c[5] or ''}-{i}" for i, c in enumerate(CASES)])
def test_verdicts_and_differences(checker, docs, claim, claim_en, kind, source, verdict, diff):
    r = checker.check_claim(claim, claim_en, kind, [docs[source]])
    assert r.verdict == verdict, (r.reason, [d.to_dict() for d in r.differences])
    if diff:
        assert diff in {d.type for d in r.differences}
    if verdict != "not_found":
        assert r.evidence and r.evidence[0].source == source


def test_number_difference_names_both_values(checker, docs):
    r = checker.check_claim(CASES[1][0], CASES[1][1], "indirect", [docs["Reuters"]])
    d = [d for d in r.differences if d.type == "number"][0]
    assert (d.claim, d.source) == ("1.200", "1,500")


def test_no_source_when_the_cited_source_was_not_supplied(tmp_path):
    text = "Judul Berita Uji\n\nMenurut Bank Dunia, ekonomi Indonesia tumbuh 5 persen tahun ini."
    r = check(text, {"Reuters": SOURCE_EN.encode()}, translations=_tsv(tmp_path, text, "According to the World Bank, Indonesia's economy grew 5 percent this year."))
    [a] = r.article.attributions
    assert a.check.verdict == "no_source"
    assert a.check.sources == ()


def test_claim_routed_to_cited_source_and_relaying_outlet(tmp_path, checker):
    text = ("Judul Berita Uji\n\nSeperti dilansir dari Reuters, banjir merendam sekitar 1.500 rumah di Bekasi.\n\n"
            "Kepala BPBD, Ahmad Fauzi, mengatakan 320 warga telah dievakuasi.")
    en = ["As reported by Reuters, floods submerged around 1,500 homes in Bekasi.",
          "The head of the disaster agency, Ahmad Fauzi, said 320 residents had been evacuated."]
    r = check(text, {"Reuters": SOURCE_EN, "Ahmad Fauzi": "Ahmad Fauzi said 320 residents were evacuated."},
              translations=_tsv(tmp_path, text, *en), checker=checker)
    fauzi = [a for a in r.article.attributions if a.speaker.name == "Ahmad Fauzi"][0]
    assert set(fauzi.check.sources) == {"Ahmad Fauzi", "Reuters"}, "his own text and the outlet that relays the story"
    assert fauzi.check.verdict == "supported"


def _tsv(tmp_path, article_text: str, *english: str):
    from service import prepare

    a = prepare(article_text)
    p = tmp_path / "t.tsv"
    rows = [f"{a.title}\tTitle"] + [f"{s.text}\t{e}" for s, e in zip(a.sentences, english)]
    p.write_text("\n".join(rows), encoding="utf-8")
    return p


def test_seed_against_a_written_bbc_source(seed_path, capsys):
    """Mallinson and Pashinyan supported; the police chief's 500 (source: 300) is a number difference."""
    from service.cli import main

    code = main(["check", str(seed_path), "--source", f"BBC={FIXTURES / 'seed-source-bbc.txt'}",
                 "--translations", str(FIXTURES / "seed-translations.tsv"), "--json"])
    out = capsys.readouterr().out
    assert code == 0
    atts = {a["speaker"]["name"]: a for a in json.loads(out)["attributions"] if a["speaker"]["name"]}
    assert atts["Kate Mallinson"]["check"]["verdict"] == "supported"
    assert atts["Nikol Pashinyan"]["check"]["verdict"] == "supported"
    police = atts["Kanat Taimerdenov"]["check"]
    assert police["verdict"] == "partly_supported"
    assert {"type": "number", "claim": "500", "source": "300"} in police["differences"]
    assert police["evidence"][0]["source"] == "BBC" and "300 civilians" in police["evidence"][0]["text"]
    # relayed through the BBC ("Seperti dilansir dari BBC" at the top): every claim was checked
    assert all(a["check"]["verdict"] != "no_source" for a in atts.values())


@pytest.mark.parametrize("text,lang,values", [
    ("1.500 rumah dan 3,5 persen", "id", [1500, 3.5]),
    ("1,500 homes and 3.5 percent", "en", [1500, 3.5]),
    ("lima ratus warga", "id", [500]),
    ("seribu dua ratus lima puluh orang", "id", [1250]),
    ("five hundred residents", "en", [500]),
    ("Rp 2 miliar", "id", [2e9]),
    ("2 billion rupiah", "en", [2e9]),
    ("dua belas korban", "id", [12]),
])
def test_number_normalisation(text, lang, values):
    assert [n.value for n in numbers(text, lang)] == values


def test_dates_and_qualifiers():
    a = extract("Pada hari Rabu, 5 Januari 2022, ia mungkin datang.", "id")
    b = extract("On Wednesday, January 5, 2022, he may come.", "en")
    assert a.days == b.days == {3} and a.months == b.months == {1} and a.years == b.years == {2022}
    assert a.qualifiers == {"mungkin"} and b.qualifiers == {"may"}


class FakeNLI:
    """Records calls; returns queued scores (the real model is optional and not on CI)."""

    name = "nli:fake"

    def __init__(self, scores):
        self._scores = scores
        self.calls = []

    def scores(self, premise, hypothesis):
        self.calls.append((premise, hypothesis))
        return self._scores


def test_nli_when_present_decides_and_is_named_in_the_method(docs):
    base = Checker(nli=None)
    claim, claim_en = CASES[0][0], CASES[0][1]
    assert base.check_claim(claim, claim_en, "indirect", [docs["Reuters"]]).verdict == "supported"
    nli = FakeNLI({"entailment": 0.02, "neutral": 0.03, "contradiction": 0.95})
    with_nli = Checker(similarity=base.sim, nli=nli)
    r = with_nli.check_claim(claim, claim_en, "indirect", [docs["Reuters"]])
    assert r.verdict == "contradicted" and r.method.endswith("nli:fake")
    assert nli.calls and "1,500 homes" in nli.calls[0][0]


def test_checker_without_nli_files_runs_offline():
    from service import Registry
    from service.sourcecheck.nli import default_nli

    if Registry.load().default("nli").locate() is not None:
        pytest.skip("NLI weights are present on this machine")
    assert default_nli() is None  # no weights: anchors + embeddings decide, offline
    assert "nli" not in Checker().method


def test_an_empty_source_is_named_and_skipped(tmp_path):
    text = "Judul Berita Uji\n\nMenurut Reuters, banjir merendam 1.500 rumah."
    tsv = _tsv(tmp_path, text, "According to Reuters, floods submerged 1,500 homes.")
    r = check(text, {"Reuters": SOURCE_EN, "BBC": "   "}, translations=tsv)
    assert r.article.attributions[0].check.verdict == "supported"
    assert [i.data["source"] for i in r.article.issues if i.code == "source_unusable"] == ["BBC"]


def test_a_foreign_ministry_is_not_routed_to_indonesias(checker):
    from service import attributions

    a = attributions("Judul Uji\n\nPasukan akan ditarik bulan depan, kata Juru Bicara Kementerian Luar Negeri Rusia "
                     "Maria Zakharova.").article
    docs = [load_source("Kementerian Luar Negeri", "Kementerian Luar Negeri RI menyatakan WNI di Rusia aman.")]
    assert checker.route(a, a.attributions[0], docs) == []


@pytest.mark.parametrize("text,lang,values", [
    ("$3.5bn and 5m people", "en", [3.5e9, 5e6]),
    ("pada pukul 19.00 WIB, Senin (10/1/2022), 300 orang", "id", [300]),
])
def test_numbers_skip_dates_and_times_and_read_suffixes(text, lang, values):
    assert [n.value for n in numbers(text, lang)] == values


def test_source_cache_is_not_fooled_by_a_reused_id(checker):
    """Cached anchors/embeddings belong to one document object; another object that gets the
    same id() (after the first is freed) starts fresh."""
    a = load_source("A", "Floods submerged 1,500 homes.")
    b = load_source("B", "The president visited the dam.")
    checker._doc_cache(a)["doc"] = "stale"
    checker._cache[id(b)] = checker._cache.pop(id(a))  # as if b had been allocated at a's address
    assert "doc" not in checker._doc_cache(b)
