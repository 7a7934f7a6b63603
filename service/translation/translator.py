"""The translator: whole articles through any backend, never truncated, aligned per sentence.

A *backend* turns a batch of strings into translations (a Hugging Face model, given translations
from a TSV, a test fake). The :class:`Translator` does everything around it, the same for every
backend: a cache keyed by (model, revision, settings, sentence); splitting sentences longer than
the window at clause boundaries; length-sorted batches under a token budget; rejoining pieces;
putting each translation back on its sentence.
"""

from __future__ import annotations

import hashlib
import json
import re
import logging
import threading
import time
from collections import OrderedDict
from contextlib import nullcontext
from dataclasses import replace
from typing import Callable, Iterator, Sequence

from ..article import Article, Issue
from ..errors import TranslationError
from .split import piece_texts, split_long

log = logging.getLogger(__name__)

ProgressFn = Callable[[int, int], None]


def plan_batches(lengths: Sequence[int], max_tokens: int, max_size: int) -> list[list[int]]:
    """Indices grouped into model batches: sorted by length (little padding), each batch's padded
    size (longest × count) within ``max_tokens`` and its count within ``max_size``."""
    order = sorted(range(len(lengths)), key=lambda i: lengths[i])
    batches: list[list[int]] = []
    cur: list[int] = []
    longest = 0
    for i in order:
        grown = max(longest, lengths[i])
        if cur and (grown * (len(cur) + 1) > max_tokens or len(cur) >= max_size):
            batches.append(cur)
            cur, grown = [], lengths[i]
        cur.append(i)
        longest = grown
    if cur:
        batches.append(cur)
    return batches


def model_results(backend, parts: list[list[str]], lock) -> Iterator[list[tuple[str, float | None]]]:
    """The scored translations of each batch in ``parts``, in order, one model call at a time
    under ``lock``. A backend with a queue (:data:`SUBMIT`: CTranslate2's replicas) gets every
    batch at once, so that no replica waits at a batch's end for the other."""
    features = features_of(backend)
    if SUBMIT in features and len(parts) > 1:
        with lock:
            pending = [backend.submit_scored(part) for part in parts]
            for collect in pending:
                yield collect()
        return
    for part in parts:
        with lock:
            res = backend.translate_batch_scored(part) if SCORES in features else [(t, None) for t in backend.translate_batch(part)]
        yield res


# What a backend can do beyond ``count_tokens`` and ``translate_batch``: each backend declares its
# features in ``features`` (a :class:`Backend` subclass), and callers test them.
SCORES = "scores"  #: ``translate_batch_scored(texts)``: translations with their mean log-probability per token
NBEST = "nbest"  #: ``translate_batch_nbest(texts, n)``: the n best translations of each text
SUBMIT = "submit"  #: ``submit_scored(texts)``: queues a batch, returns a function that waits for its scored results
MERGES_CALLS = "merges_calls"  #: merges and serialises concurrent calls itself (the micro-batcher): no model lock around it
NO_MARKERS = "no_markers"  #: looks sentences up by their original text: protection markers would make it miss
FEATURES = frozenset({SCORES, NBEST, SUBMIT, MERGES_CALLS, NO_MARKERS})


class Backend:
    """What a translation backend provides. Subclass it and declare the optional methods it
    implements in ``features``; an object that is not a Backend is used through the two required
    methods only (see :func:`features_of`)."""

    #: the optional features (:data:`FEATURES`) this backend implements
    features: frozenset[str] = frozenset()
    #: id, revision, licence, backend, dtype… recorded in every report
    info: dict
    #: the longest input (in the backend's tokens) it accepts, or None for no limit
    max_input_tokens: int | None = None

    def count_tokens(self, texts: Sequence[str]) -> list[int]:
        raise NotImplementedError

    def translate_batch(self, texts: Sequence[str]) -> list[str]:
        raise NotImplementedError

    def translate_batch_scored(self, texts: Sequence[str]) -> list[tuple[str, float | None]]:  # SCORES
        raise NotImplementedError

    def submit_scored(self, texts: Sequence[str]) -> Callable[[], list[tuple[str, float | None]]]:  # SUBMIT
        raise NotImplementedError

    def translate_batch_nbest(self, texts: Sequence[str], n: int) -> list[list[str]]:  # NBEST
        raise NotImplementedError


