"""The model pool: every model a process loads, loaded once and shared.

A :class:`ModelPool` owns the loaded translators (and their micro-batched twins), summarisers,
the sentence-embedding model and the NLI model, with the :class:`~service.settings.Settings`
they were loaded under. Two pools share nothing: each loads its own models and keeps its own
caches. :func:`default_pool` is the process's one pool; the older entry points
(``service.translation.load_translator``, ``service.summary.load_summarizer``,
``service.sourcecheck.embed.default_similarity``…) are thin wrappers over it.

Only :mod:`.settings` and :mod:`.registry` are imported at module level: the model modules are
imported when a model is first asked for, so that any module may import this one.
"""

from __future__ import annotations

import importlib.util
import logging
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from .errors import ConfigError
from .registry import ModelSpec, Registry
from .settings import Settings, current

if TYPE_CHECKING:
    from .translation.translator import Backend, Translator

__all__ = ["ModelPool", "default_pool", "TRANSLATION_BACKENDS", "SUMMARY_ENGINES"]

log = logging.getLogger(__name__)

TRANSLATION_BACKENDS = ("auto", "transformers", "ctranslate2", "oracle")
SUMMARY_ENGINES = ("auto", "transformers", "ctranslate2")
_UNSET = object()


class ModelPool:
    """Every loaded model of a process (or of a test), keyed by what was asked for.

    ``settings``: what models are loaded under (threads, CTranslate2 cache and options,
    micro-batching); without it, the pool follows :func:`service.settings.current`.
    ``registry``: where model names are resolved; without it, :meth:`Registry.load` each time.
    """

    def __init__(self, settings: Settings | None = None, registry: Registry | None = None):
        self._settings = settings
        self._registry = registry
        self._load_lock = threading.Lock()  # held while a translator loads: one load per model
        self.turn = None  # a OneAtATime the pool's micro-batchers take turns with (a one-core Ray worker)
        self._translators: dict[tuple, Translator] = {}
        self._load_counts: dict[str, int] = {}  # "name|backend" → translators built by this pool
        self._twin_lock = threading.Lock()
        self._batched: dict[int, tuple[Translator, Translator]] = {}
        self._summary_lock = threading.Lock()
        self._summarizers: dict[tuple, object] = {}
        self._once_lock = threading.Lock()
        self._once: dict[str, object] = {}  # "similarity", "nli"

    # ------------------------------------------------------------------ settings and registry
    @property
    def settings(self) -> Settings:
        """The pool's settings: those it was made with, else the process's current ones."""
        return self._settings if self._settings is not None else current()

    def _resolve(self, task: str, model: str | Path | None, registry: Registry | None) -> ModelSpec:
        reg = registry or self._registry or Registry.load()
        return reg.resolve(task, model)

    # ------------------------------------------------------------------ translation
    def translator(self, model: str | Path | None = None, *, backend: str = "auto", oracle: str | Path | None = None,
                   generation: dict | None = None, device: str | None = None, dtype: str | None = None,
                   registry: Registry | None = None) -> Translator:
        """A translator for ``model`` (registry name, local directory or hub id; default: the
        registry's, or ``LINTAS_MODEL_TRANSLATION``), loaded once by this pool and shared.

        ``backend``: ``auto`` (CTranslate2 when a converted model is present, else
        transformers), ``transformers``, ``ctranslate2`` or ``oracle``: given translations from
        ``oracle=TSV``; with a ``model`` as well, sentences missing from the TSV go to that model.
        ``device``: ``cpu`` or ``cuda`` (default: the ``device`` setting).
        """
        backend = _check_backend(backend, oracle)
        device = device or self.settings.device
        if backend == "oracle":
            return self._oracle_translator(oracle, model, generation=generation, device=device, dtype=dtype, registry=registry)
        from .translation.translator import Translator

        spec = self._resolve("translation", model, registry)
        if backend == "auto":
            backend = "ctranslate2" if self._has_conversion(spec) else "transformers"
        key = (backend, spec.name, spec.hub_id, spec.revision, spec.local_path, _frozen(generation), device, dtype)
        with self._load_lock:
            hit = self._translators.get(key)
            if hit is not None:
                return hit
            tr = Translator(self._translation_backend(spec, backend, generation, device, dtype), split_tokens=spec.split_tokens)
            self._translators[key] = tr
            count = f"{spec.name}|{backend}"
            self._load_counts[count] = self._load_counts.get(count, 0) + 1
            return tr

    def _oracle_translator(self, oracle: str | Path | None, model: str | Path | None, **load) -> Translator:
        from .translation.oracle import OracleBackend
        from .translation.translator import Translator

        if oracle is None:
            raise ConfigError("The oracle backend needs a TSV of (Indonesian, English) pairs: pass oracle=PATH / --oracle PATH.")
        if model is None:
            return Translator(OracleBackend.from_tsv(oracle))
        # sentences missing from the TSV go to a full translator (its window, splitting, cache)
        return Translator(OracleBackend.from_tsv(oracle, fallback=self.translator(model, **load)))

    def _has_conversion(self, spec: ModelSpec) -> bool:
        """A CTranslate2 conversion of ``spec`` is present (and CTranslate2 is installed)."""
        if importlib.util.find_spec("ctranslate2") is None:
            return False
        from .translation.ct2 import find_converted

        return find_converted(spec, settings=self.settings) is not None

    def _translation_backend(self, spec: ModelSpec, backend: str, generation: dict | None, device: str,
                             dtype: str | None) -> Backend:
        if backend == "ctranslate2":
            from .translation.ct2 import CT2Backend

            return CT2Backend.load(spec, generation=generation, device=device, compute_type=dtype, settings=self.settings)
        from .translation.hf import HFSeq2SeqBackend

        return HFSeq2SeqBackend.load(spec, generation=generation, device=device, dtype=dtype, settings=self.settings)

    def batched(self, translator: Translator, *, window_ms: float | None = None,
                max_round_sentences: int | None = None) -> Translator:
        """The micro-batched twin of ``translator``: the same model instance, its calls merged
        with those of concurrent requests; one per translator in this pool (so concurrent
        requests meet in the same queue). It shares ``translator``'s cache and model lock.
        The window and round size are the settings' ``batch_window_ms`` / ``batch_max_sentences``
        unless given."""
        from .translation.microbatch import MicroBatcher

        with self._twin_lock:
            hit = self._batched.get(id(translator))
            if hit is not None and hit[0] is translator:
                return hit[1]
            s = self.settings
            mb = MicroBatcher(translator.backend, window_ms=s.batch_window_ms if window_ms is None else window_ms,
                              max_batch_tokens=translator.max_batch_tokens, max_batch_size=translator.max_batch_size,
                              max_round_sentences=max_round_sentences or s.batch_max_sentences, lock=translator.model_lock,
                              turn=self.turn)
            twin = translator.over(mb)
            self._batched[id(translator)] = (translator, twin)
            return twin

    def load_counts(self) -> dict[str, int]:
        """How many times each translation model was built by this pool ("name|backend" →
        count): a shared model shows 1 however many requests used it. Kept across :meth:`clear`.
        Never waits for a model that is loading (``/health`` calls it on the event loop): copying
        a dict is one step under the GIL, so no lock is needed to read it whole."""
        return dict(self._load_counts)

    # ------------------------------------------------------------------ summaries
    def summarizer(self, backend: str = "seq2seq", model: str | Path | None = None, generation: dict | None = None,
                   engine: str = "auto", registry: Registry | None = None):
        """A seq2seq or LLM summariser, loaded once by this pool. ``engine`` for seq2seq:
        ``auto`` (CTranslate2 when a conversion is present, else transformers), ``transformers``
        or ``ctranslate2``. A model's family wins over ``backend`` (a Qwen model is an LLM)."""
        spec = self._resolve("summary" if backend == "seq2seq" else "summary-llm", model, registry)
        if spec.family == "qwen2" and backend == "seq2seq":
            backend = "llm"
        elif spec.family == "bart" and backend == "llm":
            backend = "seq2seq"
        if backend == "seq2seq" and engine == "auto":
            engine = "ctranslate2" if self._has_conversion(spec) else "transformers"
        key = (backend, engine, spec.name, spec.hub_id, spec.revision, spec.local_path, _frozen(generation))
        with self._summary_lock:
            hit = self._summarizers.get(key)
            if hit is None:
                hit = self._summarizers[key] = _load_summarizer(spec, backend, engine, generation)
            return hit

    # ------------------------------------------------------------------ source checking
    def similarity(self):
        """The registry's sentence-embedding model if its files are on this machine (loaded
        once), else :class:`~service.sourcecheck.similarity.LexicalSimilarity`."""
        return self._load_once("similarity", self._load_similarity)

    def nli(self):
        """The registry's NLI model if its files are on this machine (loaded once), else None."""
        return self._load_once("nli", self._load_nli)

    def _load_once(self, name: str, load: Callable[[], object]):
        with self._once_lock:
            hit = self._once.get(name, _UNSET)
            if hit is _UNSET:
                hit = self._once[name] = load()
            return hit

    def _load_similarity(self):
        from .sourcecheck.similarity import Embedder, LexicalSimilarity

        try:
            spec = (self._registry or Registry.load()).default("embeddings")
            return Embedder.load(spec) if spec.locate() is not None else LexicalSimilarity()
        except Exception as e:  # a broken model must not stop the check: fall back, say so
            log.warning("embeddings unavailable (%s); using lexical similarity", e)
            return LexicalSimilarity()

    def _load_nli(self):
        from .sourcecheck.nli_scorer import NLIScorer

        try:
            spec = (self._registry or Registry.load()).default("nli")
            return NLIScorer.load(spec) if spec.locate() is not None else None
        except Exception as e:  # a broken optional model must not stop the check
            log.warning("NLI model unavailable (%s); checking with anchors and similarity only", e)
            return None

    # ------------------------------------------------------------------ housekeeping
    def clear(self) -> None:
        """Forget every model this pool loaded (tests, or to free memory); the next request
        loads them again. The load counts are kept."""
        with self._load_lock:
            self._translators.clear()
        with self._twin_lock:
            self._batched.clear()
        with self._summary_lock:
            self._summarizers.clear()
        with self._once_lock:
            self._once.clear()


