"""The Gradio app builds without any model; its handler returns the report's tables, says what it
shows (no translation model, a random test model, given English), reads only files uploaded
through the page, loads only the models the page offers, and keeps a bounded number of runs on disk."""

from __future__ import annotations

import json
import os
from pathlib import Path

import gradio as gr
import pytest

FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture
def no_models(monkeypatch, tmp_path):
    """No weights on this machine: an empty hub cache, no configured model directories."""
    import huggingface_hub.constants as c

    monkeypatch.setattr(c, "HF_HUB_CACHE", str(tmp_path / "empty-hub-cache"))
    for k in list(os.environ):
        if k.startswith("LINTAS_MODEL_"):
            monkeypatch.delenv(k)


@pytest.fixture
def uploads(monkeypatch, tmp_path):
    """Gradio's upload folder (GRADIO_TEMP_DIR) for this test; returns a function that "uploads" a file."""
    root = tmp_path / "gradio-uploads"
    root.mkdir()
    monkeypatch.setenv("GRADIO_TEMP_DIR", str(root))

    def put(name: str, data: bytes) -> str:
        d = root / f"h{len(list(root.iterdir()))}"
        d.mkdir()
        (d / name).write_bytes(data)
        return str(d / name)

    put.root = root
    return put


def test_app_builds_without_models(no_models):
    from service.ui import build_app, initial_banner, model_choices, status_markdown

    demo = build_app()
    assert demo is not None
    status = status_markdown()
    assert "lintas models pull translation" in status and "non-commercial" in status
    assert model_choices() == ([], None), "a missing model is never offered or preselected"
    banner = initial_banner()
    assert "No translation model" in banner and "lintas models pull translation" in banner and "--translations" in banner


def test_handler_side_by_side_summary_attributions_and_check(tiny_marian, seed_bytes):
    from service.ui import run_report

    bbc = "Kate Mallinson of Chatham House said the protests reflected deep anger."
    title, rows, summary, atts, issues, path, md_path = run_report(seed_bytes.decode(), None, None, str(tiny_marian), "BBC", bbc)
    assert len(rows) == 27 and all(r[2] for r in rows)
    assert rows[4][4] == "💬 Kate Mallinson" and rows[2][4] == ""  # sentences carrying attributions are marked
    assert summary.startswith("## Summary\n") and summary.count("\n- ") == 3 and "sentences " in summary
    assert "lintas models pull summary" in summary
    assert open(md_path, encoding="utf-8").read().startswith("# ")
    assert any(r[3].startswith("Kate Mallinson / Chatham House") for r in atts)
    assert all(r[2] for r in atts), "the English claim beside the Indonesian one"
    verdicts = ("supported", "partly supported", "not found", "contradicted", "no source: the cited source was not supplied")
    assert all(r[6] in verdicts for r in atts)
    assert "name_variant" in issues and "Checked with" in issues and "No issues." not in issues
    assert json.loads(open(path, encoding="utf-8").read())["schema"] == "lintas.report/1"


def test_handler_without_translation_model_says_so(seed_bytes, no_models):
    """No weights on this machine: who said what, an Indonesian summary labelled as such, the
    banner with the fetch command, and the verdict column saying why nothing was checked."""
    from service.ui import handle_report

    title, rows, summary, atts, issues, path, md_path, banner, run = handle_report(
        seed_bytes.decode(), None, None, "", "BBC", (FIXTURES / "seed-source-bbc.txt").read_text(encoding="utf-8"))
    assert not run.english and title == "Pemerintah Kazakhstan Meminta Bantuan Rusia untuk Mestabilkan Situasi"
    assert len(rows) == 27 and all(r[2] == "" for r in rows)
    assert any(r[3].startswith("Kate Mallinson") for r in atts)
    # the API checks what needs no English (numbers, names, dates, quotes); the table says so
    assert all(r[6].endswith("(partial check: no translation model — numbers, names, dates and quotes only)")
               for r in atts)
    assert "lintas models pull translation" in banner and "upload an English text" in banner and "--translations" in banner
    assert summary.startswith("## Summary (Indonesian — no translation model)")
    assert summary.count("\n- ") == 3 and "language: id" in summary
    assert "No issues." not in issues


