"""Micro-batching: model calls from requests that arrive together share model batches.

A server runs several requests at once, each translating its own article sentence batch by
sentence batch. Without help, their model calls queue one behind the other, each a small batch.
:class:`MicroBatcher` wraps a backend (the one model instance of the process): every call joins a
queue; one worker thread takes what arrived within ``window_ms`` of the first waiting call (and
everything that queued while the model was busy), sorts the union by length into token-budget
batches, runs them, and hands each call its own results.

A failed merged round is not allowed to poison its neighbours: each call of that round is then
run alone, so only the call whose sentences fail gets the error.

Settings (the model pool's, see :meth:`service.models.ModelPool.batched`): ``batch_window_ms``
(``LINTAS_BATCH_WINDOW_MS``, default 10; 0 turns micro-batching off in the server) and
``batch_max_sentences`` (``LINTAS_BATCH_MAX_SENTENCES``, the most sentences taken into one round,
default 256).

:class:`OneAtATime` is for a process that owns one core (a Ray worker given one CPU): its article
threads and the batcher's model rounds then take turns instead of time-slicing that core, so the
model's working set is not evicted by Python every few milliseconds.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import deque
from typing import Sequence

from ..errors import ConfigError, TranslationError
from .translator import MERGES_CALLS, NBEST, NO_MARKERS, SCORES, Backend, features_of, model_results, plan_batches

log = logging.getLogger(__name__)

Result = tuple[str, "float | None"]


class OneAtATime:
    """One turn for a process's work: a thread runs only while it holds the turn. An article's
    thread holds it while it works and lets it go while it waits for its translations
    (:meth:`released`); the batcher takes it for each model round. On one core, threads that
    run at once only share that core in time slices, each switch evicting the other's data from
    the caches; taking turns runs the same work without the switches. Not for more cores: it
    would leave them idle. A thread holding the turn may ask for it again (it holds it once)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._local = threading.local()

    @property
    def held(self) -> bool:
        return getattr(self._local, "held", False)

    def __enter__(self) -> "OneAtATime":
        if self.held:
            self._local.depth += 1
        else:
            self._lock.acquire()
            self._local.held, self._local.depth = True, 1
        return self

    def __exit__(self, *exc) -> None:
        self._local.depth -= 1
        if self._local.depth == 0:
            self._local.held = False
            self._lock.release()

    def released(self) -> "_Released":
        """While waiting for another thread's work: the turn is let go, then taken back."""
        return _Released(self)


class _Released:
    def __init__(self, turn: OneAtATime):
        self.turn, self.depth = turn, 0

    def __enter__(self) -> None:
        t = self.turn
        if t.held:
            self.depth = t._local.depth
            t._local.held = False
            t._lock.release()

    def __exit__(self, *exc) -> None:
        t = self.turn
        if self.depth:
            t._lock.acquire()
            t._local.held, t._local.depth = True, self.depth


class _Call:
    __slots__ = ("texts", "arrived", "done", "result", "error")

    def __init__(self, texts: list[str]):
        self.texts = texts
        self.arrived = time.monotonic()
        self.done = threading.Event()
        self.result: list[Result] | None = None
        self.error: BaseException | None = None


