"""The Gradio app: paste or upload an article, read it side by side in English.

Contains no logic of its own: it calls the Python API and shows the report. Starts without any
model present: segmentation works, and the status panel names the command that fetches each
missing model.
"""

from __future__ import annotations

import html
import json
import logging
import os
import re
import tempfile
from pathlib import Path

from .errors import ConfigError, InputError, LintasError

log = logging.getLogger(__name__)

EXAMPLE = (
    "Banjir Merendam Ribuan Rumah di Bekasi\n\n"
    "Bekasi – Banjir merendam sekitar 1.500 rumah di tiga kecamatan sejak Senin pagi. "
    "Ketinggian air mencapai 1,2 meter di beberapa titik.\n\n"
    "Kepala BPBD, Dr. Ahmad Fauzi, mengatakan pihaknya telah mengevakuasi 320 warga. "
    "“Kami terus memantau ketinggian air,” ujarnya."
)


def status_markdown() -> str:
    from .cli import models_status

    rows = ["| task | model | licence | status |", "|---|---|---|---|"]
    for r in models_status():
        lic = html.escape(r["licence"]) + ("" if r["commercial_use"] else " — **non-commercial**")
        state = "present" if r["present"] else f"missing — run `{r['fetch']}` on a connected machine"
        name = html.escape(r["name"]) + (" (default)" if r["default"] else "")
        rows.append(f"| {r['task']} | {name} | {lic} | {state} |")
    return "\n".join(rows)


def _model_choices() -> list[str]:
    from .registry import Registry

    return [m.name for m in Registry.load().for_task("translation")]


ARTICLE_TYPES = (".txt", ".md", ".html", ".htm")
GLOSSARY_TYPES = (".tsv", ".csv", ".txt")
_UNITS = {"b": 1, "kb": 1000, "mb": 1000**2, "gb": 1000**3}


def max_upload_bytes() -> int:
    """``LINTAS_MAX_UPLOAD`` (bytes, or with a unit: ``500kb``, ``5mb``); default 5 MB per file."""
    raw = os.environ.get("LINTAS_MAX_UPLOAD", "5mb").strip().lower().replace(" ", "")
    m = re.fullmatch(r"(\d+)(b|kb|mb|gb)?", raw)
    if not m:
        raise ConfigError(f"LINTAS_MAX_UPLOAD must be a size such as 5mb or 500000, got {raw!r}")
    return int(m.group(1)) * _UNITS[m.group(2) or "b"]


def _upload_path(upload, types: tuple[str, ...], what: str) -> Path | None:
    """The uploaded file's path, after checking its type and size (Gradio checks both too, in
    the browser and at its upload route; this holds for any other way into the handler)."""
    if upload is None:
        return None
    path = upload if isinstance(upload, str) else getattr(upload, "name", None)
    if not path:
        return None
    p = Path(path)
    if p.suffix.lower() not in types:
        raise InputError(f"The {what} must be a {', '.join(types)} file, not {p.suffix or 'a file without an extension'!r}.")
    limit = max_upload_bytes()
    size = p.stat().st_size
    if size > limit:
        raise InputError(f"The {what} has {size:,} bytes; the upload limit is {limit:,} (LINTAS_MAX_UPLOAD).")
    return p


def _read_upload(upload) -> bytes | None:
    p = _upload_path(upload, ARTICLE_TYPES, "article file")
    return p.read_bytes() if p else None


ATTRIBUTION_HEADERS = ["#", "Indonesian claim", "English (sentence)", "speaker / affiliation", "source", "kind", "verdict",
                       "evidence", "differences"]


def attribution_rows(report) -> list[list]:
    a = report.article
    rows = []
    for x in a.attributions:
        who = " / ".join(v for v in (x.speaker.name or x.speaker.role, x.speaker.affiliation) if v)
        c = x.check
        rows.append([
            x.sentence, x.text, a.sentences[x.sentence].translation or "", who, f"{x.source.name} ({x.source.type})", x.kind,
            c.verdict if c else "", f"{c.evidence[0].source}: {c.evidence[0].text}" if c and c.evidence else "",
            "; ".join(f"{d.type}: {d.claim} vs {d.source}" for d in c.differences) if c else "",
        ])
    return rows