def features_of(backend) -> frozenset[str]:
    """The features ``backend`` declares: none for an object that is not a :class:`Backend`."""
    if isinstance(backend, Backend):
        unknown = set(backend.features) - FEATURES
        if unknown:
            raise ValueError(f"{type(backend).__name__} declares unknown features: {', '.join(sorted(unknown))}")
        return frozenset(backend.features)
    return frozenset()


def model_key(info: dict) -> str:
    """What a translation cache keys a model by: a hash of its ``info`` (id, revision, backend,
    dtype, generation settings…), so that two models never serve each other's translations."""
    return hashlib.sha256(json.dumps(info, sort_keys=True, default=str).encode()).hexdigest()[:16]


Scored = tuple[str, "float | None"]


class TranslationCache:
    """A thread-safe LRU of scored translations keyed by (model key, sentence); ``size`` entries
    at most (0: nothing is kept). One cache may serve several translators: the model key keeps
    their entries apart."""

    def __init__(self, size: int = 20_000):
        self.size = size
        self._entries: OrderedDict[tuple[str, str], Scored] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, model: str, text: str) -> Scored | None:
        with self._lock:
            hit = self._entries.get((model, text))
            if hit is not None:
                self._entries.move_to_end((model, text))
            return hit

    def put(self, model: str, text: str, translation: Scored) -> None:
        if self.size <= 0:
            return
        with self._lock:
            self._entries[(model, text)] = translation
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()

    def __len__(self) -> int:
        with self._lock:
            return len(self._entries)


