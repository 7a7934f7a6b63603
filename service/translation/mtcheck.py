"""Model-free checks of every translation: numbers, names and quotes of the Indonesian sentence
must appear, converted, in its English sentence; Indonesian leftovers and repetition loops are
flagged. Each finding is an :class:`Issue` with the sentence index."""

from __future__ import annotations

import re
from collections import Counter

from ..article import Issue
from ..attribution.names import similar_names

# Indonesian function words that should not survive into English
_ID_LEFTOVERS = frozenset("yang dan di dengan untuk tidak adalah ini itu akan telah dari pada kepada bahwa juga sudah oleh dalam karena".split())
# Country and place names that differ between the languages
PLACE_EN = {
    "rusia": "russia", "eropa": "europe", "amerika": "america", "serikat": "united", "jepang": "japan",
    "tiongkok": "china", "cina": "china", "inggris": "britain", "prancis": "france", "perancis": "france",
    "jerman": "germany", "belanda": "netherlands", "mesir": "egypt", "spanyol": "spain", "italia": "italy",
    "yunani": "greece", "filipina": "philippines", "arab": "arab", "saudi": "saudi", "turki": "turkey",
    "selandia": "zealand", "baru": "new", "korea": "korea", "suriah": "syria", "irak": "iraq", "libia": "libya",
    "afrika": "africa", "asia": "asia", "tenggara": "southeast", "tengah": "central", "barat": "west",
    "timur": "east", "utara": "north", "selatan": "south", "kazakh": "kazakh", "soviet": "soviet",
}
# other accepted English forms (demonyms, short forms)
PLACE_ALT = {
    "rusia": ("russian",), "jepang": ("japanese",), "tiongkok": ("chinese", "beijing"), "cina": ("chinese",),
    "inggris": ("british", "uk", "england", "english"), "amerika": ("us", "american", "u.s."), "serikat": ("us", "states"),
    "as": ("us", "u.s.", "american", "united"), "belanda": ("dutch",), "prancis": ("french",), "perancis": ("french",),
    "jerman": ("german",), "arab": ("saudi",), "saudi": ("arabia",), "turki": ("turkish", "turkiye"),
    "filipina": ("philippine", "filipino"), "korea": ("korean",), "spanyol": ("spanish",), "italia": ("italian",),
    "mesir": ("egyptian",), "suriah": ("syrian",), "irak": ("iraqi",), "yunani": ("greek",),
}


def _values(text: str, lang: str) -> Counter:
    from ..sourcecheck.anchors import numbers

    c = Counter()
    for n in numbers(text, lang):
        c[round(n.value, 6)] += 1
    return c


def _fmt(v: float) -> str:
    return str(int(v)) if float(v).is_integer() else str(v)


def check_numbers(src: str, tgt: str, index: int) -> list[Issue]:
    s, t = _values(src, "id"), _values(tgt, "en")
    issues = []
    missing = [v for v in s if t[v] == 0]
    extra = [v for v in t if s[v] == 0]
    for v in missing:
        if extra:
            w = min(extra, key=lambda x: abs(x - v))
            extra.remove(w)
            issues.append(Issue("number_changed", f"“{_fmt(v)}” in the Indonesian became “{_fmt(w)}” in the English.", index,
                                data={"source": _fmt(v), "translation": _fmt(w)}))
        else:
            issues.append(Issue("number_missing", f"The number {_fmt(v)} is missing from the English.", index,
                                data={"source": _fmt(v)}))
    for w in extra:
        issues.append(Issue("number_extra", f"The English has a number ({_fmt(w)}) the Indonesian does not.", index,
                            data={"translation": _fmt(w)}))
    for v in s:
        if t[v] > s[v]:
            issues.append(Issue("number_duplicated", f"{_fmt(v)} appears {t[v]}× in the English, {s[v]}× in the Indonesian.", index,
                                data={"source": _fmt(v)}))
    return issues


def _present(token: str, tgt_tokens: set[str]) -> bool:
    low = token.lower()
    if low in tgt_tokens or PLACE_EN.get(low) in tgt_tokens or any(a in tgt_tokens for a in PLACE_ALT.get(low, ())):
        return True
    return any(similar_names(low, t) or (len(low) > 5 and (t.startswith(low[:-1]) or low.startswith(t) and len(t) > 4)) for t in tgt_tokens)


