"""Batch processing for wire desks: one article per JSONL line in, one result per line out.

Each input line is ``{"id": …, "text": …}`` with optional ``"sources": {name: text}`` and
``"translations": [[id, en], …]``. Each output line is ``{"id", "line", "ok": true, "report": …}``
or ``{"id", "line", "ok": false, "error": {code, message}}``, where ``line`` is the input line it
came from: a failing article is recorded and the run goes on. Every record is written whole (one
write, flushed and synced), so a run killed mid-way leaves complete lines only (a torn last line
is cut on resume), and ``resume=True`` skips the input *lines* already done (ids may repeat or
collide; line numbers do not): each record is produced exactly once. Resume the same input file.
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path
from typing import Callable, Iterator

from .errors import ConfigError, LintasError

log = logging.getLogger(__name__)
OPERATIONS = ("translate", "attributions", "check", "summarize", "report")


def read_jobs(path: str | Path) -> Iterator[tuple[int, dict | None, str | None]]:
    """(line number, job or None, error or None) for each non-empty input line."""
    with open(path, encoding="utf-8", errors="replace") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                job = json.loads(line)
                if not isinstance(job, dict) or not isinstance(job.get("text"), str):
                    raise ValueError("each line needs a JSON object with a \"text\" string")
                yield n, job, None
            except ValueError as e:
                yield n, None, f"line {n}: {e}"


def done_lines(out: Path) -> tuple[set[int], set[str]]:
    """Input line numbers already written, and the ids of records written without one (by an
    older lintas: those are skipped by id, as it did); a torn last line (a killed run) is cut off."""
    if not out.exists():
        return set(), set()
    data = out.read_bytes()
    if data and not data.endswith(b"\n"):
        cut = data.rfind(b"\n") + 1
        with open(out, "r+b") as f:
            f.truncate(cut)
        data = data[:cut]
    lines: set[int] = set()
    legacy: set[str] = set()
    for text in data.decode("utf-8", errors="replace").splitlines():
        try:
            rec = json.loads(text)
            if isinstance(rec.get("line"), int):
                lines.add(rec["line"])
            else:
                legacy.add(str(rec["id"]))
        except (ValueError, KeyError, TypeError, AttributeError):
            continue
    return lines, legacy


def _process(job: dict, operation: str, model: str | None) -> dict:
    """One record through the same API as every other surface (given pairs passed as they are)."""
    from . import api

    if operation == "attributions":
        return api.attributions(job["text"]).to_dict()
    given = job.get("translations") or None
    summary = {"summary_backend": job.get("summary_backend", "auto"), "bullets": int(job.get("bullets", 3))}
    if operation == "summarize":
        return api.summarize(job["text"], model=model, translations=given, backend=summary["summary_backend"],
                             bullets=summary["bullets"]).to_dict()
    if operation == "report":
        return api.full_report(job["text"], job.get("sources") or None, model=model, translations=given, **summary).to_dict()
    if operation == "check" or job.get("sources"):
        return api.check(job["text"], job.get("sources") or {}, model=model, translations=given).to_dict()
    return api.translate(job["text"], model=model, translations=given).to_dict()


def run_batch(inp: str | Path, out: str | Path, *, operation: str = "translate", model: str | None = None,
              resume: bool = False, progress: Callable[[int, int], None] | None = None) -> dict:
    if operation not in OPERATIONS:
        raise ConfigError(f"Unknown batch operation {operation!r}; use one of {', '.join(OPERATIONS)}")
    inp, out = Path(inp), Path(out)
    if not inp.is_file():
        raise ConfigError(f"No such file: {inp}")
    if out.exists() and not resume:
        raise ConfigError(f"{out} exists: pass --resume to continue it, or choose another output file")
    skip, legacy = done_lines(out) if resume else (set(), set())
    jobs = list(read_jobs(inp))
    counts = {"total": len(jobs), "ok": 0, "failed": 0, "skipped": 0}
    with open(out, "ab") as f:
        for i, (n, job, err) in enumerate(jobs, 1):
            rid = str(job.get("id", n)) if job else str(n)
            if n in skip or rid in legacy:
                counts["skipped"] += 1
                continue
            if err is not None:
                rec = {"id": rid, "line": n, "ok": False, "error": {"code": "bad_input", "message": err}}
            else:
                try:
                    rec = {"id": rid, "line": n, "ok": True, "report": _process(job, operation, model)}
                except LintasError as e:
                    rec = {"id": rid, "line": n, "ok": False, **e.to_dict()}
                except Exception as e:  # one article's failure must not stop the run: record it
                    log.exception("article %s failed", rid)
                    rec = {"id": rid, "line": n, "ok": False,
                           "error": {"code": "internal_error", "message": f"{type(e).__name__}: {e}"}}
            counts["ok" if rec["ok"] else "failed"] += 1
            f.write((json.dumps(rec, ensure_ascii=False) + "\n").encode("utf-8"))
            f.flush()
            os.fsync(f.fileno())
            if progress:
                progress(i, len(jobs))
    return counts
