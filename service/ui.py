"""The Gradio app: paste or upload an article, read it side by side in English, with a traced
summary and who said what.

Contains no logic of its own: it calls the Python API and shows the report. Starts without any
model present: segmentation works, and the status panel names the command that fetches each
missing model.
"""

from __future__ import annotations

import html
import json
import logging
import tempfile
from pathlib import Path

from .errors import InputError, LintasError

log = logging.getLogger(__name__)

EXAMPLE = (
    "Banjir Merendam Ribuan Rumah di Bekasi\n\n"
    "Bekasi – Banjir merendam sekitar 1.500 rumah di tiga kecamatan sejak Senin pagi. "
    "Ketinggian air mencapai 1,2 meter di beberapa titik.\n\n"
    "Kepala BPBD, Dr. Ahmad Fauzi, mengatakan pihaknya telah mengevakuasi 320 warga. "
    "“Kami terus memantau ketinggian air,” ujarnya."
)


def status_markdown() -> str:
    from .registry import models_status

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


def max_upload_bytes() -> int:
    """The ``max_upload`` setting (LINTAS_MAX_UPLOAD: bytes, or with a unit: ``500kb``, ``5mb``); default 5 MB per file."""
    from .settings import current

    return current().max_upload


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


def summary_markdown(report) -> str:
    """The summary as Markdown, every piece of article-derived text escaped."""
    from .report import md_escape

    sm = report.article.summary
    if sm is None:
        return "*No summary.*"
    lines = [f"### {md_escape(sm.headline)}" if sm.headline else "", ""]
    for b in sm.bullets:
        where = ", ".join(str(i) for i in b.supported_by) or "none — not supported by the article"
        who = ", ".join(md_escape(x["name"] or x["source"] or "") for x in b.attributed_to)
        notes = [f"sentences {where}"] + ([f"attributed to {who}"] if who else []) + [md_escape(f) for f in b.flags]
        lines.append(f"- {md_escape(b.text)}  \n  <small>{' · '.join(notes)}</small>")
    if sm.fallback:
        lines += ["", f"*{md_escape(sm.fallback)}*"]
    model = (sm.model or {}).get("name") or (sm.model or {}).get("id") or ""
    lines += ["", f"<small>summary: {md_escape(sm.backend)}{(' · ' + md_escape(str(model))) if model else ''} · language: {sm.language}</small>"]
    return "\n".join(lines)


def side_by_side_rows(report) -> list[list]:
    """Indonesian | English | confidence | who said it (sentences carrying attributions)."""
    a = report.article
    said: dict[int, list[str]] = {}
    for x in a.attributions:
        name = x.speaker.name or x.source.name or x.speaker.role or ""
        if name and name not in said.setdefault(x.sentence, []):
            said[x.sentence].append(name)
    return [[s.index, s.text, s.translation or "", "" if s.confidence is None else round(s.confidence, 2),
             ("💬 " + ", ".join(said[s.index])) if s.index in said else ""] for s in a.sentences]


def run_report(text: str, upload, model: str, local_dir: str, src1_name: str = "", src1_text: str = "",
               src2_name: str = "", src2_text: str = "", glossary_upload=None, summary_backend: str = "auto",
               bullets: int = 3, progress=None):
    """Gradio handler: (title, side-by-side rows, summary, attribution rows, issues, JSON file, Markdown file).

    With no translation model on this machine it still shows who said what and an Indonesian
    extractive summary, and names the command that fetches the model."""
    import gradio as gr

    from .api import full_report, summarize
    from .errors import ModelNotAvailableError

    choice = (local_dir or "").strip() or model or None
    sources = {n.strip(): t for n, t in ((src1_name, src1_text), (src2_name, src2_text)) if n and n.strip() and t and t.strip()}
    labels = {"translate": "translating", "check": "checking claims against sources", "summarise": "summarising"}
    state = {"stage": 0.0}

    def on_stage(name: str) -> None:
        state["stage"] = {"translate": 0.0, "check": 0.7, "summarise": 0.85}.get(name, 0.0)
        if progress is not None:
            progress(state["stage"], desc=labels.get(name, name))

    def on_progress(done: int, total: int) -> None:
        if progress is not None:
            progress(0.7 * done / max(total, 1), desc=f"translating {done}/{total}")

    missing = None
    try:
        source = _read_upload(upload) or (text or "")
        gpath = _upload_path(glossary_upload, GLOSSARY_TYPES, "glossary")
        glossary = str(gpath) if gpath else None
        try:
            report = full_report(source, sources or None, model=choice, glossary=glossary, summary_backend=summary_backend or "auto",
                                 bullets=int(bullets or 3), progress=on_progress, on_stage=on_stage)
        except ModelNotAvailableError as e:
            if e.task != "translation":
                raise  # a missing summary model asked for by name: say so (auto falls back by itself)
            missing = e  # no translation model here: who said what and an Indonesian summary still work
            report = summarize(source, backend="extractive", language="id", bullets=int(bullets or 3))
    except LintasError as e:
        raise gr.Error(str(e)) from e
    a = report.article
    issues = "\n".join(f"- **{html.escape(i.code)}**: {html.escape(i.message)}" for i in a.issues) or "No issues."
    if missing is not None:
        issues = f"**Translation model missing**: {html.escape(str(missing))}\n\n" + issues
    if getattr(report, "check_method", None):
        issues += f"\n\nChecked with: {html.escape(report.check_method)}"
    out = Path(tempfile.mkdtemp(prefix="lintas-"))
    (out / "report.json").write_text(json.dumps(report.to_dict(), ensure_ascii=False, indent=2), encoding="utf-8")
    (out / "report.md").write_text(report.to_markdown(), encoding="utf-8")
    title = f"{a.title_translation or ''}  ·  {a.title or ''}".strip(" ·")
    return (title, side_by_side_rows(report), summary_markdown(report), attribution_rows(report), issues,
            str(out / "report.json"), str(out / "report.md"))


