"""Short English summaries — a headline and a few bullets — each bullet traced to the article.

Three backends behind one interface (:func:`summarize_article`):

* ``seq2seq`` — BART (distilbart-cnn-12-6 by default) on the English translation, map-reduce over
  its window;
* ``llm`` — an instruction model (Qwen2.5-Instruct) with the versioned prompts in ``prompts/``,
  from the translation (``source_language="en"``) or straight from the Indonesian (``"id"``);
* ``extractive`` — no model: the best article sentences, in their translations.

``auto`` uses the registry's summary model when it is on this machine, else the extractive
summary, and says why in ``summary.fallback``. Whatever the backend, :func:`provenance.trace`
then links each bullet to its supporting sentences and makes attributed claims name their source.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path

from ..article import Article, Issue
from ..errors import ConfigError, InputError, ModelNotAvailableError
from ..models import default_pool
from ..registry import Registry
from . import extractive
from .provenance import trace
from .types import Bullet, Summary

__all__ = ["Summary", "Bullet", "BACKENDS", "summarize_article", "load_summarizer"]

log = logging.getLogger(__name__)

BACKENDS = ("auto", "extractive", "seq2seq", "llm")
MAX_BULLETS = 10


def load_summarizer(backend: str = "seq2seq", model: str | Path | None = None, generation: dict | None = None,
                    registry: Registry | None = None, engine: str = "auto"):
    """A seq2seq or LLM summariser from the process's model pool (loaded once per process and
    shared; see :meth:`service.models.ModelPool.summarizer`)."""
    return default_pool().summarizer(backend, model, generation, engine, registry=registry)


def _check_length(bullets: int, words: int | None) -> None:
    if not isinstance(bullets, int) or not 1 <= bullets <= MAX_BULLETS:
        raise InputError(f"bullets must be between 1 and {MAX_BULLETS}, not {bullets!r}.")
    if words is not None and (not isinstance(words, int) or words < 5):
        raise InputError(f"words must be at least 5, not {words!r}.")


def summarize_article(
    article: Article,
    *,
    backend: str = "auto",
    model: str | Path | None = None,
    bullets: int = 3,
    words: int | None = None,
    language: str = "en",
    source_language: str = "en",
    generation: dict | None = None,
    summarizer=None,
    similarity=None,
) -> Article:
    """The article with its ``summary``.

    ``language``: ``"en"`` (bullets in English: needs the translation, except for the LLM reading
    the Indonesian with ``source_language="id"``) or ``"id"`` (extractive only: Indonesian
    sentences, e.g. to score against Indonesian references). ``bullets``/``words``: the length,
    as a number of bullets and an optional word budget for them.
    """
    _check_request(article, backend, language, source_language, bullets, words)
    issues: list[Issue] = []
    if not article.sentences:
        s = Summary(headline="", bullets=(), backend="extractive", language=language)
    elif language == "id" or backend == "extractive":
        s = extractive.summarize(article, bullets=bullets, words=words, language=language)
    else:
        s, fallback = _model_summary(article, backend, model, generation, summarizer, bullets, words, source_language)
        if s is None:
            lang = language if article.translated else "id"  # straight from Indonesian: no English to extract
            s = replace(extractive.summarize(article, bullets=bullets, words=words, language=lang), fallback=fallback)
            issues.append(Issue("summary_fallback", fallback))
    s = trace(s, article, similarity=similarity)
    return replace(article, summary=s).with_issues(*issues, *_bullet_issues(s))


def _check_request(article: Article, backend: str, language: str, source_language: str, bullets: int, words: int | None) -> None:
    """Refuse what cannot be summarised: unknown options, a length out of range, an English
    summary of an article not yet translated."""
    if backend not in BACKENDS:
        raise InputError(f"Unknown summary backend {backend!r}; use one of {', '.join(BACKENDS)}.")
    if language not in ("en", "id"):
        raise InputError(f"Summary language must be 'en' or 'id', not {language!r}.")
    if source_language not in ("en", "id"):
        raise InputError(f"source_language must be 'en' or 'id', not {source_language!r}.")
    _check_length(bullets, words)
    if language == "id" and backend not in ("auto", "extractive"):
        raise InputError("Indonesian summaries are extractive only (the models write English).")
    needs_translation = language == "en" and not (backend == "llm" and source_language == "id")
    if needs_translation and not article.translated and article.sentences:
        raise ConfigError("An English summary needs the article's translation: translate it first (service.summarize does).")


def _model_summary(article: Article, backend: str, model, generation: dict | None, summarizer, bullets: int,
                   words: int | None, source_language: str) -> tuple[Summary | None, str | None]:
    """The model's summary, or (None, why) where ``auto`` falls back to the extractive one: no
    model on this machine, or an answer that cannot be used."""
    try:
        if summarizer is None:
            summarizer = load_summarizer("seq2seq" if backend in ("auto", "seq2seq") else "llm", model, generation)
        if summarizer.backend == "llm":
            return summarizer.summarize(article, bullets=bullets, words=words, source_language=source_language), None
        return summarizer.summarize(article, bullets=bullets, words=words), None
    except ModelNotAvailableError as e:
        if backend != "auto":
            raise
        return None, f"No summary model on this machine ({e.model}): extractive summary. Fetch one with: lintas models pull {e.task}"
    except Exception as e:
        from .llm import SummaryFormatError

        if not isinstance(e, SummaryFormatError):
            raise
        return None, f"The summary model's answer was unusable ({e}); extractive summary instead."


def _bullet_issues(s: Summary) -> list[Issue]:
    """An issue for every bullet no sentence supports, and for every one whose source was added."""
    issues = []
    for i, b in enumerate(s.bullets):
        if "unsupported" in b.flags:
            issues.append(Issue("summary_unsupported", f"Summary point {i + 1} is not supported by any article sentence: read it with care.",
                                data={"bullet": i}))
        if "attribution_added" in b.flags:
            issues.append(Issue("summary_attribution_added",
                                f"Summary point {i + 1} repeated an attributed claim without its source; the source was added.",
                                sentences=tuple(b.supported_by), data={"bullet": i}))
    return issues
