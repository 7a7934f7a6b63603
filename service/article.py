"""The data objects every stage passes along.

An :class:`Article` is the one object that flows through the pipeline (ingest → segment →
translate → …). Annotations are views over ``Article.text`` (character offsets into the cleaned
text), never copies that drift from it. Objects are frozen; a stage returns an enriched copy made
with :func:`dataclasses.replace`.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace


@dataclass(frozen=True)
class Issue:
    """Something the reader should know: a warning from ingest, a translation problem…"""

    code: str
    message: str
    sentence: int | None = None

    def to_dict(self) -> dict:
        d = {"code": self.code, "message": self.message}
        if self.sentence is not None:
            d["sentence"] = self.sentence
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

    def to_dict(self) -> dict:
        return {
            "index": self.index,
            "paragraph": self.paragraph,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "translation": self.translation,
        }


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
    meta: dict = field(default_factory=dict, compare=False)

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