EXAMPLES = [
    EXAMPLE,
    ("Harga Beras Naik Menjelang Lebaran\n\n"
     "Jakarta – Harga beras medium di sejumlah pasar tradisional naik menjadi Rp14.500 per kilogram pekan ini. "
     "Menurut Badan Pusat Statistik (BPS), inflasi bulan lalu mencapai 2,8 persen.\n\n"
     "Menteri Perdagangan, Budi Santoso, mengatakan pemerintah akan menggelar operasi pasar di 50 kota. "
     "“Stok beras nasional aman hingga akhir tahun,” ujarnya.\n\n"
     "Namun, ekonom Universitas Indonesia, Rina Kusuma, menilai kenaikan harga dipicu oleh gagal panen di Jawa Tengah."),
]


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
                summary_backend = gr.Dropdown(choices=["auto", "extractive", "seq2seq", "llm"], value="auto", label="Summary",
                                              info="auto: the summary model if present, else extractive (no model)")
                bullets = gr.Slider(1, 8, value=3, step=1, label="Summary bullets")
                go = gr.Button("Translate", variant="primary")
        gr.Examples(EXAMPLES, inputs=[text], label="Examples (written for lintas)")
        with gr.Accordion("Sources to check the attributions against (optional)", open=False):
            with gr.Row():
                src1_name = gr.Textbox(label="Source name", placeholder="BBC")
                src1_text = gr.Textbox(label="Its text (or HTML)", lines=4)
            with gr.Row():
                src2_name = gr.Textbox(label="Source name", placeholder="Chatham House")
                src2_text = gr.Textbox(label="Its text (or HTML)", lines=4)
        title = gr.Textbox(label="Title (English · Indonesian)", interactive=False)
        gr.Markdown("## Summary")
        summary = gr.Markdown("*Run an article to see its summary.*")
        table = gr.Dataframe(headers=["#", "Indonesian", "English", "confidence", "said by"],
                             datatype=["number", "str", "str", "number", "str"],
                             label="Side by side", wrap=True, interactive=False, column_widths=["4%", "38%", "38%", "8%", "12%"])
        attributions = gr.Dataframe(headers=ATTRIBUTION_HEADERS, label="Who said what", wrap=True, interactive=False,
                                    column_widths=["4%", "16%", "16%", "10%", "10%", "7%", "8%", "19%", "10%"])
        issues = gr.Markdown()
        with gr.Row():
            report = gr.File(label="Report (JSON)")
            report_md = gr.File(label="Report (Markdown)")
        with gr.Accordion("Models", open=False):
            gr.Markdown(status_markdown())

        def handler(text, upload, model, local_dir, s1n, s1t, s2n, s2t, gl, sb, nb, progress=gr.Progress()):
            return run_report(text, upload, model, local_dir, s1n, s1t, s2n, s2t, gl, sb, nb, progress)

        go.click(handler, [text, upload, model, local_dir, src1_name, src1_text, src2_name, src2_text, glossary, summary_backend, bullets],
                 [title, table, summary, attributions, issues, report, report_md], api_name="report")
    return demo
