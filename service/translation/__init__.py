"""Translation: backends, the :class:`Translator`, and loading one from the registry.

Loaded translators belong to a model pool (:mod:`service.models`); the functions here are the
process-wide entry points, over :func:`service.models.default_pool`.
"""

from __future__ import annotations

from pathlib import Path

from ..models import TRANSLATION_BACKENDS as BACKENDS
from ..models import default_pool
from ..registry import Registry
from .oracle import OracleBackend
from .translator import (FEATURES, MERGES_CALLS, NBEST, NO_MARKERS, SCORES, SUBMIT, Backend, TranslationCache, Translator,
                         features_of)

__all__ = ["Backend", "Translator", "TranslationCache", "OracleBackend", "load_translator", "load_counts", "clear_loaded",
           "BACKENDS", "FEATURES", "SCORES", "NBEST", "SUBMIT", "MERGES_CALLS", "NO_MARKERS", "features_of"]


def load_translator(
    model: str | Path | None = None,
    *,
    backend: str = "auto",
    oracle: str | Path | None = None,
    generation: dict | None = None,
    registry: Registry | None = None,
    device: str | None = None,
    dtype: str | None = None,
) -> Translator:
    """A translator for ``model`` from the process's model pool (see
    :meth:`service.models.ModelPool.translator`): loaded once per process and shared."""
    return default_pool().translator(model, backend=backend, oracle=oracle, generation=generation, device=device,
                                     dtype=dtype, registry=registry)


def load_counts() -> dict[str, int]:
    """How many times each translation model was built in this process ("name|backend" → count):
    a shared model shows 1 however many requests used it."""
    return default_pool().load_counts()


def clear_loaded() -> None:
    """Forget the process-wide loaded models (tests, or to free memory)."""
    default_pool().clear()