class Translator:
    """Translate sentences and articles with one backend.

    ``split_tokens``: sentences longer than this (in backend tokens) are split at clause
    boundaries and the pieces translated separately; it is capped by the backend's window.
    ``max_batch_tokens`` / ``max_batch_size``: the budget of one model call (padded tokens).
    ``cache``: the :class:`TranslationCache` to use (default: a new one of ``cache_size``).
    ``model_lock``: held around every model call (default: a new one); translators that share a
    model instance share it (:meth:`over`).
    """

    def __init__(
        self,
        backend: Backend,
        *,
        split_tokens: int | None = None,
        max_batch_tokens: int = 4096,
        max_batch_size: int = 32,
        cache_size: int = 20_000,
        cache: TranslationCache | None = None,
        model_lock: threading.Lock | None = None,
    ):
        self.backend = backend
        self.features = features_of(backend)
        window = backend.max_input_tokens
        if split_tokens is None:
            split_tokens = window
        elif window is not None:
            split_tokens = min(split_tokens, window)
        self.split_tokens = split_tokens
        self.max_batch_tokens = max_batch_tokens
        self.max_batch_size = max_batch_size
        self.cache = cache if cache is not None else TranslationCache(cache_size)
        self.cache_size = self.cache.size
        self.model_lock = model_lock if model_lock is not None else threading.Lock()
        self.model_key = model_key(backend.info)
        self.stats = {"sentences": 0, "cache_hits": 0, "pieces": 0, "batches": 0, "split_sentences": 0}

    @property
    def info(self) -> dict:
        return dict(self.backend.info)

    def over(self, backend: Backend) -> "Translator":
        """A translator over ``backend`` (the same model behind a wrapper such as the
        micro-batcher) with this one's settings, sharing its cache and its model lock."""
        return Translator(backend, split_tokens=self.split_tokens, max_batch_tokens=self.max_batch_tokens,
                          max_batch_size=self.max_batch_size, cache=self.cache, model_lock=self.model_lock)

    def _call_lock(self):
        """The lock around a model call: this translator's, unless the backend merges concurrent
        calls itself (the micro-batcher serialises them)."""
        return nullcontext() if MERGES_CALLS in self.features else self.model_lock

    # -- translation -----------------------------------------------------------------------

    def translate(self, texts: Sequence[str], progress: ProgressFn | None = None) -> list[str]:
        """Translations of ``texts``, in order. Empty strings stay empty."""
        return [t for t, _ in self.translate_scored(texts, progress)]

    def translate_scored(self, texts: Sequence[str], progress: ProgressFn | None = None) -> list[tuple[str, float | None]]:
        """Translations with the mean log-probability per output token (None when the backend
        gives no scores), in order."""
        results: list[tuple[str, float | None] | None] = [None] * len(texts)
        todo: dict[str, list[int]] = {}
        for i, t in enumerate(texts):
            if not t.strip():
                results[i] = ("", None)
                continue
            hit = self.cache.get(self.model_key, t)
            if hit is not None:
                results[i] = hit
                self.stats["cache_hits"] += 1
            else:
                todo.setdefault(t, []).append(i)
        self.stats["sentences"] += len(texts)
        if todo:
            for text, res in zip(todo, self._translate_uniques(list(todo), progress)):
                self.cache.put(self.model_key, text, res)
                for i in todo[text]:
                    results[i] = res
        return [r if r is not None else ("", None) for r in results]

    def _translate_uniques(self, uniques: list[str], progress: ProgressFn | None) -> list[Scored]:
        """Each text through the model: split into pieces that fit the window, the pieces'
        translations joined and their scores averaged (weighted by length)."""
        pieces: list[str] = []
        owner: list[int] = []
        for u, text in enumerate(uniques):
            parts = self._pieces(text)
            if len(parts) > 1:
                self.stats["split_sentences"] += 1
            pieces.extend(parts)
            owner.extend([u] * len(parts))
        translated = self._run(pieces, progress)
        joined: list[list[str]] = [[] for _ in uniques]
        scores: list[list[tuple[float, int]]] = [[] for _ in uniques]
        for u, (out, lp) in zip(owner, translated):
            if out:
                joined[u].append(out.strip())
                if lp is not None:
                    scores[u].append((lp, max(len(out.split()), 1)))
        results = []
        for u in range(len(uniques)):
            w = sum(n for _, n in scores[u])
            lp = sum(lp * n for lp, n in scores[u]) / w if scores[u] else None  # weighted by length
            results.append((" ".join(joined[u]), lp))
        return results

    def _pieces(self, text: str) -> list[str]:
        if self.split_tokens is None:
            return [text]
        # leave room for special tokens (eos, language code)
        limit = max(8, self.split_tokens - 2)
        spans = split_long(text, self.backend.count_tokens, limit)
        return piece_texts(text, spans) or [text]

    def _batches(self, lengths: list[int]) -> list[list[int]]:
        return plan_batches(lengths, self.max_batch_tokens, self.max_batch_size)

    def _run(self, pieces: list[str], progress: ProgressFn | None) -> list[tuple[str, float | None]]:
        lengths = self.backend.count_tokens(pieces)
        out: list[tuple[str, float | None]] = [("", None)] * len(pieces)
        batches = self._batches(lengths)
        done = 0
        # one model call at a time per model (requests share it), unless the backend merges
        # concurrent calls itself (the micro-batcher)
        parts = [[pieces[i] for i in batch] for batch in batches]
        for batch, result in zip(batches, model_results(self.backend, parts, self._call_lock())):
            done = self._take(batch, result, out, done, len(pieces), progress)
        self.stats["pieces"] += len(pieces)
        return out

    def _take(self, batch: list[int], result: list, out: list, done: int, total: int, progress: ProgressFn | None) -> int:
        if len(result) != len(batch):
            raise TranslationError(
                f"backend {self.backend.info.get('backend')} returned {len(result)} translations for {len(batch)} inputs"
            )
        for i, r in zip(batch, result):
            out[i] = r
        done += len(batch)
        self.stats["batches"] += 1
        if progress:
            progress(done, total)
        return done

    # -- whole articles ----------------------------------------------------------------------

    def translate_article(
        self,
        article: Article,
        progress: ProgressFn | None = None,
        *,
        protect: bool = True,
        glossary: dict[str, str] | None = None,
        checks: bool = True,
        names: set[str] | None = None,
        alternatives: int = 0,
    ) -> Article:
        """The article with ``translation`` (and ``confidence``) set on every sentence and on the
        title. ``protect``: names, numbers, URLs and glossary terms go through as markers and come
        back intact (numbers in English format); a lost marker is an issue. ``checks``: the
        model-free MT checks add their findings to ``article.issues``."""
        # given translations are looked up by the original sentence: no markers for them
        protect = protect and NO_MARKERS not in self.features
        terms = _Terms.of(article, names, glossary)
        units = [s.text for s in article.sentences] + ([article.title] if article.title else [])
        masked, slots = _protect_units(units, terms, protect)
        t0 = time.perf_counter()
        out, article = self._translate_units(article, masked, progress)
        elapsed = time.perf_counter() - t0
        finals, retry, issues = _restore_units(out, slots, has_title=article.title is not None)
        retry_s = self._translate_again(units, retry, finals)
        alts = self._alternatives(article, masked, slots, retry, alternatives)
        sentences, found = _finish_sentences(article, finals, alts, terms, checks)
        # what the fallback for lost markers cost: the sentences translated a second time
        meta = replace(article.meta, translation_seconds=round(elapsed, 4),
                       marker_fallback={"sentences": len(retry), "seconds": round(retry_s, 4)})
        return replace(
            article,
            sentences=tuple(sentences),
            title_translation=finals[-1][0] if article.title else None,
            issues=article.issues + tuple(issues) + tuple(found),
            meta=meta,
        )

    def _translate_units(self, article: Article, masked: list[str], progress: ProgressFn | None) -> tuple[list[Scored], Article]:
        """The body's sentences, then the title on its own: given translations that leave out the
        headline still translate the body (the article then says so)."""
        from ..errors import OracleMissError

        has_title = article.title is not None
        out = self.translate_scored(masked[:-1] if has_title else masked, progress=progress)
        if has_title:
            try:
                out.append(self.translate_scored(masked[-1:])[0])
            except OracleMissError:
                out.append(("", None))
                article = article.with_issues(Issue("title_untranslated", "The given translations have no entry for the title."))
        return out, article

    def _translate_again(self, units: list[str], retry: list[int], finals: list[Scored]) -> float:
        """A model that drops markers still gets the whole sentence to translate, unmasked (the MT
        checks then say whether the names and numbers made it); returns the seconds it took."""
        if not retry:
            return 0.0
        t1 = time.perf_counter()
        again = self.translate_scored([units[i] for i in retry])
        for i, res in zip(retry, again):
            finals[i] = res
        return time.perf_counter() - t1

    def _alternatives(self, article: Article, masked: list[str], slots: list[list], retry: list[int],
                      alternatives: int) -> list[tuple[str, ...]]:
        """Up to ``alternatives`` other translations of each sentence that fits the window in one
        piece and kept its markers (from a backend with n-best lists)."""
        from .protect import restore

        alts: list[tuple[str, ...]] = [()] * len(article.sentences)
        if alternatives <= 0 or NBEST not in self.features or not article.sentences:
            return alts
        eligible = [i for i in range(len(article.sentences)) if i not in retry and len(self._pieces(masked[i])) == 1]
        with self._call_lock():
            for k in range(0, len(eligible), 8):  # small batches: n-best multiplies the work
                chunk = eligible[k : k + 8]
                for i, hyps in zip(chunk, self.backend.translate_batch_nbest([masked[i] for i in chunk], alternatives)):
                    restored = [restore(h, slots[i]) for h in hyps]
                    alts[i] = tuple(t for t, lost in restored if not lost)
        return alts


