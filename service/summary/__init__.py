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
import threading
from dataclasses import replace
from pathlib import Path

from ..article import Article, Issue
from ..errors import ConfigError, InputError, ModelNotAvailableError
from ..registry import Registry
from . import extractive
from .provenance import trace
from .types import Bullet, Summary

__all__ = ["Summary", "Bullet", "BACKENDS", "summarize_article", "load_summarizer"]

log = logging.getLogger(__name__)

BACKENDS = ("auto", "extractive", "seq2seq", "llm")
MAX_BULLETS = 10

_loaded: dict[tuple, object] = {}
_lock = threading.Lock()


def load_summarizer(backend: str = "seq2seq", model: str | Path | None = None, generation: dict | None = None,
                    registry: Registry | None = None, engine: str = "auto"):
    """A seq2seq or LLM summariser (loaded once per process and shared). ``engine`` for seq2seq:
    ``auto`` (CTranslate2 when a conversion is present, else transformers), ``transformers`` or
    ``ctranslate2``."""
    reg = registry or Registry.load()
    task = "summary" if backend == "seq2seq" else "summary-llm"
    spec = reg.resolve(task, model)
    if spec.family == "qwen2" and backend == "seq2seq":
        backend, task = "llm", "summary-llm"
    elif spec.family == "bart" and backend == "llm":
        backend, task = "seq2seq", "summary"
    if backend == "seq2seq" and engine == "auto":
        from ..translation.ct2 import find_converted

        engine = "ctranslate2" if _ct2_available() and find_converted(spec) is not None else "transformers"
    key = (backend, engine, spec.name, spec.hub_id, spec.revision, spec.local_path, tuple(sorted((generation or {}).items())))
    with _lock:
        hit = _loaded.get(key)
        if hit is not None:
            return hit
        if backend == "llm":
            from .llm import LLMSummarizer

            s = LLMSummarizer.load(spec, generation)
        elif engine == "ctranslate2":
            from .ct2 import CT2Seq2SeqSummarizer

            s = CT2Seq2SeqSummarizer.load(spec, generation)
        else:
            from .seq2seq import Seq2SeqSummarizer

            s = Seq2SeqSummarizer.load(spec, generation)
        _loaded[key] = s
        return s


def _ct2_available() -> bool:
    import importlib.util

    return importlib.util.find_spec("ctranslate2") is not None


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
    fallback = None
    issues = []
    s: Summary | None = None
    if not article.sentences:
        s = Summary(headline="", bullets=(), backend="extractive", language=language)
    elif language == "id" or backend == "extractive":
        s = extractive.summarize(article, bullets=bullets, words=words, language=language)
    else:
        want = backend
        try:
            if summarizer is None:
                summarizer = load_summarizer("seq2seq" if backend in ("auto", "seq2seq") else "llm", model, generation)
            if summarizer.backend == "llm":
                s = summarizer.summarize(article, bullets=bullets, words=words, source_language=source_language)
            else:
                s = summarizer.summarize(article, bullets=bullets, words=words)
        except ModelNotAvailableError as e:
            if want != "auto":
                raise
            fallback = f"No summary model on this machine ({e.model}): extractive summary. Fetch one with: lintas models pull {e.task}"
        except Exception as e:
            from .llm import SummaryFormatError

            if not isinstance(e, SummaryFormatError):
                raise
            fallback = f"The summary model's answer was unusable ({e}); extractive summary instead."
        if s is None:
            lang = language if article.translated else "id"  # straight from Indonesian: no English to extract
            s = extractive.summarize(article, bullets=bullets, words=words, language=lang)
            s = replace(s, fallback=fallback)
            issues.append(Issue("summary_fallback", fallback))
    s = trace(s, article, similarity=similarity)
    for i, b in enumerate(s.bullets):
        if "unsupported" in b.flags:
            issues.append(Issue("summary_unsupported", f"Summary point {i + 1} is not supported by any article sentence: read it with care.",
                                data={"bullet": i}))
        if "attribution_added" in b.flags:
            issues.append(Issue("summary_attribution_added",
                                f"Summary point {i + 1} repeated an attributed claim without its source; the source was added.",
                                sentences=tuple(b.supported_by), data={"bullet": i}))
    return replace(article, summary=s).with_issues(*issues)
