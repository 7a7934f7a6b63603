"""The attribution eval runs on the labelled set and holds the bar the issue sets."""

from __future__ import annotations

import pytest

from .conftest import SHARED


def test_attribution_eval_meets_the_bar():
    from eval.attribution import INDOSUM, evaluate, load_items

    if not (SHARED / INDOSUM).is_file():
        pytest.skip("IndoSum data not available")
    res = evaluate(load_items(SHARED))["results"]
    real = res["indosum"]
    assert real["gold"] >= 30 and res["all"]["gold"] >= 80
    assert real["f1"] >= 0.90, real
    assert real["speaker_accuracy"] >= 0.85, real
    assert res["written"]["f1"] >= 0.90, res["written"]
    assert res["all"]["trap_precision"] >= 0.95 and res["all"]["negatives"] >= 30
