"""lintas eval summary: ROUGE as rouge-score computes it (stemming for English, none and a Unicode
tokenizer for Indonesian), and the provenance / attribution shares of lintas reports."""

from __future__ import annotations

import json

import pytest

from eval.summary import names_match, report_stats, rouge
from service import attributions
from service.cli import main

from .conftest import INDOSUM_SAMPLE

EN_REFS = ["Prices of rice rose sharply in Jakarta markets this week.",
           "The minister said the government is preparing new subsidies for farmers."]
EN_HYPS = ["Rice prices are rising in Jakarta's markets.",
           "The government prepares subsidies for farmers, the minister says."]


def test_english_rouge_equals_rouge_score_with_stemming():
    from rouge_score import rouge_scorer

    res = rouge(EN_HYPS, EN_REFS, "en", n_bootstrap=100)
    sc = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeL"], use_stemmer=True)
    per = [sc.score(r, h) for h, r in zip(EN_HYPS, EN_REFS)]
    for t in ("rouge1", "rouge2", "rougeL"):
        assert res["scores"][t] == pytest.approx(100 * sum(p[t].fmeasure for p in per) / 2)
        assert res["recall"][t] == pytest.approx(100 * sum(p[t].recall for p in per) / 2)
        iv = res["intervals"][t]
        assert iv["low"] <= res["scores"][t] <= iv["high"]
    unstemmed = rouge_scorer.RougeScorer(["rouge1"], use_stemmer=False)
    plain = 100 * sum(unstemmed.score(r, h)["rouge1"].fmeasure for h, r in zip(EN_HYPS, EN_REFS)) / 2
    assert res["scores"]["rouge1"] > plain  # rising/rose, prices/price… match only when stemmed
    assert res["settings"]["stemmer"] == "porter"


def test_indonesian_rouge_has_no_stemming_and_keeps_non_ascii_letters():
    from rouge_score import rouge_scorer

    same = rouge(["Harga beras naik di pasar Jakarta."], ["Harga beras naik di pasar Jakarta."], "id")
    assert all(v == pytest.approx(100.0) for v in same["scores"].values())
    # "makanan" is not "makan": no English stemmer on Indonesian
    assert rouge(["makanan"], ["makan"], "id")["scores"]["rouge1"] == 0.0
    # the default tokenizer cuts "kafé" to "kaf"; ours keeps the word whole
    assert rouge_scorer.RougeScorer(["rouge1"]).score("kafé", "kaf")["rouge1"].fmeasure == 1.0
    assert rouge(["kaf"], ["kafé"], "id")["scores"]["rouge1"] == 0.0
    assert rouge(["Kafé baru"], ["kafé  baru!"], "id")["scores"]["rouge1"] == pytest.approx(100.0)
    assert rouge(["x"], ["x"], "id")["settings"]["stemmer"] is None


def test_rouge_refuses_misaligned_input_and_unknown_language():
    from eval.common import EvalDataError

    with pytest.raises(EvalDataError, match="2 summaries but 1 references"):
        rouge(["a", "b"], ["a"], "en")
    with pytest.raises(EvalDataError, match="Unknown summary language 'fr'"):
        rouge(["a"], ["a"], "fr")


ARTICLE = ("Menurut BBC, harga beras naik 10 persen.\n\nWarga protes di Jakarta.\n\n"
           "Kepala BPBD DKI Jakarta Rahmat Wiryawan mengatakan 1.850 warga telah dievakuasi.")


def _report(bullets: list[dict]) -> dict:
    d = attributions(ARTICLE).to_dict()  # a real report: sentences and attributions from lintas
    d["summary"] = {"backend": "test", "model": None, "prompt_version": "summary.v1", "headline": "Rice prices up",
                    "bullets": bullets}
    return d


BULLETS = [
    {"text": "BBC: rice prices up 10%.", "supported_by": [0], "attributed_to": [{"name": "BBC", "affiliation": None}], "flags": []},
    {"text": "1,850 residents evacuated.", "supported_by": [2, 1], "attributed_to": [], "flags": []},
    {"text": "Residents protest.", "supported_by": [], "attributed_to": [], "flags": []},
    {"text": "Unknown.", "supported_by": [99], "attributed_to": [], "flags": []},
]


def test_report_provenance_and_attribution_shares():
    rep = _report(BULLETS)
    assert {a["sentence"] for a in rep["attributions"]} == {0, 2}
    st = report_stats(rep)
    assert st == {"bullets": 4, "with_provenance": 2, "invalid_indexes": 1, "claims": 2, "kept": 1}
    kept = [dict(b) for b in BULLETS]
    kept[1]["attributed_to"] = [{"name": "Wiryawan", "affiliation": "BPBD"}]  # a surname keeps the source
    assert report_stats(_report(kept))["kept"] == 2
    assert names_match("Kate Mallinson", "Mallinson") and not names_match("BBC", "Reuters")


