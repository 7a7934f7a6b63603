"""Protected spans: names, numbers, URLs and glossary terms survive translation intact.

Before translation each protected span is replaced by a numbered marker (``⟦1⟧``) that MT models
copy as they copy tags; after translation the markers are restored — numbers in English format
("1.500" → "1,500", "3,5 persen" → "3.5 percent", "Rp 2 miliar" → "Rp 2 billion"), glossary terms
as their English term, names as written. A marker the model lost is reported, never hidden: the
span is flagged in the report's issues.
"""

from __future__ import annotations

import csv
import re
from bisect import bisect_left
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from ..errors import ConfigError

MARK = "⟦{}⟧"
_MARK_RE = re.compile(r"⟦\s*(\d+)\s*⟧")
_SCALE_EN = {"ribu": "thousand", "juta": "million", "miliar": "billion", "milyar": "billion", "triliun": "trillion"}


@dataclass(frozen=True)
class Slot:
    n: int
    source: str  # the Indonesian text that was replaced
    target: str  # what goes back into the English
    kind: str  # name | number | url | glossary


def id_number_to_en(num: str) -> str:
    """"1.500" → "1,500"; "3,5" → "3.5"; "1.250.000,75" → "1,250,000.75"; "10.30" (time) stays."""
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", num):
        whole, _, frac = num.partition(",")
        return whole.replace(".", ",") + ("." + frac if frac else "")
    if re.fullmatch(r"\d+,\d+", num):
        return num.replace(",", ".")
    return num


def load_glossary(path: str | Path | None = None, include_default: bool = True) -> dict[str, str]:
    """Indonesian term → English term, from the shipped newsroom glossary and/or a TSV/CSV file."""
    texts = []
    if include_default:
        texts.append(("glossary.tsv", resources.files(__package__).joinpath("glossary.tsv").read_text(encoding="utf-8")))
    if path is not None:
        p = Path(path)
        try:
            texts.append((str(p), p.read_text(encoding="utf-8")))
        except OSError as e:
            raise ConfigError(f"Cannot read glossary {p}: {e.strerror or e}") from e
    out: dict[str, str] = {}
    for origin, text in texts:
        delim = "\t" if "\t" in text else ","
        for n, row in enumerate(csv.reader(text.splitlines(), delimiter=delim), 1):
            if not row or not row[0].strip() or row[0].lstrip().startswith("#"):
                continue
            if len(row) < 2 or not row[1].strip():
                raise ConfigError(f"{origin}:{n}: a glossary line needs an Indonesian term and an English term")
            out[row[0].strip()] = row[1].strip()
    return out


_NUMBER = re.compile(
    r"(?:(?<=\s)|^|(?<=[(“\"]))(Rp\.?\s?|US\$\s?|\$)?(\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?)"
    r"(?!\d)(?:\s?(persen|%)|\s(ribu|juta|miliar|milyar|triliun))?(?![\w.,]\d)"
)
# An e-mail address starts where its local part does, not inside it: without the lookbehind a run
# of n local-part characters with no "@" after it is scanned from each of its n positions (n² steps).
_URL = re.compile(r"(?:https?://|www\.)\S+[\w/]|(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def _number_target(m: re.Match) -> str:
    cur, num, pct, scale = m.group(1) or "", m.group(2), m.group(3), m.group(4)
    out = cur.replace("Rp.", "Rp").strip()
    out = (out + " " if out and out != "$" and out != "US$" else out) + id_number_to_en(num)
    if pct:
        out += " percent" if pct == "persen" else "%"
    if scale:
        out += " " + _SCALE_EN[scale]
    return out


def compile_terms(terms) -> re.Pattern | None:
    """One pattern for many terms (longest first, whole words): cost per sentence, not per term."""
    terms = sorted({t for t in terms if t and len(t) >= 2}, key=len, reverse=True)
    if not terms:
        return None
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(t) for t in terms) + r")(?![\w-])")


def protect(text: str, names=frozenset(), glossary: dict[str, str] | None = None,
            glossary_pattern: re.Pattern | None = None) -> tuple[str, list[Slot]]:
    """``text`` with protected spans replaced by markers, and the slots to restore. ``names`` is a
    set of names or a pattern from :func:`compile_terms` (faster for many sentences)."""
    spans: list[tuple[int, int, str, str]] = []  # start, end, target, kind
    # starts and ends of the spans of the earlier passes, sorted: the spans do not overlap, so the
    # only one that can overlap [a, b) is the last one starting before b (a scan of every span for
    # every candidate was n² for a sentence of n numbers). One pass's matches never overlap.
    starts: list[int] = []
    ends: list[int] = []

    def free(a: int, b: int) -> bool:
        i = bisect_left(starts, b) - 1
        return i < 0 or ends[i] <= a

    def taken() -> None:
        spans.sort()
        starts[:] = [s for s, _, _, _ in spans]
        ends[:] = [e for _, e, _, _ in spans]

    gpat = glossary_pattern if glossary_pattern is not None else (compile_terms(glossary) if glossary else None)
    if gpat is not None:
        for m in gpat.finditer(text):
            if free(m.start(), m.end()):
                spans.append((m.start(), m.end(), glossary[m.group(0)], "glossary"))
        taken()
    for m in _URL.finditer(text):
        if free(m.start(), m.end()):
            spans.append((m.start(), m.end(), m.group(0), "url"))
    taken()
    npat = names if isinstance(names, re.Pattern) else compile_terms(names)
    if npat is not None:
        for m in npat.finditer(text):
            if free(m.start(), m.end()):
                spans.append((m.start(), m.end(), m.group(0), "name"))
        taken()
    for m in _NUMBER.finditer(text):
        a, b = m.start(), m.end()
        while a < b and text[a].isspace():
            a += 1
        if free(a, b):
            spans.append((a, b, _number_target(m), "number"))
    spans.sort()
    out, slots, pos = [], [], 0
    for i, (a, b, target, kind) in enumerate(spans, 1):
        out.append(text[pos:a])
        out.append(MARK.format(i))
        slots.append(Slot(i, text[a:b], target, kind))
        pos = b
    out.append(text[pos:])
    return "".join(out), slots


def restore(translation: str, slots: list[Slot]) -> tuple[str, list[Slot]]:
    """Put the protected spans back; returns the English and the slots whose marker was lost."""
    by_n = {s.n: s for s in slots}
    seen: set[int] = set()

    def sub(m: re.Match) -> str:
        n = int(m.group(1))
        if n in by_n:
            seen.add(n)
            return by_n[n].target
        return ""  # a marker the model invented: drop it

    text = _MARK_RE.sub(sub, translation)
    text = re.sub(r"[⟦⟧]", "", text)
    text = re.sub(r"\s{2,}", " ", text).strip()
    return text, [s for s in slots if s.n not in seen]
