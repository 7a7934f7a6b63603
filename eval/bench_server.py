"""Server throughput with and without micro-batching, in-process: N article requests arrive at
once (one thread each, as the REST server runs them) and share one model instance.

Without micro-batching the requests' model calls queue one behind the other on the model lock;
with it, calls that wait together are merged into shared length-sorted batches
(service/translation/batcher.py). Output lengths are forced as in the seed report
(:class:`eval.bench_seed.ForcedLength`), so both modes do comparable work per batch.
"""

from __future__ import annotations

import json
import os
import statistics
import threading
import time
from pathlib import Path

from .stats import percentile


def articles(shared: Path, n: int) -> list[str]:
    """``n`` different real Indonesian news articles (IndoSum dev), or copies of the seed
    article with numbered sentences when the data is not there."""
    folder = shared / "data" / "eval" / "indosum"
    # the whole dev.01 file (shared/), else the repo's slice of it (tests/data: articles(REPO / "tests", n))
    path = next((p for p in (folder / "derived_indosum_dev01_detok.jsonl", folder / "dev01_sample.jsonl") if p.is_file()),
                folder / "derived_indosum_dev01_detok.jsonl")
    out: list[str] = []
    if path.is_file():
        with path.open(encoding="utf-8") as f:
            for line in f:
                text = json.loads(line)["article"]
                if 150 <= len(text.split()) <= 400:
                    out.append(text)
                if len(out) == n:
                    return out
    seed = (shared / "data" / "seed-article-id.txt").read_text(encoding="utf-8")
    while len(out) < n:
        out.append(f"Berita {len(out) + 1}\n\n" + seed.replace(". ", f" ({len(out) + 1}). "))
    return out


def _serve(translator, texts: list[str]) -> tuple[float, list[float]]:
    from service import translate

    start = threading.Barrier(len(texts) + 1)
    lat = [0.0] * len(texts)
    errors: list[BaseException] = []

    def one(i: int) -> None:
        start.wait()
        t0 = time.perf_counter()
        try:
            translate(texts[i], translator=translator)
        except BaseException as e:  # reported below, never swallowed
            errors.append(e)
        lat[i] = time.perf_counter() - t0

    threads = [threading.Thread(target=one, args=(i,)) for i in range(len(texts))]
    for t in threads:
        t.start()
    start.wait()
    t0 = time.perf_counter()
    for t in threads:
        t.join()
    wall = time.perf_counter() - t0
    if errors:
        raise RuntimeError(f"{len(errors)} requests failed: {errors[0]!r}")
    return wall, lat


def run_server_bench(backend: str, dtype: str, model_dir: str, shared: Path, n: int, window_ms: float) -> dict:
    """Runs in its own process: the same N articles, first one at a time through the shared model
    (no micro-batching), then micro-batched; cold caches each time."""
    os.environ["HF_HUB_OFFLINE"] = "1"
    from service.translation import Translator, load_translator
    from service.translation.batcher import MicroBatcher

    from .bench_seed import ForcedLength

    base = load_translator(model_dir, backend=backend, dtype=None if backend == "transformers" else dtype)
    forced = ForcedLength(base.backend, per_sentence=backend == "ctranslate2")
    texts = articles(shared, n)
    Translator(forced).translate(["Harga naik."])  # warm-up
    out = {"backend": backend, "dtype": dtype, "requests": n, "window_ms": window_ms, "modes": []}
    for mode in ("one model call at a time", "micro-batched"):
        if mode == "micro-batched":
            mb = MicroBatcher(forced, window_ms=window_ms)
            tr = Translator(mb, split_tokens=base.split_tokens)
        else:
            mb = None
            tr = Translator(forced, split_tokens=base.split_tokens)
        wall, lat = _serve(tr, texts)
        out["modes"].append({
            "mode": mode, "wall_s": round(wall, 2), "articles_per_s": round(n / wall, 3),
            "sentences": tr.stats["sentences"], "sentences_per_s": round(tr.stats["sentences"] / wall, 2),
            "p50_article_s": round(statistics.median(lat), 2), "p95_article_s": round(percentile(lat, 0.95), 2),
            "model_calls": mb.stats["model_calls"] if mb else tr.stats["batches"],
            "merged_rounds": mb.stats["merged_rounds"] if mb else 0,
        })
    a, b = out["modes"]
    out["speedup"] = round(a["wall_s"] / b["wall_s"], 2) if b["wall_s"] else None
    return out