def test_translation_unavailable_issue_from_the_api_shows_the_banner(seed_translated):
    """When the API itself reports ``translation_unavailable`` (no exception), the banner comes from it."""
    from dataclasses import replace

    from service.article import Issue
    from service.report import Report
    from service.ui import Run, banner_markdown, issues_markdown

    i = Issue("translation_unavailable", "no model <b>here</b>")
    rep = Report(article=replace(seed_translated, issues=(i,)))
    run = Run(rep, missing=i.message)
    assert "no model &lt;b&gt;here&lt;/b&gt;" in banner_markdown(run) and "lintas models pull translation" in banner_markdown(run)
    assert "translation_unavailable" not in issues_markdown(run) and "No issues." not in issues_markdown(run)


def test_uploaded_translations_fill_the_english_without_a_model(seed_bytes, no_models, uploads):
    from service.ui import handle_report

    tsv = uploads("seed-translations.tsv", (FIXTURES / "seed-translations.tsv").read_bytes())
    title, rows, summary, atts, issues, path, md_path, banner, run = handle_report(
        seed_bytes.decode(), None, None, "", "BBC", (FIXTURES / "seed-source-bbc.txt").read_text(encoding="utf-8"),
        translations_upload=tsv, summary_backend="extractive")
    assert run.english and run.given and banner == ""
    assert title.startswith("Kazakhstan's Government Asks Russia for Help")
    assert all(r[2] for r in rows) and any(r[2].startswith("As reported by the BBC, Russian-led troops") for r in rows)
    assert summary.startswith("## Summary\n") and "language: en" in summary
    mallinson = next(r for r in atts if r[3].startswith("Kate Mallinson"))
    assert mallinson[2] and mallinson[6] in ("supported", "partly supported"), mallinson


def test_test_model_banner(seed_bytes, tiny_marian, monkeypatch):
    from service.ui import handle_report, initial_banner, model_choices

    monkeypatch.setenv("LINTAS_MODEL_PATH_OPUS_MT_ID_EN", str(tiny_marian))
    choices, default = model_choices()
    assert default == "opus-mt-id-en" and choices[0] == ("opus-mt-id-en — test model", "opus-mt-id-en")
    assert "Test model" in initial_banner()
    *_, banner, run = handle_report(seed_bytes.decode(), None, "opus-mt-id-en", "", summary_backend="extractive")
    assert run.english and run.test_model and "Test model" in banner and "random weights" in banner


def test_configured_model_is_the_default_choice(tiny_marian, tiny_nllb, monkeypatch):
    from service.ui import model_choices

    monkeypatch.setenv("LINTAS_MODEL_PATH_OPUS_MT_ID_EN", str(tiny_marian))
    monkeypatch.setenv("LINTAS_MODEL_PATH_NLLB_200_DISTILLED_600M", str(tiny_nllb))
    monkeypatch.setenv("LINTAS_MODEL_TRANSLATION", "nllb-200-distilled-600m")
    choices, default = model_choices()
    assert default == "nllb-200-distilled-600m" and [v for _, v in choices] == ["nllb-200-distilled-600m", "opus-mt-id-en"]


@pytest.mark.parametrize("model,local_dir", [(None, "/tmp"), ("/etc", ""), ("../models", ""), ("someone/some-model", "")])
def test_handler_refuses_models_the_page_does_not_offer(model, local_dir, monkeypatch):
    from service.ui import handle_report

    monkeypatch.delenv("LINTAS_ALLOW_LOCAL_MODELS", raising=False)
    with pytest.raises(gr.Error, match="allow_local_models|LINTAS_ALLOW_LOCAL_MODELS"):
        handle_report("Harga naik.", None, model, local_dir)


