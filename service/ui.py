"""The Gradio app: paste or upload an article, read it side by side in English, with a traced
summary and who said what.

Contains no logic of its own: it calls the Python API and shows the report. Starts without any
model present: segmentation and who said what work, a banner at the top says that the
translation model is missing (and how to fetch it, or how to give English without it), and the
Models panel names the command that fetches each missing model.

The entry points:

* :func:`run_report` — for Python callers (tests, notebooks): paths are theirs, like
  :mod:`service.api`'s.
* :func:`handle_report` — the Gradio event (``/gradio_api/call/report``): everything it receives
  comes from a client, so it reads files only from Gradio's upload folder, takes only the
  models this page offers (registry models, and the configured one), and never a directory
  unless the ``allow_local_models`` setting is on.
* :func:`handle_compare` — the Compare translations tab's event (``/gradio_api/call/compare``):
  two or three English translations of one article, pasted or uploaded (uploads read as
  :func:`handle_report` reads them), sentence by sentence with what they disagree on.

Each run's downloads (report.json, report.md; compare.json, compare.md) go into one lintas-owned temporary folder that
keeps the last :data:`KEEP_RUNS` runs; Gradio's own copies and the users' uploads are deleted
after :data:`CACHE_MAX_AGE` seconds (``gr.Blocks(delete_cache=…)``).
"""

from __future__ import annotations

import atexit
import html
import json
import logging
import shutil
import tempfile
import threading
from collections import Counter, OrderedDict
from dataclasses import dataclass
from pathlib import Path
from typing import Collection

from .errors import InputError, LintasError
from .limits import Deadline

log = logging.getLogger(__name__)

EXAMPLE = (
    "Banjir Merendam Ribuan Rumah di Bekasi\n\n"
    "Bekasi – Banjir merendam sekitar 1.500 rumah di tiga kecamatan sejak Senin pagi. "
    "Ketinggian air mencapai 1,2 meter di beberapa titik.\n\n"
    "Kepala BPBD, Dr. Ahmad Fauzi, mengatakan pihaknya telah mengevakuasi 320 warga. "
    "“Kami terus memantau ketinggian air,” ujarnya."
)

TEST_MODEL_MARKER = "TEST_MODEL.txt"  # service/testing/tiny.py writes it into a random-weight model's folder
PULL_TRANSLATION = "lintas models pull translation"
KEEP_RUNS = 16  # runs whose report files stay in the UI's download folder (oldest removed first)
CACHE_MAX_AGE = 3600  # seconds Gradio keeps uploads and its copies of the downloads


def status_markdown() -> str:
    from .registry import models_status

    rows = ["| task | model | licence | status |", "|---|---|---|---|"]
    for r in models_status():
        lic = html.escape(r["licence"]) + ("" if r["commercial_use"] else " — **non-commercial**")
        if not r["present"]:
            state = f"missing — run `{r['fetch']}` on a connected machine"
        elif r["path"] and (Path(r["path"]) / TEST_MODEL_MARKER).is_file():
            state = "present — **a random test model** (its output is meaningless)"
        else:
            state = "present"
        name = html.escape(r["name"]) + (" (default)" if r["default"] else "")
        rows.append(f"| {r['task']} | {name} | {lic} | {state} |")
    return "\n".join(rows)


# ---------------------------------------------------------------- models the page offers

def _is_test_dir(path: str | Path | None) -> bool:
    return bool(path) and (Path(path) / TEST_MODEL_MARKER).is_file()


def model_choices(settings=None) -> tuple[list[tuple[str, str]], str | None]:
    """The translation models this page offers, as (label, value) pairs, and the preselected one.

    Only models whose files are on this machine are offered (a missing model is never
    preselected). The configured model (``models.translation``, LINTAS_MODEL_TRANSLATION) comes
    first and is the default; then the registry's default, then the other present ones."""
    from .registry import Registry
    from .settings import current

    settings = settings or current()
    reg = Registry.load(settings=settings)
    configured = settings.model_for("translation")
    choices: list[tuple[str, str]] = []
    if configured and configured not in reg.models:
        try:
            spec = reg.resolve("translation", configured)
            where = spec.locate()
        except LintasError:
            where = None
        if where is not None:  # a directory or hub id the operator configured: offered by its setting
            choices.append((f"{Path(configured).name} (LINTAS_MODEL_TRANSLATION)" + (" — test model" if _is_test_dir(where) else ""),
                            configured))
    default_name = reg.defaults.get("translation")
    specs = sorted(reg.for_task("translation"), key=lambda s: (s.name != configured, s.name != default_name))
    for spec in specs:
        where = spec.locate()
        if where is not None:
            choices.append((spec.name + (" — test model" if _is_test_dir(where) else ""), spec.name))
    return choices, (choices[0][1] if choices else None)


