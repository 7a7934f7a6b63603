"""TEMPORARY shim until the ModelPool branch merges (same interface)."""
from __future__ import annotations
import threading


class ModelPool:
    def __init__(self, settings=None, registry=None):
        from .settings import current
        self.settings = settings or current()
        self.registry = registry

    def translator(self, model=None, *, backend="auto", oracle=None, generation=None, device="cpu", dtype=None):
        from .translation import load_translator
        return load_translator(model, backend=backend, oracle=oracle, generation=generation, registry=self.registry,
                               device=device, dtype=dtype)

    def batched(self, translator):
        from .translation.batcher import batched
        return batched(translator)

    def summarizer(self, backend="seq2seq", model=None, generation=None, engine="auto"):
        from .summary import load_summarizer
        return load_summarizer(backend, model, generation, registry=self.registry, engine=engine)

    def similarity(self):
        from .sourcecheck.embed import default_similarity
        return default_similarity()

    def nli(self):
        from .sourcecheck.nli import default_nli
        return default_nli()

    def load_counts(self):
        from .translation import load_counts
        return load_counts()

    def clear(self):
        from .translation import clear_loaded
        clear_loaded()


_pool = None
_lock = threading.Lock()


def default_pool() -> ModelPool:
    global _pool
    with _lock:
        if _pool is None:
            _pool = ModelPool()
        return _pool
