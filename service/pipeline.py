"""One pipeline of components for every surface.

An :class:`~service.article.Article` flows through a list of components, each a callable
``Article -> Article`` that says what it reads and what it assigns (spaCy's component contract)::

    prepare (ingest + segment, at the edge) → attribute → translate (protect → model → restore →
    MT checks) → check → summarise → build_report

A :class:`Pipeline` is built from :class:`~service.settings.Settings`, the run's options
(:mod:`service.options`) and a :class:`~service.models.ModelPool`; it runs the components in order,
with the ``on_stage``/``progress`` hooks and the stage timings in one place. Add a component by
passing ``components=`` (or :meth:`Pipeline.with_component`); nothing else needs to change.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Callable, Iterable, Protocol

from .article import Article, Issue
from .errors import InputError, ModelNotAvailableError
from .models import ModelPool, default_pool
from .options import CheckOptions, InputOptions, SummaryOptions, TranslationOptions, english_text, translation_pairs
from .prepare import prepare, read_input
from .report import Report, build_report
from .settings import Settings, current

ProgressFn = Callable[[int, int], None]
StageFn = Callable[[str], None]


class Component(Protocol):
    """A pipeline stage. ``name`` labels its timing and its ``on_stage`` call; ``reads`` and
    ``assigns`` name the Article fields it uses and sets."""

    name: str
    reads: tuple[str, ...]
    assigns: tuple[str, ...]

    def __call__(self, article: Article) -> Article: ...


def _add_models(article: Article, *infos: dict) -> Article:
    return replace(article, meta=article.meta.with_models(*infos))


# ----------------------------------------------------------------------------- components

@dataclass
class Attribute:
    """Who said what (no model). Runs before translation: speakers and sources are names the
    translation protects."""

    extractor: Any = None
    name: str = "attribute"
    reads: tuple[str, ...] = ("sentences",)
    assigns: tuple[str, ...] = ("attributions", "issues")
    timing: str = "attributions_s"

    def __call__(self, article: Article) -> Article:
        from .attribution import attribute

        return attribute(article, self.extractor)


@dataclass
class Translate:
    """Translate every sentence and the title (protect names/numbers → model → restore → MT
    checks), then give each whole-sentence claim its English. ``translator`` may be a loader
    (called once, on the first article): a bad article is refused before any model loads.

    ``optional``: the translation serves later stages (check, summary), so a missing translation
    model is not the end of the run: the article goes on untranslated with a top-level issue
    ``translation_unavailable`` (its message lists every way forward), the check compares the
    language-independent anchors, and the summary is the Indonesian extractive one — the one
    degradation rule for every surface. A translate-only run still fails (exit 4, HTTP 503)."""

    translator: Any
    options: TranslationOptions = field(default_factory=TranslationOptions)
    progress: ProgressFn | None = None
    optional: bool = False
    name: str = "translate"
    reads: tuple[str, ...] = ("sentences", "attributions")
    assigns: tuple[str, ...] = ("sentences.translation", "title_translation", "issues", "attributions.text_en", "meta.models")
    timing: str = "translate_s"

    def loaded(self):
        if callable(self.translator) and not hasattr(self.translator, "translate_article"):
            self.translator = self.translator()
        return self.translator

    def __call__(self, article: Article) -> Article:
        o = self.options
        try:
            tr = self.loaded()
        except ModelNotAvailableError as e:
            if not self.optional or e.task != "translation":
                raise
            return article.with_issues(translation_unavailable(e))
        terms = glossary_terms(o.glossary)
        out = tr.translate_article(article, progress=self.progress, protect=o.protect,
                                   glossary=terms if o.protect else None, checks=o.checks, alternatives=o.alternatives)
        return _add_models(with_claims_in_english(out), tr.info)


@dataclass
class SourceCheck:
    """Each claim against the sources the user supplied: verdict, evidence, differences. A source
    that cannot be read becomes an issue; the others are still used."""

    options: CheckOptions
    checker: Any = None  # a Checker, or a loader called on the first article
    name: str = "check"
    reads: tuple[str, ...] = ("attributions", "sentences.translation")
    assigns: tuple[str, ...] = ("attributions.check", "issues", "meta.sources", "meta.check_method")
    timing: str = "check_s"

    def __call__(self, article: Article) -> Article:
        docs, unusable = load_documents(dict(self.options.sources))
        if callable(self.checker) and not hasattr(self.checker, "check_article"):
            self.checker = self.checker()
        ch = self.checker
        checked = ch.check_article(article, docs, all_pairs=self.options.all_pairs).with_issues(*unusable)
        sources = tuple({"name": d.name, "key": d.key, "lang": d.lang, "sentences": len(d.article.sentences)} for d in docs)
        return replace(checked, meta=replace(checked.meta, sources=sources, check_method=ch.method))


@dataclass
class Summarise:
    """A headline and bullets, each traced to its sentences; attributed claims keep their source."""

    options: SummaryOptions = field(default_factory=SummaryOptions)
    summarizer: Any = None
    name: str = "summarise"
    reads: tuple[str, ...] = ("sentences", "attributions")
    assigns: tuple[str, ...] = ("summary", "meta.models")
    timing: str = "summary_s"

    def __call__(self, article: Article) -> Article:
        from .summary import summarize_article

        o = self.options
        if o.needs_translation and not article.translated and any(i.code == "translation_unavailable" for i in article.issues):
            o = replace(o, language="id", backend="extractive")  # no English: the Indonesian extractive summary
        out = summarize_article(article, backend=o.backend, model=o.model, bullets=o.bullets, words=o.words,
                                language=o.language, source_language=o.source_language,
                                generation=dict(o.generation) if o.generation else None, summarizer=self.summarizer)
        s = out.summary
        if s is not None and s.model and s.backend != "extractive":
            out = _add_models(out, s.model)
        return out


# ----------------------------------------------------------------------------- helpers

def translation_unavailable(e: ModelNotAvailableError) -> Issue:
    """The top-level issue of a run that went on without its translation model."""
    return Issue("translation_unavailable",
                 f"No English translation: {e} Who said what, the Indonesian summary and the source check's "
                 "numbers, names, dates and quotes are below.",
                 data={"model": e.model, "task": e.task, "ways_forward": list(e.ways)})


def glossary_terms(glossary) -> dict[str, str]:
    """The shipped newsroom glossary, merged with the caller's (a dict, or a TSV/CSV path)."""
    from .translation.protect import load_glossary

    if isinstance(glossary, dict):
        return {**load_glossary(), **glossary}
    return load_glossary(glossary)


