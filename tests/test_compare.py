"""lintas compare / service.compare_translations: translations side by side, disagreements per sentence."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .conftest import FIXTURES

DATA = Path(__file__).resolve().parent / "data" / "alignment"
SEED_EN = DATA / "seed-en.txt"


def _edited(tmp_path) -> Path:
    """The seed's English with one number changed, one name dropped, one "reportedly" added and
    one sentence left out."""
    text = SEED_EN.read_text(encoding="utf-8")
    for old, new in [("attacked 500 civilians", "attacked 600 civilians"),
                     ("Armenian Prime Minister Nikol Pashinyan,", "the Armenian Prime Minister,"),
                     ("Water cannon were used", "Water cannon were reportedly used"),
                     (" The internet is also reported to have been cut off nationwide.", "")]:
        assert old in text
        text = text.replace(old, new)
    p = tmp_path / "b.txt"
    p.write_text(text, encoding="utf-8")
    return p


def _index(article, needle: str) -> int:
    return next(s.index for s in article.sentences if needle in s.text)


def test_exactly_the_four_edits_are_found_on_the_right_sentences(seed_path, tmp_path):
    from service import compare_translations, prepare

    art = prepare(seed_path)
    c = compare_translations(seed_path, [SEED_EN, _edited(tmp_path)])
    assert c.systems == ("seed-en.txt", "b.txt")
    found = sorted((d.kind, u.sentences, d.systems) for u in c.units for d in u.disagreements)
    want = sorted([
        ("number", (_index(art, "500 warga sipil"),), ("b.txt",)),
        ("name", (_index(art, "Nikol Pashinyan"),), ("b.txt",)),
        ("hedge", (_index(art, "Meriam air"),), ("b.txt",)),
        ("omission", (_index(art, "Jaringan internet"),), ("b.txt",)),
    ])
    assert found == want
    assert c.counts["b.txt"] == {"number": 1, "name": 1, "quote": 0, "negation": 0, "hedge": 1, "omission": 1}
    assert sum(c.counts["seed-en.txt"].values()) == 0
    name = next(d for u in c.units for d in u.disagreements if d.kind == "name")
    assert name.detail["names"]["seed-en.txt"] == ["Nikol", "Pashinyan"]
    number = next(d for u in c.units for d in u.disagreements if d.kind == "number")
    assert number.detail["values"] == {"seed-en.txt": [500.0], "b.txt": [600.0]}


def test_equal_texts_have_no_disagreement(seed_path):
    from service import compare_translations

    c = compare_translations(seed_path, [SEED_EN, FIXTURES / "seed-translations.tsv"])
    assert not [d for u in c.units for d in u.disagreements]
    assert "0 disagreement(s) (none)" in c.summary_line()


def test_a_merge_in_one_translation_compares_the_merged_sentences_as_one(seed_path):
    from service import compare_translations
    from service.options import EnglishText

    text = SEED_EN.read_text(encoding="utf-8")
    merged = text.replace("fuel prices, but have spread to include other political grievances.\n\nPresident Tokayev claimed",
                          "fuel prices, but have spread to include other political grievances, and President Tokayev claimed")
    assert merged != text
    c = compare_translations(seed_path, [SEED_EN, EnglishText(merged, name="merged")])
    unit = next(u for u in c.units if len(u.sentences) == 2)
    assert unit.sentences == (2, 3)
    assert not unit.disagreements  # the same names, numbers and quotes, in one sentence instead of two


def test_reference_gives_chrf_per_sentence_and_per_translation(seed_path, tmp_path):
    from service import compare_translations

    c = compare_translations(seed_path, [SEED_EN, _edited(tmp_path)], reference=SEED_EN)
    assert c.chrf["seed-en.txt"] == pytest.approx(100.0)
    assert c.chrf["b.txt"] < 100.0
    assert all(u.chrf["seed-en.txt"] == pytest.approx(100.0) for u in c.units)


def test_one_translation_alone_is_refused(seed_path):
    from service import compare_translations
    from service.errors import InputError

    with pytest.raises(InputError, match="two translations"):
        compare_translations(seed_path, [SEED_EN])


def test_cli_compare_json_markdown_and_text(seed_path, tmp_path, capsys):
    from service.cli import main

    b = _edited(tmp_path)
    assert main(["compare", str(seed_path), "--translations", str(SEED_EN), "--translations", str(b), "--json"]) == 0
    d = json.loads(capsys.readouterr().out)
    assert d["counts"]["b.txt"]["number"] == 1 and d["schema"] == "lintas.compare/1"
    assert main(["compare", str(seed_path), "--translations", str(SEED_EN), "--translations", str(b), "--markdown",
                 "--label", "A", "--label", "B"]) == 0
    md = capsys.readouterr().out
    assert "| # | Indonesian | A | B | disagreements |" in md and "**Summary:** A: 0 disagreement(s)" in md
    assert main(["compare", str(seed_path), "--translations", str(SEED_EN), "--translations", str(b)]) == 0
    out = capsys.readouterr().out
    assert "! omission (b.txt)" in out and out.strip().endswith("4 disagreement(s) (1 number, 1 name, 1 hedge, 1 omission)")
    assert main(["compare", str(seed_path), "--translations", str(SEED_EN)]) == 2


def test_compare_with_a_model(seed_path, tiny_marian):
    from service import compare_translations

    c = compare_translations(seed_path, [SEED_EN], model=tiny_marian, generation={"num_beams": 1, "max_new_tokens": 8})
    assert len(c.systems) == 2 and c.systems[1].startswith("model:")
    assert all(set(u.english) == set(c.systems) for u in c.units)


def test_rest_compare_equals_the_api(seed_path, tmp_path):
    from fastapi.testclient import TestClient

    from service import compare_translations
    from service.options import EnglishText
    from service.server import create_app

    a, b = SEED_EN.read_text(encoding="utf-8"), _edited(tmp_path).read_text(encoding="utf-8")
    text = seed_path.read_text(encoding="utf-8")
    c = TestClient(create_app(with_ui=False))
    r = c.post("/api/v1/compare", json={"text": text, "translations": {"staff": a, "wire": b}})
    assert r.status_code == 200, r.text
    api = compare_translations(text, [EnglishText(a, name="staff"), EnglishText(b, name="wire")], labels=["staff", "wire"])
    assert r.json() == json.loads(json.dumps(api.to_dict()))
    assert r.json()["counts"]["wire"]["number"] == 1
    one = c.post("/api/v1/compare", json={"text": text, "translations": {"staff": a}})
    assert one.status_code == 422 and "two translations" in one.json()["error"]["message"]
