"""Translation speed: transformers vs CTranslate2 on a full-size random model of the registry's
translation architecture (opus-mt-id-en: d_model 512, 6+6 layers, 8 heads, FFN 2048, vocab
54,796, swish). Random weights cost the same per token as trained ones; output lengths are forced
(min = max new tokens) so every configuration does the same work.

    python -m eval.bench [--json] [--plot bench.png] [--sentences 16] [--tokens 32] [--quick]
    lintas bench …            (the same)

Each backend runs in its own process so that its peak RSS is its own. Also times the seed-article
report (translate + attribute + check) with the full-size model on each backend, and the cost of
protected spans and MT checks relative to plain translation.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REAL_VOCAB = 54796


def build_fullsize_marian(out: Path, seed: int = 0) -> Path:
    """opus-mt-id-en's architecture with random weights; the tokenizer's SentencePiece models come
    from the tiny builder, its vocab.json is padded to the real 54,796 ids (pad = last id)."""
    import torch
    from transformers import GenerationConfig, MarianConfig, MarianMTModel

    from service.testing.tiny import build_marian

    tiny = build_marian(out / "tok")
    vocab = json.loads((tiny / "vocab.json").read_text(encoding="utf-8"))
    vocab.pop("<pad>")
    for i in range(len(vocab), REAL_VOCAB - 1):
        vocab[f"▁filler{i}"] = i
    vocab["<pad>"] = REAL_VOCAB - 1
    out.mkdir(parents=True, exist_ok=True)
    for f in ("source.spm", "target.spm"):
        (out / f).write_bytes((tiny / f).read_bytes())
    (out / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False), encoding="utf-8")
    from transformers import MarianTokenizer

    MarianTokenizer(source_spm=str(out / "source.spm"), target_spm=str(out / "target.spm"),
                    vocab=str(out / "vocab.json")).save_pretrained(out)
    pad = REAL_VOCAB - 1
    cfg = MarianConfig(vocab_size=REAL_VOCAB, decoder_vocab_size=REAL_VOCAB, d_model=512, encoder_layers=6, decoder_layers=6,
                       encoder_attention_heads=8, decoder_attention_heads=8, encoder_ffn_dim=2048, decoder_ffn_dim=2048,
                       activation_function="swish", max_position_embeddings=512, scale_embedding=True,
                       share_encoder_decoder_embeddings=True, static_position_embeddings=True, pad_token_id=pad,
                       decoder_start_token_id=pad, eos_token_id=0, forced_eos_token_id=0, bos_token_id=0,
                       architectures=["MarianMTModel"])
    torch.manual_seed(seed)
    model = MarianMTModel(cfg).eval()
    model.generation_config = GenerationConfig(num_beams=4, max_length=512, bad_words_ids=[[pad]], decoder_start_token_id=pad,
                                               eos_token_id=0, forced_eos_token_id=0, pad_token_id=pad, bos_token_id=0)
    model.save_pretrained(out, safe_serialization=True)
    return out


def _sentences(n: int) -> list[str]:
    from service.testing.tiny import _corpus

    lines = _corpus("id")
    return [lines[i % len(lines)] for i in range(n)]


def peak_rss_mb() -> float:
    """This process's peak resident memory since exec (VmHWM). ``ru_maxrss`` would include the
    parent's memory at fork time, which here holds the freshly built model."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def _percentile(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    k = (len(xs) - 1) * p
    lo = int(k)
    hi = min(lo + 1, len(xs) - 1)
    return xs[lo] + (xs[hi] - xs[lo]) * (k - lo)