def with_claims_in_english(article: Article) -> Article:
    """A claim that is its whole sentence (give or take its punctuation) gets the sentence's
    English as ``text_en``; part-sentence claims keep ``None`` (no sub-sentence alignment)."""
    out = []
    for x in article.attributions:
        s = article.sentences[x.sentence]
        if x.text_en is None and s.translation and x.start <= s.start + 2 and x.end >= s.end - 2:
            x = replace(x, text_en=s.translation)
        out.append(x)
    return replace(article, attributions=tuple(out))


def load_documents(sources: dict) -> tuple[list, list[Issue]]:
    """Source documents, and an issue for each one that cannot be used (the others still are)."""
    from .sourcecheck import load_source

    docs, bad = [], []
    for name, data in sources.items():
        try:
            docs.append(load_source(name, read_input(data)))
        except InputError as e:
            bad.append(Issue("source_unusable", f"Source {name!r} was not used: {e}", data={"source": name}))
    return docs, bad


# ----------------------------------------------------------------------------- the pipeline

@dataclass
class Pipeline:
    """Components run in order over one article; hooks and timings in one place.

    ``on_stage(name)`` is called as each component starts; ``progress(done, total)`` follows the
    translation batches (the Translate component's own hook)."""

    components: list[Component]
    settings: Settings = field(default_factory=current)
    input: InputOptions = field(default_factory=InputOptions)
    on_stage: StageFn | None = None

    def with_component(self, component: Component, *, after: str | None = None, before: str | None = None) -> "Pipeline":
        """A copy with ``component`` inserted after (or before) the named one, or at the end."""
        names = [c.name for c in self.components]
        anchor = after or before
        if anchor is not None and anchor not in names:
            raise ValueError(f"No component named {anchor!r}; the pipeline has {', '.join(names)}")
        at = len(names) if anchor is None else names.index(anchor) + (1 if after else 0)
        return replace(self, components=[*self.components[:at], component, *self.components[at:]])

    def prepare(self, source: str | bytes | Path) -> Article:
        o = self.input
        max_chars = o.max_chars if o.max_chars is not None else self.settings.max_chars
        require = o.require_indonesian if o.require_indonesian is not None else self.settings.require_indonesian
        return prepare(source, format=o.format, max_chars=max_chars, require_indonesian=require)

    def __call__(self, source: str | bytes | Path | Article) -> Report:
        t0 = time.perf_counter()
        timings: dict[str, float] = {}
        if isinstance(source, Article):
            article = source
        else:
            article = self.prepare(source)
            timings["ingest_segment_s"] = round(time.perf_counter() - t0, 4)
        for c in self.components:
            if self.on_stage is not None:
                self.on_stage(c.name)
            t = time.perf_counter()
            article = c(article)
            key = getattr(c, "timing", f"{c.name}_s")
            timings[key] = round(timings.get(key, 0.0) + time.perf_counter() - t, 4)
        timings["total_s"] = round(time.perf_counter() - t0, 4)
        return build_report(replace(article, meta=article.meta.with_timings(timings)))

    def pipe(self, sources: Iterable[str | bytes | Path]) -> Iterable[Report]:
        for s in sources:
            yield self(s)


