"""Translation a newsroom can trust: protected spans, glossary, MT checks, confidence, quotes."""

from __future__ import annotations

import re

import pytest

from service import prepare, translate
from service.attribution import attribute
from service.translation import Translator
from service.translation.mtcheck import check_sentence
from service.translation.protect import load_glossary, protect, restore


class MarkerBackend:
    """A fake MT model: ``rewrite(masked_text) -> English``; records what it was given."""

    max_input_tokens = 512

    def __init__(self, rewrite):
        self.rewrite = rewrite
        self.seen: list[str] = []
        self.info = {"task": "translation", "id": "fake-markers", "revision": "0", "backend": "fake", "licence": "none"}

    def count_tokens(self, texts):
        return [len(t.split()) + 1 for t in texts]

    def translate_batch(self, texts):
        self.seen.extend(texts)
        return [self.rewrite(t) for t in texts]


def run(text, rewrite, **kw):
    be = MarkerBackend(rewrite)
    return translate(text, translator=Translator(be), **kw), be


@pytest.mark.parametrize("src,target", [
    ("Banjir merendam 1.500 rumah.", "1,500"),
    ("Inflasi 3,5 persen tahun ini.", "3.5 percent"),
    ("Anggaran Rp 2 miliar disiapkan.", "Rp 2 billion"),
    ("Sebanyak 1.250.000 warga terdampak.", "1,250,000"),
    ("Harga Rp1.500 per liter.", "Rp 1,500"),
    ("Sejak 1991 ia berkuasa.", "1991"),
])
def test_number_formats_become_english(src, target):
    masked, slots = protect(src)
    assert "⟦1⟧" in masked
    out, lost = restore(masked, slots)
    assert target in out and not lost


@pytest.mark.parametrize("term,english", [
    ("Organisasi Perjanjian Keamanan Kolektif", "Collective Security Treaty Organization"),
    ("Departemen Luar Negeri AS", "US State Department"),
    ("Bank Dunia", "World Bank"),
])
def test_default_glossary_applied(term, english):
    r, be = run(f"Judul Berita Uji\n\nMenurut {term}, situasi terkendali.", lambda t: t)
    assert term not in " ".join(be.seen) and english in r.article.sentences[0].translation


def test_user_glossary_tsv_and_csv(tmp_path):
    tsv = tmp_path / "g.tsv"
    tsv.write_text("# comment\npasukan penjaga perdamaian\tpeacekeepers\n", encoding="utf-8")
    csvf = tmp_path / "g.csv"
    csvf.write_text("jam malam,curfew\n", encoding="utf-8")
    assert load_glossary(tsv)["pasukan penjaga perdamaian"] == "peacekeepers"
    assert load_glossary(csvf, include_default=False) == {"jam malam": "curfew"}
    r, _ = run("Judul Berita Uji\n\nAliansi mengirim pasukan penjaga perdamaian.", lambda t: t, glossary=tsv)
    assert "peacekeepers" in r.article.sentences[0].translation


SRC = "Kepala polisi kota, Kanat Taimerdenov, mengatakan 500 warga sipil diserang di Almaty."
GOOD = "The city police chief, ⟦1⟧, said ⟦2⟧ civilians were attacked in Almaty."


def test_correct_translation_raises_no_issue():
    a = attribute(prepare(SRC))
    names = {"Kanat Taimerdenov", "Almaty"}
    masked, slots = protect(SRC, names)
    good = masked.replace("Kepala polisi kota, ", "The city police chief, ").replace(" mengatakan ", " said ") \
        .replace(" warga sipil diserang di ", " civilians were attacked in ")
    out, lost = restore(good, slots)
    assert not lost and "Kanat Taimerdenov" in out and "500" in out
    assert check_sentence(SRC, out, 0, names) == []
    assert a.attributions[0].speaker.name == "Kanat Taimerdenov"


