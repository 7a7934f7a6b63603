"""Sentence alignment of an Indonesian article with a given English text (no model).

A monotonic dynamic programme over *beads* — 1-1, 2-1, 1-2, 2-2, 1-0 (an Indonesian sentence
with no English) and 0-1 (English with no Indonesian) — minimising the sum of bead costs:

* **length** (Gale & Church 1993): δ = (l_en − c·l_id) / √(s²·(l_id + l_en/c)/2) over character
  lengths, cost δ²/2; ``c`` is the document's own English/Indonesian ratio when it is plausible,
  else the ratio measured on parallel news;
* **anchors**, language-independent and lexical: numbers in either language's format (through
  :mod:`service.sourcecheck.anchors`: "1.500" = "1,500" = "seribu lima ratus"), names, cognates
  and acronyms (the same normalised five-letter prefix: "Presiden"/"President",
  "demokrasi"/"democracy"), day and month names, quotation marks, URLs, and an Indonesian→English
  word list (``align_words.tsv``, built from TICO-19, CC0; see eval/alignment_words.py). The
  share of anchors that meet (Dice) moves the cost by β·(d₀ − dice);
* a prior per bead type, a fixed cost for 1-0 and 0-1, and a penalty for a merge across a
  paragraph boundary.

The search is banded around the diagonal that the cumulative character lengths predict; when the
best path runs along the band's edge, the band is doubled and the search run again (up to the
whole matrix). Each bead gets a ``score`` in 0–1 (how well its anchors and lengths agree); a
1-1 pairing of unrelated sentences scores low and is reported, never silent.
"""

from __future__ import annotations

import bisect
import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Sequence

ALIGNER_VERSION = "align/1"
WORDS_FILE = Path(__file__).with_name("align_words.tsv")


# ----------------------------------------------------------------------------- data


@dataclass(frozen=True)
class Bead:
    """Indonesian sentence indices ``source`` aligned with English sentence indices ``target``;
    ``score`` 0–1 (``None`` for 1-0 and 0-1 beads)."""

    source: tuple[int, ...]
    target: tuple[int, ...]
    score: float | None = None

    @property
    def kind(self) -> str:
        return f"{len(self.source)}-{len(self.target)}"

    def to_dict(self) -> dict:
        return {"source": list(self.source), "target": list(self.target), "type": self.kind,
                "score": None if self.score is None else round(self.score, 3)}