# ----------------------------------------------------------------------------- building pipelines

@dataclass
class Builder:
    """Turns the run's options into components, loading models through the pool."""

    settings: Settings = field(default_factory=current)
    pool: ModelPool | None = None
    translator: Any = None
    progress: ProgressFn | None = None

    def __post_init__(self) -> None:
        if self.pool is None:
            self.pool = default_pool()

    def translate(self, o: TranslationOptions, optional: bool = False) -> Translate:
        """``optional``: later stages use the translation (see :class:`Translate`). A given
        ``translator`` may be a loader (a zero-argument callable, e.g. the server's
        ``lambda: pool.translator(model)``), so a missing model degrades there too."""
        if self.translator is not None:
            return Translate(self.translator, o, self.progress, optional=optional)
        return Translate(lambda: self.load_translator(o), o, self.progress, optional=optional)

    def load_translator(self, o: TranslationOptions):
        """The translator the options ask for: given pairs (with the model for what they lack,
        when a model is named), a TSV of pairs, or a model from the pool."""
        gen = dict(o.generation) if o.generation else None
        english = english_text(o.translations)
        if english is not None:  # a whole English text: aligned with the article (no model)
            from .translation.aligned import AlignedTranslator

            return AlignedTranslator(english, max_chars=self.settings.max_chars)
        pairs = translation_pairs(o.translations)
        if pairs is not None:
            from .translation import OracleBackend, Translator

            dev = self.settings.device
            fallback = self.pool.translator(o.model, generation=gen, device=dev) if o.model is not None else None
            return Translator(OracleBackend(pairs, "<given pairs>", fallback=fallback))
        if o.translations is not None:
            return self.pool.translator(o.model, backend=o.backend if o.backend != "auto" else "oracle",
                                        oracle=o.translations, generation=gen, device=self.settings.device)
        return self.pool.translator(o.model, backend=o.backend, generation=gen, device=self.settings.device)

    def check(self, o: CheckOptions, checker=None) -> SourceCheck:
        def load():
            from .sourcecheck import Checker

            return Checker(similarity=self.pool.similarity(), nli=self.pool.nli())

        return SourceCheck(o, checker if checker is not None else load)

    def summarise(self, o: SummaryOptions, summarizer=None) -> Summarise:
        return Summarise(o, summarizer)