def worker(backend: str, dtype: str, model_dir: str, n: int, tokens: int, configs: list[tuple[int, int]]) -> dict:
    """Runs in its own process: load once, time every (beams, batch) configuration."""
    os.environ["HF_HUB_OFFLINE"] = "1"
    if backend == "transformers":  # (CTranslate2 sets its own threads; it does not need torch)
        import torch

        torch.set_num_threads(os.cpu_count() or 1)
    from service.translation import load_translator

    sents = _sentences(n)
    results = []
    loaded = None
    for beams, batch in configs:
        gen = {"num_beams": beams, "max_new_tokens": tokens, "min_new_tokens": tokens, "max_length_ratio": 1000.0}
        tr = load_translator(model_dir, backend=backend, generation=gen, dtype=None if backend == "transformers" else dtype)
        loaded = tr
        be = tr.backend
        be.translate_batch(sents[:2])  # warm-up
        lat = []
        t0 = time.perf_counter()
        for i in range(0, n, batch):
            t1 = time.perf_counter()
            be.translate_batch(sents[i : i + batch])
            lat.append(time.perf_counter() - t1)
        dt = time.perf_counter() - t0
        results.append({"backend": backend, "dtype": dtype, "beams": beams, "batch": batch, "sentences": n,
                        "tokens_per_s": round(n * tokens / dt, 1), "sentences_per_s": round(n / dt, 2),
                        "p50_batch_latency_s": round(statistics.median(lat), 3), "p95_batch_latency_s": round(_percentile(lat, 0.95), 3)})
    rss = peak_rss_mb()
    for r in results:
        r["peak_rss_mb"] = rss
    return {"results": results, "info": loaded.info if loaded else {}}


def seed_report(backend: str, dtype: str, model_dir: str, seed_path: Path, source_path: Path) -> dict:
    """Time the seed-article report with the full-size model, stage by stage. A random model
    never stops by itself, so the output length is set to 1.2× the input (+10 tokens), about
    what Indonesian→English gives; beam 4 as in the registry."""
    os.environ["HF_HUB_OFFLINE"] = "1"
    from service import check, translate
    from service.translation import load_translator

    gen = {"num_beams": 4, "max_length_ratio": 1.2}
    tr = load_translator(model_dir, backend=backend, dtype=None if backend == "transformers" else dtype, generation=gen)
    t0 = time.perf_counter()
    r = check(seed_path.read_bytes(), {"BBC": source_path.read_bytes()}, translator=tr)
    total = time.perf_counter() - t0
    tr._cache.clear()
    plain_t = time.perf_counter()
    translate(seed_path.read_bytes(), translator=tr, protect=False, checks=False)
    plain = time.perf_counter() - plain_t
    return {"backend": backend, "dtype": dtype, "seed_report_s": round(total, 2), "timings": r.timings,
            "peak_rss_mb": peak_rss_mb(),
            "plain_translate_s": round(plain, 2),
            "protect_and_checks_ratio": round(r.timings["translate_s"] / plain, 3) if plain else None}


def _run_worker(args: list[str]) -> dict:
    p = subprocess.run([sys.executable, "-m", "eval.bench", *args], capture_output=True, text=True, cwd=HERE.parent)
    if p.returncode != 0:
        raise RuntimeError(f"benchmark worker failed: {p.stderr[-2000:]}")
    return json.loads(p.stdout.strip().splitlines()[-1])


