"""Trace each bullet to the article sentences behind it, and keep who said what.

Support is computed, not asserted: a bullet's sentences are those whose translation (or text)
it matches by meaning (sentence embeddings when the model is here, else lexical similarity) and
by anchors (names and numbers they share). A bullet with no supporting sentence is flagged; so is
a number or name in a bullet that its sentences lack.

Attribution is checked in code, not left to a prompt: when a bullet rests on a sentence that the
article attributes to someone, the bullet must name that source. If it does not, the source is
added ("…, according to Chatham House's Kate Mallinson") and the bullet is flagged, so an opinion
never reads as a bare fact.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..article import Article, Attribution
from ..sourcecheck import anchors
from .text import fold
from .types import ATTRIBUTION_ADDED, ATTRIBUTION_MISSING, UNSUPPORTED, UNSUPPORTED_NAME, UNSUPPORTED_NUMBER, Bullet, Summary

MAX_SUPPORT = 3


def _threshold(similarity, cross: bool = False) -> float:
    if cross:  # English bullet vs Indonesian sentence: only names, numbers and shared words count
        return 0.2
    return 0.3 if getattr(similarity, "name", "") == "lexical" else 0.5


def _sentence_texts(article: Article, language: str) -> list[str]:
    if language == "en":
        return [s.translation or "" for s in article.sentences]
    return [s.text for s in article.sentences]


def _cross(article: Article, language: str) -> bool:
    """English bullets for an article without its translation (the LLM read the Indonesian)."""
    return language == "en" and not any((s.translation or "").strip() for s in article.sentences)


def support(texts: list[str], article: Article, language: str = "en", similarity=None) -> list[tuple[tuple[int, ...], tuple[float, ...]]]:
    """For each text: (supporting sentence indexes in article order, their scores)."""
    from ..sourcecheck.embed import LexicalSimilarity, default_similarity

    if not texts:
        return []
    cross = _cross(article, language)
    sents = _sentence_texts(article, "id" if cross else language)
    if not any(s.strip() for s in sents):
        return [((), ()) for _ in texts]
    if cross:
        similarity = LexicalSimilarity()
    elif similarity is None:
        similarity = default_similarity() if language == "en" else LexicalSimilarity()
    matrix = _similarity(similarity, texts, sents)
    thr = _threshold(similarity, cross)
    slang = "id" if cross else language
    out = []
    for text, row in zip(texts, matrix):
        a = anchors.extract(text, language)
        b_names = {fold(t) for n in a.names for t in n.split() if len(t) > 2}
        b_nums = {n.value for n in a.numbers}
        scored = []
        for i, sim in enumerate(row):
            s_words = set(re.findall(r"[\w'’-]+", fold(sents[i])))
            bonus = 0.0
            if b_names:
                bonus += (0.3 if cross else 0.15) * sum(1 for t in b_names if t in s_words) / len(b_names)
            if b_nums:
                s_nums = {n.value for n in anchors.numbers(sents[i], slang)}
                bonus += (0.2 if cross else 0.1) * len(b_nums & s_nums) / len(b_nums)
            score = min(1.0, float(sim) + bonus)
            if score >= thr:
                scored.append((score, i))
        scored.sort(reverse=True)
        best = sorted(scored[:MAX_SUPPORT], key=lambda t: t[1])
        out.append((tuple(i for _, i in best), tuple(round(s, 4) for s, _ in best)))
    return out


PREFILTER = 40  # candidate sentences per text for the model (long articles)


def _similarity(similarity, texts: list[str], sents: list[str]) -> list[list[float]]:
    """Similarity of each text to each sentence. On a long article only the sentences sharing the
    most content words with some text are scored by the model (the rest score 0)."""
    from ..sourcecheck.embed import content_words

    if len(sents) <= PREFILTER or getattr(similarity, "name", "") == "lexical":
        return similarity.similarity(texts, sents)
    sent_words = [set(content_words(x)) for x in sents]
    keep: set[int] = set()
    for t in texts:
        tw = set(content_words(t))
        ranked = sorted(range(len(sents)), key=lambda i: (-len(tw & sent_words[i]), i))
        keep.update(i for i in ranked[:PREFILTER] if tw & sent_words[i])
    idx = sorted(keep)
    if not idx:
        return [[0.0] * len(sents) for _ in texts]
    sub = similarity.similarity(texts, [sents[i] for i in idx])
    out = []
    for row in sub:
        full = [0.0] * len(sents)
        for j, v in zip(idx, row):
            full[j] = v
        out.append(full)
    return out


def _unsupported_anchors(text: str, idxs: tuple[int, ...], article: Article, language: str) -> list[str]:
    """Numbers and names in the bullet that none of its sentences (either language) contains."""
    if not idxs:
        return []
    pool_en = " ".join(article.sentences[i].translation or "" for i in idxs)
    pool_id = " ".join(article.sentences[i].text for i in idxs)
    flags = []
    a = anchors.extract(text, language)
    have = {n.value for n in anchors.numbers(pool_en, "en")} | {n.value for n in anchors.numbers(pool_id, "id")}
    have |= set(anchors.extract(pool_en, "en").years) | set(anchors.extract(pool_id, "id").years)
    if any(n.value not in have for n in a.numbers):
        flags.append(UNSUPPORTED_NUMBER)
    pool = set(re.findall(r"[\w'’-]+", fold(pool_en + " " + pool_id)))
    for name in a.names:
        toks = [t for t in re.findall(r"[\w'’-]+", fold(name)) if len(t) > 2]
        if toks and not any(t in pool for t in toks):
            flags.append(UNSUPPORTED_NAME)
            break
    return flags


def _label(x: Attribution, lang: str = "en") -> str:
    """How a bullet names the source: "Chatham House's Kate Mallinson", "the BBC", "US State Department"…"""
    if x.source.type == "unnamed":
        return "an unnamed source" if lang == "en" else "sumber anonim"
    if x.source.type == "person" and x.speaker.name:
        name, aff = x.speaker.name, x.speaker.affiliation
        if aff and fold(aff) not in fold(name):
            return f"{aff}'s {name}" if lang == "en" else f"{name} dari {aff}"
        return name
    src = x.source.name or x.speaker.name or ""  # outlets and bodies: the registry's (English) name
    if lang == "en" and x.source.type == "media" and src.isupper() and len(src) <= 5:
        return f"the {src}"
    return src or ("a source" if lang == "en" else "sebuah sumber")


def _names_of(x: Attribution) -> list[str]:
    out = []
    for n in (x.speaker.name, x.speaker.affiliation, x.source.name):
        if n:
            out.append(n)
            if x.source.type == "person" or n == x.speaker.name:
                # any part of a person's name names them (Indonesian copy often uses the first name)
                out += [p for p in n.split() if len(p) > 2 and p[0].isupper()]
    return out


def names_source(text: str, x: Attribution) -> bool:
    low = fold(text)
    for n in _names_of(x):
        if len(n) > 2 or (len(n) == 2 and n.isupper()):
            if re.search(r"(?<!\w)" + re.escape(fold(n)) + r"(?!\w)", low):
                return True
    return False


def attributions_for(idxs: tuple[int, ...], article: Article) -> list[Attribution]:
    """The article's attributions in these sentences (one per speaker), outermost first."""
    seen, out = set(), []
    for x in article.attributions:
        if x.sentence in idxs and x.nested_in is None:
            key = (x.speaker.name, x.source.name)
            if key not in seen:
                seen.add(key)
                out.append(x)
    return out