def run_translate(text: str, upload, model: str, local_dir: str, src1_name: str = "", src1_text: str = "",
                  src2_name: str = "", src2_text: str = "", progress=None, glossary_upload=None):
    """Gradio handler: (title, side-by-side rows, attribution rows, issues markdown, report file)."""
    import gradio as gr

    from .api import check, translate

    choice = (local_dir or "").strip() or model or None
    sources = {n.strip(): t for n, t in ((src1_name, src1_text), (src2_name, src2_text)) if n and n.strip() and t and t.strip()}

    def on_progress(done: int, total: int) -> None:
        if progress is not None:
            progress(done / max(total, 1), desc=f"translating {done}/{total}")

    try:
        source = _read_upload(upload) or (text or "")
        gpath = _upload_path(glossary_upload, GLOSSARY_TYPES, "glossary")
        glossary = str(gpath) if gpath else None
        if sources:
            report = check(source, sources, model=choice, glossary=glossary)
        else:
            report = translate(source, model=choice, progress=on_progress, glossary=glossary)
    except LintasError as e:
        raise gr.Error(str(e)) from e
    a = report.article
    rows = [[s.index, s.text, s.translation or "", "" if s.confidence is None else round(s.confidence, 2)] for s in a.sentences]
    issues = "\n".join(f"- **{html.escape(i.code)}**: {html.escape(i.message)}" for i in a.issues) or "No issues."
    if getattr(report, "check_method", None):
        issues += f"\n\nChecked with: {html.escape(report.check_method)}"
    out = Path(tempfile.mkdtemp(prefix="lintas-")) / "report.json"
    out.write_text(json.dumps(report.to_dict(), ensure_ascii=False, indent=2), encoding="utf-8")
    title = f"{a.title_translation or ''}  ·  {a.title or ''}".strip(" ·")
    return title, rows, attribution_rows(report), issues, str(out)


def build_app():
    import gradio as gr

    choices = _model_choices()
    with gr.Blocks(title="lintas — Indonesian news in English") as demo:
        gr.Markdown("# lintas\nIndonesian news in English, sentence by sentence.")
        with gr.Row():
            with gr.Column(scale=3):
                text = gr.Textbox(label="Indonesian article (text, Markdown or HTML)", lines=12, value=EXAMPLE)
                upload = gr.File(label="…or upload .txt / .md / .html", file_types=list(ARTICLE_TYPES))
            with gr.Column(scale=1):
                model = gr.Dropdown(choices=choices, value=choices[0] if choices else None, label="Translation model")
                local_dir = gr.Textbox(label="…or a local model directory", placeholder="/path/to/model")
                glossary = gr.File(label="Glossary (TSV/CSV: Indonesian term, English term)", file_types=list(GLOSSARY_TYPES))
                go = gr.Button("Translate", variant="primary")
        with gr.Accordion("Sources to check the attributions against (optional)", open=False):
            with gr.Row():
                src1_name = gr.Textbox(label="Source name", placeholder="BBC")
                src1_text = gr.Textbox(label="Its text (or HTML)", lines=4)
            with gr.Row():
                src2_name = gr.Textbox(label="Source name", placeholder="Chatham House")
                src2_text = gr.Textbox(label="Its text (or HTML)", lines=4)
        title = gr.Textbox(label="Title (English · Indonesian)", interactive=False)
        table = gr.Dataframe(headers=["#", "Indonesian", "English", "confidence"], datatype=["number", "str", "str", "number"],
                             label="Side by side", wrap=True, interactive=False, column_widths=["4%", "44%", "44%", "8%"])
        attributions = gr.Dataframe(headers=ATTRIBUTION_HEADERS, label="Who said what", wrap=True, interactive=False,
                                    column_widths=["4%", "16%", "16%", "10%", "10%", "7%", "8%", "19%", "10%"])
        issues = gr.Markdown()
        report = gr.File(label="Report (JSON)")
        with gr.Accordion("Models", open=False):
            gr.Markdown(status_markdown())

        def handler(text, upload, model, local_dir, s1n, s1t, s2n, s2t, gl, progress=gr.Progress()):
            return run_translate(text, upload, model, local_dir, s1n, s1t, s2n, s2t, progress, gl)

        go.click(handler, [text, upload, model, local_dir, src1_name, src1_text, src2_name, src2_text, glossary],
                 [title, table, attributions, issues, report], api_name="translate")
    return demo