def _check_model(model: str | None, local_dir: str | None, settings) -> str | None:
    """The client's model choice, if this page may load it: a registry translation model or the
    configured one; a directory or any other name only with ``allow_local_models``."""
    from .registry import Registry

    local = (local_dir or "").strip()
    choice = local or (model or "").strip() or None
    if choice is None or settings.allow_local_models:
        return choice
    if local:
        raise InputError("This server does not load models from a directory named in a request "
                         "(the allow_local_models setting, LINTAS_ALLOW_LOCAL_MODELS, is off). Choose a model from the list.")
    names = [s.name for s in Registry.load(settings=settings).for_task("translation")]
    if choice in names or choice == settings.model_for("translation"):
        return choice
    raise InputError(f"Unknown translation model {choice!r}: choose one of {', '.join(names)} "
                     "(other names and directories are refused unless LINTAS_ALLOW_LOCAL_MODELS is on).")


# ---------------------------------------------------------------- uploads

ARTICLE_TYPES = (".txt", ".md", ".html", ".htm")
GLOSSARY_TYPES = (".tsv", ".csv", ".txt")
TRANSLATION_TYPES = (".tsv", ".txt", ".md", ".html", ".htm")


def max_upload_bytes() -> int:
    """The ``max_upload`` setting (LINTAS_MAX_UPLOAD: bytes, or with a unit: ``500kb``, ``5mb``); default 5 MB per file."""
    from .settings import current

    return current().max_upload


def upload_folder() -> Path:
    """Where Gradio keeps uploaded files (``GRADIO_TEMP_DIR``, else ``<tmp>/gradio``), resolved."""
    try:
        from gradio.utils import get_upload_folder
    except ImportError:  # pragma: no cover - gradio is a dependency of the UI
        return (Path(tempfile.gettempdir()) / "gradio").resolve()
    return Path(get_upload_folder()).resolve()


def _upload_name(upload) -> str | None:
    if upload is None:
        return None
    if isinstance(upload, dict):  # a FileData payload that reached the handler as a dict
        return upload.get("path") or None
    return upload if isinstance(upload, str) else getattr(upload, "name", None) or getattr(upload, "path", None)


def _upload_path(upload, types: tuple[str, ...], what: str, only_uploaded: bool = False,
                 uploaded: Collection[str] | None = None) -> Path | None:
    """The uploaded file's path, after checking its type and size (Gradio checks both too, in
    the browser and at its upload route; this holds for any other way into the handler).

    ``only_uploaded``: the path came from a client. It must resolve (links followed) to a file
    inside Gradio's upload folder and, given ``uploaded`` (the app's ``upload_file_set``: what
    its upload route stored), be one of those files. The second test matters: a mounted Gradio
    app copies a server file named in a request into its cache before the handler runs, so
    being in the folder alone proves nothing."""
    path = _upload_name(upload)
    if not path:
        return None
    p = Path(path)
    if only_uploaded:
        root = upload_folder()
        try:
            real = p.resolve(strict=True)
        except (OSError, RuntimeError):
            real = None
        stored = None if uploaded is None else {_resolved(u) for u in list(uploaded)}
        if (real is None or not real.is_relative_to(root) or not real.is_file()
                or (stored is not None and real not in stored)):
            raise InputError(f"The {what} was not uploaded through this page: only files uploaded here are read.")
        p = real
    if p.suffix.lower() not in types:
        raise InputError(f"The {what} must be a {', '.join(types)} file, not {p.suffix or 'a file without an extension'!r}.")
    limit = max_upload_bytes()
    size = p.stat().st_size
    if size > limit:
        raise InputError(f"The {what} has {size:,} bytes; the upload limit is {limit:,} (LINTAS_MAX_UPLOAD).")
    return p


def _resolved(path: str) -> Path | None:
    try:
        return Path(path).resolve()
    except (OSError, RuntimeError):
        return None


def _read_translations(path: Path | None):
    """The uploaded English: a TSV of (Indonesian, English) pairs as a list of pairs (an
    ``id``/``en`` header is skipped), or a whole English text (.txt/.md/.html whose lines are not
    tab-separated pairs) to be aligned with the article."""
    if path is None:
        return None
    from .options import EnglishText, read_pairs_tsv

    if path.suffix.lower() != ".tsv":
        data = path.read_bytes()
        lines = [x for x in data.decode("utf-8", errors="replace").splitlines() if x.strip()]
        if not lines or not all("\t" in x for x in lines):
            return EnglishText(data, name=path.name)

    try:
        pairs = read_pairs_tsv(path)
    except UnicodeDecodeError as e:
        raise InputError("The translations file must be UTF-8 text: Indonesian<TAB>English on each line.") from e
    if pairs and [c.strip().lower() for c in pairs[0]] in (["id", "en"], ["source", "target"], ["src", "tgt"]):
        pairs = pairs[1:]
    pairs = [(s, t) for s, t in pairs if s.strip() and t.strip()]
    if not pairs:
        raise InputError("The translations file holds no pairs: each line is Indonesian<TAB>English.")
    return pairs


# ---------------------------------------------------------------- downloads: one folder, bounded

_downloads_lock = threading.Lock()
_downloads: dict[str, Path] = {}


def downloads_folder() -> Path:
    """This process's folder for the report downloads (removed when the process exits)."""
    with _downloads_lock:
        d = _downloads.get("root")
        if d is None or not d.is_dir():
            d = _downloads["root"] = Path(tempfile.mkdtemp(prefix="lintas-ui-"))
            atexit.register(shutil.rmtree, d, True)
        return d