@pytest.mark.parametrize("bad,code", [
    ("The city police chief, Kanat Taimerdenov, said 50 civilians were attacked in Almaty.", "number_changed"),
    ("The city police chief said 500 civilians were attacked in Almaty.", "name_missing"),
    ("The city police chief, Kanat Taimerdenov, said civilians were attacked in Almaty.", "number_missing"),
    ("The police chief, Kanat Taimerdenov, said 500 civilians, 500 civilians, were attacked in Almaty.", "number_duplicated"),
    ("The city police chief, Kanat Taimerdenov, said 500 civilians were attacked in Almaty on 12 roads.", "number_extra"),
    ("The city police chief Kanat Taimerdenov said yang 500 civilians dan attacked in Almaty.", "untranslated"),
    ("The police police police police chief Kanat Taimerdenov said 500 civilians were attacked in Almaty.", "repetition"),
])
def test_faults_in_a_translation_are_issues(bad, code):
    issues = check_sentence(SRC, bad, 3, {"Kanat Taimerdenov", "Almaty"})
    assert code in {i.code for i in issues}
    assert all(i.sentence == 3 for i in issues)


SEED_NAMES = ["Kassym-Jomart Tokayev", "Nikol Pashinyan", "Kanat Taimerdenov", "CSTO", "OSCE", "1991", "2019", "500"]


def test_seed_names_survive_when_the_model_keeps_markers(seed_bytes):
    r, be = run(seed_bytes, lambda t: "EN: " + t)  # copies markers, as MT models copy tags
    english = " ".join(s.translation for s in r.article.sentences)
    for name in SEED_NAMES:
        assert name in english, name
    assert all(n not in " ".join(be.seen) for n in ("Kanat Taimerdenov", "Nikol Pashinyan")), "names went through as markers"
    assert not [i for i in r.article.issues if i.code in ("protected_lost", "name_missing")]


def test_seed_every_lost_marker_is_flagged(seed_bytes):
    r, _ = run(seed_bytes, lambda t: re.sub(r"⟦\d+⟧", "", t))  # a model that drops them
    flagged = " ".join(i.data.get("text", "") + " " + i.data.get("name", "") for i in r.article.issues)
    for name in SEED_NAMES:
        assert name in flagged, name


def test_confidence_and_quotes_in_the_report(tiny_marian, seed_bytes):
    from .conftest import FAST

    r = translate(seed_bytes, model=str(tiny_marian), generation=FAST)
    sents = r.to_dict()["article"]["sentences"]
    assert all(0.0 <= s["confidence"] <= 1.0 for s in sents)
    r2, _ = run("Judul Berita Uji\n\n“Kami siap bertindak,” kata Budi Santoso.", lambda t: t.replace("“Kami siap bertindak,”", "“We are ready to act,”"))
    q = r2.article.sentences[0].quotes[0]
    assert q["source"] == "Kami siap bertindak," and q["translation"] == "We are ready to act,"


def test_protection_can_be_switched_off():
    r, be = run("Judul Berita Uji\n\nBanjir merendam 1.500 rumah.", lambda t: t, protect=False)
    assert "1.500" in " ".join(be.seen) and "⟦" not in " ".join(be.seen)


def test_alternatives_n_best(tiny_marian):
    r = translate("Judul Berita Uji\n\nHarga naik tajam. Warga protes.", model=str(tiny_marian),
                  generation={"num_beams": 2, "max_new_tokens": 6}, alternatives=3)
    for s in r.to_dict()["article"]["sentences"]:
        assert len(s["alternatives"]) == 3 and s["translation"]


# Regressions found in review.
@pytest.mark.parametrize("text", ["pukul 10.30 WIB", "skor 123.45", "jam 09.00-12.00"])
def test_times_and_decimals_are_not_split_into_markers(text):
    assert protect(text) == (text, [])


def test_titles_and_institutions_are_left_to_the_model():
    from service.translation.translator import protected_names

    a = attribute(prepare("Judul Uji\n\nHal itu disampaikan Menteri Kesehatan Budi Gunadi Sadikin kepada wartawan. "
                          "Kementerian Perdagangan menolak. “Rugi besar,” kata Sri Mulyani."))
    names = protected_names(a)
    assert {"Budi Gunadi Sadikin", "Sri Mulyani"} <= names
    assert not any(n.startswith(("Menteri", "Kementerian")) or n.endswith(".") for n in names)


def test_alternatives_skip_sentences_longer_than_the_window(tiny_marian):
    long = " ".join(["harga bahan bakar naik di kota"] * 200)
    r = translate(f"Judul Uji\n\n{long}. Warga protes.", model=str(tiny_marian),
                  generation={"num_beams": 2, "max_new_tokens": 4}, alternatives=2)
    s = r.article.sentences
    assert s[0].translation and s[0].alternatives == () and len(s[1].alternatives) == 2
