"""The Gradio app builds without any model, and its handler returns the report's tables."""

from __future__ import annotations

import json



def test_app_builds_without_models():
    from service.ui import build_app, status_markdown

    demo = build_app()
    assert demo is not None
    status = status_markdown()
    assert "lintas models pull translation" in status and "non-commercial" in status


def test_handler_side_by_side_summary_attributions_and_check(tiny_marian, seed_bytes):
    from service.ui import run_report

    bbc = "Kate Mallinson of Chatham House said the protests reflected deep anger."
    title, rows, summary, atts, issues, path, md_path = run_report(seed_bytes.decode(), None, None, str(tiny_marian), "BBC", bbc)
    assert len(rows) == 27 and all(r[2] for r in rows)
    assert rows[4][4] == "💬 Kate Mallinson" and rows[2][4] == ""  # sentences carrying attributions are marked
    assert summary.count("\n- ") == 3 and "sentences " in summary and "lintas models pull summary" in summary
    assert open(md_path, encoding="utf-8").read().startswith("# ")
    assert any(r[3].startswith("Kate Mallinson / Chatham House") for r in atts)
    assert all(r[6] in ("supported", "partly_supported", "not_found", "contradicted", "no_source") for r in atts)
    assert "name_variant" in issues and "Checked with" in issues
    assert json.loads(open(path, encoding="utf-8").read())["schema"] == "lintas.report/1"


def test_handler_without_translation_model_still_shows_who_said_what(seed_bytes, monkeypatch, tmp_path):
    """No weights on this machine: attributions and an Indonesian summary, and the fetch command."""
    from service.ui import run_report

    import huggingface_hub.constants as c

    monkeypatch.setattr(c, "HF_HUB_CACHE", str(tmp_path / "empty"))  # an empty cache
    monkeypatch.delenv("LINTAS_MODEL_PATH_OPUS_MT_ID_EN", raising=False)
    title, rows, summary, atts, issues, path, md_path = run_report(seed_bytes.decode(), None, "opus-mt-id-en", "")
    assert len(rows) == 27 and all(r[2] == "" for r in rows)
    assert any(r[3].startswith("Kate Mallinson") for r in atts)
    assert "lintas models pull translation" in issues
    assert summary.count("\n- ") == 3 and "language: id" in summary


def test_summary_markdown_escapes_article_text(seed_translated):
    from dataclasses import replace

    from service.report import Report
    from service.summary.types import Bullet, Summary
    from service.ui import summary_markdown

    a = replace(seed_translated, summary=Summary(headline="<img src=x onerror=alert(1)>", backend="llm",
                                                 bullets=(Bullet("<script>alert(2)</script> *bold*", (1,)),)))
    md = summary_markdown(Report(article=a))
    assert "<img" not in md and "<script>" not in md and "\\*bold\\*" in md