def _new_run_folder() -> Path:
    """A folder for one run's downloads; the oldest runs beyond :data:`KEEP_RUNS` are removed."""
    root = downloads_folder()
    with _downloads_lock:
        out = Path(tempfile.mkdtemp(prefix="run-", dir=root))
        runs = sorted((p for p in root.iterdir() if p.is_dir()), key=lambda p: p.stat().st_mtime_ns)
        for old in runs[:-KEEP_RUNS] if len(runs) > KEEP_RUNS else []:
            if old != out:
                shutil.rmtree(old, ignore_errors=True)
    return out


# ---------------------------------------------------------------- rendering

ATTRIBUTION_HEADERS = ["#", "Indonesian claim", "English claim", "speaker / affiliation", "source", "kind", "verdict",
                       "evidence", "differences"]
SIDE_HEADERS = ["#", "Indonesian", "English", "confidence", "said by"]


@dataclass(frozen=True)
class Run:
    """One run as the page shows it: the report and what the banner says about it."""

    report: object
    missing: str | None = None  # why there is no English (the translation model is missing)
    test_model: str | None = None  # the random test model that translated, if one did
    checked: bool = False  # sources were given (the check ran, or would have)
    given: bool = False  # English came from uploaded translations

    @property
    def english(self) -> bool:
        return self.missing is None


def _not_checked(run: Run) -> str:
    if run.missing:
        return "not checked: no translation model"
    if not run.checked:
        return "not checked: no sources given"
    return "not checked"


def _verdict(c) -> str:
    """The verdict in words; a claim whose cited source was not supplied says so; the other
    supplied sources that support or contradict it follow ("corroborated by Reuters (supported)")."""
    words = c.verdict.replace("_", " ")
    reason = (c.reason or "").split("; corroborated by")[0]  # the check's own list: said below, in words
    text = f"{words}: {reason}" if c.verdict == "no_source" and reason else words
    return "; ".join([text] + _corroboration(getattr(c, "corroboration", ())))


def _corroboration(corr) -> list[str]:
    """The other sources' verdicts in words: "corroborated by Reuters (supported)", "contradicted by AP"."""
    agree = [f"{c.source} ({c.verdict.replace('_', ' ')})" for c in corr if c.verdict != "contradicted"]
    against = [c.source for c in corr if c.verdict == "contradicted"]
    return ([f"corroborated by {', '.join(agree)}"] if agree else []) + \
        ([f"contradicted by {', '.join(against)}"] if against else [])


def _source_cell(x) -> str:
    """The cited source, and the outlet that relayed the statement: "Tokayev (person) via Football Italia"."""
    via = getattr(x, "via", None)
    return f"{x.source.name} ({x.source.type})" + (f" via {via.name}" if via is not None else "")


def attribution_rows(report, run: Run | None = None) -> list[list]:
    run = run or Run(report)
    a = report.article
    rows = []
    for x in a.attributions:
        who = " / ".join(v for v in (x.speaker.name or x.speaker.role, x.speaker.affiliation) if v)
        c = x.check
        verdict = _not_checked(run) if c is None else _verdict(c)
        if c is not None and run.missing:  # checked without English: numbers, names, dates and quotes only
            verdict += " (partial check: no translation model — numbers, names, dates and quotes only)"
        rows.append([
            x.sentence, x.text, x.text_en or a.sentences[x.sentence].translation or "", who, _source_cell(x),
            x.kind, verdict, f"{c.evidence[0].source}: {c.evidence[0].text}" if c and c.evidence else "",
            "; ".join(f"{d.type}: {d.claim} vs {d.source}" for d in c.differences) if c else "",
        ])
    return rows


def summary_markdown(report) -> str:
    """The summary as Markdown under its heading (which says when it is in Indonesian), every
    piece of article-derived text escaped."""
    from .report import md_escape

    sm = report.article.summary
    if sm is None:
        return "## Summary\n\n*No summary.*"
    heading = "## Summary (Indonesian — no translation model)" if sm.language == "id" else "## Summary"
    lines = [heading, ""] + ([f"### {md_escape(sm.headline)}", ""] if sm.headline else [])
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


ISSUES_PER_CODE = 3


def issues_markdown(run: Run) -> str:
    """The report's issues grouped by code, a few messages each (all of them are in the report
    files); "No issues." only when there is nothing to say, the banner included."""
    from .report import md_escape

    a = run.report.article
    issues = [i for i in a.issues if i.code != "translation_unavailable"]
    counts = Counter(i.code for i in issues)
    lines: list[str] = []
    for code, n in counts.items():
        msgs = [i.message for i in issues if i.code == code]
        lines.append(f"- `{html.escape(code)}` ({n})")
        lines += [f"  - {md_escape(m)}" for m in msgs[:ISSUES_PER_CODE]]
        if n > ISSUES_PER_CODE:
            lines.append(f"  - … and {n - ISSUES_PER_CODE} more (all of them in the report files)")
    text = "\n".join(lines)
    if not text and run.english:
        text = "No issues."
    method = getattr(run.report, "check_method", None)
    if method:
        text += f"\n\nChecked with: {html.escape(method)}"
    return text.strip()


