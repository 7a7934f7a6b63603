"""English sentence segmentation over character offsets (for aligning a given English text).

Our own rules rather than a library: NLTK's Punkt needs a data download (we run offline) and
pySBD has had no release since 2021; both would also give strings, not offsets. The rules mirror
service/segment.py: a boundary is terminal punctuation (``. ! ? …``), optional closing quotes or
brackets, whitespace, then something that can open a sentence (a capital, a digit, an opening
quote). A period is not a boundary after a title or other abbreviation (``Mr.``, ``Gen.``,
``Jan. 5``), a single initial (``J. Smith``), or a dotted acronym followed by a lower-case word or
a name (``the U.S. embassy``); a lower-case continuation (``"We are ready." he said.``) never
starts a sentence.
"""

from __future__ import annotations

import re

from ..segment import trim_spans

EN_SEGMENTER_VERSION = "en-rules/1"

# never end a sentence before a following word
_TITLES = frozenset(
    """mr mrs ms messrs dr prof sen rep gov gen lt col maj capt sgt cpl adm cmdr rev st ft mt fr sr jr
    pres supt insp det hon amb""".split()
)
# end a sentence only when a sentence plainly starts next (not before a number: "No. 5", "Jan. 6")
_BEFORE_NUMBER = frozenset("no nos vol p pp fig art sec ch jan feb mar apr jun jul aug sep sept oct nov dec".split())
_OFTEN_MID = frozenset("vs etc approx est inc ltd co corp bros dept univ e.g i.e cf al".split())

_CLOSE = "”’\"')]»"
_OPEN = "“‘\"'(["
_BOUNDARY = re.compile(r"(?:\.{3}|…|[.!?])+[" + re.escape(_CLOSE) + r"]*(?=\s)")
_WORD_BEFORE = re.compile(r"([\w.'’-]+)$")


def _starts_sentence(rest: str) -> bool:
    if not rest:
        return True
    c = rest[0]
    if c in _OPEN:
        inner = rest[1:2]
        return not inner or inner.isupper() or inner.isdigit() or inner in _OPEN
    return c.isupper() or c.isdigit() or c in "-–—•*"


def _abbreviation(word: str, rest: str) -> bool:
    """``word``: the token before the period (without it); ``rest``: the text after the gap."""
    bare = word.rstrip(".")
    low = bare.lower()
    if not bare:
        return False
    if len(bare) == 1 and bare.isupper():
        return True  # an initial: "George W. Bush"
    if low in _TITLES:
        return True
    if low in _BEFORE_NUMBER and rest[:1].isdigit():
        return True
    if low in _OFTEN_MID:
        return not (rest[:1].isupper() or rest[:1] in _OPEN)  # "Apple Inc. said" vs "… and so on, etc. The"
    if re.fullmatch(r"(?:[A-Za-z]\.)+[A-Za-z]", bare):  # U.S., U.N., a.m., p.m.
        nxt = rest.split(None, 1)[0] if rest.split() else ""
        # "the U.S. embassy", "the U.S. Senate": a capitalised name or common word continues; a
        # sentence opener (pronoun, article, quote) starts anew
        return not (nxt in _OPENERS or rest[:1] in _OPEN)
    return False


_OPENERS = frozenset("The A An He She It They We I His Her Its Their This That These Those There But And However In On At".split())


def segment_english(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` spans of the sentences of one paragraph, whitespace trimmed."""
    spans: list[tuple[int, int]] = []
    start, n = 0, len(text)
    for m in _BOUNDARY.finditer(text):
        after = m.end()
        while after < n and text[after].isspace():
            after += 1
        rest = text[after:]
        if not _starts_sentence(rest):
            continue
        if m.group(0).startswith(".") and not m.group(0).startswith("..."):
            before = text[start : m.start()]
            wm = _WORD_BEFORE.search(before)
            chunk = before.rsplit(None, 1)[-1] if before.strip() else ""  # a URL or path is no abbreviation
            if wm and "/" not in chunk and "@" not in chunk and _abbreviation(wm.group(1), rest):
                continue
        spans.append((start, m.end()))
        start = after
    if start < n:
        spans.append((start, n))
    return trim_spans(text, spans)


def split_english(text: str) -> list[str]:
    return [text[s:e] for s, e in segment_english(text)]