def test_local_model_directory_only_when_allowed(tiny_marian, monkeypatch):
    from service.ui import handle_report

    monkeypatch.setenv("LINTAS_ALLOW_LOCAL_MODELS", "1")
    *_, banner, run = handle_report("Harga naik.\n\nWarga protes.", None, str(tiny_marian), "", summary_backend="extractive")
    assert run.english and "Test model" in banner


def test_handler_reads_no_file_outside_the_upload_folder(tmp_path, uploads, monkeypatch):
    """Paths a client names (absolute, relative, ../, a link out of the upload folder) are refused."""
    from service.ui import handle_report

    canary = tmp_path / "canary.txt"
    canary.write_text("Rahasia server: kata sandi 12345.", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    link_dir = uploads.root / "linked"
    link_dir.mkdir()
    (link_dir / "canary.txt").symlink_to(canary)
    for path in (str(canary), "canary.txt", str(uploads.root / ".." / "canary.txt"), str(link_dir / "canary.txt"),
                 {"path": str(canary), "meta": {"_type": "gradio.FileData"}}):
        for slot in ("upload", "glossary_upload", "translations_upload"):
            with pytest.raises(gr.Error, match="not uploaded through this page"):
                handle_report("Harga naik.", **{"upload": None, "model": None, slot: path})


def test_runs_keep_a_bounded_number_of_files(monkeypatch, fake_backend):
    """20 requests: the downloads folder holds at most KEEP_RUNS runs, and nothing else appears in the temp folder."""
    import tempfile

    from service import ui
    from service.models import default_pool
    from service.translation import Translator

    tr = Translator(fake_backend)
    monkeypatch.setattr(default_pool(), "translator", lambda *a, **k: tr)
    monkeypatch.setattr(ui, "KEEP_RUNS", 4)
    tmp = Path(tempfile.gettempdir())
    ui.handle_report("Harga naik.\n\nWarga protes.", None, None, "", summary_backend="extractive")
    before = set(tmp.iterdir())
    paths = [ui.handle_report(f"Harga naik {n} persen.\n\nWarga protes.", None, None, "", summary_backend="extractive")[5]
             for n in range(20)]
    assert set(tmp.iterdir()) == before, "no new folder per run"
    root = ui.downloads_folder()
    assert len(list(root.iterdir())) == 4 and len(list(root.rglob("*"))) == 4 * 3
    assert all(Path(p).is_file() for p in paths[-4:]) and not Path(paths[0]).exists()


def test_summary_markdown_escapes_article_text(seed_translated):
    from dataclasses import replace

    from service.report import Report
    from service.summary.types import Bullet, Summary
    from service.ui import summary_markdown

    a = replace(seed_translated, summary=Summary(headline="<img src=x onerror=alert(1)>", backend="llm",
                                                 bullets=(Bullet("<script>alert(2)</script> *bold*", (1,)),)))
    md = summary_markdown(Report(article=a))
    assert "<img" not in md and "<script>" not in md and "\\*bold\\*" in md


def test_issues_are_grouped_and_escaped(seed_translated):
    from dataclasses import replace

    from service.article import Issue
    from service.report import Report
    from service.ui import Run, issues_markdown

    many = tuple(Issue("mt_leftover", f"<script>alert({n})</script> left over") for n in range(60))
    md = issues_markdown(Run(Report(article=replace(seed_translated, issues=many))))
    assert "`mt_leftover` (60)" in md and md.count("\n  - ") == 4 and "… and 57 more" in md
    assert "<script>" not in md


def test_an_uploaded_english_text_is_aligned_into_the_english_column(seed_path, tmp_path, monkeypatch):
    """The translations upload takes a whole English text too (issue #17): its sentences are
    aligned with the article's and fill the English column."""
    from pathlib import Path

    from service.ui import run_report

    english = tmp_path / "english.txt"
    english.write_text((Path(__file__).parent / "data" / "alignment" / "seed-en.txt").read_text(encoding="utf-8"),
                       encoding="utf-8")
    title, rows, summary, atts, issues, json_path, md_path = run_report(
        seed_path.read_text(encoding="utf-8"), None, None, translations_upload=str(english), summary_backend="extractive")
    filled = [r for r in rows if r[2]]
    assert len(filled) >= 0.9 * len(rows) and "Kazakhstan" in " ".join(r[2] for r in rows)
    import json

    assert json.loads(Path(json_path).read_text(encoding="utf-8"))["article"]["alignment"]


def test_who_said_what_shows_via_and_corroboration(seed_bytes):
    """Issue #18: the outlet that relayed a quote in the source column ("via Football Italia"),
    and the other supplied sources that support the claim in the verdict column."""
    from dataclasses import replace

    import service
    from service.article import SourceRef
    from service.options import EnglishText
    from service.report import Report
    from service.ui import attribution_rows

    en = EnglishText((Path(__file__).resolve().parent / "data" / "alignment" / "seed-en.txt").read_bytes(), name="seed-en.txt")
    rep = service.check(seed_bytes, {"BBC": FIXTURES / "seed-source-bbc.txt", "Reuters": FIXTURES / "seed-source-reuters.txt"},
                        translations=en)
    rows = attribution_rows(rep)
    police = next(r for r in rows if r[3].startswith("Kanat Taimerdenov"))
    assert police[6].endswith("; corroborated by Reuters (supported)"), police[6]
    assert police[4] == "Kanat Taimerdenov (person)"
    a = rep.article
    first = replace(a.attributions[0], via=SourceRef("Football Italia", "media"))
    rows = attribution_rows(Report(article=replace(a, attributions=(first,) + a.attributions[1:])))
    assert rows[0][4] == "BBC (media) via Football Italia"


def test_verdict_without_the_cited_source_names_the_corroboration_once():
    from service.sourcecheck.checker import CheckResult, Corroboration
    from service.ui import _verdict

    c = CheckResult("no_source", reason="the cited source was not supplied; corroborated by Reuters (partly_supported)",
                    corroboration=(Corroboration("Reuters", "partly_supported"), Corroboration("AP", "contradicted")))
    assert _verdict(c) == ("no source: the cited source was not supplied; corroborated by Reuters (partly supported); "
                           "contradicted by AP")
    assert _verdict(CheckResult("supported")) == "supported"


SEED_EN = Path(__file__).resolve().parent / "data" / "alignment" / "seed-en.txt"
HOSTILE = "<img src=x onerror=alert(x)>"


def _as_html(english: str, hostile: str) -> str:
    """The English as an HTML page, its title a heading; ``hostile`` is entity-encoded, so it is
    text of the page (it decodes to literal markup in the article text)."""
    import html

    title, *paras = english.split("\n\n")
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paras)
    return (f"<html><body><h1>{html.escape(title)}</h1>{body}</body></html>"
            .replace("Water cannon were used", f"Water cannon {html.escape(hostile)} were used"))


