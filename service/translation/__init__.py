"""Translation: backends, the :class:`Translator`, and loading one from the registry."""

from __future__ import annotations

import threading
from pathlib import Path

from ..errors import ConfigError
from ..registry import Registry
from .oracle import OracleBackend
from .translator import Backend, Translator

__all__ = ["Backend", "Translator", "OracleBackend", "load_translator", "load_counts", "BACKENDS"]

BACKENDS = ("auto", "transformers", "ctranslate2", "oracle")

_loaded: dict[tuple, Translator] = {}
_load_lock = threading.Lock()
_load_counts: dict[str, int] = {}  # "name|backend" → successful loads in this process


def load_translator(
    model: str | Path | None = None,
    *,
    backend: str = "auto",
    oracle: str | Path | None = None,
    generation: dict | None = None,
    registry: Registry | None = None,
    device: str = "cpu",
    dtype: str | None = None,
) -> Translator:
    """A translator for ``model`` (registry name, local directory or hub id; default: the
    registry's, or ``LINTAS_MODEL_TRANSLATION``). Loaded once per process and shared.

    ``backend="oracle"`` with ``oracle=TSV`` uses given translations; with a ``model`` as well,
    sentences missing from the TSV go to that model.
    """
    if backend not in BACKENDS:
        raise ConfigError(f"Unknown translation backend {backend!r}; use one of {', '.join(BACKENDS)}.")
    if oracle is not None and backend == "auto":
        backend = "oracle"
    if oracle is not None and backend != "oracle":
        raise ConfigError(f"Given translations (--oracle) cannot be combined with backend {backend!r}.")
    if backend == "oracle":
        if oracle is None:
            raise ConfigError("The oracle backend needs a TSV of (Indonesian, English) pairs: pass oracle=PATH / --oracle PATH.")
        oracle_tr = Translator(OracleBackend.from_tsv(oracle))
        if model is None:
            return oracle_tr
        # sentences missing from the TSV go to a full translator (its window, splitting, cache)
        fallback = load_translator(model, generation=generation, registry=registry, device=device, dtype=dtype)
        return Translator(OracleBackend.from_tsv(oracle, fallback=fallback))

    reg = registry or Registry.load()
    spec = reg.resolve("translation", model)
    if backend == "auto":
        # CTranslate2 when a converted model is present (several times faster), else transformers
        from .ct2 import find_converted

        backend = "ctranslate2" if _ct2_available() and find_converted(spec) is not None else "transformers"
    key = (backend, spec.name, spec.hub_id, spec.revision, spec.local_path, tuple(sorted((generation or {}).items())), device, dtype)
    with _load_lock:
        hit = _loaded.get(key)
        if hit is not None:
            return hit
        if backend == "ctranslate2":
            from .ct2 import CT2Backend

            be = CT2Backend.load(spec, generation=generation, device=device, compute_type=dtype)
        else:
            from .hf import HFSeq2SeqBackend

            be = HFSeq2SeqBackend.load(spec, generation=generation, device=device, dtype=dtype)
        tr = Translator(be, split_tokens=spec.split_tokens)
        _loaded[key] = tr
        _load_counts[f"{spec.name}|{backend}"] = _load_counts.get(f"{spec.name}|{backend}", 0) + 1
        return tr


def load_counts() -> dict[str, int]:
    """How many times each translation model was built in this process ("name|backend" → count):
    a shared model shows 1 however many requests used it."""
    with _load_lock:
        return dict(_load_counts)


def _ct2_available() -> bool:
    import importlib.util

    return importlib.util.find_spec("ctranslate2") is not None


def clear_loaded() -> None:
    """Forget the process-wide loaded models (tests, or to free memory)."""
    with _load_lock:
        _loaded.clear()
