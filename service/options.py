"""The options of one run, grouped: what to translate with, how to summarise, what to check against.

Small frozen dataclasses shared by every surface: the Python API builds them from its keyword
arguments, the CLI from its flags, the server from its request models, batch from each record. A
:class:`~service.pipeline.Pipeline` takes them with a :class:`~service.settings.Settings`.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Mapping

from .errors import ConfigError, InputError, SourcesTooLargeError

SUMMARY_BACKENDS = ("auto", "extractive", "seq2seq", "llm")
TRANSLATION_BACKENDS = ("auto", "transformers", "ctranslate2", "oracle")

# Given translations: a TSV path, or the pairs themselves (a mapping Indonesian → English, or
# (Indonesian, English) pairs as a list), or a whole English text to align (see english_text()).
Translations = str | Path | Mapping[str, str] | Iterable[tuple[str, str]] | None

# A path ending in one of these is a whole English document (aligned sentence by sentence);
# any other path is a TSV of pairs.
ENGLISH_DOCUMENT_SUFFIXES = {".txt": "text", ".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html"}


@dataclass(frozen=True)
class EnglishText:
    """A whole English translation of the article (not sentence pairs): it is split into
    sentences and aligned with the article's (service/translation/align.py). ``format``: auto,
    text, markdown or html; ``name``: where it came from, for the report."""

    text: str | bytes
    format: str = "auto"
    name: str = "<text>"

    @classmethod
    def read(cls, path: str | Path) -> "EnglishText":
        p = Path(path)
        try:
            data = p.read_bytes()
        except OSError as e:
            raise ConfigError(f"Cannot read translations file {p}: {e.strerror or e}") from e
        return cls(data, ENGLISH_DOCUMENT_SUFFIXES.get(p.suffix.lower(), "auto"), p.name)


def english_text(given: Any) -> EnglishText | None:
    """``given`` as an English document, or ``None`` when it is pairs (or nothing). The rule: an
    :class:`EnglishText` is one; a ``Path`` or a one-line ``str`` is a path — ending in .txt, .md,
    .markdown, .html or .htm it is an English document (read here), anything else a TSV of
    pairs; a ``str`` with a line break is the English text itself. (A one-line English text:
    wrap it in :class:`EnglishText`.)"""
    if isinstance(given, EnglishText):
        return given
    if isinstance(given, Path) or (isinstance(given, str) and "\n" not in given):
        p = Path(given)
        return EnglishText.read(p) if p.suffix.lower() in ENGLISH_DOCUMENT_SUFFIXES else None
    if isinstance(given, str):
        return EnglishText(given)
    return None


@dataclass(frozen=True)
class InputOptions:
    """How to read the article. ``None`` means the setting's value (``max_chars``,
    ``require_indonesian``)."""

    format: str = "auto"
    max_chars: int | None = None
    require_indonesian: bool | None = None


@dataclass(frozen=True)
class TranslationOptions:
    """``model``: registry name, local directory or hub id (default: the task's, or the
    ``models.translation`` setting). ``translations``: given English instead of (or before) the
    model: a TSV path or pairs. ``glossary``: a TSV/CSV path or a dict, merged over the shipped one."""

    model: str | Path | None = None
    backend: str = "auto"
    translations: Any = None
    generation: Mapping[str, Any] | None = None
    protect: bool = True
    glossary: str | Path | Mapping[str, str] | None = None
    checks: bool = True
    alternatives: int = 0

    def __post_init__(self) -> None:
        if self.backend not in TRANSLATION_BACKENDS:
            raise ConfigError(f"Unknown translation backend {self.backend!r}; use one of {', '.join(TRANSLATION_BACKENDS)}.")
        if self.alternatives < 0:
            raise InputError("alternatives must be 0 or more")


@dataclass(frozen=True)
class SummaryOptions:
    """``backend``: auto (the summary model if present, else extractive), extractive, seq2seq or
    llm; ``model``: the summary model (registry name or directory). ``language="id"``: an
    Indonesian extractive summary, no translation; ``source_language="id"`` with the llm backend:
    summarise straight from the Indonesian."""

    backend: str = "auto"
    model: str | Path | None = None
    bullets: int = 3
    words: int | None = None
    language: str = "en"
    source_language: str = "en"
    generation: Mapping[str, Any] | None = None

    def __post_init__(self) -> None:
        if self.backend not in SUMMARY_BACKENDS:
            raise InputError(f"Unknown summary backend {self.backend!r}; use one of {', '.join(SUMMARY_BACKENDS)}.")

    @property
    def needs_translation(self) -> bool:
        """The one rule for every surface: an English summary reads the translation, except an
        LLM told to read the Indonesian."""
        return self.language != "id" and not (self.backend == "llm" and self.source_language == "id")


@dataclass(frozen=True)
class CheckOptions:
    """``sources``: name → text, bytes or Path; ``all_pairs``: every claim against every source.

    The sources are counted and measured here, before any work, so every surface (API, CLI,
    REST, UI, batch) refuses the same oversized check: ``max_sources`` and ``max_source_chars``
    (``None``: the settings of that name)."""

    sources: Mapping[str, Any] = field(default_factory=dict)
    all_pairs: bool = False
    max_sources: int | None = None
    max_source_chars: int | None = None

    def __post_init__(self) -> None:
        if self.max_sources is None or self.max_source_chars is None:
            from .settings import current

            s = current()
            object.__setattr__(self, "max_sources", self.max_sources or s.max_sources)
            object.__setattr__(self, "max_source_chars", self.max_source_chars or s.max_source_chars)
        check_source_limits(self.sources or {}, self.max_sources, self.max_source_chars)


def _source_size(data: Any) -> int:
    """Characters of a text, bytes of bytes or of a file (without reading it)."""
    if isinstance(data, (str, bytes, bytearray)):
        return len(data)
    if isinstance(data, Path):
        try:
            return data.stat().st_size
        except OSError:
            return 0  # unreadable: the check reports it as an unusable source
    return 0


def check_source_limits(sources: Mapping[str, Any], max_sources: int, max_chars: int) -> None:
    """Refuse (413 ``sources_too_large``) more than ``max_sources`` sources or more than
    ``max_chars`` characters of them in all."""
    if not isinstance(sources, Mapping):
        try:
            sources = dict(sources)
        except (TypeError, ValueError):
            raise InputError("sources must be a mapping of source name → text") from None
    if len(sources) > max_sources:
        raise SourcesTooLargeError(f"{len(sources):,} sources were given; the limit is {max_sources:,} per check "
                                   "(LINTAS_MAX_SOURCES). Check against fewer sources at a time.")
    total = 0
    for data in sources.values():
        total += _source_size(data)
        if total > max_chars:
            raise SourcesTooLargeError(f"The sources hold more than {max_chars:,} characters in all; the limit is "
                                       f"{max_chars:,} (LINTAS_MAX_SOURCE_CHARS). Send shorter or fewer sources.")


def translation_pairs(given: Translations) -> dict[str, str] | None:
    """Given translations as a dict (Indonesian → English), or ``None`` for a path (read by the
    oracle backend), an English document or nothing. Pairs are checked: two strings each."""
    if given is None or isinstance(given, (str, Path, EnglishText)):
        return None
    items = given.items() if isinstance(given, Mapping) else given
    pairs: dict[str, str] = {}
    for n, item in enumerate(items, 1):
        try:
            src, tgt = item
        except (TypeError, ValueError):
            raise InputError(f"translations: pair {n} is not an (Indonesian, English) pair") from None
        if not isinstance(src, str) or not isinstance(tgt, str):
            raise InputError(f"translations: pair {n} must hold two strings")
        pairs[src] = tgt
    if not pairs:
        raise InputError("translations: no (Indonesian, English) pairs given")
    return pairs


def read_pairs_tsv(path: str | Path) -> list[tuple[str, str]]:
    """A TSV of pairs as a list (for surfaces that receive a file and pass pairs on)."""
    with open(path, encoding="utf-8", newline="") as f:
        return [(r[0], r[1]) for r in csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE) if len(r) >= 2]