def banner_markdown(run: Run | None = None, *, missing: str | None = None, test_model: str | None = None) -> str:
    """The warning at the top of the page: no translation model, or a random test model."""
    if run is not None:
        missing, test_model = run.missing, run.test_model
    if missing is not None:
        return ("⚠️ **No translation model on this machine: no English.** The article is shown in Indonesian; "
                "who said what and an Indonesian summary still work. "
                f"To fetch the model, run `{PULL_TRANSLATION}` on a connected machine. "
                "Without it, give the English yourself: upload an English text of the article (aligned sentence by "
                "sentence) or a TSV of Indonesian⇥English pairs below, or use `--translations FILE` at the command line."
                + (f"\n\n<small>{html.escape(missing)}</small>" if missing else ""))
    if test_model is not None:
        return (f"⚠️ **Test model: its English is meaningless.** The translation model "
                f"({html.escape(test_model)}) is a tiny test model with random weights (its folder holds "
                f"{TEST_MODEL_MARKER}), for running the code offline. For real English run `{PULL_TRANSLATION}`, "
                "or upload your own English below.")
    return ""


def initial_banner(settings=None) -> str:
    """The banner as the page opens: what the preselected translation model is (or that there is none)."""
    from .registry import Registry
    from .settings import current

    settings = settings or current()
    choices, default = model_choices(settings)
    if default is None:
        return banner_markdown(missing="")
    try:
        where = Registry.load(settings=settings).resolve("translation", default).locate()
    except LintasError:
        where = None
    return banner_markdown(test_model=default) if _is_test_dir(where) else ""


# ---------------------------------------------------------------- running

def _used_test_model(report, choice: str | None) -> str | None:
    """The test model that translated, from the report (``models[].test_model``) or its folder."""
    from .registry import Registry

    for m in report.models:
        for info in (m, m.get("fallback") or {}):
            if info.get("task") == "translation" and info.get("test_model"):
                return str(info.get("name") or info.get("id") or "test model")
    used = [m for m in report.models if m.get("task") == "translation" and (m.get("backend") != "oracle" or m.get("fallback"))]
    if not used:
        return None
    try:
        spec = Registry.load().resolve("translation", choice)
    except LintasError:
        return None
    return spec.name if _is_test_dir(spec.locate()) else None


def _run(text: str, upload_path: Path | None, choice: str | None, sources: dict, glossary: str | None,
         translations: list[tuple[str, str]] | None, summary_backend: str, bullets: int, progress=None,
         deadline: Deadline | None = None, settings=None, pool=None) -> Run:
    from .api import full_report, summarize
    from .errors import ModelNotAvailableError

    labels = {"translate": "translating", "check": "checking claims against sources", "summarise": "summarising"}

    def on_stage(name: str) -> None:
        if deadline is not None:
            deadline.on_stage(name)
        if progress is not None:
            progress({"translate": 0.0, "check": 0.7, "summarise": 0.85}.get(name, 0.0), desc=labels.get(name, name))

    def on_progress(done: int, total: int) -> None:
        if deadline is not None:
            deadline.progress(done, total)
        if progress is not None:
            progress(0.7 * done / max(total, 1), desc=f"translating {done}/{total}")

    source = upload_path.read_bytes() if upload_path else (text or "")
    missing = None
    try:
        report = full_report(source, sources or None, model=choice, translations=translations, glossary=glossary,
                             summary_backend=summary_backend or "auto", bullets=int(bullets or 3),
                             progress=on_progress, on_stage=on_stage, settings=settings, pool=pool)
    except ModelNotAvailableError as e:
        if e.task != "translation":
            raise  # a missing summary model asked for by name: say so (auto falls back by itself)
        missing = str(e)  # no translation model here: who said what and an Indonesian summary still work
        report = summarize(source, backend="extractive", language="id", bullets=int(bullets or 3), settings=settings,
                           pool=pool)
    unavailable = [i for i in report.article.issues if i.code == "translation_unavailable"]
    if unavailable and missing is None:  # the API itself says it had no translation model
        missing = unavailable[0].message
    test_model = None if missing else _used_test_model(report, choice)
    return Run(report, missing, test_model, checked=bool(sources), given=translations is not None)


def _write_downloads(report) -> tuple[str, str]:
    out = _new_run_folder()
    (out / "report.json").write_text(json.dumps(report.to_dict(), ensure_ascii=False, indent=2), encoding="utf-8")
    (out / "report.md").write_text(report.to_markdown(), encoding="utf-8")
    return str(out / "report.json"), str(out / "report.md")


def _render(run: Run) -> tuple:
    report = run.report
    a = report.article
    if run.english:
        title = f"{a.title_translation or ''}  ·  {a.title or ''}".strip(" ·")
    else:
        title = a.title or ""
    json_path, md_path = _write_downloads(report)
    return (title, side_by_side_rows(report), summary_markdown(report), attribution_rows(report, run), issues_markdown(run),
            json_path, md_path)


