"""What both batch engines share: an input line → a job → one output record.

A job is ``{"id": …, "text": …}`` with optional ``"sources": {name: text}``, ``"translations":
[[id, en], …]``, ``"summary_backend"`` and ``"bullets"``. A record is ``{"id", "line", "ok": true,
"report": …}`` or ``{"id", "line", "ok": false, "error": {code, message}}``. The local engine
(:mod:`service.batch`) and the Ray engine (:mod:`service.batch_ray`) build records with the same
functions here, through the same API (:mod:`service.api`), so a record does not depend on where it
was made. Nothing here imports Ray.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Callable, Iterable, Iterator

from .errors import LintasError

log = logging.getLogger(__name__)
OPERATIONS = ("translate", "attributions", "check", "summarize", "report")


def parse_line(n: int, line: str) -> tuple[dict | None, str | None]:
    """(job, None) for a good input line, (None, error message) for a bad one."""
    try:
        job = json.loads(line)
        if not isinstance(job, dict) or not isinstance(job.get("text"), str):
            raise ValueError("each line needs a JSON object with a \"text\" string")
        return job, None
    except ValueError as e:
        return None, f"line {n}: {e}"


def numbered_lines(lines: Iterable[str]) -> Iterator[tuple[int, str]]:
    """(line number, line) for each non-empty line, numbered as the local engine numbers them."""
    for n, line in enumerate(lines, 1):
        if line.strip():
            yield n, line


def record_id(job: dict | None, n: int | None) -> str:
    """A record's id: the job's ``id`` as a string, else its line number."""
    return str(job.get("id", n)) if job else str(n)


def process(job: dict, operation: str, model: str | None, *, settings=None, pool=None,
            translator: Callable | None = None) -> dict:
    """One job through the same API as every other surface (given pairs passed as they are).
    ``settings``/``pool``: the run's own (default: the process's); ``translator``: a loader of the
    model translator, used when the job brings no English of its own."""
    from . import api

    if operation == "attributions":
        return api.attributions(job["text"], settings=settings).to_dict()
    given = job.get("translations") or None
    run = {"settings": settings, "pool": pool, "translator": None if given else translator}
    summary = {"summary_backend": job.get("summary_backend", "auto"), "bullets": int(job.get("bullets", 3))}
    if operation == "summarize":
        return api.summarize(job["text"], model=model, translations=given, backend=summary["summary_backend"],
                             bullets=summary["bullets"], **run).to_dict()
    if operation == "report":
        return api.full_report(job["text"], job.get("sources") or None, model=model, translations=given, **summary,
                               **run).to_dict()
    if operation == "check" or job.get("sources"):
        return api.check(job["text"], job.get("sources") or {}, model=model, translations=given, **run).to_dict()
    return api.translate(job["text"], model=model, translations=given, **run).to_dict()


def make_record(n: int | None, job: dict | None, err: str | None, operation: str, model: str | None, **run) -> dict:
    """The output record of one input line: its report, or the error that stopped it (a failing
    article is recorded and the run goes on)."""
    rid = record_id(job, n)
    if err is not None:
        return {"id": rid, "line": n, "ok": False, "error": {"code": "bad_input", "message": err}}
    try:
        return {"id": rid, "line": n, "ok": True, "report": process(job, operation, model, **run)}
    except LintasError as e:
        return {"id": rid, "line": n, "ok": False, **e.to_dict()}
    except Exception as e:  # one article's failure must not stop the run: record it
        log.exception("article %s failed", rid)
        return {"id": rid, "line": n, "ok": False, "error": {"code": "internal_error", "message": f"{type(e).__name__}: {e}"}}


def encode(rec: dict) -> bytes:
    """One record as one JSONL line."""
    return (json.dumps(rec, ensure_ascii=False) + "\n").encode("utf-8")


def written_records(out: Path) -> list:
    """The JSON values of an output file's lines, for resuming: a torn last line (a killed run) is
    cut off the file first, and a line that is not JSON is passed over. Both engines read their
    JSONL output through this."""
    if not out.exists():
        return []
    data = out.read_bytes()
    if data and not data.endswith(b"\n"):
        cut = data.rfind(b"\n") + 1
        with open(out, "r+b") as f:
            f.truncate(cut)
        data = data[:cut]
    recs = []
    for text in data.decode("utf-8", errors="replace").splitlines():
        try:
            recs.append(json.loads(text))
        except ValueError:
            continue
    return recs
