"""The Python API: the same operations, names and defaults as the CLI (``lintas …``).

>>> from service import translate
>>> report = translate(open("article.txt").read(), model="/path/to/model")
>>> report.to_dict()["article"]["sentences"][0]["translation"]
"""

from __future__ import annotations

import time
from pathlib import Path

from .article import Article
from .attribution import Extractor, attribute
from .prepare import prepare, read_input
from .report import Report
from .translation import Translator, load_translator


def attributions(
    source: str | bytes | Path,
    *,
    format: str = "auto",
    max_chars: int | None = None,
    extractor: Extractor | None = None,
    require_indonesian: bool | None = None,
) -> Report:
    """Who said what: every statement the article attributes to a source (no model needed)."""
    t0 = time.perf_counter()
    article = attribute(prepare(source, format=format, max_chars=max_chars, require_indonesian=require_indonesian), extractor)
    return Report(article=article, models=[], timings={"attributions_s": round(time.perf_counter() - t0, 4)})


def check(
    source: str | bytes | Path,
    sources: dict[str, str | bytes | Path],
    *,
    model: str | Path | None = None,
    translations: str | Path | None = None,
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
) -> Report:
    """Translate, extract attributions and check each claim against the supplied sources.

    ``sources``: name → text, bytes or Path (e.g. ``{"BBC": Path("bbc.txt")}``); the name is
    matched to the claims' speakers, affiliations and outlets through the source registry.
    ``translations``: a TSV of given translations (Indonesian, English) instead of a model.
    """
    from .sourcecheck import Checker, load_source

    report = translate(source, model=model, oracle=translations, generation=generation, format=format,
                       max_chars=max_chars, translator=translator, glossary=glossary, progress=progress,
                       require_indonesian=require_indonesian)
    if on_stage is not None:
        on_stage("check")
    t0 = time.perf_counter()
    from .article import Issue
    from .errors import InputError

    docs, bad = [], []
    for name, data in sources.items():
        try:
            docs.append(load_source(name, read_input(data)))
        except InputError as e:  # one unusable source must not lose the others
            bad.append(Issue("source_unusable", f"Source {name!r} was not used: {e}", data={"source": name}))
    ch = checker or Checker()
    report.article = ch.check_article(report.article, docs, all_pairs=all_pairs).with_issues(*bad)
    report.timings["check_s"] = round(time.perf_counter() - t0, 4)
    report.sources = [{"name": d.name, "key": d.key, "lang": d.lang, "sentences": len(d.article.sentences)} for d in docs]
    report.check_method = ch.method
    return report


def translate(
    source: str | bytes | Path,
    *,
    model: str | Path | None = None,
    backend: str = "auto",
    oracle: str | Path | None = None,
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
) -> Report:
    """Translate a whole article; every sentence keeps its span and gets its translation.

    ``protect``: names, numbers, URLs and glossary terms pass through as markers and come back
    intact. ``glossary``: a TSV/CSV path or a dict of Indonesian → English terms, merged over the
    shipped newsroom glossary. ``checks``: model-free MT checks (numbers, names, quotes,
    leftovers, loops) add findings to the report's issues. ``alternatives``: the n-best
    translations of each sentence (model backends only).

    ``model``: registry name, local directory or hub id (default: the registry's translation
    model, or ``LINTAS_MODEL_TRANSLATION``). ``translator``: an already loaded one (overrides
    ``model``/``backend``). ``progress(done, total)`` is called after each model batch.
    """
    from .translation.protect import load_glossary

    timings = {}
    t0 = time.perf_counter()
    article = prepare(source, format=format, max_chars=max_chars, require_indonesian=require_indonesian)
    timings["ingest_segment_s"] = round(time.perf_counter() - t0, 4)
    t3 = time.perf_counter()
    article = attribute(article)  # first: its speakers and sources are names to protect
    timings["attributions_s"] = round(time.perf_counter() - t3, 4)
    if isinstance(glossary, dict):
        terms = {**load_glossary(), **glossary}
    else:
        terms = load_glossary(glossary)
    if translator is None:
        t1 = time.perf_counter()
        translator = load_translator(model, backend=backend, oracle=oracle, generation=generation)
        timings["load_s"] = round(time.perf_counter() - t1, 4)
    t2 = time.perf_counter()
    article = translator.translate_article(article, progress=progress, protect=protect,
                                           glossary=terms if protect else None, checks=checks,
                                           alternatives=alternatives)
    timings["translate_s"] = round(time.perf_counter() - t2, 4)
    timings["total_s"] = round(time.perf_counter() - t0, 4)
    return Report(article=article, models=[translator.info], timings=timings)


