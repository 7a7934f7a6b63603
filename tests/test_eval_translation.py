"""lintas eval translation: sacrebleu's own numbers, intervals, input formats, datasets, errors,
and an end-to-end run of the tiny model on UD-PUD news."""

from __future__ import annotations

import json
import shutil

import pytest

from service.cli import main

from .conftest import EVAL_DATA, PUD, shared

REFS = [
    "The police said on Monday that 1,850 residents had been evacuated.",
    "“We will not raise prices this year,” the minister told reporters in Jakarta.",
    "The health ministry recorded 88,593 dengue cases by October.",
    "Floods cut the road between the two villages for three days.",
    "The central bank kept its benchmark rate unchanged at 6 percent.",
    "Officials expect the new bridge to open early next year.",
]
HYPS = [
    "Police said Monday 1,850 residents had been evacuated.",
    "“We will not increase prices this year,” the minister told journalists in Jakarta.",
    "The ministry of health recorded 88,593 cases of dengue until October.",
    "Flooding cut off the road between both villages for three days.",
    "The central bank held its key rate at 6 per cent.",
    "",  # an empty hypothesis is a segment too
]


def _files(tmp_path, hyps=HYPS, refs=REFS):
    h, r = tmp_path / "hyp.txt", tmp_path / "ref.txt"
    h.write_text("\n".join(hyps) + "\n", encoding="utf-8")
    r.write_text("\n".join(refs) + "\n", encoding="utf-8")
    return h, r


