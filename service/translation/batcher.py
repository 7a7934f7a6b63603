"""Micro-batching for the server: the process's micro-batched translators.

The batcher itself is :class:`~service.translation.microbatch.MicroBatcher`; the model pool
(:mod:`service.models`) keeps one micro-batched twin per loaded translator. These functions are
the process-wide entry points, over :func:`service.models.default_pool`.
"""

from __future__ import annotations

from ..models import default_pool
from ..settings import Settings, current
from .microbatch import MicroBatcher
from .translator import Translator

__all__ = ["MicroBatcher", "batched", "batching_settings"]


def batching_settings(settings: Settings | None = None) -> dict:
    """The server's micro-batching settings (``batch_window_ms``, ``batch_max_sentences``) of
    ``settings`` (default: the process's, :func:`service.settings.current`)."""
    s = settings or current()
    return {"window_ms": s.batch_window_ms, "max_round_sentences": s.batch_max_sentences}


def batched(translator: Translator, window_ms: float | None = None, max_round_sentences: int | None = None) -> Translator:
    """A translator over the same model instance whose model calls are micro-batched; one per
    loaded translator and process (so concurrent requests meet in the same queue). Its model
    calls share ``translator``'s lock, so callers of either never run the model at once."""
    return default_pool().batched(translator, window_ms=window_ms, max_round_sentences=max_round_sentences)
