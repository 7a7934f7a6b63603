"""Reading one text column from plain lines, a TSV column or a JSONL field.

- plain (any other extension): one segment per line, empty lines kept (they are segments too);
- TSV (``.tsv``/``.tab``): a header row, then rows; read with ``csv`` (tab, standard quoting);
- JSONL (``.jsonl``/``.ndjson``): one object per line; a field may be a dotted path
  (``report.summary.headline``); a list of strings is joined with newlines.
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

from .common import EvalDataError

FORMATS = ("auto", "plain", "tsv", "jsonl")


def detect_format(path: str | Path, fmt: str = "auto") -> str:
    if fmt not in FORMATS:
        raise EvalDataError(f"Unknown input format {fmt!r}; use one of {', '.join(FORMATS)}.")
    if fmt != "auto":
        return fmt
    suffix = Path(path).suffix.lower()
    if suffix in (".tsv", ".tab"):
        return "tsv"
    if suffix in (".jsonl", ".ndjson"):
        return "jsonl"
    return "plain"


def _text(path: Path) -> str:
    if not path.is_file():
        raise EvalDataError(f"No such file: {path}")
    try:
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as e:
        raise EvalDataError(f"{path} is not UTF-8 text ({e.reason} at byte {e.start}).") from e
    except OSError as e:
        raise EvalDataError(f"Cannot read {path}: {e.strerror or e}") from e


def read_records(path: str | Path, fmt: str = "auto") -> tuple[str, list]:
    """``(format, rows)``: strings for plain files, dicts for TSV and JSONL."""
    p = Path(path)
    fmt = detect_format(p, fmt)
    text = _text(p)
    if fmt == "plain":
        text = text.replace("\r\n", "\n")
        lines = text.split("\n")
        if lines and lines[-1] == "":
            lines.pop()
        return fmt, lines
    if fmt == "tsv":
        csv.field_size_limit(1 << 30)
        rows = list(csv.reader(text.splitlines(), delimiter="\t"))
        if not rows:
            return fmt, []
        header = rows[0]
        out = []
        for n, row in enumerate(rows[1:], 2):
            if not any(c.strip() for c in row):
                continue
            if len(row) != len(header):
                raise EvalDataError(f"{p}:{n}: {len(row)} columns, the header has {len(header)} ({', '.join(header)}).")
            out.append(dict(zip(header, row)))
        return fmt, out
    out = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as e:
            raise EvalDataError(f"{p}:{n}: not JSON ({e.msg}).") from e
        if not isinstance(obj, dict):
            raise EvalDataError(f"{p}:{n}: expected a JSON object per line, got {type(obj).__name__}.")
        out.append(obj)
    return fmt, out


def field_value(row: dict, field: str, where: str = ""):
    cur = row
    for part in field.split("."):
        if not isinstance(cur, dict) or part not in cur:
            keys = ", ".join(map(str, row.keys())) if isinstance(row, dict) else ""
            raise EvalDataError(f"{where}: no field {field!r} (fields: {keys}).")
        cur = cur[part]
    return cur


def as_text(value, where: str) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return "\n".join(value)
    raise EvalDataError(f"{where}: expected text or a list of strings, got {type(value).__name__}.")


def pick_field(rows: list[dict], field: str | None, defaults: tuple[str, ...], path: Path, role: str) -> str:
    if field:
        return field
    keys = list(rows[0].keys()) if rows else []
    for d in defaults:
        if d in keys:
            return d
    raise EvalDataError(f"{path}: say which field holds the {role} (--{role}-field); fields: {', '.join(map(str, keys))}.")


def select(rows: list, where: dict[str, str] | None = None, skip: int = 0) -> list:
    if where:
        pats = {k: re.compile(v) for k, v in where.items()}
        rows = [r for r in rows if all(pats[k].search(str(r.get(k, ""))) for k in pats)]
    return rows[skip:]


def read_column(path: str | Path, field: str | None = None, fmt: str = "auto", *, role: str = "text",
                defaults: tuple[str, ...] = (), where: dict | None = None, skip: int = 0) -> tuple[list[str], dict]:
    """One column of ``path`` as strings, and how it was read (``format``, ``field``)."""
    p = Path(path)
    fmt, rows = read_records(p, fmt)
    rows = select(rows, where, skip) if fmt != "plain" else rows[skip:]
    if fmt == "plain":
        if field:
            raise EvalDataError(f"{p} is read as plain lines: it has no field {field!r} (use a .tsv or .jsonl file, or --format).")
        return rows, {"format": fmt, "field": None}
    f = pick_field(rows, field, defaults, p, role)
    return [as_text(field_value(r, f, f"{p} row {i + 1}"), f"{p} row {i + 1}") for i, r in enumerate(rows)], {"format": fmt, "field": f}
