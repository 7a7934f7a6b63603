"""The data objects every stage passes along.

An :class:`Article` is the one object that flows through the pipeline (ingest → segment →
translate → …). Annotations are views over ``Article.text`` (character offsets into the cleaned
text), never copies that drift from it. Objects are frozen; a stage returns an enriched copy made
with :func:`dataclasses.replace`.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Mapping

if TYPE_CHECKING:  # types only: the stages that make these import this module
    from .sourcecheck.checker import CheckResult
    from .summary.types import Summary
    from .translation.align import Alignment


@dataclass(frozen=True)
class Issue:
    """Something the reader should know: a warning from ingest, a translation problem, a name
    spelt two ways… ``code`` is its type (``name_variant``, ``invalid_utf8`` …)."""

    code: str
    message: str
    sentence: int | None = None
    sentences: tuple[int, ...] = ()
    data: dict = field(default_factory=dict, compare=False)

    def to_dict(self) -> dict:
        d = {"type": self.code, "code": self.code, "message": self.message}
        if self.sentence is not None:
            d["sentence"] = self.sentence
        if self.sentences:
            d["sentences"] = list(self.sentences)
        d.update(self.data)
        return d


@dataclass(frozen=True)
class Paragraph:
    index: int
    start: int
    end: int


@dataclass(frozen=True)
class Sentence:
    """A sentence of the article body: ``text == article.text[start:end]``."""

    index: int
    paragraph: int
    start: int
    end: int
    text: str
    translation: str | None = None
    confidence: float | None = None  # 0–1, from the model's length-normalised log-probability
    quotes: tuple = ()  # aligned quotes: ({source, translation, spans}, …)
    alternatives: tuple[str, ...] = ()  # n-best translations, when asked for
    english: tuple[int, ...] | None = None  # given English text: the English sentences aligned with it
    merged_with: tuple[int, ...] = ()  # given English text: the other sentences sharing its English

    LOW_CONFIDENCE = 0.3

    def to_dict(self) -> dict:
        d = {
            "index": self.index,
            "paragraph": self.paragraph,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "translation": self.translation,
        }
        if self.confidence is not None:
            d["confidence"] = round(self.confidence, 4)
            d["low_confidence"] = self.confidence < self.LOW_CONFIDENCE
        if self.quotes:
            d["quotes"] = list(self.quotes)
        if self.alternatives:
            d["alternatives"] = list(self.alternatives)
        if self.english is not None:
            d["english"] = list(self.english)
            if self.merged_with:
                d["merged_with"] = list(self.merged_with)
        return d


@dataclass(frozen=True)
class Speaker:
    name: str | None
    role: str | None = None
    affiliation: str | None = None

    def to_dict(self) -> dict:
        return {"name": self.name, "role": self.role, "affiliation": self.affiliation}


@dataclass(frozen=True)
class SourceRef:
    """Who the statement is attributed to, as something that can be cited or checked.

    ``key`` is the source registry's key when the name is a known outlet or body."""

    name: str
    type: str  # person | organisation | company | government | media | website | document | unnamed
    key: str | None = None

    def to_dict(self) -> dict:
        return {"name": self.name, "type": self.type, "key": self.key}


@dataclass(frozen=True)
class Attribution:
    """A statement the article attributes to a source. ``start``/``end`` span the claim in
    ``Article.text``; ``sentence`` is the body sentence index."""

    id: str
    sentence: int
    start: int
    end: int
    text: str
    kind: str  # direct_quote | indirect | according_to | media_citation | passive | article_source
    cue: str
    speaker: Speaker
    source: SourceRef
    confidence: float
    cue_start: int | None = None
    cue_end: int | None = None
    continuation: bool = False
    nested_in: str | None = None
    text_en: str | None = None
    check: CheckResult | None = None  # set by the source check
    via: SourceRef | None = None  # the outlet that relayed the statement ("…, kata X seperti dikutip dari Y")

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "sentence": self.sentence,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "text_en": self.text_en,
            "kind": self.kind,
            "cue": self.cue,
            "cue_span": [self.cue_start, self.cue_end] if self.cue_start is not None else None,
            "speaker": self.speaker.to_dict(),
            "source": self.source.to_dict(),
            "via": self.via.to_dict() if self.via is not None else None,
            "confidence": round(self.confidence, 3),
            "continuation": self.continuation,
            "nested_in": self.nested_in,
            "check": self.check.to_dict() if self.check is not None else None,
        }


@dataclass(frozen=True)
class ArticleMeta:
    """What the stages record about their own work, beside the annotations.

    ``removed``: every line ingest dropped, with its reason (nothing disappears silently);
    ``translation_seconds`` and ``marker_fallback`` ({sentences, seconds}): the translate stage's
    model time and the sentences it translated again because a protection marker was lost;
    ``models``: the model info of each model used; ``sources`` and ``check_method``: the source
    documents the check read and how it scored; ``timings``: seconds per stage."""

    removed: tuple[Mapping[str, Any], ...] = ()
    translation_seconds: float | None = None
    marker_fallback: Mapping[str, Any] | None = None
    models: tuple[Mapping[str, Any], ...] = ()
    sources: tuple[Mapping[str, Any], ...] | None = None
    check_method: str | None = None
    timings: Mapping[str, float] = field(default_factory=lambda: MappingProxyType({}))

    def with_models(self, *infos: Mapping[str, Any]) -> "ArticleMeta":
        return replace(self, models=self.models + tuple(infos))

    def with_timings(self, timings: Mapping[str, float]) -> "ArticleMeta":
        return replace(self, timings=MappingProxyType({**self.timings, **timings}))


@dataclass(frozen=True)
class Article:
    """A cleaned article.

    ``text`` is the cleaned text: the title (if any) as its first block, then the body
    paragraphs, blocks separated by a blank line. ``title_span`` and every paragraph and sentence
    are offsets into it.
    """

    text: str
    title_span: tuple[int, int] | None
    paragraphs: tuple[Paragraph, ...]
    sentences: tuple[Sentence, ...] = ()
    source_format: str = "text"
    title_translation: str | None = None
    issues: tuple[Issue, ...] = ()
    attributions: tuple[Attribution, ...] = ()
    summary: Summary | None = None  # set by the summarise stage
    alignment: Alignment | None = None  # set when the translation is a given English text, aligned
    meta: ArticleMeta = field(default_factory=lambda: ArticleMeta(), compare=False)

    @property
    def title(self) -> str | None:
        if self.title_span is None:
            return None
        return self.text[self.title_span[0] : self.title_span[1]]

    def paragraph_text(self, index: int) -> str:
        p = self.paragraphs[index]
        return self.text[p.start : p.end]

    def sentences_of(self, paragraph: int) -> list[Sentence]:
        return [s for s in self.sentences if s.paragraph == paragraph]

    def with_issues(self, *issues: Issue) -> "Article":
        return replace(self, issues=self.issues + tuple(issues))

    @property
    def translated(self) -> bool:
        return bool(self.sentences) and all(s.translation is not None for s in self.sentences)

    def english_text(self) -> str:
        """The translation with the article's layout: title, then one block per paragraph."""
        blocks = []
        if self.title_translation:
            blocks.append(self.title_translation)
        for p in self.paragraphs:
            parts = [s.translation or "" for s in self.sentences_of(p.index)]
            blocks.append(" ".join(x for x in parts if x))
        return "\n\n".join(blocks)
