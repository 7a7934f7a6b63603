"""The Gradio app builds without any model, and its handler returns the report's tables."""

from __future__ import annotations

import json



def test_app_builds_without_models():
    from service.ui import build_app, status_markdown

    demo = build_app()
    assert demo is not None
    status = status_markdown()
    assert "lintas models pull translation" in status and "non-commercial" in status


def test_handler_side_by_side_attributions_and_check(tiny_marian, seed_bytes):
    from service.ui import run_translate

    bbc = "Kate Mallinson of Chatham House said the protests reflected deep anger."
    title, rows, atts, issues, path = run_translate(seed_bytes.decode(), None, None, str(tiny_marian), "BBC", bbc)
    assert len(rows) == 27 and all(r[2] for r in rows)
    assert any(r[3].startswith("Kate Mallinson / Chatham House") for r in atts)
    assert all(r[6] in ("supported", "partly_supported", "not_found", "contradicted", "no_source") for r in atts)
    assert "name_variant" in issues and "Checked with" in issues
    assert json.loads(open(path, encoding="utf-8").read())["schema"] == "lintas.report/1"
