"""Writing a result: JSON, a Markdown report, and PNG plots (matplotlib, optional).

Plots need matplotlib (``pip install "lintas[plots]"``; the dev extra has it). Without it the
JSON and Markdown are still written and the report says the plots were skipped and why.
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path
from typing import Callable

from service.report import md_escape

from .common import EvalDataError, flatten

log = logging.getLogger(__name__)

Draw = Callable[[object], None]  # draws on a matplotlib Figure


def matplotlib_available() -> bool:
    import importlib.util

    return importlib.util.find_spec("matplotlib") is not None


def save_figure(draw: Draw, path: Path, size=(6.4, 4.0)) -> None:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=size, dpi=100)
    FigureCanvasAgg(fig)
    draw(fig)
    fig.tight_layout()
    fig.savefig(path, format="png")


def histogram(values: list[float], title: str, xlabel: str, bins: int = 20, range_=(0, 100)) -> Draw:
    def draw(fig):
        ax = fig.add_subplot()
        ax.hist(values, bins=bins, range=range_, color="#4c72b0", edgecolor="white")
        ax.set_title(title)
        ax.set_xlabel(xlabel)
        ax.set_ylabel("segments")

    return draw


def confusion_plot(matrix: dict[str, dict[str, int]], title: str, xlabel: str = "predicted", ylabel: str = "gold") -> Draw:
    rows = list(matrix)
    cols = list(dict.fromkeys(c for r in rows for c in matrix[r]))

    def draw(fig):
        ax = fig.add_subplot()
        data = [[matrix[r].get(c, 0) for c in cols] for r in rows]
        im = ax.imshow(data, cmap="Blues")
        ax.set_xticks(range(len(cols)), labels=[c.replace("_", "\n") for c in cols], fontsize=8)
        ax.set_yticks(range(len(rows)), labels=rows, fontsize=8)
        top = max((max(r) for r in data), default=0)
        for i, r in enumerate(data):
            for j, v in enumerate(r):
                ax.text(j, i, str(v), ha="center", va="center", color="white" if v > top / 2 else "black", fontsize=9)
        ax.set_xlabel(xlabel)
        ax.set_ylabel(ylabel)
        ax.set_title(title)
        fig.colorbar(im, ax=ax, shrink=0.8)

    return draw


def _write_text(path: Path, text: str) -> None:
    tmp = path.with_name(path.name + ".tmp")
    try:
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)
    except OSError as e:
        raise EvalDataError(f"Cannot write {path}: {e.strerror or e}") from e


def fmt(v, digits: int = 2) -> str:
    if isinstance(v, float):
        return f"{v:.{digits}f}"
    return "" if v is None else str(v)


def scores_table(result: dict, digits: int = 2) -> list[str]:
    lines = ["| metric | score | 95% interval (bootstrap) |", "|---|---|---|"]
    for k, v in result["scores"].items():
        iv = result.get("intervals", {}).get(k) or {}
        ci = f"{fmt(iv['low'], digits)} – {fmt(iv['high'], digits)}" if iv else ""
        lines.append(f"| {md_escape(k)} | {fmt(v, digits)} | {ci} |")
    return lines


def signature_lines(sig: dict) -> list[str]:
    lines = [f"- task: `{sig['task']}`"]
    for part in ("system", "setup"):
        lines.append(f"- {part}{' (the system under test)' if part == 'system' else ' (must match to compare)'}:")
        for k, v in flatten(sig[part]).items():
            val = json.dumps(v, ensure_ascii=False) if not isinstance(v, str) else v
            lines.append(f"  - {md_escape(k)}: `{val.replace('`', chr(39))}`")
    return lines


def markdown(result: dict, title: str, figures: dict[str, str], body: list[str] | None = None, digits: int = 2) -> str:
    lines = [f"# {md_escape(title)}", ""]
    for n in result.get("notes", []):
        lines.append(f"> **Note:** {md_escape(n)}")
        lines.append("")
    lines += scores_table(result, digits) + [""]
    lines += body or []
    for caption, name in figures.items():
        lines += [f"![{md_escape(caption)}]({name})", ""]
    lines += ["## Signature", ""] + signature_lines(result["signature"]) + [""]
    lines.append(f"Created {result.get('created', '')} by `{md_escape(result.get('command', ''))}`.")
    return "\n".join(lines) + "\n"


def write(result: dict, out_dir: str | Path, stem: str, title: str, plots: dict[str, tuple[str, Draw]] | None = None,
          body: list[str] | None = None, digits: int = 2) -> list[Path]:
    """Write ``STEM.json``, ``STEM.md`` and the plots (``caption → (file name, draw)``) into
    ``out_dir``; returns the files written."""
    out = Path(out_dir)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise EvalDataError(f"Cannot create {out}: {e.strerror or e}") from e
    written: list[Path] = []
    figures: dict[str, str] = {}
    if plots:
        if matplotlib_available():
            for caption, (name, draw) in plots.items():
                save_figure(draw, out / name)
                figures[caption] = name
                written.append(out / name)
        else:
            msg = "plots skipped: matplotlib is not installed (pip install \"lintas[plots]\" or matplotlib)"
            log.warning(msg)
            result.setdefault("notes", []).append(msg)
    result["files"] = sorted({p.name for p in written} | {f"{stem}.json", f"{stem}.md"})
    _write_text(out / f"{stem}.json", json.dumps(result, ensure_ascii=False, indent=2) + "\n")
    _write_text(out / f"{stem}.md", markdown(result, title, figures, body, digits))
    return [out / f"{stem}.json", out / f"{stem}.md", *written]
