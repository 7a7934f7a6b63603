"""Sentence similarity for evidence search: a real sentence-embedding model when present, else a
lexical fallback (the classes are :mod:`service.sourcecheck.similarity`). The model is the model
pool's (:meth:`service.models.ModelPool.similarity`); :func:`default_similarity` is the process's."""

from __future__ import annotations

from ..models import default_pool
from .similarity import Embedder, LexicalSimilarity, content_words

__all__ = ["Embedder", "LexicalSimilarity", "content_words", "default_similarity"]


def default_similarity():
    """The registry's embeddings model if it is on this machine (loaded once), else lexical."""
    return default_pool().similarity()
