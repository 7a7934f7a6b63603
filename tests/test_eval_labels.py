"""lintas eval attribution / check: the existing scorers' figures, now with a signature, a
confusion matrix, JSON + Markdown + PNG; oracle mode for the check."""

from __future__ import annotations

import json

import pytest

from eval import check as check_eval
from service.cli import main

from .conftest import INDOSUM_SAMPLE


def test_eval_attribution_writes_the_scorers_figures_with_a_signature(tmp_path, capsys):
    from eval.attribution import evaluate, load_items
    from eval.common import sha256_file

    out = tmp_path / "att"
    assert main(["eval", "attribution", "--out", str(out), "--json"]) == 0
    res = json.loads(capsys.readouterr().out)
    plain = evaluate(load_items(None, INDOSUM_SAMPLE))["results"]  # what python -m eval.attribution prints
    assert res["scores"]["indosum_f1"] == plain["indosum"]["f1"]
    assert res["scores"]["indosum_speaker_accuracy"] == plain["indosum"]["speaker_accuracy"]
    assert res["scores"]["written_f1"] == plain["written"]["f1"] and res["scores"]["f1"] == plain["all"]["f1"]
    iv = res["intervals"]["f1"]
    assert iv["low"] <= res["scores"]["f1"] <= iv["high"]
    kc = res["summary"]["kind_confusion"]
    matched = sum(sum(r.values()) for r in kc.values())
    assert matched == plain["all"]["gold"] - sum(1 for d in res["details"] if d["type"] in ("missed", "unlocated"))
    sig = res["signature"]
    # the whole dev.01 file where a shared/ bundle is found, else the repo's slice of it (same labelled articles)
    assert sig["setup"]["data"]["indosum"]["sha256"] in ("f1e0cbc981f18d51f53a38384ebe7fdea1b1de3e53ebeb9816d11f9fffdc1816",
                                                         sha256_file(INDOSUM_SAMPLE))
    assert sig["setup"]["translation"].startswith("none") and sig["system"]["extractor"]
    assert {"attribution.json", "attribution.md", "attribution_kind_confusion.png"} <= {p.name for p in out.iterdir()}


def test_eval_attribution_without_the_data_is_a_clear_error(tmp_path, capsys):
    assert main(["eval", "attribution", "--data-root", str(tmp_path)]) == 3
    assert "IndoSum articles the labels refer to are missing" in capsys.readouterr().err


def test_eval_check_oracle_mode_confusion_matrix_and_outputs(tmp_path, capsys):
    out = tmp_path / "chk"
    data = check_eval.HERE / "data" / "check" / "heldout.jsonl"
    assert main(["eval", "check", "--data", str(data), "--lexical", "--out", str(out), "--json"]) == 0
    res = json.loads(capsys.readouterr().out)
    conf = res["summary"]["confusion"]
    pairs = len(data.read_text(encoding="utf-8").splitlines())
    assert sum(sum(r.values()) for r in conf.values()) == res["summary"]["pairs"] == pairs
    assert res["scores"]["accuracy"] == pytest.approx(round(sum(conf[g][g] for g in conf) / pairs, 4))
    assert sum(it["stats"]["accuracy"][0] for it in res["items"]) == sum(conf[g][g] for g in conf)
    assert res["signature"]["setup"]["translation"]["mode"] == "oracle"
    assert res["signature"]["system"]["method"].startswith("anchors+lexical")
    assert res["signature"]["setup"]["data"]["pairs"]["rows"] == pairs
    assert any("Oracle mode" in n for n in res["notes"])
    md = (out / "check.md").read_text(encoding="utf-8")
    assert "Confusion matrix" in md and "check_confusion.png" in md
    assert (out / "check_confusion.png").read_bytes()[:4] == b"\x89PNG"


def test_eval_check_rejects_bad_labels(tmp_path, capsys):
    bad = tmp_path / "bad.jsonl"
    row = json.loads(check_eval.DATA.read_text(encoding="utf-8").splitlines()[0])
    bad.write_text(json.dumps({**row, "gold": "maybe"}) + "\n", encoding="utf-8")
    assert main(["eval", "check", "--data", str(bad), "--lexical"]) == 3
    assert "unknown gold verdicts ['maybe']" in capsys.readouterr().err


def test_eval_attribution_against_another_label_file(tmp_path, capsys):
    labels = tmp_path / "newsroom.jsonl"
    row = {"id": "n1", "text": "Menurut BBC, harga beras naik 10 persen.\n\nWarga protes di Jakarta.",
           "attributions": [{"sentence": "Menurut BBC, harga beras naik", "kind": "according_to", "speaker": "BBC"},
                            {"sentence": "Warga protes di Jakarta", "kind": "indirect", "speaker": "Warga"}],
           "negatives": []}
    labels.write_text(json.dumps(row) + "\n", encoding="utf-8")
    assert main(["eval", "attribution", "--labels", str(labels), "--json"]) == 0
    res = json.loads(capsys.readouterr().out)
    # BBC is found; "Warga protes…" has no attribution cue, so it is missed: P 1, R 0.5
    assert res["scores"]["precision"] == 1.0 and res["scores"]["recall"] == 0.5
    assert res["scores"]["speaker_accuracy"] == 1.0
    assert list(res["signature"]["setup"]["data"]) == ["newsroom"]
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x"}\n', encoding="utf-8")
    assert main(["eval", "attribution", "--labels", str(bad)]) == 3
    assert "needs 'attributions' and 'text'" in capsys.readouterr().err


def test_outputs_without_matplotlib_still_write_json_and_markdown(tmp_path, monkeypatch):
    from eval import outputs, translation

    monkeypatch.setattr(outputs, "matplotlib_available", lambda: False)
    h = tmp_path / "h.txt"
    h.write_text("Harga naik.\n", encoding="utf-8")
    res = translation.run(hyp=str(h), ref=str(h), n_bootstrap=10)
    files = translation.write(res, tmp_path / "out")
    assert sorted(p.name for p in files) == ["translation.json", "translation.md"]
    md = (tmp_path / "out" / "translation.md").read_text(encoding="utf-8")
    assert "plots skipped: matplotlib is not installed" in md
    assert "plots skipped" in " ".join(json.loads((tmp_path / "out" / "translation.json").read_text())["notes"])