def trace(summary: Summary, article: Article, similarity=None, repair: bool = True) -> Summary:
    """Fill in ``supported_by`` where the backend could not know it, flag what has no support,
    and make every bullet that repeats an attributed claim name its source."""
    lang = summary.language
    need = [i for i, b in enumerate(summary.bullets) if not b.supported_by]
    texts = [summary.bullets[i].text for i in need]
    want_head = not summary.headline_supported_by and bool(summary.headline) and summary.backend != "extractive"
    found = support(texts + ([summary.headline] if want_head else []), article, lang, similarity) if (texts or want_head) else []
    traced = dict(zip(need, found))
    bullets = []
    for i, b in enumerate(summary.bullets):
        idxs, scores = (b.supported_by, b.scores) if i not in traced else traced[i]
        flags = list(b.flags)
        if not idxs:
            flags.append(UNSUPPORTED)
        elif summary.backend != "extractive":
            flags += _unsupported_anchors(b.text, idxs, article, lang)
        text = b.text
        attributed = []
        for x in attributions_for(idxs, article):
            attributed.append({
                "attribution": x.id, "name": x.speaker.name or x.source.name, "role": x.speaker.role,
                "affiliation": x.speaker.affiliation, "source": x.source.name, "source_type": x.source.type,
                "kind": x.kind, "sentence": x.sentence,
            })
        if attributed:
            xs = attributions_for(idxs, article)
            if not any(names_source(text, x) for x in xs):
                x = _carried(text, xs, article, lang)
                label = _label(x, lang) if x is not None else None
                if repair and label:
                    text = _append_source(text, label, lang)
                    flags.append(ATTRIBUTION_ADDED)
                else:
                    flags.append(ATTRIBUTION_MISSING)
        bullets.append(replace(b, text=text, supported_by=tuple(idxs), scores=tuple(scores),
                               attributed_to=tuple(attributed), flags=tuple(dict.fromkeys(flags))))
    head_by = found[-1][0] if want_head else summary.headline_supported_by
    return replace(summary, bullets=tuple(bullets), headline_supported_by=tuple(head_by))


def _carried(text: str, xs: list[Attribution], article: Article, lang: str) -> Attribution | None:
    """The attribution whose claim the bullet repeats: the only one, or the clear best match of
    the bullet with each claim; None when two claims match about equally (then we flag, not guess)."""
    from ..sourcecheck.embed import LexicalSimilarity

    if len(xs) == 1:
        return xs[0]
    claims = []
    for x in xs:
        if lang == "en" and x.text_en:
            claims.append(x.text_en)
        elif lang == "en" and (article.sentences[x.sentence].translation or "") and len(xs) == 1:
            claims.append(article.sentences[x.sentence].translation)
        else:
            claims.append(x.text)
    sims = LexicalSimilarity().similarity([text], claims)[0]
    order = sorted(range(len(xs)), key=lambda i: -sims[i])
    best, second = sims[order[0]], sims[order[1]]
    if best >= 0.15 and best >= 1.5 * second:
        return xs[order[0]]
    return None


def _append_source(text: str, label: str, lang: str) -> str:
    body = text.rstrip()
    end = ""
    if body and body[-1] in ".!?":
        body, end = body[:-1], body[-1]
    phrase = f"according to {label}" if lang == "en" else f"menurut {label}"
    return f"{body} ({phrase}){end or '.'}"
