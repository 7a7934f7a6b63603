"""The model-free edge of every pipeline: read the input, ingest it, split it into sentences."""

from __future__ import annotations

from pathlib import Path

from .article import Article
from .ingest import ingest
from .segment import segment


def read_input(source: str | bytes | Path) -> str | bytes:
    """A ``Path`` is read as bytes (decoded by ingest); ``str`` and ``bytes`` are the text."""
    if isinstance(source, Path):
        return source.read_bytes()
    return source


def prepare(source: str | bytes | Path, *, format: str = "auto", max_chars: int | None = None,
            require_indonesian: bool | None = None) -> Article:
    """Ingest and segment: the cleaned article with sentence spans, no model needed.

    ``require_indonesian``: refuse a clearly non-Indonesian article (``NotIndonesianError``)
    instead of flagging it in the issues (default: the ``require_indonesian`` setting)."""
    return segment(ingest(read_input(source), format=format, max_chars=max_chars, require_indonesian=require_indonesian))