@dataclass(frozen=True)
class EnglishSentence:
    """A sentence of the given English: ``text == english_text[start:end]``; paragraph ``-1`` is
    the English title."""

    index: int
    paragraph: int
    start: int
    end: int
    text: str

    def to_dict(self) -> dict:
        return {"index": self.index, "paragraph": self.paragraph, "start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True)
class Alignment:
    """How a given English text was aligned with the article: the English sentences, the beads
    over the body sentences, the title's bead (source ``()`` stands for the title), and a summary
    score (the mean score of the beads that pair something)."""

    english: tuple[EnglishSentence, ...]
    beads: tuple[Bead, ...]
    title: Bead | None = None
    score: float | None = None
    method: str = ALIGNER_VERSION
    source_name: str = "<text>"

    WEAK = 0.35  # a bead scoring below this is reported as weak_alignment

    def to_dict(self) -> dict:
        return {
            "method": self.method,
            "source": self.source_name,
            "score": None if self.score is None else round(self.score, 3),
            "english": [s.to_dict() for s in self.english],
            "title": None if self.title is None else {"target": list(self.title.target),
                                                      "score": None if self.title.score is None else round(self.title.score, 3)},
            "beads": [b.to_dict() for b in self.beads],
        }


@dataclass(frozen=True)
class Params:
    """The aligner's costs (tuned on UD-PUD news, see eval/alignment.py)."""

    ratio: float = 0.93  # English chars per Indonesian char in parallel news
    var: float = 6.0  # s², per character
    beta: float = 12.0  # weight of the anchor agreement (Dice)
    d0: float = 0.24  # the Dice of unrelated sentences, roughly: below it a pairing costs more
    prior: dict = field(default_factory=lambda: {(1, 1): 0.0, (2, 1): 2.3, (1, 2): 2.3, (2, 2): 4.6})
    skip: float = 2.8  # a 1-0 or 0-1 bead
    cross_paragraph: float = 3.0  # a merge whose sentences lie in two paragraphs
    band: int = 12  # half-width of the search band, in sentences (at least)
    dice_good: float = 0.35  # the Dice of a typical correct pair: score 1 from here on


DEFAULT = Params()
MOVES = ((1, 1), (1, 0), (0, 1), (2, 1), (1, 2), (2, 2))


# ----------------------------------------------------------------------------- anchors

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_URL = re.compile(r"https?://\S+|www\.\S+", re.IGNORECASE)
_QUOTE = re.compile(r"[“”\"«»]")

ID_STOP = frozenset(
    """yang dan di ke dari ini itu dengan untuk pada adalah dalam tidak akan juga sudah telah oleh karena atau
    tersebut bahwa ia dia mereka kami kita saya anda para sang se nya pun lah kah bagi namun tetapi tapi serta
    hingga sampai saat ketika sebagai seperti lebih masih ada bisa dapat harus sangat jika kalau agar supaya
    maka lalu kemudian setelah sebelum sejak antara atas bawah per hal yaitu yakni pula jadi""".split()
)
EN_STOP = frozenset(
    """the a an of to in on at for from by with as and or but if that this these those is are was were be been
    being it its he she they them his her their we our you your i me my not no so than then there here which
    who whom whose what when where while would will can could should may might must has have had do does did
    also into over after before about up out just very more most some any all such only other""".split()
)

_TRANSLIT = (("ch", "c"), ("ph", "f"), ("th", "t"), ("k", "c"), ("q", "c"), ("x", "cs"), ("y", "i"))


@lru_cache(maxsize=200_000)
def normalise_word(word: str) -> str:
    """A spelling-neutral key: lower case, ch/ph/th/k/q/x/y folded (so that "demokrasi" and
    "democracy", "teknologi" and "technology", "sistem" and "system" meet), first five letters."""
    w = word.lower()
    for a, b in _TRANSLIT:
        w = w.replace(a, b)
    return w[:5]


@lru_cache(maxsize=1)
def word_list() -> dict[str, tuple[str, ...]]:
    """Indonesian word → English words (align_words.tsv), with day and month names."""
    from ..sourcecheck.anchors import DAYS, MONTHS

    words: dict[str, tuple[str, ...]] = {}
    for line in WORDS_FILE.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            x, _, ys = line.partition("\t")
            words[x] = tuple(ys.split("|"))
    for table in (DAYS, MONTHS):
        for forms in table.values():
            for f in forms:
                words.setdefault(f, (forms[1],))
    return words


_NUM = re.compile(r"(?<![\w.,])(\d+(?:[.,]\d+)*)(?:\s*(ribu|juta|miliar|milyar|triliun|thousand|million|billion|trillion|"
                  r"bn|m|k)\b)?")
_SCALE = {"ribu": 1e3, "thousand": 1e3, "k": 1e3, "juta": 1e6, "million": 1e6, "m": 1e6, "miliar": 1e9, "milyar": 1e9,
          "billion": 1e9, "bn": 1e9, "triliun": 1e12, "trillion": 1e12}


def parse_number(tok: str, lang: str) -> float | None:
    """A digit string in the language's convention: id "1.500,5" / en "1,500.5" (the
    conventions of :func:`service.sourcecheck.anchors.numbers`, for digits only: that function
    also reads number words, too slow for thousands of sentences; words meet through the word
    list)."""
    t = tok.rstrip(".,")
    thousands, decimal = (".", ",") if lang == "id" else (",", ".")
    if re.fullmatch(r"\d{1,3}(?:" + re.escape(thousands) + r"\d{3})+(?:" + re.escape(decimal) + r"\d+)?", t):
        t = t.replace(thousands, "").replace(decimal, ".")
    elif re.fullmatch(r"\d+[.,]\d{1,2}", t):  # "3,5" or "2.5": a decimal either way
        t = t.replace(",", ".")
    else:
        t = t.replace(",", "").replace(".", "")
    try:
        return float(t)
    except ValueError:
        return None


def _number_keys(text: str, lang: str) -> set[str]:
    keys = set()
    for m in _NUM.finditer(text):
        v = parse_number(m.group(1), lang)
        if v is not None:
            keys.add(f"#{v * _SCALE.get((m.group(2) or '').lower(), 1):g}")
    return keys


def _extras(text: str, lang: str) -> list[frozenset[str]]:
    out = [frozenset({k}) for k in _number_keys(text, lang)]
    out += [frozenset({"u:" + u.lower().rstrip(".,)")}) for u in _URL.findall(text)]
    if _QUOTE.search(text):
        out.append(frozenset({"q"}))
    return out


def _id_units(text: str) -> list[frozenset[str]]:
    """One key set per distinct Indonesian content word (and per number, URL, quotation)."""
    words = word_list()
    units = []
    for w in dict.fromkeys(m.group(0).lower() for m in _WORD.finditer(_URL.sub(" ", text))):
        if w in ID_STOP or len(w) < 2:
            continue
        keys = {normalise_word(w)}
        base = re.sub(r"(?:nya|lah|kah|pun)$", "", w) if len(w) > 5 else w
        for form in (w, base):
            for e in words.get(form, ()):
                keys.add(normalise_word(e))
        units.append(frozenset(keys))
    return units + _extras(text, "id")


def _en_keys(text: str) -> tuple[set[str], int]:
    """The English sentence's keys, and how many content units it has."""
    keys: set[str] = set()
    n = 0
    for w in dict.fromkeys(m.group(0).lower() for m in _WORD.finditer(_URL.sub(" ", text))):
        if w in EN_STOP or len(w) < 2:
            continue
        keys.add(normalise_word(w))
        n += 1
    extra = _extras(text, "en")
    for e in extra:
        keys |= e
    return keys, n + len(extra)


# ----------------------------------------------------------------------------- the search


class _Scorer:
    """Bead costs (vectorised over a row of the band) and scores for one document."""

    def __init__(self, src: Sequence[str], tgt: Sequence[str], src_par: Sequence[int], tgt_par: Sequence[int], p: Params):
        import numpy as np

        self.p = p
        self.n, self.m = len(src), len(tgt)
        self.src_len = [max(1, len(s)) for s in src]
        self.tgt_len = [max(1, len(t)) for t in tgt]
        self.src_par = list(src_par)
        self.tgt_par = np.asarray(tgt_par)
        self.units = [_id_units(s) for s in src]
        en = [_en_keys(t) for t in tgt]
        self.n_src = np.array([len(u) for u in self.units], dtype=float)
        self.n_tgt = [n for _, n in en]
        self.cum_s = np.concatenate([[0.0], np.cumsum(self.src_len)])
        self.cum_t = np.concatenate([[0.0], np.cumsum(self.tgt_len)])
        self.cum_nt = np.concatenate([[0.0], np.cumsum(self.n_tgt)])
        total_s, total_t = self.cum_s[-1], self.cum_t[-1]
        doc = total_t / total_s if total_s else p.ratio
        # the document's own ratio, unless it is implausible (a text much longer or shorter)
        self.c = float(doc) if 0.6 * p.ratio <= doc <= 1.6 * p.ratio else p.ratio
        self.postings: dict[str, list[int]] = {}
        for j, (ks, _) in enumerate(en):
            for k in ks:
                self.postings.setdefault(k, []).append(j)
        self.n_src_cum = np.concatenate([[0.0], np.cumsum(self.n_src)])
        self.src_par_arr = np.asarray(self.src_par + [self.src_par[-1] if self.src_par else 0])

    def fill_overlap(self, lo: list[int], hi: list[int]) -> None:
        """``self.ov[s, k]``: how many of source sentence s's units meet target sentence
        ``self.ov_lo[s] + k`` (each row covers what the beads ending in the band can reach)."""
        import numpy as np

        n, m = self.n, self.m
        self.ov_lo = np.array([max(0, lo[s] - 3) for s in range(n)] + [0], dtype=int)
        ov_hi = [min(m, hi[min(n, s + 2)] + 1) for s in range(n)]
        width = max([h - l for h, l in zip(ov_hi, self.ov_lo)] + [1])
        self.ov = np.zeros((n + 1, width + 1))
        for s in range(n):
            a, b = int(self.ov_lo[s]), ov_hi[s]
            row = self.ov[s]
            for u in self.units[s]:
                hit: set[int] = set()
                for k in u:
                    post = self.postings.get(k)
                    if post:
                        hit.update(post[bisect.bisect_left(post, a) : bisect.bisect_left(post, b)])
                for j in hit:
                    row[j - a] += 1

    def _ov(self, S, J):
        """Overlaps of source rows ``S`` (per row) with target indices ``J`` (2-D), 0 outside."""
        import numpy as np

        K = J - self.ov_lo[S][:, None]
        ok = (K >= 0) & (K < self.ov.shape[1]) & (J >= 0)
        return np.where(ok, self.ov[S[:, None], np.clip(K, 0, self.ov.shape[1] - 1)], 0.0)

    def move_costs(self, I, J, a: int, b: int):
        """Costs of the (a, b) beads ending at (i, j) for every cell of the band (rows ``I``,
        targets ``J``, 2-D); cells where the bead cannot end are left to the caller's mask."""
        import numpy as np

        p = self.p
        Ia = np.maximum(I - a, 0)
        Jb = np.clip(J - b, 0, self.m)
        Jc = np.clip(J, 0, self.m)
        ls = (self.cum_s[I] - self.cum_s[Ia])[:, None]
        lt = self.cum_t[Jc] - self.cum_t[Jb]
        with np.errstate(invalid="ignore", divide="ignore"):  # cells outside the band: masked by the caller
            delta = (lt - self.c * ls) / np.sqrt(p.var * (ls + lt / self.c) / 2)
        ns = (self.n_src_cum[I] - self.n_src_cum[Ia])[:, None]
        nt = self.cum_nt[Jc] - self.cum_nt[Jb]
        ov = 0.0
        for d in range(1, a + 1):
            S = np.maximum(I - d, 0)
            o = self._ov(S, J - 1)
            if b == 2:
                o = np.minimum(self.n_src[S][:, None], o + self._ov(S, J - 2))
            ov = ov + o
        tot = ns + nt
        dice = np.where(tot > 0, np.minimum(1.0, 2 * ov / np.maximum(tot, 1)), p.d0)
        cost = p.prior[(a, b)] + delta * delta / 2 + p.beta * (p.d0 - dice)
        if a == 2:
            cost = cost + (p.cross_paragraph * (self.src_par_arr[Ia] != self.src_par_arr[np.maximum(I - 1, 0)]))[:, None]
        if b == 2:
            cost = cost + p.cross_paragraph * (self.tgt_par[np.clip(J - 2, 0, self.m - 1)] != self.tgt_par[np.clip(J - 1, 0, self.m - 1)])
        return cost

    def score(self, I: range, J: range) -> float | None:
        """0–1: how well the bead's anchors (Dice against a typical correct pair's) and lengths agree."""
        if not I or not J:
            return None
        ns = sum(self.n_src[i] for i in I)
        nt = sum(self.n_tgt[j] for j in J)
        ov = 0.0
        for i in I:
            lo, row = int(self.ov_lo[i]), self.ov[i]
            ov += min(self.n_src[i], sum(row[j - lo] for j in J if 0 <= j - lo < len(row)))
        lex = 0.5 if ns + nt == 0 else min(1.0, 2 * ov / (ns + nt) / self.p.dice_good)
        return float(lex * (0.6 + 0.4 * self.fit(I, J)))

    def fit(self, I: range, J: range) -> float | None:
        """0–1: how well the bead's character lengths fit a translation's (exp(−δ²/8))."""
        if not I or not J:
            return None
        ls = sum(self.src_len[i] for i in I)
        lt = sum(self.tgt_len[j] for j in J)
        dl = (lt - self.c * ls) / math.sqrt(self.p.var * (ls + lt / self.c) / 2)
        return math.exp(-dl * dl / 8)


def _band(sc: _Scorer, width: int | None) -> tuple[list[int], list[int]]:
    """For each source prefix length i, the target prefix lengths [lo, hi] searched: ``width``
    either side of the diagonal the cumulative character lengths predict."""
    import numpy as np

    n, m = sc.n, sc.m
    if width is None:
        return [0] * (n + 1), [m] * (n + 1)
    total_s, total_t = sc.cum_s[-1] or 1.0, sc.cum_t[-1] or 1.0
    centre = np.minimum(m, np.searchsorted(sc.cum_t, sc.cum_s / total_s * total_t)).tolist()
    lo = [max(0, c - width) for c in centre]
    hi = [min(m, c + width) for c in centre]
    lo[0], hi[n] = 0, m
    for i in range(1, n + 1):  # monotone and connected
        lo[i] = min(max(lo[i], lo[i - 1]), hi[i - 1])
    for i in range(n - 1, -1, -1):
        hi[i] = max(min(hi[i], hi[i + 1]), lo[i + 1])
    return lo, hi


def _search(sc: _Scorer, width: int | None) -> tuple[list[tuple[int, int, int, int]], bool]:
    """The cheapest path through the band (``width`` None: the whole matrix), and whether it
    touched the band's edge. The bead costs of the whole band are computed at once; the rows then
    follow one another, each row at once: its 0-1 moves are a running minimum (constant cost)."""
    import numpy as np

    n, m, skip = sc.n, sc.m, sc.p.skip
    lo, hi = _band(sc, width)
    sc.fill_overlap(lo, hi)
    lo_a, hi_a = np.array(lo), np.array(hi)
    W = int((hi_a - lo_a).max()) + 1
    I = np.arange(n + 1)
    J = lo_a[:, None] + np.arange(W)[None, :]
    inside = J <= hi_a[:, None]
    # per move: its cost and where its predecessor sits in the previous row's band
    plans = []
    for k, (a, b) in enumerate(MOVES):
        if (a, b) == (0, 1):
            continue
        Ia = np.maximum(I - a, 0)
        K = (J - b) - lo_a[Ia][:, None]
        ok = inside & (I[:, None] >= a) & (J >= b) & (K >= 0) & (K < W) & (J - b <= hi_a[Ia][:, None])
        cost = sc.move_costs(I, J, a, b) if a and b else np.full(J.shape, skip)
        plans.append((k, a, np.where(ok, cost, np.inf), np.clip(K, 0, W - 1), ok))
    D = np.full((n + 1, W), np.inf)
    arg = np.full((n + 1, W), -1)
    cols = np.arange(W)
    left = MOVES.index((0, 1))
    for i in range(n + 1):
        best = np.full(W, np.inf)
        barg = np.full(W, -1)
        if i == 0:
            best[0] = 0.0
        for k, a, cost, K, ok in plans:
            if i < a:
                continue
            c = D[i - a][K[i]] + cost[i]
            better = c < best
            best = np.where(better, c, best)
            barg = np.where(better, k, barg)
        best = np.where(inside[i], best, np.inf)
        # 0-1 moves: D[j] = min over k ≤ j of best[k] + (j - k)·skip
        y = best - skip * cols
        cm = np.minimum.accumulate(y)
        at = np.maximum.accumulate(np.where(y <= cm, cols, 0))
        D[i] = np.where(inside[i], cm + skip * cols, np.inf)
        arg[i] = np.where(at < cols, left, barg)
    path = []
    i, j = n, m
    edge = False
    while i > 0 or j > 0:
        if width is not None and (i, j) != (n, m) and ((j == lo[i] and lo[i] > 0) or (j == hi[i] and hi[i] < m)):
            edge = True
        a, b = MOVES[int(arg[i][j - lo[i]])]
        path.append((i - a, i, j - b, j))
        i, j = i - a, j - b
    path.reverse()
    return path, edge


def align(src: Sequence[str], tgt: Sequence[str], *, src_paragraphs: Sequence[int] | None = None,
          tgt_paragraphs: Sequence[int] | None = None, params: Params = DEFAULT) -> list[Bead]:
    """The beads aligning source (Indonesian) sentences with target (English) sentences, in
    order; every sentence of each side is in exactly one bead."""
    n, m = len(src), len(tgt)
    if n == 0 or m == 0:
        return [Bead((i,), ()) for i in range(n)] + [Bead((), (j,)) for j in range(m)]
    sc = _Scorer(src, tgt, src_paragraphs or [0] * n, tgt_paragraphs or [0] * m, params)
    width: int | None = params.band
    while True:
        if width is not None and 2 * width + 1 >= m + 1:
            width = None  # the band covers the matrix: search it all
        path, edge = _search(sc, width)
        if not edge or width is None:
            break
        width *= 2
    scores = [sc.score(range(i0, i1), range(j0, j1)) for i0, i1, j0, j1 in path]
    return [Bead(tuple(range(i0, i1)), tuple(range(j0, j1)), _in_context(scores, k, sc.fit(range(i0, i1), range(j0, j1))))
            for k, (i0, i1, j0, j1) in enumerate(path)]


def _in_context(scores: list[float | None], k: int, fit: float | None) -> float | None:
    """A bead's score, raised when both its neighbours pair well and its lengths fit: between two
    sure beads a free-worded translation is still the right one (0.5 + 0.3·fit at most)."""
    s = scores[k]
    if s is None or fit is None:
        return s
    before = scores[k - 1] if k > 0 else 1.0
    after = scores[k + 1] if k + 1 < len(scores) else 1.0
    if before is not None and after is not None and before >= 0.6 and after >= 0.6:
        return max(s, 0.5 + 0.3 * fit)
    return s