def test_eval_summary_on_reports_cli(tmp_path, capsys):
    good = _report(BULLETS)
    path = tmp_path / "out.jsonl"
    path.write_text(json.dumps({"id": "a", "ok": True, "report": good}) + "\n"
                    + json.dumps({"id": "b", "ok": False, "error": {"code": "x"}}) + "\n", encoding="utf-8")
    ref = tmp_path / "ref.txt"
    ref.write_text("BBC: rice prices up 10%. 1,850 residents evacuated.\n", encoding="utf-8")
    out = tmp_path / "res"
    assert main(["eval", "summary", "--reports", str(path), "--ref", str(ref), "--lang", "en", "--out", str(out), "--json"]) == 0
    res = json.loads(capsys.readouterr().out)
    assert res["scores"]["bullets_with_provenance"] == 0.5 and res["scores"]["attributions_kept"] == 0.5
    assert res["summary"]["failed_records_skipped"] == 1 and res["summary"]["reports"] == 1
    assert 0 < res["scores"]["rouge1"] <= 100
    assert res["signature"]["system"]["summarisers"]["prompt_version"] == "summary.v1"
    assert res["signature"]["setup"]["rouge"]["stemmer"] == "porter"
    assert {"summary.json", "summary.md", "summary_rougeL_hist.png"} <= {p.name for p in out.iterdir()}


def test_summary_needs_a_language_without_a_dataset(tmp_path, capsys):
    f = tmp_path / "s.txt"
    f.write_text("a\n", encoding="utf-8")
    assert main(["eval", "summary", "--hyp", str(f), "--ref", str(f)]) == 3
    assert "--lang en" in capsys.readouterr().err


def test_indosum_dataset_is_scored_in_indonesian(tmp_path, capsys):
    # the repo's slice: eighteen labelled articles, then dev.01 rows 151-170 (the first 20 unseen ones)
    refs = [json.loads(line)["summary"] for line in INDOSUM_SAMPLE.read_text(encoding="utf-8").splitlines()[18:38]]
    hyp = tmp_path / "hyp.jsonl"
    hyp.write_text("".join(json.dumps({"summary": r}) + "\n" for r in refs), encoding="utf-8")
    assert main(["eval", "summary", "--hyp", str(hyp), "--dataset", "indosum-dev01-unseen-sample", "--json"]) == 0
    res = json.loads(capsys.readouterr().out)
    assert res["signature"]["setup"]["lang"] == "id" and res["signature"]["setup"]["rouge"]["stemmer"] is None
    assert all(v == pytest.approx(100.0) for v in res["scores"].values())
    assert res["summary"]["length"]["documents"] == 20 and 0 < res["summary"]["length"]["compression"] < 1


def test_indosum_system_extractive_vs_lead(tmp_path, capsys):
    """--system runs lintas's extractive summariser on the dataset's articles (Indonesian output);
    the scores equal rouge-score on the summaries the API writes, and compare sees only the system."""
    from service import summarize

    rows = [json.loads(line) for line in INDOSUM_SAMPLE.read_text(encoding="utf-8").splitlines()[18:26]]
    argv = ["eval", "summary", "--dataset", "indosum-dev01-unseen-sample", "--limit", "8", "--bootstrap", "50"]
    assert main(argv + ["--system", "extractive", "--out", str(tmp_path / "ext")]) == 0
    assert main(argv + ["--system", "lead", "--out", str(tmp_path / "lead")]) == 0
    capsys.readouterr()
    res = json.loads((tmp_path / "ext" / "summary.json").read_text(encoding="utf-8"))
    hyps = [" ".join(b.text for b in summarize(r["article"], language="id", backend="extractive").article.summary.bullets) for r in rows]
    expected = rouge(hyps, [r["summary"] for r in rows], "id", n_bootstrap=50)["scores"]
    assert res["scores"]["rouge1"] == pytest.approx(expected["rouge1"])
    assert res["signature"]["system"]["backend"] == "extractive" and res["signature"]["system"]["ranker"]
    assert any("Indonesian summaries" in n for n in res["notes"])
    assert main(["eval", "compare", str(tmp_path / "lead" / "summary.json"), str(tmp_path / "ext" / "summary.json")]) == 0
    assert "backend: lead → extractive" in capsys.readouterr().out