def _run_json(capsys, *argv) -> dict:
    assert main(["eval", *argv, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_scores_equal_sacrebleus_own(tmp_path, capsys):
    import sacrebleu

    h, r = _files(tmp_path)
    res = _run_json(capsys, "translation", "--hyp", str(h), "--ref", str(r))
    s = res["scores"]
    assert s["bleu"] == pytest.approx(sacrebleu.corpus_bleu(HYPS, [REFS]).score, abs=1e-9)
    assert s["chrf"] == pytest.approx(sacrebleu.corpus_chrf(HYPS, [REFS]).score, abs=1e-9)
    assert s["chrf++"] == pytest.approx(sacrebleu.corpus_chrf(HYPS, [REFS], word_order=2).score, abs=1e-9)
    assert s["ter"] == pytest.approx(sacrebleu.corpus_ter(HYPS, [REFS]).score, abs=1e-9)
    assert 0 < s["bleu"] < 100 and 0 < s["chrf"] < 100
    # sacrebleu's signatures travel with the scores
    assert res["signature"]["setup"]["metrics"]["bleu"].startswith("nrefs:1|case:mixed|eff:no|tok:13a")
    assert "nw:2" in res["signature"]["setup"]["metrics"]["chrf++"]
    per = {x["id"]: x["chrf"] for x in res["items"]}
    assert per["5"] == 0.0 and per["0"] == pytest.approx(sacrebleu.sentence_chrf(HYPS[0], [REFS[0]]).score)
    assert res["signature"]["system"]["hypotheses"]["rows"] == 6


def test_identical_hypothesis_scores_chrf_100(tmp_path, capsys):
    h, r = _files(tmp_path, hyps=REFS)
    s = _run_json(capsys, "translation", "--hyp", str(h), "--ref", str(r))["scores"]
    assert s["chrf"] == pytest.approx(100.0)
    assert s["chrf++"] == pytest.approx(100.0)
    assert s["bleu"] == pytest.approx(100.0)
    assert s["ter"] == pytest.approx(0.0)


def test_bootstrap_interval_is_sacrebleus_for_the_same_seed(monkeypatch):
    from sacrebleu.metrics import BLEU, CHRF

    from eval.translation import score

    refs, hyps = REFS * 5, (HYPS[:5] + ["The bank kept rates."]) * 5
    ours = score(hyps, refs, seed=7, n_bootstrap=300)["intervals"]
    monkeypatch.setenv("SACREBLEU_SEED", "7")
    for name, metric in (("bleu", BLEU()), ("chrf", CHRF())):
        s = metric.corpus_score(hyps, [refs], n_bootstrap=300)
        iv = ours[name]
        assert iv["mean"] == pytest.approx(s._mean, abs=1e-4)
        assert (iv["high"] - iv["low"]) / 2 == pytest.approx(s._ci, abs=1e-4)
        assert iv["low"] < s.score < iv["high"]
    # and a different seed gives a different interval: the seed is really used
    assert score(hyps, refs, seed=8, n_bootstrap=300)["intervals"]["chrf"] != ours["chrf"]


def test_tsv_and_jsonl_inputs_score_like_plain_lines(tmp_path, capsys):
    h, r = _files(tmp_path)
    plain = _run_json(capsys, "translation", "--hyp", str(h), "--ref", str(r))["scores"]
    tsv = tmp_path / "pairs.tsv"
    tsv.write_text("id\ten\tvendor\n" + "".join(f"{i}\t{ref}\t{hyp}\n" for i, (ref, hyp) in enumerate(zip(REFS, HYPS))),
                   encoding="utf-8")
    jl = tmp_path / "out.jsonl"
    jl.write_text("".join(json.dumps({"n": i, "output": {"text": hyp}}) + "\n" for i, hyp in enumerate(HYPS)), encoding="utf-8")
    from_tsv = _run_json(capsys, "translation", "--hyp", str(tsv), "--hyp-field", "vendor", "--ref", str(tsv))["scores"]
    from_jsonl = _run_json(capsys, "translation", "--hyp", str(jl), "--hyp-field", "output.text", "--ref", str(tsv))["scores"]
    assert from_tsv == plain
    assert from_jsonl == plain


@pytest.mark.parametrize("argv_extra, message", [
    (["--hyp-field", "nope"], "no field 'nope'"),
    ([], "say which field holds the hyp"),
])
def test_unknown_or_missing_field_is_a_clear_error(tmp_path, capsys, argv_extra, message):
    jl = tmp_path / "out.jsonl"
    jl.write_text(json.dumps({"a": "x", "b": "y"}) + "\n", encoding="utf-8")
    _, r = _files(tmp_path, refs=["x"])
    code = main(["eval", "translation", "--hyp", str(jl), "--ref", str(r), *argv_extra])
    err = capsys.readouterr().err
    assert code == 3 and message in err and "Traceback" not in err


def test_misaligned_files_are_refused(tmp_path, capsys):
    h, r = _files(tmp_path, hyps=HYPS[:4])
    assert main(["eval", "translation", "--hyp", str(h), "--ref", str(r)]) == 3
    assert "4 hypotheses but 6 references" in capsys.readouterr().err


def test_missing_data_is_a_clear_error(tmp_path, capsys):
    code = main(["eval", "translation", "--dataset", "ud-pud-news", "--system", "--data-root", str(tmp_path)])
    err = capsys.readouterr().err
    assert code == 3
    assert "ud_pud_id_en/derived_pud_id_en.tsv is missing" in err and "--data-root" in err
    assert main(["eval", "translation", "--dataset", "no-such-set", "--hyp", "x"]) == 3
    assert "Unknown data set 'no-such-set'; known: " in capsys.readouterr().err


def test_datasets_registry_matches_the_files():
    """Every data set whose file is here loads as the registry says: the repo's slices and UD-PUD
    (tests/data/eval) always, the whole bundle too where a shared/ folder is configured."""
    from eval.common import sha256_file
    from eval.datasets import load_registry

    reg = load_registry()
    assert {"ud-pud-news", "nusax-mt-test", "tico19-wikinews", "indosum-dev01"} <= set(reg)
    roots = [EVAL_DATA] + ([shared() / "data" / "eval"] if shared() else [])
    checked = set()
    for root in roots:
        for ds in reg.values():
            p = ds.file(root)
            if not p.is_file():
                continue
            assert sha256_file(p) == ds.sha256, ds.name
            cols, fp = ds.load(root)
            assert len(cols["src"]) == len(cols["ref"]) == ds.rows == fp["rows"], ds.name
            assert all(cols["ref"]), ds.name
            checked.add(ds.name)
    assert {"ud-pud-news", "indosum-dev01-unseen-sample", "nusax-mt-test-sample", "tico19-wikinews-sample"} <= checked
    assert reg["ud-pud-news"].rows == 500 and reg["nusax-mt-test"].rows == 400 and reg["tico19-wikinews"].rows == 88


def test_a_changed_dataset_file_is_refused(tmp_path, capsys):
    (tmp_path / "ud_pud_id_en").mkdir()
    changed = tmp_path / "ud_pud_id_en" / PUD.name
    shutil.copy(PUD, changed)
    changed.write_text(changed.read_text(encoding="utf-8").replace("Obama", "Obana", 1), encoding="utf-8")
    h = tmp_path / "h.txt"
    h.write_text("x\n" * 500, encoding="utf-8")
    assert main(["eval", "translation", "--dataset", "ud-pud-news", "--hyp", str(h), "--data-root", str(tmp_path)]) == 3
    err = capsys.readouterr().err
    assert "The file changed" in err and "916624930f20ec6c" in err


def test_tiny_model_end_to_end_on_ud_pud_news(tiny_marian, tmp_path, capsys):
    out = tmp_path / "run"
    code = main(["eval", "translation", "--dataset", "ud-pud-news", "--system", "--model", str(tiny_marian),
                 "--limit", "20", "--beams", "1", "--max-new-tokens", "8", "--out", str(out), "--json"])
    assert code == 0
    printed = json.loads(capsys.readouterr().out)
    res = json.loads((out / "translation.json").read_text(encoding="utf-8"))
    assert printed["scores"] == res["scores"]
    assert set(res["scores"]) == {"bleu", "chrf", "chrf++", "ter"}
    assert len(res["items"]) == 20 and all(x["hyp"] and x["src"] for x in res["items"])
    assert res["items"][0]["id"] == "n01001011"
    sig = res["signature"]
    data = sig["setup"]["data"]["dataset"]
    assert data["sha256"] == "916624930f20ec6c8649fe5299ca8a83f9326cf684a2ccc8f79d20ce17aecc1c" and data["rows"] == 20
    assert sig["system"]["models"] == [f"{tiny_marian}@-|transformers|float32"]
    assert sig["system"]["segmenter"] and sig["system"]["model"]["generation"]["num_beams"] == 1
    assert sig["setup"]["seed"] == 12345 and sig["setup"]["packages"]["sacrebleu"]
    assert any("test model" in n for n in res["notes"])
    md = (out / "translation.md").read_text(encoding="utf-8")
    assert "test model with random weights" in md and "916624930f20ec6c" in md and "translation_chrf_hist.png" in md
    png = (out / "translation_chrf_hist.png").read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 2000