def test_compare_tab_shows_the_number_disagreement_on_its_sentence(seed_bytes, uploads):
    """Issue #17: two English texts of the seed that differ in one number (500 → 600 civilians,
    sentence 20); B is uploaded, A pasted; B's label and one of its sentences carry markup."""
    from service.ui import handle_compare

    en = SEED_EN.read_text(encoding="utf-8")
    assert en.count("attacked 500 civilians") == 1
    b = _as_html(en.replace("attacked 500 civilians", "attacked 600 civilians"), HOSTILE)
    fb = uploads("b.html", b.encode())
    summary, table, json_path, md_path = handle_compare(seed_bytes.decode(), None, "A", en, None, HOSTILE, "", fb)
    heads, rows = table["headers"], table["data"]
    assert heads == ["#", "Indonesian", "A", HOSTILE, "disagreements"]
    row = next(r for r in rows if "600 civilians" in r[3])
    assert row[0] == "20" and "500 warga sipil" in row[1] and "500 civilians" in row[2]
    assert row[4] == f"number: 500 vs 600 ({HOSTILE})"
    assert all(r[4] == "" for r in rows if r is not row and HOSTILE not in r[3]), "one disagreement, on its sentence"
    assert any(HOSTILE in r[3] for r in rows), "the table cells are plain text (a Dataframe shows them as text)"
    # the summary is Markdown: the label is escaped there
    assert "<img" not in summary and "&lt;img src=x onerror=alert(x)&gt;" in summary
    assert "1 number" in summary and "**A**: 0 disagreement(s) (none)" in summary
    assert "<img" not in open(md_path, encoding="utf-8").read()
    assert json.loads(open(json_path, encoding="utf-8").read())["schema"] == "lintas.compare/1"