def check_names(src: str, tgt: str, index: int, names: set[str], registry=None) -> list[Issue]:
    """Each known name (speakers, people, acronyms, registry bodies) in the sentence must be in
    the English (for registry bodies: any of their aliases)."""
    tgt_tokens = {w.lower() for w in re.findall(r"[\w'’-]+", tgt)} | {w.lower() for w in re.findall(r"\w+", tgt)}
    issues = []
    for name in sorted(names, key=len, reverse=True):
        if not re.search(r"(?<![\w-])" + re.escape(name) + r"(?![\w-])", src):
            continue
        if registry is not None:
            e = registry.lookup(name)
            if e is not None:
                if any(re.search(r"(?<![\w-])" + re.escape(a) + r"(?![\w-])", tgt, re.IGNORECASE) for a in (e.name, *e.aliases)):
                    continue
                issues.append(Issue("name_missing", f"“{name}” ({e.name}) is not in the English.", index, data={"name": name}))
                continue
        toks = [t for t in re.split(r"[\s]+", name) if len(t) > 1]
        if toks and not all(_present(t, tgt_tokens) for t in toks):
            issues.append(Issue("name_missing", f"“{name}” is not in the English.", index, data={"name": name}))
    return issues


_QUOTE_ID = re.compile(r"[“\"]([^”\"]+)[”\"]")
_QUOTE_EN = re.compile(r"[“\"‘']([^”\"’']+)[”\"’']")


def _up_to_last(text: str, closers: str) -> str:
    """``text`` up to its last closing mark. No quotation ends after it, and an opening mark with
    no closing mark after it made the quote patterns scan to the end of the text from every
    opening mark (n² steps for a sentence of opening quotes)."""
    return text[: max(text.rfind(c) for c in closers) + 1]


def check_quotes(src: str, tgt: str, index: int) -> list[Issue]:
    sq = [q for q in _QUOTE_ID.findall(_up_to_last(src, '”"')) if len(q.split()) >= 3]
    tq = _QUOTE_EN.findall(_up_to_last(tgt, '”"’\''))
    if len(sq) > len(tq):
        return [Issue("quote_missing", f"{len(sq) - len(tq)} quotation(s) of the Indonesian are not marked as quotes in the English.", index)]
    return []


def check_leftovers(tgt: str, index: int) -> list[Issue]:
    words = re.findall(r"[a-z]+", tgt.lower())
    found = sorted({w for w in words if w in _ID_LEFTOVERS})
    if len(found) >= 2:
        return [Issue("untranslated", f"Indonesian words left in the English: {', '.join(found)}.", index, data={"words": found})]
    return []


def check_repetition(tgt: str, index: int) -> list[Issue]:
    toks = tgt.split()
    for n in (1, 2, 3):
        run = 1
        for i in range(n, len(toks) - n + 1, n):
            if toks[i : i + n] == toks[i - n : i]:
                run += 1
                if run >= 4:
                    return [Issue("repetition", f"A repeated-token loop (“{' '.join(toks[i:i + n])}” ×{run}+).", index)]
            else:
                run = 1
    return []


def check_sentence(src: str, tgt: str, index: int, names: set[str] = frozenset(), registry=None) -> list[Issue]:
    if not tgt.strip():
        return []
    return (check_numbers(src, tgt, index) + check_names(src, tgt, index, names, registry)
            + check_quotes(src, tgt, index) + check_leftovers(tgt, index) + check_repetition(tgt, index))


def align_quotes(src: str, tgt: str) -> list[dict]:
    """Each Indonesian quoted span with the English quoted span in the same position."""
    sq = list(_QUOTE_ID.finditer(_up_to_last(src, '”"')))
    tq = list(_QUOTE_ID.finditer(_up_to_last(tgt, '”"')))
    return [{"source": a.group(1), "source_span": [a.start(1), a.end(1)],
             "translation": b.group(1) if b else None, "translation_span": [b.start(1), b.end(1)] if b else None}
            for a, b in zip(sq, tq + [None] * (len(sq) - len(tq)))]