class MicroBatcher(Backend):
    """A backend that merges concurrent calls into shared model batches (see the module doc).

    It exposes the wrapped backend's ``info``, window and token counting, so a
    :class:`~service.translation.translator.Translator` uses it like any backend; the Translator
    then stops serialising model calls itself (:data:`MERGES_CALLS`), the batcher does it. It has
    the wrapped backend's n-best lists and marker handling, when that has them.
    """

    def __init__(self, backend, *, window_ms: float = 10.0, max_batch_tokens: int = 4096, max_batch_size: int = 32,
                 max_round_sentences: int = 256, lock: threading.Lock | None = None, turn: OneAtATime | None = None):
        if window_ms < 0 or max_batch_tokens < 1 or max_batch_size < 1 or max_round_sentences < 1:
            raise ConfigError("micro-batching needs window_ms >= 0 and positive batch limits")
        self.backend = backend
        self.info = backend.info
        self.max_input_tokens = backend.max_input_tokens
        self.features = frozenset({SCORES, MERGES_CALLS}) | (features_of(backend) & {NBEST, NO_MARKERS})
        self.window = window_ms / 1000.0
        self.max_batch_tokens = max_batch_tokens
        self.max_batch_size = max_batch_size
        self.max_round_sentences = max_round_sentences
        # held around every call into the model; pass the Translator's own lock to share the
        # model safely with callers that do not go through the batcher
        self._model_lock = lock or threading.Lock()
        self.turn = turn  # OneAtATime: rounds take the process's turn, callers let it go while they wait
        self._queue: deque[_Call] = deque()
        self._cv = threading.Condition()
        self._worker: threading.Thread | None = None
        self.stats = {"calls": 0, "rounds": 0, "merged_rounds": 0, "model_calls": 0, "retried_alone": 0}

    # -- the backend interface --------------------------------------------------------------

    def count_tokens(self, texts: Sequence[str]) -> list[int]:
        return self.backend.count_tokens(texts)

    def translate_batch_scored(self, texts: Sequence[str]) -> list[Result]:
        if not texts:
            return []
        call = _Call(list(texts))
        with self._cv:
            self._start()
            self._queue.append(call)
            self.stats["calls"] += 1
            self._cv.notify_all()
        if self.turn is not None:
            with self.turn.released():
                call.done.wait()
        else:
            call.done.wait()
        if call.error is not None:
            raise call.error
        return call.result  # type: ignore[return-value]

    def translate_batch(self, texts: Sequence[str]) -> list[str]:
        return [t for t, _ in self.translate_batch_scored(texts)]

    def translate_batch_nbest(self, texts: Sequence[str], n: int) -> list[list[str]]:
        if NBEST not in self.features:
            raise NotImplementedError(f"backend {self.info.get('backend')} gives no n-best lists")
        with self._model_lock:  # n-best lists are rare and large: not merged, just serialised
            return self.backend.translate_batch_nbest(texts, n)

    # -- the worker -------------------------------------------------------------------------

    def _start(self) -> None:
        if self._worker is None or not self._worker.is_alive():
            self._worker = threading.Thread(target=self._loop, name="lintas-microbatch", daemon=True)
            self._worker.start()

    def _take(self) -> list[_Call]:
        """Wait for a call, then for the window to pass (or the round to fill); take the round."""
        with self._cv:
            while not self._queue:
                self._cv.wait()
            while True:
                waiting = sum(len(c.texts) for c in self._queue)
                left = self._queue[0].arrived + self.window - time.monotonic()
                if left <= 0 or waiting >= self.max_round_sentences:
                    break
                self._cv.wait(left)
            calls = [self._queue.popleft()]
            n = len(calls[0].texts)
            while self._queue and n + len(self._queue[0].texts) <= self.max_round_sentences:
                n += len(self._queue[0].texts)
                calls.append(self._queue.popleft())
            return calls

    def _loop(self) -> None:
        while True:
            calls = self._take()
            try:
                if self.turn is not None:
                    with self.turn:
                        self._round(calls)
                else:
                    self._round(calls)
            except BaseException as e:  # never leave a caller waiting
                for c in calls:
                    if not c.done.is_set():
                        c.error = e
                        c.done.set()

    def _round(self, calls: list[_Call]) -> None:
        self.stats["rounds"] += 1
        if len(calls) > 1:
            self.stats["merged_rounds"] += 1
            try:
                merged = self._translate([t for c in calls for t in c.texts])
            except Exception as e:
                log.warning("a merged batch of %d calls failed (%s); running each call alone", len(calls), e)
            else:
                k = 0
                for c in calls:
                    c.result = merged[k : k + len(c.texts)]
                    k += len(c.texts)
                    c.done.set()
                return
        for c in calls:
            if len(calls) > 1:
                self.stats["retried_alone"] += 1
            try:
                c.result = self._translate(c.texts)
            except Exception as e:
                c.error = e
            c.done.set()

    def _translate(self, texts: list[str]) -> list[Result]:
        """Unique texts, sorted by length into token-budget batches, through the model."""
        uniques = list(dict.fromkeys(texts))
        lengths = self.backend.count_tokens(uniques)
        out: dict[str, Result] = {}
        parts = [[uniques[i] for i in batch] for batch in plan_batches(lengths, self.max_batch_tokens, self.max_batch_size)]
        for part, res in zip(parts, model_results(self.backend, parts, self._model_lock)):
            self.stats["model_calls"] += 1
            if len(res) != len(part):
                raise TranslationError(f"backend {self.info.get('backend')} returned {len(res)} translations for {len(part)} inputs")
            out.update(zip(part, res))
        return [out[t] for t in texts]
