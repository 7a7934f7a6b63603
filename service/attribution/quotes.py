"""Quotation spans in an article, including quotes that run over several sentences and
paragraphs (a paragraph that opens a quote without closing it continues into the next one)."""

from __future__ import annotations

from dataclasses import dataclass

OPEN = "“"
CLOSE = "”"


@dataclass(frozen=True)
class Quote:
    start: int  # position of the opening mark
    end: int  # position after the closing mark (or the end of the last paragraph it covers)
    closed: bool

    def inner(self, text: str) -> tuple[int, int]:
        s, e = self.start + 1, self.end - (1 if self.closed else 0)
        return s, e


def find_quotes(text: str, paragraphs: list[tuple[int, int]]) -> list[Quote]:
    """Curly quotes pair by direction; straight quotes pair within a paragraph. A quote left
    open at the end of a paragraph continues when the next paragraph opens with a quote mark."""
    quotes: list[Quote] = []
    pending: tuple[int, str] | None = None  # an open quote (position, kind) carried over
    for pi, (ps, pe) in enumerate(paragraphs):
        para = text[ps:pe]
        i = 0
        open_at: int | None = None
        straight_open: int | None = None
        if pending is not None:
            stripped = para.lstrip()
            if stripped[:1] in (OPEN, '"'):
                # continuation: the quote goes on
                if pending[1] == "curly":
                    open_at = pending[0]
                else:
                    straight_open = pending[0]
                i = len(para) - len(stripped) + 1
            else:
                quotes.append(Quote(pending[0], paragraphs[pi - 1][1], False))
            pending = None
        while i < len(para):
            c = para[i]
            pos = ps + i
            if c == OPEN:
                if open_at is None:
                    open_at = pos
            elif c == CLOSE:
                if open_at is not None:
                    quotes.append(Quote(open_at, pos + 1, True))
                    open_at = None
            elif c == '"':
                if straight_open is None:
                    straight_open = pos
                else:
                    quotes.append(Quote(straight_open, pos + 1, True))
                    straight_open = None
            i += 1
        if open_at is not None:
            pending = (open_at, "curly")
        elif straight_open is not None:
            # an unmatched straight quote: continues if the next paragraph opens with one
            nxt = paragraphs[pi + 1] if pi + 1 < len(paragraphs) else None
            if nxt and text[nxt[0] : nxt[1]].lstrip()[:1] == '"':
                pending = (straight_open, "straight")
            else:
                quotes.append(Quote(straight_open, pe, False))
    if pending is not None and paragraphs:
        quotes.append(Quote(pending[0], paragraphs[-1][1], False))
    quotes.sort(key=lambda q: q.start)
    return quotes
