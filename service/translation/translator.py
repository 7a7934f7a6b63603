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
from typing import Callable, Iterator, Protocol, Sequence, runtime_checkable

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
    under ``lock``. A backend with a queue (``submit_scored``: CTranslate2's replicas) gets every
    batch at once, so that no replica waits at a batch's end for the other."""
    submit = getattr(backend, "submit_scored", None)
    if submit is not None and len(parts) > 1:
        with lock:
            pending = [submit(part) for part in parts]
            for collect in pending:
                yield collect()
        return
    scored = getattr(backend, "translate_batch_scored", None)
    for part in parts:
        with lock:
            res = scored(part) if scored else [(t, None) for t in backend.translate_batch(part)]
        yield res


@runtime_checkable
class Backend(Protocol):
    """What a translation backend provides."""

    #: id, revision, licence, backend, dtype… recorded in every report
    info: dict
    #: the longest input (in the backend's tokens) it accepts, or None for no limit
    max_input_tokens: int | None

    def count_tokens(self, texts: Sequence[str]) -> list[int]: ...

    def translate_batch(self, texts: Sequence[str]) -> list[str]: ...


class Translator:
    """Translate sentences and articles with one backend.

    ``split_tokens``: sentences longer than this (in backend tokens) are split at clause
    boundaries and the pieces translated separately; it is capped by the backend's window.
    ``max_batch_tokens`` / ``max_batch_size``: the budget of one model call (padded tokens).
    """

    def __init__(
        self,
        backend: Backend,
        *,
        split_tokens: int | None = None,
        max_batch_tokens: int = 4096,
        max_batch_size: int = 32,
        cache_size: int = 20_000,
    ):
        self.backend = backend
        window = backend.max_input_tokens
        if split_tokens is None:
            split_tokens = window
        elif window is not None:
            split_tokens = min(split_tokens, window)
        self.split_tokens = split_tokens
        self.max_batch_tokens = max_batch_tokens
        self.max_batch_size = max_batch_size
        self.cache_size = cache_size
        self._cache: OrderedDict[str, tuple[str, float | None]] = OrderedDict()
        self._lock = threading.Lock()
        self._model_lock = threading.Lock()
        self._key_prefix = hashlib.sha256(json.dumps(backend.info, sort_keys=True, default=str).encode()).hexdigest()[:16]
        self.stats = {"sentences": 0, "cache_hits": 0, "pieces": 0, "batches": 0, "split_sentences": 0}

    @property
    def info(self) -> dict:
        return dict(self.backend.info)

    # -- cache -----------------------------------------------------------------------------

    def _key(self, text: str) -> str:
        return self._key_prefix + "\x00" + text

    def _cache_get(self, text: str) -> tuple[str, float | None] | None:
        with self._lock:
            k = self._key(text)
            hit = self._cache.get(k)
            if hit is not None:
                self._cache.move_to_end(k)
            return hit

    def _cache_put(self, text: str, translation: tuple[str, float | None]) -> None:
        if self.cache_size <= 0:
            return
        with self._lock:
            self._cache[self._key(text)] = translation
            while len(self._cache) > self.cache_size:
                self._cache.popitem(last=False)

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
            hit = self._cache_get(t)
            if hit is not None:
                results[i] = hit
                self.stats["cache_hits"] += 1
            else:
                todo.setdefault(t, []).append(i)
        self.stats["sentences"] += len(texts)
        if todo:
            uniques = list(todo)
            # split over-long sentences into pieces
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
            for u, text in enumerate(uniques):
                tr = " ".join(joined[u])
                w = sum(n for _, n in scores[u])
                lp = sum(lp * n for lp, n in scores[u]) / w if scores[u] else None  # weighted by length
                self._cache_put(text, (tr, lp))
                for i in todo[text]:
                    results[i] = (tr, lp)
        return [r if r is not None else ("", None) for r in results]

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
        lock = nullcontext() if getattr(self.backend, "merges_concurrent_calls", False) else self._model_lock
        parts = [[pieces[i] for i in batch] for batch in batches]
        for batch, result in zip(batches, model_results(self.backend, parts, lock)):
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
        from . import mtcheck
        from . import protect as P

        # given translations are looked up by the original sentence: no markers for them
        protect = protect and getattr(self.backend, "supports_markers", True)
        if names is None:
            names = protected_names(article)
        name_pattern = P.compile_terms(names)
        glossary_pattern = P.compile_terms(glossary) if glossary else None
        units = [s.text for s in article.sentences] + ([article.title] if article.title else [])
        slots: list[list] = []
        masked: list[str] = []
        for u in units:
            if protect:
                m, sl = P.protect(u, name_pattern or frozenset(), glossary, glossary_pattern)
            else:
                m, sl = u, []
            masked.append(m)
            slots.append(sl)
        t0 = time.perf_counter()
        has_title = article.title is not None
        out = self.translate_scored(masked[:-1] if has_title else masked, progress=progress)
        if has_title:
            from ..errors import OracleMissError

            try:
                out.append(self.translate_scored(masked[-1:])[0])
            except OracleMissError:
                # given translations often leave out the headline: the body still counts
                out.append(("", None))
                article = article.with_issues(Issue("title_untranslated", "The given translations have no entry for the title."))
        elapsed = time.perf_counter() - t0
        issues: list[Issue] = []
        finals: list[tuple[str, float | None]] = []
        retry: list[int] = []
        for i, ((tr, lp), sl) in enumerate(zip(out, slots)):
            if sl:
                tr, lost = P.restore(tr, sl)
                is_title = article.title is not None and i == len(units) - 1
                for slot in lost:
                    issues.append(Issue("protected_lost",
                                        f"The model dropped the marker for “{slot.source}” ({slot.kind}); the sentence was "
                                        "translated again without markers: check it.",
                                        None if is_title else i, data={"text": slot.source, "kind": slot.kind}))
                if lost:
                    retry.append(i)
            finals.append((tr, lp))
        retry_s = 0.0
        if retry:
            # a model that drops markers still gets the whole sentence to translate, unmasked; the
            # MT checks below then say whether the names and numbers made it
            t1 = time.perf_counter()
            again = self.translate_scored([units[i] for i in retry])
            retry_s = time.perf_counter() - t1
            for i, res in zip(retry, again):
                finals[i] = res
        alts: list[tuple[str, ...]] = [()] * len(article.sentences)
        nbest = getattr(self.backend, "translate_batch_nbest", None)
        if alternatives > 0 and nbest is not None and article.sentences:
            # only for sentences that fit the window in one piece and kept their markers
            eligible = [i for i in range(len(article.sentences)) if i not in retry and len(self._pieces(masked[i])) == 1]
            with self._model_lock:
                for k in range(0, len(eligible), 8):  # small batches: n-best multiplies the work
                    chunk = eligible[k : k + 8]
                    for i, hyps in zip(chunk, nbest([masked[i] for i in chunk], alternatives)):
                        restored = [P.restore(h, slots[i]) for h in hyps]
                        alts[i] = tuple(t for t, lost in restored if not lost)
        sentences = []
        registry = _source_registry()
        for s, (tr, lp), alt in zip(article.sentences, finals, alts):
            conf = confidence(lp)
            quotes = tuple(mtcheck.align_quotes(s.text, tr)) if ("“" in s.text or '"' in s.text) else ()
            sentences.append(replace(s, translation=tr, confidence=conf, quotes=quotes, alternatives=alt))
            if not s.text.strip():
                continue
            if not tr.strip():
                issues.append(Issue("empty_translation", "The model returned no translation for this sentence.", s.index))
            elif checks:
                here = set(name_pattern.findall(s.text)) if name_pattern is not None else set()
                if glossary_pattern is not None and here:
                    # a name inside a glossary term ("AS" in "Departemen Luar Negeri AS") went out
                    # as the term's English: it is not expected verbatim
                    spans = [(m.start(), m.end()) for m in glossary_pattern.finditer(s.text)]
                    here = {n for n in here if any(not any(a <= m.start() and m.end() <= b for a, b in spans)
                                                   for m in re.finditer(r"(?<![\w-])" + re.escape(n) + r"(?![\w-])", s.text))}
                issues.extend(mtcheck.check_sentence(s.text, tr, s.index, here, registry))
        meta = dict(article.meta)
        meta["translation_seconds"] = round(elapsed, 4)
        # what the fallback for lost markers cost: the sentences translated a second time
        meta["marker_fallback"] = {"sentences": len(retry), "seconds": round(retry_s, 4)}
        return replace(
            article,
            sentences=tuple(sentences),
            title_translation=finals[-1][0] if article.title else None,
            issues=article.issues + tuple(issues),
            meta=meta,
        )


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
