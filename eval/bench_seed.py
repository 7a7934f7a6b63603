"""The seed-article report, stage by stage: time and peak memory of each stage, with the
full-size random-weight translation model and the real MiniLM embedder.

The report is a list of named :class:`Stage` objects run in order over one context dict, each
timed and with its own peak RSS (the kernel's high-water mark is reset before each stage). A new
stage (the summariser) is one more entry in :func:`seed_stages`.

A random model never ends a sentence by itself, so every model call is given a forced output
length (min = max new tokens) of 1.2 × its source length, about what a real Indonesian→English
model writes: per batch for transformers, per group of like-length sentences for CTranslate2,
as each backend spends it with a model that stops (see :class:`ForcedLength`). It also drops the protection markers
(⟦n⟧), so the translator's fallback translates those sentences a second time, without markers:
that cost is real for such a model and is reported on its own line, not hidden.

What a random model writes is not English: with the repo's English translation of the seed
article (``tests/fixtures/seed-translations.tsv``, written for the repo) given as ``references``,
each sentence found there comes back as that English after the model has spent its forced length
on it (the model's own output is dropped). The cost of translating stays the model's; the later
stages (the check, the summariser) then read text of a real translation's length and kind. Without
it the summariser reads the random model's filler words, which BART's byte-level BPE cuts into
several times the tokens of real English (10 map-reduce calls instead of one on the seed): a cost
no trained translator would cause. (That English is 1.22 × the Indonesian in the benchmark
model's tokens, the forced ratio below.)
"""

from __future__ import annotations

import math
import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from service.translation import SCORES, SUBMIT, Backend, features_of

FORCED_RATIO = 1.2
SUMMARY_TOKENS = 80  # distilbart writes 56–142 tokens (min_length 56, max_length 142); forced to this


class ForcedLength(Backend):
    """A backend wrapper that makes a random model stop where a trained one would: the output
    length is forced (min = max new tokens) to ``ratio`` × the input length.

    ``per_sentence=False``: one length per call, from its longest input: what transformers'
    ``generate`` costs with a real model (the batch runs until its longest output ends).
    ``per_sentence=True``: each call is cut into groups of inputs of about the same length (the
    longest at most 25% over the shortest), each with its own forced length: what CTranslate2
    costs, since it takes finished sentences out of the batch.
    ``grid=True`` (with ``per_sentence``): each input's length is its own, ``ratio`` × its
    length rounded up to a fixed grid (steps of at most 25%), whatever else is in the call; a
    call is cut into one group per grid length. The work of every sentence is then the same
    however the articles are split into calls (the batch benchmark compares engines whose calls
    differ)."""

    features = frozenset({SCORES, SUBMIT})  # it passes on the wrapped CTranslate2 backend's scores and queue

    def __init__(self, backend, ratio: float = FORCED_RATIO, per_sentence: bool = False,
                 references: dict[str, str] | None = None, grid: bool = False):
        self.backend = backend
        self.grid = grid
        self.references = {_norm(k): v for k, v in (references or {}).items()}
        self.reference_outputs = 0  # outputs replaced by the reference English
        self.ratio = ratio
        self.per_sentence = per_sentence
        self.info = backend.info
        self.max_input_tokens = backend.max_input_tokens
        self.forced_tokens = 0  # output tokens asked for, all calls
        self.calls = 0
        self.outputs = 0

    def count_tokens(self, texts):
        return self.backend.count_tokens(texts)

    def _length(self, n_in: int) -> int:
        n = max(2, math.ceil(self.ratio * n_in))
        return grid_length(n) if self.grid else n

    def _groups(self, texts) -> list[list[int]]:
        lengths = self.backend.count_tokens(texts)
        if not self.per_sentence:
            return [list(range(len(texts)))]
        if self.grid:
            by: dict[int, list[int]] = {}
            for i, n in enumerate(lengths):
                by.setdefault(self._length(n), []).append(i)
            return [by[k] for k in sorted(by)]
        order = sorted(range(len(texts)), key=lambda i: lengths[i])
        groups: list[list[int]] = []
        for i in order:
            if groups and lengths[i] <= 1.25 * lengths[groups[-1][0]]:
                groups[-1].append(i)
            else:
                groups.append([i])
        return groups

    def translate_batch_scored(self, texts):
        return self.submit_scored(texts)()

    def submit_scored(self, texts):
        """Queues every group (each with its own forced length) at once where the backend has a
        queue (CTranslate2's replicas, :meth:`CT2Backend.submit_scored`): both replicas stay busy
        across groups, as they do over one batch whose sentences end at different steps. Returns
        a function that waits for the results."""
        if not texts:
            return lambda: []
        has = features_of(self.backend)
        submit = self.backend.submit_scored if SUBMIT in has else None
        scored = self.backend.translate_batch_scored if SCORES in has else None
        parts = []
        for g in self._groups(texts):
            part = [texts[i] for i in g]
            n = self._length(max(self.backend.count_tokens(part)))
            self.backend.generation.update(max_new_tokens=n, min_new_tokens=n)
            self.forced_tokens += n * len(part)
            self.calls += 1
            self.outputs += len(part)
            if submit is not None:
                parts.append((g, submit(part)))
            else:
                res = scored(part) if scored else [(t, None) for t in self.backend.translate_batch(part)]
                parts.append((g, lambda res=res: res))

        def collect():
            out: list = [None] * len(texts)
            for g, get in parts:
                for i, r in zip(g, get()):
                    ref = self.references.get(_norm(texts[i]))
                    if ref is not None:
                        self.reference_outputs += 1
                        r = (ref, r[1])
                    out[i] = r
            return out

        return collect

    def translate_batch(self, texts):
        return [t for t, _ in self.translate_batch_scored(texts)]