def _summarise_into(report: Report, *, backend: str, model, bullets: int, words: int | None, language: str,
                    source_language: str, generation: dict | None, summarizer) -> Report:
    from .summary import summarize_article

    t0 = time.perf_counter()
    report.article = summarize_article(report.article, backend=backend, model=model, bullets=bullets, words=words,
                                       language=language, source_language=source_language, generation=generation,
                                       summarizer=summarizer)
    report.timings["summary_s"] = round(time.perf_counter() - t0, 4)
    s = report.article.summary
    if s is not None and s.model and s.backend != "extractive":
        report.models.append(s.model)
    return report


def summarize(
    source: str | bytes | Path,
    *,
    backend: str = "auto",
    model: str | Path | None = None,
    bullets: int = 3,
    words: int | None = None,
    language: str = "en",
    source_language: str = "en",
    translation_model: str | Path | None = None,
    translations: str | Path | None = None,
    translator: Translator | None = None,
    generation: dict | None = None,
    format: str = "auto",
    max_chars: int | None = None,
    glossary: str | Path | dict | None = None,
    summarizer=None,
    require_indonesian: bool | None = None,
) -> Report:
    """A headline and ``bullets`` bullets in English, each traced to the article sentences that
    support it; bullets that carry an attributed claim name its source.

    ``backend``: ``auto`` (the registry's summary model if present, else extractive),
    ``seq2seq``, ``llm`` or ``extractive``; ``model``: a registry name or directory for it.
    The article is translated first (``translation_model``, or given ``translations`` TSV),
    except for ``backend="llm", source_language="id"`` (straight from the Indonesian) and
    ``language="id"`` (an Indonesian extractive summary).
    """
    from .summary import BACKENDS

    if backend not in BACKENDS:
        from .errors import InputError

        raise InputError(f"Unknown summary backend {backend!r}; use one of {', '.join(BACKENDS)}.")
    if language == "id" or (backend == "llm" and source_language == "id"):
        t0 = time.perf_counter()
        report = attributions(source, format=format, max_chars=max_chars, require_indonesian=require_indonesian)
        report.timings["ingest_segment_s"] = round(time.perf_counter() - t0, 4)
    else:
        report = translate(source, model=translation_model, oracle=translations, format=format, max_chars=max_chars,
                           translator=translator, glossary=glossary, require_indonesian=require_indonesian)
    return _summarise_into(report, backend=backend, model=model, bullets=bullets, words=words, language=language,
                           source_language=source_language, generation=generation, summarizer=summarizer)


def full_report(
    source: str | bytes | Path,
    sources: dict[str, str | bytes | Path] | None = None,
    *,
    model: str | Path | None = None,
    translations: str | Path | None = None,
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
) -> Report:
    """Everything: translation, attributions, the check against ``sources`` (if any) and the summary.

    ``progress(done, total)`` follows the translation batches; ``on_stage(name)`` is called as
    each stage starts (``translate``, ``check``, ``summarise``)."""
    stage = on_stage or (lambda name: None)
    stage("translate")
    if sources:
        r = check(source, sources, model=model, translations=translations, format=format, max_chars=max_chars,
                  all_pairs=all_pairs, translator=translator, checker=checker, glossary=glossary, progress=progress,
                  on_stage=on_stage, require_indonesian=require_indonesian)
    else:
        r = translate(source, model=model, oracle=translations, format=format, max_chars=max_chars,
                      translator=translator, glossary=glossary, progress=progress, require_indonesian=require_indonesian)
    stage("summarise")
    return _summarise_into(r, backend=summary_backend, model=summary_model, bullets=bullets, words=words, language="en",
                           source_language="en", generation=None, summarizer=summarizer)