def _check_backend(backend: str, oracle: str | Path | None) -> str:
    """The translation backend asked for, checked against ``oracle`` (given translations)."""
    if backend not in TRANSLATION_BACKENDS:
        raise ConfigError(f"Unknown translation backend {backend!r}; use one of {', '.join(TRANSLATION_BACKENDS)}.")
    if oracle is not None and backend == "auto":
        return "oracle"
    if oracle is not None and backend != "oracle":
        raise ConfigError(f"Given translations (--oracle) cannot be combined with backend {backend!r}.")
    return backend


def _frozen(generation: dict | None) -> tuple:
    return tuple(sorted((generation or {}).items()))


def _load_summarizer(spec: ModelSpec, backend: str, engine: str, generation: dict | None):
    if backend == "llm":
        from .summary.llm import LLMSummarizer

        return LLMSummarizer.load(spec, generation)
    if engine == "ctranslate2":
        from .summary.ct2 import CT2Seq2SeqSummarizer

        return CT2Seq2SeqSummarizer.load(spec, generation)
    from .summary.seq2seq import Seq2SeqSummarizer

    return Seq2SeqSummarizer.load(spec, generation)


_default: ModelPool | None = None
_default_lock = threading.Lock()


def default_pool() -> ModelPool:
    """The process's one pool (made on first use; it follows the process's current settings)."""
    global _default
    if _default is None:
        with _default_lock:
            if _default is None:
                _default = ModelPool()
    return _default