def grid_length(n: int) -> int:
    """``n`` rounded up to the grid 2, 3, …, 8, then steps of 25% (rounded up): 8, 10, 13, 17, …"""
    g = 2
    while g < n:
        g = g + 1 if g < 8 else math.ceil(g * 1.25)
    return g


def _norm(s: str) -> str:
    return " ".join(s.split())


def load_references(path: Path | None) -> dict[str, str]:
    """(Indonesian, English) pairs from a TSV (header ``id``/``en``), as the oracle backend reads."""
    if path is None:
        return {}
    from service.translation.oracle import OracleBackend

    return dict(OracleBackend.from_tsv(path).pairs)


def peak_rss_mb() -> float:
    """This process's peak resident memory (VmHWM): since exec, or since the last reset."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return round(int(line.split()[1]) / 1024, 1)
    return float("nan")


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return round(int(line.split()[1]) / 1024, 1)
    return float("nan")


def reset_peak_rss() -> bool:
    """Reset VmHWM to the current RSS (Linux: ``5`` to /proc/self/clear_refs)."""
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
        return True
    except OSError:
        return False


@dataclass(frozen=True)
class Stage:
    name: str
    run: Callable[[dict], None]  # reads and writes the context
    about: str = ""


def seed_stages() -> list[Stage]:
    """The seed report as the API runs it (``service.api.check``), one stage per step."""
    from service import prepare
    from service.attribution import attribute
    from service.sourcecheck import Checker, load_source
    from service.translation import Translator, load_translator
    from service.translation.protect import load_glossary

    def load(ctx):
        tr = load_translator(ctx["model"], backend=ctx["backend"], dtype=ctx["dtype"])
        ctx["forced"] = ForcedLength(tr.backend, per_sentence=ctx["backend"] == "ctranslate2",
                                     references=load_references(ctx.get("references")))
        ctx["translator"] = Translator(ctx["forced"], split_tokens=tr.split_tokens)
        ctx["checker"] = Checker()  # loads the embedder (MiniLM when installed) once
        from service.ingest import warm_up

        warm_up()  # the language identifier: loaded once per process (the server does it at start)
        if ctx.get("summary_dir"):
            from service.summary import load_summarizer

            n = SUMMARY_TOKENS  # a random model never stops: force a CNN-like summary length
            engine = "ctranslate2" if ctx["backend"] == "ctranslate2" else "transformers"
            ctx["summarizer"] = load_summarizer("seq2seq", ctx["summary_dir"], engine=engine,
                                                generation={"min_new_tokens": n, "max_new_tokens": n})

    def ingest(ctx):
        ctx["article"] = prepare(ctx["seed"].read_bytes())

    def attrib(ctx):
        ctx["article"] = attribute(ctx["article"])

    def translate(ctx):
        ctx["article"] = ctx["translator"].translate_article(ctx["article"], glossary=load_glossary())

    def check(ctx):
        src = load_source("BBC", ctx["source"].read_bytes())
        ctx["article"] = ctx["checker"].check_article(ctx["article"], [src])

    def summarise(ctx):
        from service.summary import summarize_article

        if ctx.get("summarizer") is not None:
            ctx["article"] = summarize_article(ctx["article"], backend="seq2seq", summarizer=ctx["summarizer"])
        else:
            ctx["article"] = summarize_article(ctx["article"], backend="extractive")

    return [
        Stage("load_models", load, "translation model (full-size, random weights), the check's embedder, the language "
                                   "identifier, the summariser"),
        Stage("ingest_segment", ingest, "cleaning, paragraphs, sentence spans"),
        Stage("attribute", attrib, "who said what (rules, no model)"),
        Stage("translate", translate, "protect → model → restore → MT checks; incl. the marker fallback"),
        Stage("check", check, "claims vs the BBC source: anchors + MiniLM embeddings"),
        Stage("summarise", summarise, f"distilbart-shaped seq2seq (forced {SUMMARY_TOKENS} tokens, map-reduce) + provenance"),
    ]


def run_seed_report(backend: str, dtype: str, model_dir: str, seed: Path, source: Path,
                    stages: list[Stage] | None = None, references: Path | None = None,
                    summary_dir: Path | None = None) -> dict:
    """Runs in its own process (its RSS is its own): every stage, timed, with its peak RSS.
    ``summary_dir``: the summariser's model (default: the ``bench_summary_dir`` setting,
    ``LINTAS_BENCH_SUMMARY_DIR``); without one the summarise stage is extractive."""
    from service.settings import current

    summary_dir = summary_dir or current().bench_summary_dir
    os.environ["HF_HUB_OFFLINE"] = "1"
    if backend == "transformers":
        import torch

        from service.translation.threads import cpu_cores

        torch.set_num_threads(cpu_cores())
    ctx: dict = {"model": model_dir, "backend": backend, "dtype": None if backend == "transformers" else dtype,
                 "seed": seed, "source": source, "references": references, "summary_dir": str(summary_dir) if summary_dir else None}
    rows = []
    resettable = reset_peak_rss()
    t_all = time.perf_counter()
    for st in stages or seed_stages():
        reset_peak_rss()
        t0 = time.perf_counter()
        st.run(ctx)
        rows.append({"stage": st.name, "seconds": round(time.perf_counter() - t0, 3),
                     "peak_rss_mb": peak_rss_mb(), "rss_after_mb": rss_mb(), "about": st.about})
    total = time.perf_counter() - t_all
    a = ctx["article"]
    fb = a.meta.marker_fallback or {"sentences": 0, "seconds": 0.0}
    tr_row = next((r for r in rows if r["stage"] == "translate"), None)
    if tr_row is not None:
        first = a.meta.translation_seconds or 0.0
        tr_row["parts"] = {"model_first_pass_s": first, "marker_fallback_s": fb["seconds"],
                           "protect_restore_mtchecks_s": round(tr_row["seconds"] - first - fb["seconds"], 3)}
    checked = [x for x in a.attributions if x.check is not None]
    return {
        "backend": backend, "dtype": dtype, "total_s": round(total, 2),
        "total_without_load_s": round(total - rows[0]["seconds"], 2),
        "peak_rss_mb": max(r["peak_rss_mb"] for r in rows), "per_stage_peak_rss": resettable,
        "stages": rows,
        "sentences": len(a.sentences), "attributions": len(a.attributions), "checked": len(checked),
        "check_method": ctx["checker"].method if "checker" in ctx else None,
        "forced_output_tokens": ctx["forced"].forced_tokens if "forced" in ctx else None,
        "forced_ratio": FORCED_RATIO,
        "reference_english": ({"file": Path(references).name, "outputs_replaced": ctx["forced"].reference_outputs,
                               "of_outputs": ctx["forced"].outputs} if references and "forced" in ctx else None),
        "marker_fallback": fb,
        "summary": ({"backend": a.summary.backend, "engine": (a.summary.model or {}).get("backend"),
                     "chunks": len(a.summary.chunks), "forced_tokens": SUMMARY_TOKENS if ctx.get("summarizer") else None}
                    if a.summary is not None else None),
    }