def _sources(src1_name, src1_text, src2_name, src2_text) -> dict:
    return {n.strip(): t for n, t in ((src1_name, src1_text), (src2_name, src2_text)) if n and n.strip() and t and t.strip()}


def run_report(text: str, upload, model: str | None, local_dir: str = "", src1_name: str = "", src1_text: str = "",
               src2_name: str = "", src2_text: str = "", glossary_upload=None, summary_backend: str = "auto",
               bullets: int = 3, progress=None, translations_upload=None):
    """The report as the page shows it, for Python callers (their paths and model directories are
    theirs, as in :mod:`service.api`): (title, side-by-side rows, summary, attribution rows,
    issues, JSON file, Markdown file).

    With no translation model on this machine it still shows who said what and an Indonesian
    extractive summary, and names the command that fetches the model."""
    return _render(_run_checked(text, upload, (local_dir or "").strip() or model or None, src1_name, src1_text, src2_name,
                                src2_text, glossary_upload, summary_backend, bullets, progress, translations_upload, False))


def _run_checked(text, upload, choice, s1n, s1t, s2n, s2t, glossary_upload, summary_backend, bullets, progress,
                 translations_upload, only_uploaded: bool, uploaded: Collection[str] | None = None,
                 deadline: Deadline | None = None, settings=None, pool=None) -> Run:
    import gradio as gr

    try:
        up = _upload_path(upload, ARTICLE_TYPES, "article file", only_uploaded, uploaded)
        gpath = _upload_path(glossary_upload, GLOSSARY_TYPES, "glossary", only_uploaded, uploaded)
        tpath = _upload_path(translations_upload, TRANSLATION_TYPES, "translations file", only_uploaded, uploaded)
        return _run(text, up, choice, _sources(s1n, s1t, s2n, s2t), str(gpath) if gpath else None,
                    _read_translations(tpath), summary_backend, bullets, progress, deadline, settings, pool)
    except LintasError as e:
        raise gr.Error(str(e)) from e


def handle_report(text: str, upload, model: str | None, local_dir: str = "", src1_name: str = "", src1_text: str = "",
                  src2_name: str = "", src2_text: str = "", glossary_upload=None, summary_backend: str = "auto",
                  bullets: int = 3, translations_upload=None, progress=None, uploaded: Collection[str] | None = None,
                  settings=None, pool=None):
    """The Gradio event (``api_name="report"``): like :func:`run_report`, for input from a client.

    Files are read only from Gradio's upload folder, and only those its upload route stored
    (``uploaded``: the app's ``upload_file_set``; the page passes it); the model is one this page offers (a
    directory or an unknown name only with ``allow_local_models``). ``local_dir`` is kept so
    that the API's positions do not move; the page has no such box. Returns run_report's seven
    values, the banner (shown by a second step, outside the API) and the :class:`Run`. ``settings``
    and ``pool``: the server's (default: the process's current settings and model pool)."""
    import gradio as gr

    from .settings import current

    settings = settings or current()
    try:
        choice = _check_model(model, local_dir, settings)
    except LintasError as e:
        raise gr.Error(str(e)) from e
    # the server's deadline (LINTAS_REQUEST_SECONDS) holds here as on REST: the work stops at the next stage
    run = _run_checked(text, upload, choice, src1_name, src1_text, src2_name, src2_text, glossary_upload, summary_backend,
                       bullets, progress, translations_upload, True, uploaded, Deadline(settings.request_seconds),
                       settings, pool)
    return (*_render(run), banner_markdown(run), run)


# ---------------------------------------------------------------- compare translations (#17)

COMPARE_TYPES = (".txt", ".md", ".html", ".htm")
COMPARE_SLOTS = 3  # the tab takes two or three translations
LABEL_MAX = 40


def _number(v: float) -> str:
    return str(int(v)) if float(v).is_integer() else f"{v:g}"


def disagreement_words(d) -> str:
    """One disagreement in words: each translation's value, in the translations' order, then
    the translations at fault — "number: 500 vs 600 (B)", "name: Tokayev vs none (B)"."""
    det = d.detail
    if d.kind == "omission":
        return f"omission: no English in {', '.join(d.systems)}"
    if d.kind == "number":
        vals = [", ".join(_number(v) for v in vs) or "none" for vs in det.get("values", {}).values()]
    elif d.kind == "name":
        vals = [", ".join(ns) or "none" for ns in det.get("names", {}).values()]
    elif d.kind == "quote":
        vals = [f"{n} quotation(s)" for n in det.get("quotations", {}).values()]
    else:  # negation, hedge
        vals = [", ".join(ws) or "none" for ws in det.get("words", {}).values()]
    return f"{d.kind}: {' vs '.join(vals)} ({', '.join(d.systems)})"