def test_compare_refuses_files_not_uploaded_through_the_page(seed_bytes, uploads, tmp_path):
    from service.ui import handle_compare

    outside = tmp_path / "secret.txt"
    outside.write_text(SEED_EN.read_text(encoding="utf-8"), encoding="utf-8")
    en = SEED_EN.read_text(encoding="utf-8")
    for args in ((seed_bytes.decode(), None, "A", en, None, "B", "", str(outside)),
                 ("", str(outside), "A", en, None, "B", en, None),
                 (seed_bytes.decode(), None, "A", en, None, "B", en, None, "", "", None, "", str(outside))):
        with pytest.raises(gr.Error, match="not uploaded through this page"):
            handle_compare(*args)
    stored = uploads("a.txt", en.encode())  # in the upload folder, but not what the upload route stored
    with pytest.raises(gr.Error, match="not uploaded through this page"):
        handle_compare(seed_bytes.decode(), None, "A", "", stored, "B", en, None, uploaded=set())
    with pytest.raises(gr.Error, match="two translations or three"):
        handle_compare(seed_bytes.decode(), None, "A", en, None, "B", "", None)


def test_the_gradio_event_stops_at_the_servers_deadline(monkeypatch, fake_backend):
    """LINTAS_REQUEST_SECONDS holds on the Gradio API as on REST: the work stops at the next stage
    or model batch with an error naming the setting, and the next request runs."""
    import time

    from service import ui
    from service.models import default_pool
    from service.translation import Translator

    class Slow(type(fake_backend)):
        def translate_batch(self, texts):
            time.sleep(0.4)
            return super().translate_batch(texts)

    tr = Translator(Slow())
    monkeypatch.setattr(default_pool(), "translator", lambda *a, **k: tr)
    monkeypatch.setenv("LINTAS_REQUEST_SECONDS", "0.2")
    text = "\n\n".join(f"Harga beras naik {n} persen di pasar kota." for n in range(40))
    with pytest.raises(gr.Error, match="LINTAS_REQUEST_SECONDS"):
        ui.handle_report(text, None, None, "", summary_backend="extractive")
    monkeypatch.setenv("LINTAS_REQUEST_SECONDS", "60")
    *_, run = ui.handle_report(text, None, None, "", summary_backend="extractive")
    assert run.english


def test_the_page_runs_with_the_servers_settings_and_pool(monkeypatch, fake_backend):
    """A server started with its own settings (``lintas serve --config …``) gets a pool of its
    own, and its page and Gradio API use both: its deadline and its models, not the process's."""
    import time

    from service import ui
    from service.models import ModelPool
    from service.server import create_app
    from service.settings import Settings
    from service.translation import Translator

    class Slow(type(fake_backend)):
        def translate_batch(self, texts):
            time.sleep(0.4)
            return super().translate_batch(texts)

    settings = Settings.load(request_seconds=0.2)
    app = create_app(with_ui=False, settings=settings)
    pool = app.state.lintas.pool
    assert isinstance(pool, ModelPool) and pool.settings is settings
    monkeypatch.setattr(pool, "translator", lambda *a, **k: Translator(Slow()))
    monkeypatch.setenv("LINTAS_REQUEST_SECONDS", "60")  # the process's setting: not the server's
    text = "\n\n".join(f"Harga beras naik {n} persen di pasar kota." for n in range(40))
    with pytest.raises(gr.Error, match="LINTAS_REQUEST_SECONDS"):
        ui.handle_report(text, None, None, "", summary_backend="extractive", settings=settings, pool=pool)
