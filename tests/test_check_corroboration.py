"""Issue #18: the check searches every supplied source; other sources that support or contradict a
claim are listed as corroboration, and a claim whose cited source is missing is never silently
not_found."""

from __future__ import annotations

from pathlib import Path

from service import prepare
from service.attribution import attribute
from service.sourcecheck import Checker, load_source
from service.sourcecheck.embed import LexicalSimilarity

FIX = Path(__file__).parent / "fixtures"
ARTICLE = ("Banjir di Semarang\n\n"
           "Hujan deras mengguyur Semarang sejak Senin malam.\n\n"

           "Kepala BPBD Kota Semarang, Endro Wibowo, mengatakan banjir merendam 1.200 rumah di enam kecamatan.")
KOMPAS = "Hujan deras mengguyur Semarang sejak Senin malam. Warga mengungsi ke masjid terdekat."
ANTARA = ("Banjir merendam 1.200 rumah di enam kecamatan di Kota Semarang, kata Kepala BPBD Kota Semarang Endro "
          "Wibowo. Air mulai surut pada Rabu pagi.")


def _check(docs):
    art = attribute(prepare(ARTICLE))
    checker = Checker(similarity=LexicalSimilarity(), nli=None)
    return {a.speaker.name or a.source.name: a.check for a in checker.check_article(art, docs).attributions}


def test_uncited_source_is_listed_as_corroboration_and_no_source_is_kept():
    docs = [load_source("Kompas", KOMPAS, lang="id"), load_source("Antara", ANTARA, lang="id")]
    checks = _check(docs)
    endro = checks["Endro Wibowo"]
    assert endro.verdict == "no_source"  # his own statement was not supplied…
    assert [(c.source, c.verdict) for c in endro.corroboration] == [("Antara", "supported")]  # …but Antara carries it
    assert "corroborated by Antara" in endro.reason
    d = endro.to_dict()
    assert d["corroboration"][0]["source"] == "Antara" and d["corroboration"][0]["evidence"]["text"].startswith("Banjir")
    assert list(checks) == ["Endro Wibowo"]


def test_seed_police_chief_claim_is_corroborated_by_reuters(seed_path):
    import service

    r = service.check(seed_path, {"BBC": FIX / "seed-source-bbc.txt", "Reuters": FIX / "seed-source-reuters.txt"},
                      translations=FIX / "seed-translations.tsv")
    chief = next(a for a in r.article.attributions if a.speaker.name == "Kanat Taimerdenov")
    assert chief.check.sources == ("BBC",) and chief.check.verdict == "partly_supported"  # BBC says 300
    assert [(c.source, c.verdict) for c in chief.check.corroboration] == [("Reuters", "supported")]
    md = r.to_markdown()
    assert "corroborated by Reuters (supported)" in md


def test_an_official_site_is_checked_against_its_owners_text():
    """"Dikutip dari laman resmi Kementerian Kesehatan": the ministry's supplied text (by its name or
    its registry alias) is the cited source, not a corroborating one."""
    art = attribute(prepare("Kasus DBD naik\n\nDikutip dari laman resmi Kementerian Kesehatan, kasus DBD naik 20 persen "
                            "pada Januari.\n\nWarga diminta menguras bak mandi."))
    checker = Checker(similarity=LexicalSimilarity(), nli=None)
    for name in ("Kementerian Kesehatan", "Kemenkes"):
        doc = load_source(name, "Kasus DBD naik 20 persen pada bulan Januari. Warga diminta waspada.", lang="id")
        (a,) = checker.check_article(art, [doc]).attributions
        assert a.source.type == "website" and a.check.verdict == "supported", (name, a.check)
        assert not a.check.corroboration
