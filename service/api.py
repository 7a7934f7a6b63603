"""The Python API: the same operations, names and defaults as the CLI (``lintas …``).

>>> from service import translate
>>> report = translate(open("article.txt").read(), model="/path/to/model")
>>> report.to_dict()["article"]["sentences"][0]["translation"]

Each function only gathers its keyword arguments into the run's options (:mod:`service.options`)
and runs one :class:`~service.pipeline.Pipeline`; the CLI, the server, the UI and batch call
these same functions. The same names hold everywhere: ``model`` is the translation model,
``summary_model`` the summary model, ``translations`` given English (a TSV path, a mapping or
a list of pairs), ``translator`` an already loaded translator or a zero-argument function that
loads one (called only when the article gets to the translation). ``settings`` (default: the process's effective settings) and ``pool`` (default:
the process's model pool) let a caller run with its own.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .options import CheckOptions, InputOptions, SummaryOptions, TranslationOptions, Translations
from .pipeline import Attribute, Builder, Pipeline
from .prepare import prepare, read_input
from .report import Report
from .settings import Settings, current
from .translation import Translator

__all__ = ["attributions", "translate", "check", "summarize", "full_report", "run", "prepare", "read_input"]

Source = str | bytes | Path


def run(
    source: Source,
    *,
    input: InputOptions = InputOptions(),
    translation: TranslationOptions | None = None,
    check: CheckOptions | None = None,
    summary: SummaryOptions | None = None,
    extractor=None,
    translator: Translator | None = None,
    checker=None,
    summarizer=None,
    progress=None,
    on_stage=None,
    settings: Settings | None = None,
    pool=None,
) -> Report:
    """One article through the stages the options ask for (attribution always runs).

    When the translation only serves the check or the summary, a missing translation model does
    not stop the run: the report says ``translation_unavailable`` and keeps what needs no English
    (:class:`~service.pipeline.Translate`, ``optional``)."""
    settings = settings or current()
    b = Builder(settings, pool, translator, progress)
    components: list[Any] = [Attribute(extractor)]
    if translation is not None:
        components.append(b.translate(translation, optional=check is not None or summary is not None))
    if check is not None:
        components.append(b.check(check, checker))
    if summary is not None:
        components.append(b.summarise(summary, summarizer))
    return Pipeline(components, settings, input, on_stage)(source)


def attributions(
    source: Source,
    *,
    format: str = "auto",
    max_chars: int | None = None,
    extractor=None,
    require_indonesian: bool | None = None,
    settings: Settings | None = None,
) -> Report:
    """Who said what: every statement the article attributes to a source (no model needed)."""
    return run(source, input=InputOptions(format, max_chars, require_indonesian), extractor=extractor, settings=settings)


def translate(
    source: Source,
    *,
    model: str | Path | None = None,
    backend: str = "auto",
    translations: Translations = None,
    generation: dict | None = None,
    format: str = "auto",
    max_chars: int | None = None,
    translator: Translator | None = None,
    progress=None,
    protect: bool = True,
    glossary: str | Path | dict | None = None,
    checks: bool = True,
    alternatives: int = 0,
    require_indonesian: bool | None = None,
    settings: Settings | None = None,
    pool=None,
    oracle: Translations = None,
) -> Report:
    """Translate a whole article; every sentence keeps its span and gets its translation.

    ``protect``: names, numbers, URLs and glossary terms pass through as markers and come back
    intact. ``glossary``: a TSV/CSV path or a dict of Indonesian → English terms, merged over the
    shipped newsroom glossary. ``checks``: model-free MT checks (numbers, names, quotes,
    leftovers, loops) add findings to the report's issues. ``alternatives``: the n-best
    translations of each sentence (model backends only). ``translations``: given English (a TSV
    of pairs, a mapping or a list of pairs; with ``model`` too, the model translates what they
    lack). ``oracle``: the old name of ``translations``, kept for one release.

    ``model``: registry name, local directory or hub id (default: the registry's translation
    model, or the ``models.translation`` setting). ``translator``: an already loaded one
    (overrides ``model``/``backend``). ``progress(done, total)`` is called after each model batch.
    """
    opts = TranslationOptions(model, backend, translations if translations is not None else oracle, generation,
                              protect, glossary, checks, alternatives)
    return run(source, input=InputOptions(format, max_chars, require_indonesian), translation=opts,
               translator=translator, progress=progress, settings=settings, pool=pool)


def check(
    source: Source,
    sources: dict[str, str | bytes | Path],
    *,
    model: str | Path | None = None,
    translations: Translations = None,
    generation: dict | None = None,
    format: str = "auto",
    max_chars: int | None = None,
    all_pairs: bool = False,
    translator: Translator | None = None,
    checker=None,
    glossary: str | Path | dict | None = None,
    progress=None,
    on_stage=None,
    require_indonesian: bool | None = None,
    settings: Settings | None = None,
    pool=None,
) -> Report:
    """Translate, extract attributions and check each claim against the supplied sources.

    ``sources``: name → text, bytes or Path (e.g. ``{"BBC": Path("bbc.txt")}``); the name is
    matched to the claims' speakers, affiliations and outlets through the source registry.
    ``translations``: given English instead of a model (a TSV path or pairs).
    """
    opts = TranslationOptions(model=model, translations=translations, generation=generation, glossary=glossary)
    return run(source, input=InputOptions(format, max_chars, require_indonesian), translation=opts,
               check=CheckOptions(sources, all_pairs), translator=translator, checker=checker, progress=progress,
               on_stage=on_stage, settings=settings, pool=pool)


def summarize(
    source: Source,
    *,
    backend: str = "auto",
    summary_model: str | Path | None = None,
    bullets: int = 3,
    words: int | None = None,
    language: str = "en",
    source_language: str = "en",
    model: str | Path | None = None,
    translations: Translations = None,
    translator: Translator | None = None,
    generation: dict | None = None,
    format: str = "auto",
    max_chars: int | None = None,
    glossary: str | Path | dict | None = None,
    summarizer=None,
    require_indonesian: bool | None = None,
    settings: Settings | None = None,
    pool=None,
    translation_model: str | Path | None = None,
) -> Report:
    """A headline and ``bullets`` bullets in English, each traced to the article sentences that
    support it; bullets that carry an attributed claim name its source.

    ``backend``: ``auto`` (the registry's summary model if present, else extractive),
    ``seq2seq``, ``llm`` or ``extractive``; ``summary_model``: a registry name or directory for
    it; ``generation``: the summary model's generation settings. The article is translated first
    (``model``, or given ``translations``), except for ``backend="llm", source_language="id"``
    (straight from the Indonesian) and ``language="id"`` (an Indonesian extractive summary).
    ``translation_model``: the old name of ``model``, kept for one release.
    """
    so = SummaryOptions(backend, summary_model, bullets, words, language, source_language, generation)
    to = None
    if so.needs_translation:
        to = TranslationOptions(model=model if model is not None else translation_model, translations=translations,
                                glossary=glossary)
    return run(source, input=InputOptions(format, max_chars, require_indonesian), translation=to, summary=so,
               translator=translator, summarizer=summarizer, settings=settings, pool=pool)


def full_report(
    source: Source,
    sources: dict[str, str | bytes | Path] | None = None,
    *,
    model: str | Path | None = None,
    translations: Translations = None,
    summary_backend: str = "auto",
    summary_model: str | Path | None = None,
    bullets: int = 3,
    words: int | None = None,
    format: str = "auto",
    max_chars: int | None = None,
    all_pairs: bool = False,
    glossary: str | Path | dict | None = None,
    translator: Translator | None = None,
    checker=None,
    summarizer=None,
    progress=None,
    on_stage=None,
    require_indonesian: bool | None = None,
    settings: Settings | None = None,
    pool=None,
) -> Report:
    """Everything: translation, attributions, the check against ``sources`` (if any) and the summary.

    ``progress(done, total)`` follows the translation batches; ``on_stage(name)`` is called as
    each stage starts (``attribute``, ``translate``, ``check``, ``summarise``)."""
    return run(source, input=InputOptions(format, max_chars, require_indonesian),
               translation=TranslationOptions(model=model, translations=translations, glossary=glossary),
               check=CheckOptions(sources, all_pairs) if sources else None,
               summary=SummaryOptions(summary_backend, summary_model, bullets, words),
               translator=translator, checker=checker, summarizer=summarizer, progress=progress, on_stage=on_stage,
               settings=settings, pool=pool)