def compare_table(cmp) -> dict:
    """The comparison as the table's value (it carries its headers: one column per translation):
    sentence #, Indonesian, each translation's English, the disagreements in words. Plain text
    cells: the table shows them as text, never as markup."""
    ref = any(u.reference is not None for u in cmp.units)
    headers = ["#", "Indonesian", *cmp.systems] + (["reference"] if ref else []) + ["disagreements"]
    rows = []
    for u in cmp.units:
        rows.append([",".join(str(i) for i in u.sentences), u.text, *(u.english.get(s, "") for s in cmp.systems)]
                    + ([u.reference or ""] if ref else []) + ["; ".join(disagreement_words(d) for d in u.disagreements)])
    return {"headers": headers, "data": rows}


def compare_markdown(cmp) -> str:
    """Per translation, how many disagreements it is at fault in, by kind (every label escaped)."""
    from .report import md_escape

    differ = sum(1 for u in cmp.units if u.disagreements)
    lines = ["## Comparison", "", f"{differ} of {len(cmp.units)} sentence(s) with a disagreement.", ""]
    for s, c in cmp.counts.items():
        what = ", ".join(f"{v} {k}" for k, v in c.items() if v) or "none"
        lines.append(f"- **{md_escape(s)}**: {sum(c.values())} disagreement(s) ({what})")
    if cmp.chrf is not None:
        lines += ["", "chrF against the reference: " + ", ".join(f"{md_escape(k)} {v:.1f}" for k, v in cmp.chrf.items())]
    return "\n".join(lines)


def _english_input(text: str | None, upload, what: str, uploaded: Collection[str] | None):
    """One translation from the tab: pasted text or an uploaded file (only one uploaded through
    this page), as an :class:`EnglishText`; ``None`` when neither is given."""
    from .options import ENGLISH_DOCUMENT_SUFFIXES, EnglishText

    path = _upload_path(upload, COMPARE_TYPES, what, True, uploaded)
    text = text or ""
    if path is not None and text.strip():
        raise InputError(f"Give {what} as text or as a file, not both.")
    if path is not None:
        return EnglishText(path.read_bytes(), ENGLISH_DOCUMENT_SUFFIXES.get(path.suffix.lower(), "auto"), path.name)
    return EnglishText(text) if text.strip() else None


def _compare_label(label: str | None, given, k: int) -> str:
    label = " ".join((label or "").split())[:LABEL_MAX]
    return label or (given.name if given.name != "<text>" else chr(ord("A") + k))


def _compare(text, upload, slots, ref_text, ref_upload, uploaded):
    from .compare import compare_translations

    up = _upload_path(upload, ARTICLE_TYPES, "article file", True, uploaded)
    source = up.read_bytes() if up else (text or "")
    if not (up or source.strip()):
        raise InputError("Paste or upload the Indonesian article to compare its translations.")
    given, labels = [], []
    for k, (label, t, f) in enumerate(slots):
        english = _english_input(t, f, f"translation {chr(ord('A') + k)}", uploaded)
        if english is not None:
            given.append(english)
            labels.append(_compare_label(label, english, k))
    if len(given) < 2:
        raise InputError("Give two translations or three (paste them or upload them) to compare.")
    reference = _english_input(ref_text, ref_upload, "reference translation", uploaded)
    return compare_translations(source, given, labels=labels, reference=reference)


def handle_compare(text: str, upload, l1: str, t1: str, f1, l2: str, t2: str, f2, l3: str = "", t3: str = "", f3=None,
                   ref_text: str = "", ref_upload=None, uploaded: Collection[str] | None = None):
    """The Gradio event (``api_name="compare"``): the article, two or three English translations
    (each a label, pasted text or an uploaded file) and an optional reference, compared sentence
    by sentence. Everything comes from a client: files are read only from Gradio's upload
    folder, and only those its upload route stored (``uploaded``). Returns the summary
    (Markdown), the table's value and the comparison's JSON and Markdown downloads."""
    import gradio as gr

    try:
        cmp = _compare(text, upload, [(l1, t1, f1), (l2, t2, f2), (l3, t3, f3)], ref_text, ref_upload, uploaded)
    except LintasError as e:
        raise gr.Error(str(e)) from e
    out = _new_run_folder()
    (out / "compare.json").write_text(json.dumps(cmp.to_dict(), ensure_ascii=False, indent=2), encoding="utf-8")
    (out / "compare.md").write_text(cmp.to_markdown(), encoding="utf-8")
    return compare_markdown(cmp), compare_table(cmp), str(out / "compare.json"), str(out / "compare.md")


_banners: "OrderedDict[str, str]" = OrderedDict()  # session → the banner its last run asks for
_banners_lock = threading.Lock()
_BANNERS_KEPT = 512


def _remember_banner(request, text: str) -> None:
    key = getattr(request, "session_hash", None)
    if not key:
        return
    with _banners_lock:
        _banners[key] = text
        while len(_banners) > _BANNERS_KEPT:
            _banners.popitem(last=False)


def _recall_banner(request) -> str | None:
    key = getattr(request, "session_hash", None)
    with _banners_lock:
        return _banners.pop(key, None) if key else None