class _Terms:
    """What an article's translation keeps intact: its names and the glossary, as patterns."""

    def __init__(self, names: set[str], glossary: dict[str, str] | None):
        from .protect import compile_terms

        self.names = compile_terms(names)
        self.glossary = glossary
        self.glossary_pattern = compile_terms(glossary) if glossary else None

    @classmethod
    def of(cls, article: Article, names: set[str] | None, glossary: dict[str, str] | None) -> "_Terms":
        return cls(protected_names(article) if names is None else names, glossary)

    def expected_in(self, text: str) -> set[str]:
        """The names of ``text`` its translation should carry verbatim. A name inside a glossary
        term ("AS" in "Departemen Luar Negeri AS") went out as the term's English: not expected."""
        here = set(self.names.findall(text)) if self.names is not None else set()
        if self.glossary_pattern is None or not here:
            return here
        spans = [(m.start(), m.end()) for m in self.glossary_pattern.finditer(text)]
        return {n for n in here if any(not any(a <= m.start() and m.end() <= b for a, b in spans)
                                       for m in re.finditer(r"(?<![\w-])" + re.escape(n) + r"(?![\w-])", text))}


def _protect_units(units: list[str], terms: _Terms, protect: bool) -> tuple[list[str], list[list]]:
    """Each unit with its names, numbers, URLs and glossary terms as markers, and its slots."""
    from .protect import protect as mask

    masked: list[str] = []
    slots: list[list] = []
    for u in units:
        m, sl = mask(u, terms.names or frozenset(), terms.glossary, terms.glossary_pattern) if protect else (u, [])
        masked.append(m)
        slots.append(sl)
    return masked, slots


