"""The fuzzing properties of eval/fuzz.py, with few examples, in the normal test run (the full
10,000-per-stage run is ``python -m eval.fuzz``). Regression cases the fuzzer found are pinned
below."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eval import fuzz

FEW = settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))


@FEW
@given(fuzz.article_input)
def test_ingest_property(data):
    fuzz.check_ingest(data)


@FEW
@given(fuzz.plain_text)
def test_ingest_keeps_every_word_of_plain_text(text):
    fuzz.check_ingest_keeps_words(text)


@FEW
@given(fuzz.article_input)
def test_segmentation_accounts_for_every_character(data):
    fuzz.check_segment(data)


@FEW
@given(fuzz.article_input)
def test_attribution_spans_in_bounds(data):
    fuzz.check_attribution(data)


@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.tuples(fuzz.article_input, fuzz.sources_strategy))
def test_check_gives_every_claim_a_verdict(args):
    fuzz.check_check(*args)


# ---- what the fuzzer found ---------------------------------------------------------------------

@pytest.mark.parametrize("data", [
    "<script>alert(1)</script> \x01 ",            # control character in HTML: lxml raised ValueError
    "<p>Harga\x00 naik \x1b lagi.</p>",
    "<p>Harga \ufffe naik.</p>",
])
def test_html_with_control_characters_is_cleaned_not_a_traceback(data):
    from service.errors import InputError
    from service.ingest import ingest

    try:
        a = ingest(data)
    except InputError:
        return
    assert "\x00" not in a.text and "\x1b" not in a.text and "\ufffe" not in a.text


def test_lone_surrogates_are_replaced_with_a_warning():
    """A JSON body may carry "\\ud800": it became a str the report could not encode as UTF-8
    (and in HTML, lxml dropped the rest of the paragraph)."""
    import json

    from service import attributions
    from service.ingest import ingest

    for text in ("Harga \ud800 naik kemarin.", "<p>Harga \ud800 naik kemarin.</p>"):
        a = ingest(text)
        assert a.text == "Harga \ufffd naik kemarin."
        assert [i.code for i in a.issues] == ["invalid_unicode"]
    json.dumps(attributions("Harga \udfff naik.").to_dict(), ensure_ascii=False).encode("utf-8")


def test_bidi_overrides_are_removed():
    """Trojan-source style overrides would make the shown text read differently from the stored."""
    from service.ingest import ingest

    assert ingest("Harga \u202enaik\u202c 5\u2066 persen.").text == "Harga naik 5 persen."


def test_continued_quote_keeps_the_cue_of_its_first_sentence():
    """The fuzzer's case 'A:mengatakan“. 0': the unclosed quote runs on into the next sentence,
    whose attribution points back at the cue in the first (continuation=True)."""
    fuzz.check_attribution("A:mengatakan“. 0")


def test_a_line_dropped_as_the_repeated_title_is_the_one_recorded():
    """'Chatham House' / '. .Chatham House': the title was the second line, the first was dropped,
    and the record named the second (which was kept)."""
    from service.ingest import ingest

    a = ingest("Chatham House\n. .Chatham House ")
    assert a.text == ". .Chatham House"
    assert list(a.meta.removed) == [{"text": "Chatham House", "reason": "repeated title"}]
    fuzz.check_ingest_keeps_words("Chatham House\n. .Chatham House ")


def test_lintas_fuzz_passes_its_options_through(capsys):
    """`lintas fuzz --stage …` (argparse's REMAINDER refused a first argument that looks like an
    option: `lintas bench --json` failed the same way)."""
    from service.cli import main

    assert main(["fuzz", "--stage", "segment", "--examples", "5", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["results"][0]["stage"] == "segment" and out["results"][0]["examples"] == 5