def plot(results: list[dict], path: str) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    labels = [f"b{r['beams']}/n{r['batch']}" for r in results if r["backend"] == "transformers"]
    fig, ax = plt.subplots(figsize=(7, 4))
    series = {}
    for r in results:
        series.setdefault(f"{r['backend']} {r['dtype']}", []).append(r["tokens_per_s"])
    width = 0.8 / max(len(series), 1)
    for i, (name, ys) in enumerate(series.items()):
        ax.bar([x + i * width for x in range(len(ys))], ys, width, label=name)
    ax.set_xticks([x + width * (len(series) - 1) / 2 for x in range(len(labels))], labels)
    ax.set_ylabel("target tokens / s")
    ax.set_title("opus-mt-id-en-shaped model, random weights, 2-core CPU")
    ax.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=110)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--plot", default=None, help="write a PNG bar chart here")
    ap.add_argument("--sentences", type=int, default=16)
    ap.add_argument("--tokens", type=int, default=32, help="forced output length per sentence")
    ap.add_argument("--quick", action="store_true", help="beam 4 / batch 16 only, no seed report")
    ap.add_argument("--shared", default=str(HERE.parent.parent / "shared"))
    ap.add_argument("--worker", nargs=3, metavar=("BACKEND", "DTYPE", "DIR"), help=argparse.SUPPRESS)
    ap.add_argument("--configs", default=None, help=argparse.SUPPRESS)
    ap.add_argument("--seed-report", nargs=5, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.worker:
        configs = [tuple(map(int, c.split("x"))) for c in args.configs.split(",")]
        print(json.dumps(worker(*args.worker, args.sentences, args.tokens, configs)))
        return 0
    if args.seed_report:
        b, d, m, sp, src = args.seed_report
        print(json.dumps(seed_report(b, d, m, Path(sp), Path(src))))
        return 0

    from service import Registry
    from service.translation.ct2 import convert

    configs = [(4, 16)] if args.quick else [(1, 1), (1, 16), (4, 1), (4, 16)]
    cstr = ",".join(f"{b}x{n}" for b, n in configs)
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["LINTAS_CT2_CACHE"] = str(Path(tmp) / "ct2")
        t0 = time.perf_counter()
        model = build_fullsize_marian(Path(tmp) / "opus-shape")
        spec = Registry.load().resolve("translation", str(model))
        for q in ("int8", "float32"):
            convert(spec, q)
        build_s = time.perf_counter() - t0
        common = ["--sentences", str(args.sentences), "--tokens", str(args.tokens), "--configs", cstr]
        runs = [("transformers", "float32"), ("ctranslate2", "int8"), ("ctranslate2", "float32")]
        results = []
        for backend, dtype in runs:
            results.extend(_run_worker(["--worker", backend, dtype, str(model), *common])["results"])
        base = {(r["beams"], r["batch"]): r["tokens_per_s"] for r in results if r["backend"] == "transformers"}
        for r in results:
            r["ratio_vs_transformers_fp32"] = round(r["tokens_per_s"] / base[(r["beams"], r["batch"])], 2)
        seed = []
        seed_path = Path(args.shared) / "data" / "seed-article-id.txt"
        if not args.quick and seed_path.is_file():
            src = HERE.parent / "tests" / "fixtures" / "seed-source-bbc.txt"
            for backend, dtype in runs[:2]:
                seed.append(_run_worker(["--seed-report", backend, dtype, str(model), str(seed_path), str(src)]))
    import platform

    import service

    out = {"results": results, "seed_report": seed, "model": "random opus-mt-id-en shape (d512, 6+6, vocab 54,796)",
           "signature": {"lintas": service.__version__, "sentences": args.sentences, "forced_tokens": args.tokens,
                         "cpus": os.cpu_count(), "python": platform.python_version(), "build_and_convert_s": round(build_s, 1)}}
    if args.plot:
        plot(results, args.plot)
        out["plot"] = args.plot
    if args.json:
        print(json.dumps(out, indent=2))
        return 0
    print(f"{'backend':<13}{'dtype':<9}{'beams':>6}{'batch':>6}{'tok/s':>9}{'sent/s':>8}{'p50 s':>8}{'p95 s':>8}{'RSS MB':>8}{'×tf32':>7}")
    for r in results:
        print(f"{r['backend']:<13}{r['dtype']:<9}{r['beams']:>6}{r['batch']:>6}{r['tokens_per_s']:>9}{r['sentences_per_s']:>8}"
              f"{r['p50_batch_latency_s']:>8}{r['p95_batch_latency_s']:>8}{r['peak_rss_mb']:>8}{r['ratio_vs_transformers_fp32']:>7}")
    for s in seed:
        print(f"seed report ({s['backend']} {s['dtype']}): {s['seed_report_s']} s, peak RSS {s['peak_rss_mb']} MB, "
              f"stages {s['timings']}, protection+checks cost ×{s['protect_and_checks_ratio']} of plain translation")
    sig = out["signature"]
    print("signature: " + "|".join(f"{k}:{v}" for k, v in sig.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
