"""Bring your own English: the English splitter, the aligner, and a whole English text as the
translation (tests/data/alignment: its PROVENANCE.md)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from .conftest import FIXTURES

DATA = Path(__file__).resolve().parent / "data" / "alignment"
SEED_EN = DATA / "seed-en.txt"
TSV = FIXTURES / "seed-translations.tsv"


def _pud() -> list[tuple[str, str]]:
    with (DATA / "ud-pud-news-40.tsv").open(encoding="utf-8", newline="") as f:
        return [(r["id"], r["en"]) for r in csv.DictReader(f, delimiter="\t")]


# ----------------------------------------------------------------------------- the English splitter

@pytest.mark.parametrize("text, want", [
    ("Prices rose. Residents protested.", ["Prices rose.", "Residents protested."]),
    ("Mr. Smith met Dr. Jones in St. Louis. They talked.", ["Mr. Smith met Dr. Jones in St. Louis.", "They talked."]),
    ("George W. Bush spoke. He left.", ["George W. Bush spoke.", "He left."]),
    ("The U.S. embassy said so. The U.N. agreed.", ["The U.S. embassy said so.", "The U.N. agreed."]),
    ("He moved to the U.S. The move was quick.", ["He moved to the U.S.", "The move was quick."]),
    ("“We are ready.” he said. Then he left.", ["“We are ready.” he said.", "Then he left."]),
    ("“We are ready,” he said. “Go!” She went.", ["“We are ready,” he said.", "“Go!”", "She went."]),
    ("It costs $1.5bn. See No. 5 on Jan. 6 at 3 p.m. today.", ["It costs $1.5bn.", "See No. 5 on Jan. 6 at 3 p.m. today."]),
    ("Wait... What happened? Nobody knows!", ["Wait...", "What happened?", "Nobody knows!"]),
    ("Visit https://example.com/a.b. Then stop.", ["Visit https://example.com/a.b.", "Then stop."]),
    ("  ", []),
])
def test_english_splitter(text, want):
    from service.translation.ensegment import segment_english, split_english

    assert split_english(text) == want
    assert all(text[a:b].strip() == text[a:b] for a, b in segment_english(text))  # spans, trimmed


# ----------------------------------------------------------------------------- the aligner

def _kinds(beads):
    return [(b.source, b.target) for b in beads]


def test_parallel_text_aligns_one_to_one():
    from service.translation.align import align

    pairs = _pud()[:30]
    beads = align([s for s, _ in pairs], [e for _, e in pairs])
    assert _kinds(beads) == [((i,), (i,)) for i in range(30)]
    assert all(b.score is not None and b.score >= 0.35 for b in beads)


def test_merge_split_drop_and_insertion_are_found():
    from service.translation.align import align

    pairs = _pud()[:30]
    src = [s for s, _ in pairs]
    en = [e for _, e in pairs]
    merged = en[:5] + [en[5].rstrip(".") + "; " + en[6]] + en[7:]  # 5+6 → one English sentence
    del merged[12]  # Indonesian 13 has no English now (merged index 12 ↔ Indonesian 13)
    merged.insert(20, "The weather in Helsinki was unusually warm for November, forecasters said.")
    beads = align(src, merged)
    got = _kinds(beads)
    assert ((5, 6), (5,)) in got
    assert ((13,), ()) in got
    assert ((), (20,)) in got
    assert sum(1 for s, t in got if len(s) == 1 and len(t) == 1) == 27


def test_numbers_and_names_anchor_across_languages():
    from service.translation.align import _id_units, _en_keys, parse_number

    assert parse_number("1.500,5", "id") == parse_number("1,500.5", "en") == 1500.5
    assert parse_number("3,5", "id") == parse_number("3.5", "en") == 3.5
    id_keys = set().union(*_id_units("Presiden Tokayev meminta bantuan 1.500 tentara pada hari Rabu."))
    en_keys, _ = _en_keys("President Tokayev asked for 1,500 soldiers on Wednesday.")
    assert {"#1500", "presi", "tocai", "wedne", "soldi"} <= id_keys & en_keys


def test_a_long_article_aligns_in_a_band():
    """A 1,200-sentence document (the 40 pairs, repeated) with a drop and an insertion: banded
    search, every sentence aligned as it should be (speed: eval/alignment.py, not asserted)."""
    from service.translation.align import align

    pairs = _pud() * 30
    src = [s for s, _ in pairs]
    en = [e for _, e in pairs]
    del en[600]
    en.insert(900, "An unrelated sentence about football results in Madrid.")
    beads = align(src, en)
    to = {i: b.target for b in beads for i in b.source}
    assert to[600] == ()
    assert all(to[i] == (i,) for i in range(600)) and all(to[i] == (i - 1,) for i in range(601, 900))
    assert ((), (900,)) in _kinds(beads)


# ----------------------------------------------------------------------------- a whole English text

def _seed_pairs() -> dict[str, str]:
    return dict(tuple(line.split("\t")[:2]) for line in TSV.read_text(encoding="utf-8").splitlines()[1:] if "\t" in line)


def test_seed_english_as_plain_text_aligns_as_the_tsv(seed_path):
    from service import translate

    text = translate(seed_path, translations=SEED_EN)
    pairs = translate(seed_path, translations=TSV)
    a, b = text.article, pairs.article
    assert [s.translation for s in a.sentences] == [s.translation for s in b.sentences]
    assert a.title_translation == b.title_translation
    assert [i.to_dict() for i in a.issues] == [i.to_dict() for i in b.issues]  # same MT checks, nothing more
    d = text.to_dict()["article"]
    assert d["alignment"]["method"] == "align/1"
    assert [bd["type"] for bd in d["alignment"]["beads"]] == ["1-1"] * len(a.sentences)
    assert all(bd["score"] >= 0.35 for bd in d["alignment"]["beads"])
    assert d["sentences"][3]["english"] == [4]  # English sentence 0 is the title
    assert pairs.to_dict()["article"]["alignment"] is None
    assert text.to_dict()["models"][0]["backend"] == "aligned"


def test_seed_with_a_merge_and_a_deletion(seed_path):
    from service import prepare, translate
    from service.options import EnglishText

    art = prepare(seed_path)
    pairs = _seed_pairs()
    en = [pairs[s.text] for s in art.sentences]
    # sentences 5 and 6 (one paragraph) become one English sentence; sentence 12's English is deleted
    assert art.sentences[5].paragraph == art.sentences[6].paragraph
    en[5] = en[5].rstrip(".") + ", and " + en[6][0].lower() + en[6][1:]
    blocks = [pairs[art.title]]
    for p in art.paragraphs:
        blocks.append(" ".join(en[s.index] for s in art.sentences_of(p.index) if s.index not in (6, 12)))
    r = translate(seed_path, translations=EnglishText("\n\n".join(b for b in blocks if b)))
    a = r.article
    assert a.sentences[5].translation == a.sentences[6].translation == en[5]
    assert a.sentences[5].merged_with == (6,) and a.sentences[6].merged_with == (5,)
    assert a.sentences[12].translation == "" and a.sentences[12].english == ()
    omitted = [i for i in a.issues if i.code == "omitted_in_translation"]
    assert [i.sentence for i in omitted] == [12]
    kinds = {b.kind for b in a.alignment.beads}
    assert kinds == {"1-1", "2-1", "1-0"}
    assert not [i for i in a.issues if i.code in ("weak_alignment", "added_in_translation", "translation_mismatch")]
    d = r.to_dict()["article"]["sentences"]
    assert d[5]["merged_with"] == [6] and d[5]["english"] == d[6]["english"]


# ----------------------------------------------------------------------------- bad input

def test_empty_english_is_a_clear_error(seed_path):
    from service import translate
    from service.errors import EnglishTextError
    from service.options import EnglishText

    with pytest.raises(EnglishTextError, match="empty"):
        translate(seed_path, translations=EnglishText("  \n\n "))


def test_indonesian_given_as_english_is_refused(seed_path):
    from service import translate
    from service.errors import EnglishTextError
    from service.options import EnglishText

    with pytest.raises(EnglishTextError, match="Indonesian"):
        translate(seed_path, translations=EnglishText(seed_path.read_text(encoding="utf-8")))


def test_another_articles_english_is_reported_not_paired_silently(seed_path):
    from service import translate
    from service.options import EnglishText

    other = "\n\n".join(e for _, e in _pud()[:27])
    a = translate(seed_path, translations=EnglishText(other)).article
    codes = [i.code for i in a.issues]
    assert "translation_mismatch" in codes
    # every sentence either has no English or a pairing flagged weak: nothing passes as aligned
    weak = {s for i in a.issues if i.code == "weak_alignment" for s in (i.sentences or (i.sentence,))}
    omitted = {i.sentence for i in a.issues if i.code == "omitted_in_translation"}
    assert weak | omitted >= {s.index for s in a.sentences} - {b.source[0] for b in a.alignment.beads
                                                                if b.source and b.score is not None and b.score >= 0.35}
    good = [b for b in a.alignment.beads if b.source and b.target and b.score >= 0.35]
    assert len(good) <= 3


def test_ten_times_longer_english_keeps_the_true_alignment(seed_path):
    from service import translate
    from service.options import EnglishText

    filler = [e for _, e in _pud()]
    seed_en = SEED_EN.read_text(encoding="utf-8")
    long_text = seed_en + "\n\n" + "\n\n".join(filler * 3)
    r = translate(seed_path, translations=EnglishText(long_text))
    a = r.article
    ref = translate(seed_path, translations=TSV).article
    assert [s.translation for s in a.sentences] == [s.translation for s in ref.sentences]
    codes = [i.code for i in a.issues]
    assert "translation_length_mismatch" in codes and "added_in_translation" in codes
    added = [i for i in a.issues if i.code == "added_in_translation"]
    assert len(added) == 1 and added[0].sentence == len(a.sentences) - 1


# ----------------------------------------------------------------------------- the path rule, surfaces

def test_translations_rule_paths_and_texts(tmp_path):
    from service.errors import ConfigError
    from service.options import EnglishText, english_text, translation_pairs

    assert english_text(SEED_EN).format == "text" and english_text(str(SEED_EN)).name == "seed-en.txt"
    md = tmp_path / "en.md"
    md.write_text("# Title\n\nPrices rose.\n", encoding="utf-8")
    assert english_text(str(md)).format == "markdown"
    assert english_text(TSV) is None and english_text(str(TSV)) is None  # pairs
    assert english_text("Prices rose.\nResidents protested.").text.startswith("Prices")
    e = EnglishText("Prices rose.")
    assert english_text(e) is e and translation_pairs(e) is None
    assert english_text({"a": "b"}) is None and english_text(None) is None
    with pytest.raises(ConfigError, match="Cannot read"):
        english_text(tmp_path / "missing.txt")


def test_cli_translations_accepts_an_english_document(seed_path, capsys):
    import json

    from service.cli import main

    assert main(["translate", str(seed_path), "--translations", str(SEED_EN), "--json"]) == 0
    d = json.loads(capsys.readouterr().out)
    assert d["article"]["alignment"]["beads"][0]["type"] == "1-1"
    assert d["models"][0]["backend"] == "aligned"


def test_summary_and_check_run_on_an_aligned_text(seed_path):
    from service import full_report

    r = full_report(seed_path, {"BBC": FIXTURES / "seed-source-bbc.txt"}, translations=SEED_EN, summary_backend="extractive")
    a = r.article
    assert a.summary is not None and a.summary.bullets
    assert any(x.text_en for x in a.attributions) and any(x.check is not None for x in a.attributions)


# ----------------------------------------------------------------------------- the evaluation

def test_eval_perturbations_keep_gold_beads_consistent():
    import random

    from eval.alignment import CASES, perturb, score_doc
    from service.translation.align import align

    doc = _pud()[:30]
    foreign = ["An unrelated sentence about football results in Madrid."]
    for case in CASES:
        src, tgt, gold = perturb(doc, case, random.Random(case), foreign)
        assert sorted(i for s, _ in gold for i in s) == list(range(30))  # every Indonesian sentence once
        assert sorted(j for _, t in gold for j in t) == list(range(len(tgt)))  # every English one once
        kinds = {f"{len(s)}-{len(t)}" for s, t in gold}
        assert {"clean": {"1-1"}, "merge": {"1-1", "2-1"}, "split": {"1-1", "1-2"}, "drop": {"1-1", "1-0"},
                "insert": {"1-1", "0-1"}}.get(case, kinds) == kinds
        s = score_doc(align(src, tgt), gold, len(src))
        assert s["exact"] >= 27  # on this slice: at most 3 of 30 sentences wrong, whatever the case


def test_eval_alignment_is_registered():
    from service.cli import build_parser

    args = build_parser().parse_args(["eval", "alignment", "--set", "ud-pud-news", "--case", "clean", "--no-speed"])
    assert args.set == ["ud-pud-news"] and args.case == ["clean"] and args.no_speed


def test_rest_takes_a_whole_english_text_and_never_reads_it_as_a_path(seed_path, tmp_path):
    """REST ``"english"`` is the text itself: the same report as the API's ``EnglishText``; a
    string that looks like a server path is text (and not English), never a file read."""
    from fastapi.testclient import TestClient

    from service import full_report
    from service.options import EnglishText
    from service.server import create_app

    english = (Path(__file__).parent / "data" / "alignment" / "seed-en.txt").read_text(encoding="utf-8")
    text = seed_path.read_text(encoding="utf-8")
    c = TestClient(create_app(with_ui=False))
    rest = c.post("/api/v1/report", json={"text": text, "english": english}).json()
    api = full_report(text, translations=EnglishText(english, name="<request>")).to_dict()
    for d in (rest, api):
        d.pop("timings")
    assert rest == api and rest["article"]["alignment"]
    secret = tmp_path / "secret.txt"
    secret.write_text("The launch codes are 1234.", encoding="utf-8")
    r = c.post("/api/v1/translate", json={"text": text, "english": str(secret)})
    assert "launch codes" not in r.text
    r = c.post("/api/v1/translate", json={"text": text, "english": english, "translations": [["a", "b"]]})
    assert r.status_code == 422 and "not both" in r.json()["error"]["message"]
