"""Splitting sentences that are longer than a model's window, at clause boundaries.

The pieces are spans of the sentence: joined with the whitespace between them they give the
sentence back, so nothing is truncated. Preference order: clause punctuation (``; : ,`` and
dashes), then conjunctions that open a clause, then any whitespace, then (for a single enormous
token) a hard cut.
"""

from __future__ import annotations

import re
from typing import Callable, Sequence

# A boundary is the position *after* which a new piece may start.
_PUNCT = re.compile(r"[;:,)](?=\s)|\s[–—-](?=\s)")
_CONJ = re.compile(
    r"\s(?=(?:dan|tetapi|namun|sedangkan|sementara|yang|karena|sehingga|serta|atau|bahwa|"
    r"setelah|sebelum|ketika|meskipun|walaupun|agar|supaya|hingga|dengan|untuk)\s)",
    re.IGNORECASE,
)
_SPACE = re.compile(r"\s+")

CountFn = Callable[[Sequence[str]], list[int]]


def _units(text: str, pattern: re.Pattern) -> list[tuple[int, int]]:
    cuts = [0]
    for m in pattern.finditer(text):
        cut = m.end()
        if 0 < cut < len(text) and cut != cuts[-1]:
            cuts.append(cut)
    cuts.append(len(text))
    return [(a, b) for a, b in zip(cuts, cuts[1:]) if b > a]


def _hard_cut(text: str, count: CountFn, limit: int) -> list[tuple[int, int]]:
    """A run with no whitespace: cut by characters, halving until each piece fits."""
    out: list[tuple[int, int]] = []
    stack = [(0, len(text))]
    while stack:
        a, b = stack.pop()
        if b - a <= 1 or count([text[a:b]])[0] <= limit:
            out.append((a, b))
        else:
            mid = (a + b) // 2
            stack.extend([(mid, b), (a, mid)])
    return out


def split_long(text: str, count: CountFn, limit: int) -> list[tuple[int, int]]:
    """Spans of ``text`` each at most ``limit`` tokens (by ``count``), cut at the best boundaries.

    Tokens of the pieces are counted separately and packed greedily; the count of a piece is
    taken as the sum of its units' counts, which over-estimates slightly (each count includes the
    end-of-sentence token), so pieces stay inside the window.
    """
    if count([text])[0] <= limit:
        return [(0, len(text))]
    return _split(text, 0, len(text), count, limit, (_PUNCT, _CONJ, _SPACE))


def _split(text, a, b, count, limit, patterns) -> list[tuple[int, int]]:
    seg = text[a:b]
    if not patterns:
        return [(a + x, a + y) for x, y in _hard_cut(seg, count, limit)]
    units = _units(seg, patterns[0])
    if len(units) <= 1:
        return _split(text, a, b, count, limit, patterns[1:])
    counts = count([seg[x:y] for x, y in units])
    pieces: list[tuple[int, int]] = []
    cur_start, cur_tokens = None, 0
    for (x, y), n in zip(units, counts):
        if n > limit:
            if cur_start is not None:
                pieces.append((cur_start, a + x))
                cur_start, cur_tokens = None, 0
            pieces.extend(_split(text, a + x, a + y, count, limit, patterns[1:]))
            continue
        if cur_start is None:
            cur_start, cur_tokens = a + x, n
        elif cur_tokens + n <= limit:
            cur_tokens += n
        else:
            pieces.append((cur_start, a + x))
            cur_start, cur_tokens = a + x, n
    if cur_start is not None:
        pieces.append((cur_start, b))
    return pieces


def piece_texts(text: str, spans: list[tuple[int, int]]) -> list[str]:
    """The stripped text of each piece (empty pieces dropped)."""
    out = []
    for a, b in spans:
        t = text[a:b].strip()
        if t:
            out.append(t)
    return out
