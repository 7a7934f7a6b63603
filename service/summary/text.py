"""Small text helpers shared by the summary backends."""

from __future__ import annotations

import re

HEADLINE_WORDS = 15

_SENT_END = re.compile(r"(?<=[.!?…])[\"”’')\]]*\s+(?=[\"“‘(\[]?[A-Z0-9])")


def words(text: str) -> list[str]:
    return text.split()


def split_sentences_en(text: str) -> list[str]:
    """Sentences of generated English text (model output has no spans to keep)."""
    text = re.sub(r"\s+", " ", text).strip()
    if not text:
        return []
    parts = [p.strip() for p in _SENT_END.split(text)]
    return [p for p in parts if p]


def headline(text: str, limit: int = HEADLINE_WORDS) -> str:
    """At most ``limit`` words: whole if it fits, else cut at a clause boundary, else at a word
    with an ellipsis (the headline says it was shortened)."""
    text = re.sub(r"\s+", " ", text).strip().rstrip(".")
    w = text.split()
    if len(w) <= limit:
        return text
    head = " ".join(w[:limit])
    for sep in (";", ":", " – ", " - ", ","):
        cut = head.rfind(sep)
        if cut >= 0 and len(head[:cut].split()) >= max(5, limit // 2):
            return head[:cut].strip()
    return " ".join(w[: limit - 1]).rstrip(",;:") + " …"


def fold(text: str) -> str:
    """Lower case without diacritics, for matching names across spellings."""
    import unicodedata

    t = unicodedata.normalize("NFKD", text)
    return "".join(c for c in t if not unicodedata.combining(c)).lower()