def _restore_units(out: list[Scored], slots: list[list], *, has_title: bool) -> tuple[list[Scored], list[int], list[Issue]]:
    """The translations with their markers restored; the units that lost a marker (to translate
    again unmasked), and an issue for every lost marker."""
    from .protect import restore

    issues: list[Issue] = []
    finals: list[Scored] = []
    retry: list[int] = []
    for i, ((tr, lp), sl) in enumerate(zip(out, slots)):
        if sl:
            tr, lost = restore(tr, sl)
            is_title = has_title and i == len(slots) - 1
            for slot in lost:
                issues.append(Issue("protected_lost",
                                    f"The model dropped the marker for “{slot.source}” ({slot.kind}); the sentence was "
                                    "translated again without markers: check it.",
                                    None if is_title else i, data={"text": slot.source, "kind": slot.kind}))
            if lost:
                retry.append(i)
        finals.append((tr, lp))
    return finals, retry, issues


def _finish_sentences(article: Article, finals: list[Scored], alts: list[tuple[str, ...]], terms: _Terms,
                      checks: bool) -> tuple[list, list[Issue]]:
    """The sentences with their translation, confidence, aligned quotes and alternatives; the
    issues the model-free MT checks find."""
    from .mtcheck import align_quotes, check_sentence

    sentences = []
    issues: list[Issue] = []
    registry = _source_registry()
    for s, (tr, lp), alt in zip(article.sentences, finals, alts):
        quotes = tuple(align_quotes(s.text, tr)) if ("“" in s.text or '"' in s.text) else ()
        sentences.append(replace(s, translation=tr, confidence=confidence(lp), quotes=quotes, alternatives=alt))
        if not s.text.strip():
            continue
        if not tr.strip():
            issues.append(Issue("empty_translation", "The model returned no translation for this sentence.", s.index))
        elif checks:
            issues.extend(check_sentence(s.text, tr, s.index, terms.expected_in(s.text), registry))
    return sentences, issues


def confidence(mean_logprob: float | None) -> float | None:
    """A 0–1 figure from the mean log-probability per token: its geometric-mean probability."""
    if mean_logprob is None:
        return None
    import math

    return max(0.0, min(1.0, math.exp(mean_logprob)))


def _source_registry():
    from ..attribution.sources import load_sources

    return load_sources()


_INSTITUTION_HEADS = ("kementerian", "badan", "dinas", "komisi", "dewan", "majelis", "mahkamah", "lembaga", "pemerintah",
                      "kepolisian", "kejaksaan", "pengadilan", "departemen", "direktorat", "sekretariat", "universitas")
_FUNCTION_WORDS = frozenset("di ke dari dan atau yang untuk dengan pada dalam oleh".split())


def _person_core(name: str) -> str | None:
    """The part of a name to keep verbatim: titles and roles ("Menteri Kesehatan", "Kapolri
    Jenderal") are left for the model to translate; institutions are not names to freeze."""
    from ..attribution.names import split_name

    name = name.strip().rstrip(".,;:")
    words = name.split()
    if not words or any(w.lower() in _FUNCTION_WORDS for w in words):
        return None
    if words[0].lower() in _INSTITUTION_HEADS:
        return None
    core, _role = split_name(name)
    return core if core and len(core) >= 2 else None


def protected_names(article: Article) -> set[str]:
    """Names to keep intact: people (speakers and capitalised runs, without their titles),
    outlets and bodies of the source registry, and acronyms. Institutions written out in
    Indonesian are left to the model (or to the glossary)."""
    import re

    from ..attribution.names import name_mentions

    names: set[str] = set()
    for a in article.attributions:
        if a.source.type == "person" and a.speaker.name:
            core = _person_core(a.speaker.name)
            if core:
                names.add(core)
        elif a.source.type == "media" and a.source.name:
            names.add(a.source.name)
    reg = _source_registry()
    for s in article.sentences:
        for m in reg.find_all(s.text):
            if m.entry.type == "media" or m.alias.isupper():
                names.add(m.alias)
        names.update(re.findall(r"(?<![\w-])[A-Z]{2,6}(?![\w-])", s.text))
        for a, b, run in name_mentions(s.text):
            if a > 0:
                core = _person_core(run)
                if core and reg.lookup(core) is None:
                    names.add(core)
    body = " ".join(s.text for s in article.sentences)  # built once, not once per name
    return {n for n in names if len(n) >= 2 and n in body}
