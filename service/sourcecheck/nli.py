"""Optional multilingual NLI (registry task ``nli``; default mDeBERTa-v3-base-xnli): the scorer is
:class:`~service.sourcecheck.nli_scorer.NLIScorer`; the process's model is the model pool's."""

from __future__ import annotations

from ..models import default_pool
from .nli_scorer import NLIScorer

__all__ = ["NLIScorer", "default_nli"]


def default_nli() -> NLIScorer | None:
    """The registry's NLI model if its files are present (loaded once), else None."""
    return default_pool().nli()
