"""A given English text as the translator: the article's sentences aligned with it (no model).

``translations=`` a whole English document (``.txt``, ``.md``, ``.html``, or an
:class:`~service.options.EnglishText`) instead of sentence pairs: the text is cleaned like an
article (service/ingest.py, without the Indonesian checks), split into English sentences
(ensegment.py) and aligned (align.py). Each sentence's ``translation`` is the English of its bead
(two sentences merged into one English sentence both carry it, ``merged_with`` each other). The
report records the alignment; what the alignment could not pair becomes an issue:

* ``omitted_in_translation``: an Indonesian sentence with no English;
* ``added_in_translation``: English sentences with no Indonesian (one issue per run);
* ``weak_alignment``: a bead whose anchors and lengths agree poorly (score < 0.35);
* ``translation_mismatch``: most of the article could not be paired (another article's English?);
* ``translation_length_mismatch``: the English is far longer or shorter than a translation would be.

The model-free MT checks then run on each bead, as with a model.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import replace

from ..article import Article, Issue
from ..errors import EmptyInputError, EnglishTextError
from ..options import EnglishText
from .align import ALIGNER_VERSION, Alignment, Bead, EnglishSentence, align
from .ensegment import EN_SEGMENTER_VERSION, segment_english

_INDONESIAN_LIKE = {"id", "ms", "jv", "su"}


def english_sentences(text: EnglishText, max_chars: int | None = None) -> tuple[EnglishSentence, ...]:
    """The given English as sentences (the title, if it has one, as paragraph -1); refuses an
    empty text and one that is not English (Indonesian given as the English, say)."""
    from ..ingest import detect_language, ingest

    try:
        doc = ingest(text.text, format=text.format, max_chars=max_chars, require_indonesian=False)
    except EmptyInputError:
        raise EnglishTextError(f"The given English text ({text.name}) is empty: there is nothing to align.") from None
    if len(doc.text.split()) >= 8:
        lang, prob = detect_language(doc.text)
        if (lang in _INDONESIAN_LIKE and prob >= 0.5) or (lang != "en" and prob >= 0.9):
            what = "Indonesian" if lang in _INDONESIAN_LIKE else repr(lang)
            raise EnglishTextError(f"The given English text ({text.name}) looks {what} (p={prob:.2f}), not English: "
                                   "give the English translation of the article.")
    out: list[EnglishSentence] = []
    if doc.title_span is not None:
        a, b = doc.title_span
        out.append(EnglishSentence(0, -1, a, b, doc.text[a:b]))
    for p in doc.paragraphs:
        ptext = doc.text[p.start : p.end]
        for s, e in segment_english(ptext):
            out.append(EnglishSentence(len(out), p.index, p.start + s, p.start + e, ptext[s:e]))
    return tuple(out)


class AlignedTranslator:
    """Translates an article by aligning it with a given English text. Has the translator's
    ``translate_article`` and ``info``; loaded by :meth:`service.pipeline.Builder.load_translator`."""

    def __init__(self, english: EnglishText, *, max_chars: int | None = None):
        self.english = english
        self.max_chars = max_chars
        raw = english.text.encode("utf-8") if isinstance(english.text, str) else english.text
        self.info = {
            "task": "translation",
            "name": "aligned",
            "id": f"aligned:{english.name}",
            "revision": hashlib.sha256(raw).hexdigest()[:12],
            "licence": "user-supplied",
            "backend": "aligned",
            "aligner": ALIGNER_VERSION,
            "segmenter": EN_SEGMENTER_VERSION,
        }

    def translate_article(self, article: Article, progress=None, *, protect: bool = True, glossary=None,
                          checks: bool = True, names=None, alternatives: int = 0) -> Article:
        t0 = time.perf_counter()
        english = english_sentences(self.english, self.max_chars)
        has_title = article.title is not None
        src = ([article.title] if has_title else []) + [s.text for s in article.sentences]
        src_par = ([-1] if has_title else []) + [s.paragraph for s in article.sentences]
        beads = align(src, [e.text for e in english], src_paragraphs=src_par, tgt_paragraphs=[e.paragraph for e in english])
        out = apply_alignment(article, english, beads, has_title, checks=checks, names=names, source_name=self.english.name)
        if progress:
            progress(len(src), len(src))
        meta = replace(out.meta, translation_seconds=round(time.perf_counter() - t0, 4),
                       marker_fallback={"sentences": 0, "seconds": 0.0})
        return replace(out, meta=meta)


def apply_alignment(article: Article, english: tuple[EnglishSentence, ...], beads: list[Bead], has_title: bool, *,
                    checks: bool = True, names=None, source_name: str = "<text>") -> Article:
    """The article with each sentence's aligned English, the alignment and its issues. ``beads``
    index the units [title] + sentences (the title first when ``has_title``)."""
    shift = 1 if has_title else 0
    body_beads: list[Bead] = []
    title_bead = None
    for b in beads:
        src = tuple(i - shift for i in b.source if i >= shift)
        if has_title and 0 in b.source:
            title_bead = Bead((), b.target, b.score)
        if src or (b.target and not b.source):
            body_beads.append(Bead(src, b.target, b.score))
    sentences, issues = _sentences_and_issues(article, english, body_beads, checks, names)
    issues += _added(body_beads, english)
    title_translation = None
    if has_title:
        if title_bead is not None and title_bead.target:
            title_translation = " ".join(english[j].text for j in title_bead.target)
        else:
            issues.append(Issue("title_untranslated", "The given English text has no counterpart for the title."))
    paired = [b for b in beads if b.source and b.target]
    score = sum(b.score or 0.0 for b in paired) / len(paired) if paired else 0.0
    issues += _document_issues(article, english, body_beads, score)
    alignment = Alignment(english=english, beads=tuple(body_beads), title=title_bead, score=score, source_name=source_name)
    return replace(article, sentences=tuple(sentences), title_translation=title_translation,
                   issues=article.issues + tuple(issues), alignment=alignment)


def _sentences_and_issues(article: Article, english, beads: list[Bead], checks: bool, names) -> tuple[list, list[Issue]]:
    """Each sentence with its bead's English; the omitted and weak beads, and what the MT checks
    find in each bead (a merge is checked as one: its sentences together against its English)."""
    from ..attribution.sources import load_sources
    from .mtcheck import align_quotes, check_sentence
    from .translator import protected_names

    sentences = list(article.sentences)
    issues: list[Issue] = []
    expected = protected_names(article) if names is None else names
    registry = load_sources() if checks else None
    for b in beads:
        en = " ".join(english[j].text for j in b.target)
        for i in b.source:
            s = sentences[i]
            sentences[i] = replace(s, translation=en, confidence=None, english=b.target,
                                   merged_with=tuple(k for k in b.source if k != i) if len(b.source) > 1 else (),
                                   quotes=tuple(align_quotes(s.text, en)) if en and ("“" in s.text or '"' in s.text) else ())
        if not b.source:
            continue
        first = b.source[0]
        if not b.target:
            issues.append(Issue("omitted_in_translation", "This sentence has no counterpart in the given English text.", first))
            continue
        if b.score is not None and b.score < Alignment.WEAK:
            issues.append(Issue("weak_alignment",
                                f"The English aligned here ({b.kind}, score {b.score:.2f}) shares few names, numbers or words "
                                "with the Indonesian: check that it translates this sentence.", first,
                                sentences=b.source if len(b.source) > 1 else (),
                                data={"english": list(b.target), "score": round(b.score, 3), "bead": b.kind}))
        if checks:
            found = check_sentence(" ".join(article.sentences[i].text for i in b.source), en, first, expected, registry)
            if len(b.source) > 1:
                found = [replace(f, sentences=b.source) for f in found]
            issues.extend(found)
    return sentences, issues


def _added(beads: list[Bead], english: tuple[EnglishSentence, ...]) -> list[Issue]:
    """One ``added_in_translation`` issue per run of English sentences with no Indonesian."""
    out: list[Issue] = []
    run: list[int] = []
    after: int | None = None
    last_src: int | None = None

    def flush():
        if run:
            preview = english[run[0]].text[:80]
            where = f"after sentence {after}" if after is not None else "before the first sentence"
            out.append(Issue("added_in_translation",
                             f"{len(run)} English sentence(s) with no counterpart in the article ({where}): “{preview}”",
                             after, data={"english": list(run)}))
            run.clear()

    for b in beads:
        if b.source:
            flush()
            last_src = b.source[-1]
        elif b.target:
            if not run:
                after = last_src
            run.extend(b.target)
    flush()
    return out


def _document_issues(article: Article, english, beads: list[Bead], score: float) -> list[Issue]:
    n = len(article.sentences)
    if not n:
        return []
    out = []
    id_chars = sum(len(s.text) for s in article.sentences) or 1
    en_chars = sum(len(e.text) for e in english if e.paragraph >= 0)
    ratio = en_chars / id_chars
    if ratio > 2.5 or ratio < 0.4:
        out.append(Issue("translation_length_mismatch",
                         f"The English text is {ratio:.1f}× the article's length; a translation is usually 0.8–1.2×.",
                         data={"ratio": round(ratio, 2)}))
    good = sum(len(b.source) for b in beads if b.source and b.target and (b.score or 0) >= Alignment.WEAK)
    if good < 0.5 * n:
        out.append(Issue("translation_mismatch",
                         f"Only {good} of {n} sentences align well with the English text (mean score {score:.2f}): it may "
                         "not be a translation of this article.", data={"aligned_well": good, "score": round(score, 3)}))
    return out
