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

from .batchjobs import OPERATIONS, encode, make_record, numbered_lines, parse_line, record_id, written_records
from .errors import ConfigError

log = logging.getLogger(__name__)
ENGINES = ("local", "ray")
__all__ = ["run", "run_batch", "read_jobs", "done_lines", "OPERATIONS", "ENGINES"]


def read_jobs(path: str | Path) -> Iterator[tuple[int, dict | None, str | None]]:
    """(line number, job or None, error or None) for each non-empty input line."""
    with open(path, encoding="utf-8", errors="replace") as f:
        for n, line in numbered_lines(f):
            job, err = parse_line(n, line)
            yield n, job, err


def done_lines(out: Path) -> tuple[set[int], set[str]]:
    """Input line numbers already written, and the ids of records written without one (by an
    older lintas: those are skipped by id, as it did); a torn last line (a killed run) is cut off."""
    lines: set[int] = set()
    legacy: set[str] = set()
    for rec in written_records(out):
        try:
            if isinstance(rec.get("line"), int):
                lines.add(rec["line"])
            else:
                legacy.add(str(rec["id"]))
        except (KeyError, TypeError, AttributeError):
            continue
    return lines, legacy


def run(inp: str | Path, out: str | Path, *, engine: str = "local", operation: str = "translate", model: str | None = None,
        resume: bool = False, progress: Callable[[int, int], None] | None = None, settings=None, **ray_options) -> dict:
    """A batch run on the local engine (this process, the default) or on Ray (``engine="ray"``:
    :func:`service.batch_ray.run_ray`, whose options ``address``, ``workers``, ``cpus_per_worker``,
    ``gpus_per_worker``, ``articles_per_call``, ``calls_per_worker`` and ``runtime_env`` go in
    ``ray_options``). Both write the same record
    for each input line, built by :mod:`service.batchjobs` through the same API."""
    if engine not in ENGINES:
        raise ConfigError(f"Unknown batch engine {engine!r}; use one of {', '.join(ENGINES)}")
    if engine == "local":
        given = [k for k, v in ray_options.items() if v is not None]
        if given:
            raise ConfigError(f"{', '.join(given)}: options of the Ray engine (engine=\"ray\", --engine ray)")
        return run_batch(inp, out, operation=operation, model=model, resume=resume, progress=progress, settings=settings)
    from .batch_ray import run_ray  # only here: the rest of lintas never imports Ray

    return run_ray(inp, out, operation=operation, model=model, resume=resume, progress=progress, settings=settings,
                   **ray_options)


def run_batch(inp: str | Path, out: str | Path, *, operation: str = "translate", model: str | None = None,
              resume: bool = False, progress: Callable[[int, int], None] | None = None, settings=None) -> dict:
    """The local engine: the input's lines one after another in this process. ``settings``: the
    run's (default: the process's current settings)."""
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
            rid = record_id(job, n)
            if n in skip or rid in legacy:
                counts["skipped"] += 1
                continue
            rec = make_record(n, job, err, operation, model, settings=settings)
            counts["ok" if rec["ok"] else "failed"] += 1
            f.write(encode(rec))
            f.flush()
            os.fsync(f.fileno())
            if progress:
                progress(i, len(jobs))
    return counts