EXAMPLES = [
    EXAMPLE,
    ("Harga Beras Naik Menjelang Lebaran\n\n"
     "Jakarta – Harga beras medium di sejumlah pasar tradisional naik menjadi Rp14.500 per kilogram pekan ini. "
     "Menurut Badan Pusat Statistik (BPS), inflasi bulan lalu mencapai 2,8 persen.\n\n"
     "Menteri Perdagangan, Budi Santoso, mengatakan pemerintah akan menggelar operasi pasar di 50 kota. "
     "“Stok beras nasional aman hingga akhir tahun,” ujarnya.\n\n"
     "Namun, ekonom Universitas Indonesia, Rina Kusuma, menilai kenaikan harga dipicu oleh gagal panen di Jawa Tengah."),
]

# mount_gradio_app sets the page's css itself, so the tables' font comes from a style element on the page
STYLE = """<style>
#lintas-side table, #lintas-side td, #lintas-side th, #lintas-side input, #lintas-side span,
#lintas-who table, #lintas-who td, #lintas-who th, #lintas-who input, #lintas-who span,
#lintas-cmp-table table, #lintas-cmp-table td, #lintas-cmp-table th, #lintas-cmp-table input, #lintas-cmp-table span {
  font-family: var(--font) !important; font-size: var(--text-md) !important; }
#lintas-banner { border: 2px solid #d97706; background: #fef3c7; border-radius: 8px; padding: 8px 14px; }
#lintas-banner, #lintas-banner * { color: #1f2937 !important; }
</style>"""


def _input_widgets(gr, settings) -> dict:
    """The article, its options and the sources, in the order the /report API takes them."""
    choices, default = model_choices(settings)
    w: dict = {}
    with gr.Row():
        with gr.Column(scale=3):
            w["text"] = gr.Textbox(label="Indonesian article (text, Markdown or HTML)", lines=12, value=EXAMPLE)
            w["upload"] = gr.File(label="…or upload .txt / .md / .html", file_types=list(ARTICLE_TYPES), height=140)
        with gr.Column(scale=1):
            w["model"] = gr.Dropdown(choices=choices, value=default, label="Translation model",
                                     info=None if choices else f"none on this machine: run `{PULL_TRANSLATION}`")
            w["local_dir"] = gr.Textbox(visible=False)  # no directory box: kept only so that the API's positions stay
            w["translations"] = gr.File(label="Your English: a whole text (.txt/.md/.html, aligned sentence by sentence) "
                                              "or a TSV of Indonesian ⇥ English pairs",
                                        file_types=list(TRANSLATION_TYPES), elem_id="lintas-translations", height=140)
            w["glossary"] = gr.File(label="Glossary (TSV/CSV: Indonesian term, English term)",
                                    file_types=list(GLOSSARY_TYPES), height=140)
            w["summary_backend"] = gr.Dropdown(choices=["auto", "extractive", "seq2seq", "llm"], value="auto", label="Summary",
                                               info="auto: the summary model if present, else extractive (no model)")
            w["bullets"] = gr.Slider(1, 8, value=3, step=1, label="Summary bullets")
            w["go"] = gr.Button("Translate", variant="primary")
    gr.Examples(EXAMPLES, inputs=[w["text"]], label="Examples (written for lintas)")
    with gr.Accordion("Sources to check the attributions against (optional)", open=False, elem_id="lintas-sources"):
        with gr.Row():
            w["src1_name"] = gr.Textbox(label="Source name", placeholder="BBC", elem_id="lintas-src1-name")
            w["src1_text"] = gr.Textbox(label="Its text (or HTML)", lines=4, elem_id="lintas-src1-text")
        with gr.Row():
            w["src2_name"] = gr.Textbox(label="Source name", placeholder="Chatham House")
            w["src2_text"] = gr.Textbox(label="Its text (or HTML)", lines=4)
    return w


def _output_widgets(gr) -> list:
    """Title, side by side, summary, who said what, issues and the two downloads (the API's outputs)."""
    title = gr.Textbox(label="Title (English · Indonesian)", interactive=False, elem_id="lintas-title")
    summary = gr.Markdown("## Summary\n\n*Run an article to see its summary.*", elem_id="lintas-summary")
    table = gr.Dataframe(headers=SIDE_HEADERS, datatype=["number", "str", "str", "number", "str"], elem_id="lintas-side",
                         label="Side by side", wrap=True, interactive=False, max_height=800,
                         column_widths=["4%", "38%", "38%", "8%", "12%"])
    attributions = gr.Dataframe(headers=ATTRIBUTION_HEADERS, label="Who said what", wrap=True, interactive=False,
                                elem_id="lintas-who", max_height=800,
                                column_widths=["4%", "15%", "15%", "11%", "10%", "7%", "10%", "18%", "10%"])
    gr.Markdown("### Issues")
    issues = gr.Markdown(elem_id="lintas-issues")
    with gr.Row():
        report = gr.File(label="Report (JSON)")
        report_md = gr.File(label="Report (Markdown)")
    with gr.Accordion("Models", open=False):
        gr.Markdown(status_markdown())
    return [title, table, summary, attributions, issues, report, report_md]


