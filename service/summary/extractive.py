"""Extractive summaries with no model: rank the article's sentences and use their translations.

Score = position (news puts the gist first) + centrality (how much of the article's vocabulary a
sentence shares) + entity weight (names, numbers, named sources), with penalties for fragments
and sentences that lean on a previous one. The top sentences that do not repeat each other are
the bullets, in article order. It is the fallback when no summary model is present and the
baseline in evaluation.
"""

from __future__ import annotations

import math
import re
from collections import Counter

from ..article import Article
from ..sourcecheck.embed import content_words
from .text import headline as make_headline
from .types import Bullet, Summary


# sentences that open by pointing back at an earlier one read badly alone
_DEPENDENT = re.compile(
    r"^(?:ia|dia|mereka|hal (?:itu|ini|tersebut)|sehingga|selain itu|akibatnya|kemudian|oleh karena itu|"
    r"he|she|they|it|this|that|these|those|so|as a result)\b",
    re.IGNORECASE,
)
# "JAKARTA, KOMPAS.com - ", "Jakarta (ANTARA) - ", "Berita Baru, Internasional – ": wire datelines
_DATELINE = re.compile(r"^\s*(?=[^–—\n]{0,45}[,(])(?:[^!?.–—\n]|\.(?=\S)){2,45}?\)?\s+[–—-]{1,2}\s+(?=[\"“A-Z0-9])")
_NAME = re.compile(r"(?<!^)(?<![.!?]\s)\b[A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+)*")
_NUMBER = re.compile(r"\d")


def _vec(text: str) -> Counter:
    return Counter(content_words(text))


def _cos(a: Counter, b: Counter) -> float:
    if not a or not b:
        return 0.0
    dot = sum(v * b.get(k, 0) for k, v in a.items())
    na = math.sqrt(sum(v * v for v in a.values()))
    nb = math.sqrt(sum(v * v for v in b.values()))
    return dot / (na * nb) if na and nb else 0.0


# Feature weights (position, centrality, entity, attributed), chosen on IndoSum dev.01 rows 0–149
# only (ROUGE against its Indonesian references; rows 150+ are held out). Its references favour
# the lead, and position-only scores ~2 ROUGE-1 higher there; we keep some weight on sentences
# that carry a named source's statement, because who said what is what this product is for.
WEIGHTS = (0.7, 0.15, 0.05, 0.1)
RANKER_VERSION = "extractive/2"


def rank(article: Article, weights: tuple[float, float, float, float] | None = None) -> list[tuple[int, float, dict]]:
    """(sentence index, score, feature breakdown) for every body sentence, best first."""
    sents = article.sentences
    n = len(sents)
    if n == 0:
        return []
    vecs = [_vec(s.text) for s in sents]
    # document frequency weighting: words in many sentences say little about any one of them
    df = Counter(w for v in vecs for w in v)
    idf = {w: math.log(1 + n / c) for w, c in df.items()}
    wvecs = [Counter({w: c * idf[w] for w, c in v.items()}) for v in vecs]
    total = Counter()
    for v in wvecs:
        total.update(v)
    attributed = {}
    for a in article.attributions:
        named = a.source.type != "unnamed" and bool(a.speaker.name or a.source.name)
        attributed[a.sentence] = max(attributed.get(a.sentence, 0.0), 1.0 if named else 0.4)
    out = []
    for s, v in zip(sents, wvecs):
        rest = total.copy()
        rest.subtract(v)
        rest = Counter({k: c for k, c in rest.items() if c > 1e-9})
        centrality = _cos(v, rest)
        position = 1.0 / math.sqrt(1 + s.index)
        nwords = len(s.text.split())
        names = len(set(m.group(0) for m in _NAME.finditer(s.text)))
        entity = min(1.0, 0.25 * names + (0.25 if _NUMBER.search(s.text) else 0.0))
        length = 1.0 if 8 <= nwords <= 45 else (0.5 if 5 <= nwords <= 70 else 0.1)
        dependent = 0.5 if _DEPENDENT.match(s.text) else 1.0
        if s.text.rstrip().endswith("?"):
            dependent *= 0.5
        wp, wc, we, wa = weights or WEIGHTS
        score = (wp * position + wc * centrality + we * entity + wa * attributed.get(s.index, 0.0)) * length * dependent
        out.append((s.index, score, {
            "position": round(position, 3), "centrality": round(centrality, 3), "entity": round(entity, 3),
            "attributed": attributed.get(s.index, 0.0), "length": length, "dependent": dependent,
        }))
    out.sort(key=lambda t: (-t[1], t[0]))
    return out


def select(article: Article, bullets: int = 3, words: int | None = None, redundancy: float = 0.5,
           text_of=None) -> list[int]:
    """Sentence indexes for the bullets, in article order: best-ranked first, skipping those too
    like one already chosen and those with no text in the output language (``text_of``), within
    the word budget counted in that language (at least one sentence)."""
    text_of = text_of or (lambda i: article.sentences[i].text)
    ranked = rank(article)
    vecs = {s.index: _vec(s.text) for s in article.sentences}
    chosen: list[int] = []
    used = 0
    for idx, _, _ in ranked:
        if len(chosen) >= bullets:
            break
        out = text_of(idx)
        if not out.strip():
            continue
        if any(_cos(vecs[idx], vecs[j]) > redundancy for j in chosen):
            continue
        n = len(out.split())
        if words is not None and chosen and used + n > words:
            continue
        chosen.append(idx)
        used += n
    return sorted(chosen)


def strip_dateline(text: str) -> str:
    """A bullet without the wire dateline its sentence opened with."""
    m = _DATELINE.match(text)
    return text[m.end():] if m and len(text) - m.end() > 20 else text


def summarize(article: Article, bullets: int = 3, words: int | None = None, language: str = "en") -> Summary:
    """Bullets are the chosen sentences' translations (``language="en"``) or the Indonesian
    sentences themselves (``"id"``, e.g. to score against Indonesian reference summaries)."""
    first = article.sentences[0].index if article.sentences else None

    def text_of(i: int) -> str:
        s = article.sentences[i]
        t = (s.translation or "") if language == "en" else s.text
        return strip_dateline(t) if i == first else t  # a wire dateline opens the article only

    chosen = select(article, bullets=bullets, words=words, text_of=text_of)
    out = [Bullet(text=text_of(i), supported_by=(i,), scores=(1.0,)) for i in chosen]
    if language == "en" and article.title_translation:
        head, head_by = make_headline(article.title_translation), ()
    elif language == "id" and article.title:
        head, head_by = make_headline(article.title), ()
    else:
        top = next((i for i, _, _ in rank(article) if text_of(i).strip()), None)
        head = make_headline(text_of(top)) if top is not None else ""
        head_by = (top,) if top is not None else ()
    return Summary(headline=head, bullets=tuple(out), backend="extractive", language=language,
                   headline_supported_by=head_by, model={"id": RANKER_VERSION, "backend": "extractive"},
                   settings={"bullets": bullets, "words": words})
