"""The attribution eval runs on the labelled set and holds the bar the issue sets."""

from __future__ import annotations

from .conftest import INDOSUM_SAMPLE


def test_attribution_eval_meets_the_bar():
    from eval.attribution import evaluate, load_items

    res = evaluate(load_items(None, INDOSUM_SAMPLE))["results"]
    real = res["indosum"]
    assert real["gold"] >= 30 and res["all"]["gold"] >= 80
    assert real["f1"] >= 0.90, real
    assert real["speaker_accuracy"] >= 0.85, real
    assert res["written"]["f1"] >= 0.90, res["written"]
    assert res["all"]["trap_precision"] >= 0.95 and res["all"]["negatives"] >= 30