def _side_with_headers(run, rows) -> dict:
    """The English column says where its English comes from, or that there is none (the value
    carries its headers: an update of the label would not reach API clients)."""
    english = ("English (from your translations)" if run.given else "English") if run.english \
        else "English (none: no translation model)"
    return {"headers": [english if h == "English" else h for h in SIDE_HEADERS], "data": rows}


def _compare_inputs(gr) -> list:
    """The Compare tab's inputs, in the order the /compare API takes them: the article, three
    translations (label, text, file) and the reference (text, file)."""
    with gr.Row():
        text = gr.Textbox(label="Indonesian article (the same article: text, Markdown or HTML)", lines=6,
                          elem_id="lintas-cmp-article", scale=3)
        upload = gr.File(label="…or upload .txt / .md / .html", file_types=list(ARTICLE_TYPES), height=140, scale=1)
    slots: list = []
    with gr.Row():
        for k in range(COMPARE_SLOTS):
            letter = chr(ord("A") + k)
            with gr.Column():
                slots.append(gr.Textbox(value=letter, label=f"Translation {letter}: label", max_lines=1))
                slots.append(gr.Textbox(label=f"Translation {letter}: English" + (" (optional)" if k >= 2 else ""),
                                        lines=8, elem_id=f"lintas-cmp-{letter.lower()}"))
                slots.append(gr.File(label=f"…or upload translation {letter} (.txt / .md / .html)",
                                     file_types=list(COMPARE_TYPES), height=120))
    with gr.Accordion("Reference translation (optional: chrF for each translation)", open=False):
        with gr.Row():
            ref = gr.Textbox(label="Reference English", lines=4, scale=3)
            ref_file = gr.File(label="…or upload it", file_types=list(COMPARE_TYPES), height=120, scale=1)
    return [text, upload, *slots, ref, ref_file]


def _compare_tab(gr, demo) -> None:
    """Compare translations (#17): two or three English translations of one article, sentence by sentence."""
    gr.Markdown("Paste or upload two or three English translations of the same article: each sentence is shown "
                "beside each translation, with what they disagree on (numbers, names, quotations, negations, hedges, "
                "omissions) and which translation is at fault.")
    inputs = _compare_inputs(gr)
    go = gr.Button("Compare", variant="primary")
    summary = gr.Markdown(elem_id="lintas-cmp-summary")
    table = gr.Dataframe(headers=["#", "Indonesian", "A", "B", "disagreements"], label="Sentence by sentence", wrap=True,
                         interactive=False, elem_id="lintas-cmp-table", max_height=800)
    with gr.Row():
        cj = gr.File(label="Comparison (JSON)")
        cm = gr.File(label="Comparison (Markdown)")

    def compare(text, upload, l1, t1, f1, l2, t2, f2, l3, t3, f3, rt, rf):
        return handle_compare(text, upload, l1, t1, f1, l2, t2, f2, l3, t3, f3, rt, rf, demo.upload_file_set)

    go.click(compare, inputs, [summary, table, cj, cm], api_name="compare")


def build_app(settings=None, pool=None):
    """The page; ``settings`` and ``pool``: the server's (default: the process's current settings
    and model pool), so that the page and its Gradio API run as REST does."""
    import gradio as gr

    from .settings import current

    settings = settings or current()
    with gr.Blocks(title="lintas — Indonesian news in English", delete_cache=(600, CACHE_MAX_AGE)) as demo:
        first = initial_banner(settings)
        banner = gr.Markdown(first, elem_id="lintas-banner", visible=bool(first))
        gr.HTML(STYLE, padding=False)
        gr.Markdown("# lintas\nIndonesian news in English, sentence by sentence.")
        with gr.Tab("Translate & check", id="translate"):
            w = _input_widgets(gr, settings)
            outputs = _output_widgets(gr)
        with gr.Tab("Compare translations", id="compare"):
            _compare_tab(gr, demo)

        def handler(text, upload, model, local_dir, s1n, s1t, s2n, s2t, gl, sb, nb, tr=None, progress=gr.Progress(),
                    request: gr.Request = None):
            t, rows, sm, atts, iss, rj, rm, banner_text, run = handle_report(text, upload, model, local_dir, s1n, s1t, s2n, s2t,
                                                                              gl, sb, nb, tr, progress, demo.upload_file_set,
                                                                              settings, pool)
            _remember_banner(request, banner_text)
            return t, _side_with_headers(run, rows), sm, atts, iss, rj, rm

        def show_banner(request: gr.Request = None):
            text = _recall_banner(request)
            return gr.update() if text is None else gr.update(value=text, visible=bool(text))

        for fn in (handler, show_banner):  # gradio injects the request by its type: give it the class, not a string
            fn.__annotations__["request"] = gr.Request

        # The banner follows in a second step: the /report API keeps its seven outputs, and no
        # gr.State (which would hold a heartbeat connection open for every page) is needed.
        inputs = [w[k] for k in ("text", "upload", "model", "local_dir", "src1_name", "src1_text", "src2_name", "src2_text",
                                 "glossary", "summary_backend", "bullets", "translations")]
        w["go"].click(handler, inputs, outputs, api_name="report").success(show_banner, None, [banner], api_name=False,
                                                                            queue=False)
    return demo
