"""Translation speed: transformers vs CTranslate2 on a full-size random model of the registry's
translation architecture (opus-mt-id-en: d_model 512, 6+6 layers, 8 heads, FFN 2048, vocab
54,796, swish). Random weights cost the same per token as trained ones; output lengths are forced
(min = max new tokens) so every configuration does the same work.

    python -m eval.bench [--quick | --full] [--isa avx2] [--device cuda] [--json] [--plot bench.png]
                         [--server] [--wait-idle 180] [--rounds 3]
    lintas bench …            (the same)
    lintas bench --batch …    (batch throughput, local engine vs Ray: eval/bench_batch.py, = python -m eval.bench_batch)

Each backend runs in its own process so that its peak RSS is its own; the processes of the
backends alternate over ``--rounds`` rounds (at least 3 with ``--quick``) and each configuration
keeps its fastest pass; the median pass, each round's ratio of median passes and a bootstrap
interval are printed too, so a busy spell on a shared machine does not land on one backend
only; ``--wait-idle`` waits for idle CPUs before each process. The matrix: ``--quick`` the
headline (beam 4 / batch 16, transformers fp32 and CTranslate2 int8); the default adds beam 1 /
batch 1, CTranslate2 without its target-side vocabulary map and the seed report (CTranslate2,
eval/bench_seed.py); ``--full`` both thread layouts, beams {1, 4} × batch {1, 16}, AVX2 kernels,
float32, a synthetic shortlist of ``--vmap`` candidates and both seed reports. ``--isa avx2``
caps every library's instruction set at AVX2 in the workers (:data:`ISA_CAPS`); the signature
names the CPU and what ran. ``--device cuda``: the GPU rows. With ``--server``, N concurrent
article requests with and without micro-batching (eval/bench_server.py).
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
REAL_VOCAB = 54796
# opus-mt-id-en's target.spm is 796 kB (source.spm 801 kB), the size of a 32,000-piece SentencePiece
# model: an estimate from the file size, not a count read from the file (MODELS.md)
REAL_TARGET_PIECES = 32000
# --isa avx2: the instruction set capped for every library in the worker processes (names as
# documented: CTranslate2's CT2_FORCE_CPU_ISA, PyTorch's ATEN_CPU_CAPABILITY, oneMKL's
# MKL_ENABLE_INSTRUCTIONS, oneDNN's ONEDNN_MAX_CPU_ISA and its older name DNNL_MAX_CPU_ISA)
ISA_CAPS = {"avx2": {"CT2_FORCE_CPU_ISA": "AVX2", "ATEN_CPU_CAPABILITY": "avx2", "MKL_ENABLE_INSTRUCTIONS": "AVX2",
                     "ONEDNN_MAX_CPU_ISA": "AVX2", "DNNL_MAX_CPU_ISA": "AVX2"}}


def news_text(shared: Path) -> tuple[list[str], list[str]] | None:
    """Indonesian and English text to train the benchmark model's SentencePiece models on: the
    IndoSum articles and the Indonesian sides of NusaX, TICO-19 and UD PUD; their English sides.
    (Not the seed article nor its BBC source: they are what the report translates.)"""
    import csv

    eval_dir = shared / "data" / "eval"
    arts = eval_dir / "indosum" / "derived_indosum_dev01_detok.jsonl"
    if not arts.is_file():
        return None
    ind = [p for line in arts.read_text(encoding="utf-8").splitlines() for p in json.loads(line)["article"].split("\n") if p.strip()]
    eng: list[str] = []
    for rel in ("nusax_mt/derived_nusax_id_en.tsv", "tico19_en_id/derived_tico19_en_id.tsv", "ud_pud_id_en/derived_pud_id_en.tsv"):
        f = eval_dir / rel
        if f.is_file():
            rows = list(csv.DictReader(f.read_text(encoding="utf-8").splitlines(), delimiter="\t"))
            ind += [r["id"] for r in rows if r.get("id")]
            eng += [r["en"] for r in rows if r.get("en")]
    return (ind, eng) if eng else None


def build_fullsize_marian(out: Path, seed: int = 0, shared: Path | None = None) -> Path:
    """opus-mt-id-en's architecture with random weights. Its SentencePiece models are trained on
    real news text (:func:`news_text`; the seed article comes out at 1.7 tokens per word,
    punctuation included, where the tiny test tokenizer gives 3.6 and would double the work of
    every report); without that data, the tiny tokenizer's.
    vocab.json is padded to the real 54,796 ids (pad = last id)."""
    import torch
    from transformers import GenerationConfig, MarianConfig, MarianMTModel, MarianTokenizer

    from service.testing.tiny import build_marian, train_spm

    out.mkdir(parents=True, exist_ok=True)
    text = news_text(shared) if shared else None
    if text is not None:
        extra = dict(eos_id=0, unk_id=1, bos_id=-1, pad_id=-1)  # opus-mt layout: </s>=0, <unk>=1
        (out / "source.spm").write_bytes(train_spm(text[0], "unigram", 16000, input_sentence_size=200000, **extra))
        (out / "target.spm").write_bytes(pad_spm(train_spm(text[1], "unigram", 8000, **extra), REAL_TARGET_PIECES))
    else:
        tiny = build_marian(out / "tok")
        for f in ("source.spm", "target.spm"):
            (out / f).write_bytes((tiny / f).read_bytes())
    import sentencepiece as spm

    vocab: dict[str, int] = {"</s>": 0, "<unk>": 1}
    for name in ("source.spm", "target.spm"):
        sp = spm.SentencePieceProcessor(model_file=str(out / name))
        for i in range(sp.get_piece_size()):
            piece = sp.id_to_piece(i)
            if piece not in vocab and piece not in ("<s>", "<pad>"):
                vocab[piece] = len(vocab)
    for i in range(len(vocab), REAL_VOCAB - 1):
        vocab[f"▁filler{i}"] = i
    vocab["<pad>"] = REAL_VOCAB - 1
    (out / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False), encoding="utf-8")
    (out / "bench-tokenizer.txt").write_text("news SentencePiece (eval/bench.py news_text)\n" if text else "tiny test SentencePiece\n",
                                             encoding="utf-8")
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


def pad_spm(model: bytes, pieces: int) -> bytes:
    """A SentencePiece model with unused pieces added up to ``pieces`` (score -1e4: never chosen
    for real text), so that the target side has its real size in the joint vocabulary and the
    target-side vocabulary map keeps a realistic number of rows."""
    from sentencepiece import sentencepiece_model_pb2 as pb

    m = pb.ModelProto()
    m.ParseFromString(model)
    for i in range(len(m.pieces), pieces):
        p = m.pieces.add()
        p.piece, p.score, p.type = f"▁tgtunused{i}", -1e4, pb.ModelProto.SentencePiece.NORMAL
    return m.SerializeToString()


def _sentences(n: int) -> list[str]:
    from service.testing.tiny import corpus_lines

    lines = corpus_lines("id")
    return [lines[i % len(lines)] for i in range(n)]


def synthetic_vmap(conversion: Path, n: int, seed: int = 0) -> str:
    """A vocabulary map that allows ``n`` fixed target tokens for every batch: the size of a
    shortlist, without a shortlist's content (a random model has no preferences to keep). Speed
    depends on the number of candidates only; quality cost needs a trained model
    (``lintas models vmap`` measures it against full decoding)."""
    import random

    vocab = json.loads((conversion / "shared_vocabulary.json").read_text(encoding="utf-8"))
    rng = random.Random(seed)
    keep = rng.sample([t for t in vocab if t not in ("</s>", "<unk>", "<s>", "<pad>")], min(n, len(vocab) - 4))
    return "\t" + " ".join(keep) + "\n"


def worker(backend: str, dtype: str, model_dir: str, n: int, tokens: int, configs: list[tuple[int, int]], reps: int) -> dict:
    """Runs in its own process: load once, time every (beams, batch) configuration ``reps`` times.
    Both backends: all cores as intra-op threads (torch.set_num_threads; CTranslate2's intra
    threads), translations only (no scores), the same forced output length."""
    os.environ["HF_HUB_OFFLINE"] = "1"
    from service.translation.threads import cpu_cores

    if backend == "transformers":  # (CTranslate2 sets its own threads; it does not need torch)
        import torch

        torch.set_num_threads(cpu_cores())
    from service.translation import clear_loaded, load_translator

    sents = _sentences(n)
    results = []
    info: dict = {}
    for beams, batch in configs:
        clear_loaded()  # one model at a time: each configuration's settings load their own, the last one is let go
        gen = {"num_beams": beams, "max_new_tokens": tokens, "min_new_tokens": tokens, "max_length_ratio": 1000.0}
        tr = load_translator(model_dir, backend=backend, generation=gen,
                             dtype=None if (backend, dtype) == ("transformers", "float32") else dtype)
        info = dict(tr.info)
        be = tr.backend
        be.translate_batch(sents[:2])  # warm-up
        passes, lat = [], []
        for _ in range(reps):
            t0 = time.perf_counter()
            for i in range(0, n, batch):
                t1 = time.perf_counter()
                be.translate_batch(sents[i : i + batch])
                lat.append(time.perf_counter() - t1)
            passes.append(time.perf_counter() - t0)
        results.append({"backend": backend, "dtype": dtype, "beams": beams, "batch": batch, "sentences": n,
                        "pass_s": [round(x, 4) for x in passes], "batch_latency_s": [round(x, 4) for x in lat]})
        del tr, be
        gc.collect()
    from .bench_seed import peak_rss_mb

    if backend == "transformers":  # the kernels torch dispatches to (ATEN_CPU_CAPABILITY caps them)
        import torch

        info["cpu_capability"] = torch.backends.cpu.get_cpu_capability()
    return {"results": results, "peak_rss_mb": peak_rss_mb(), "info": info}


def _summarise(rows: list[dict], tokens: int) -> dict:
    """One configuration over all rounds: the fastest pass (the least disturbed by other work on
    the machine) gives tokens/s; the median pass is kept beside it."""
    from .stats import percentile  # here, not at the top: numpy stays out of the timed workers' RSS

    r0 = rows[0]
    passes = [x for r in rows for x in r["pass_s"]]
    lat = [x for r in rows for x in r["batch_latency_s"]]
    n = r0["sentences"]
    best, med = min(passes), statistics.median(passes)
    return {"backend": r0["backend"], "dtype": r0["dtype"], "beams": r0["beams"], "batch": r0["batch"], "sentences": n,
            "tokens_per_s": round(n * tokens / best, 1), "tokens_per_s_median": round(n * tokens / med, 1),
            "sentences_per_s": round(n / best, 2), "p50_batch_latency_s": round(statistics.median(lat), 3),
            "p95_batch_latency_s": round(percentile(lat, 0.95), 3), "passes": len(passes),
            "pass_s": [round(x, 4) for x in passes], "round_pass_s": [r["pass_s"] for r in rows]}


def ratio_interval(a: list[float], b: list[float], n: int = 2000, seed: int = 0) -> list[float]:
    """95% bootstrap interval of median(b) / median(a): the passes of each side resampled (seeded),
    so a reader sees how far the machine's noise moves a ratio of two pass-time lists."""
    import random

    from .stats import percentile

    rng = random.Random(seed)
    ratios = sorted(statistics.median(rng.choices(b, k=len(b))) / statistics.median(rng.choices(a, k=len(a)))
                    for _ in range(n))
    return [round(percentile(ratios, 0.025), 2), round(percentile(ratios, 0.975), 2)]


def idle_share(seconds: float = 2.0) -> float | None:
    """The share of the machine's CPU time that was idle over ``seconds`` (Linux /proc/stat)."""
    def snap():
        v = list(map(int, Path("/proc/stat").read_text().splitlines()[0].split()[1:]))
        return sum(v), v[3] + v[4]

    try:
        t1, i1 = snap()
        time.sleep(seconds)
        t2, i2 = snap()
    except (OSError, ValueError, IndexError):
        return None
    return round((i2 - i1) / max(1, t2 - t1), 3)


def wait_idle(max_wait: float, want: float = 0.9) -> float | None:
    """On a shared machine: wait (up to ``max_wait`` s) until the CPUs are idle; the idle share
    seen last. Other work on the cores slows torch's threads far more than single-threaded code,
    so an unequal share of it would skew the ratios."""
    t0 = time.monotonic()
    while True:
        idle = idle_share()
        if idle is None or idle >= want or time.monotonic() - t0 >= max_wait:
            return idle


@dataclass
class WorkerRunner:
    """Starts the benchmark's worker processes (``python -m eval.bench --worker …``), each with
    this process's environment plus ``env`` (what every worker needs) plus its own variables;
    with ``wait`` > 0 it first waits up to that long for idle CPUs and keeps the idle share seen."""

    wait: float = 0.0
    env: dict[str, str] = field(default_factory=dict)
    idle: list[float] = field(default_factory=list)

    def run(self, args: list[str], env: dict | None = None, idle_first: bool = True) -> dict:
        """One worker's JSON answer (the last line it prints); ``idle_first``: the idle wait applies."""
        if idle_first and self.wait > 0:
            idle = wait_idle(self.wait)
            if idle is not None:
                self.idle.append(idle)
        p = subprocess.run([sys.executable, "-m", "eval.bench", *args], capture_output=True, text=True, cwd=HERE.parent,
                           env={**os.environ, **self.env, **(env or {})})
        if p.returncode != 0:
            raise RuntimeError(f"benchmark worker failed: {p.stderr[-2000:]}")
        return json.loads(p.stdout.strip().splitlines()[-1])


def plot(results: list[dict], path: str) -> None:
    """Grouped bars: target tokens/s per configuration, one bar per backend variant."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    labels = [f"b{r['beams']}/n{r['batch']}" for r in results if r["backend"] == "transformers"]
    series: dict[str, dict[str, float]] = {}
    for r in results:
        series.setdefault(f"{r['backend']} {r['dtype']} {r['variant']}", {})[f"b{r['beams']}/n{r['batch']}"] = r["tokens_per_s"]
    fig, ax = plt.subplots(figsize=(8, 4.5))
    width = 0.8 / max(len(series), 1)
    for i, (name, ys) in enumerate(series.items()):
        xs = [k for k, lab in enumerate(labels) if lab in ys]
        ax.bar([x + i * width for x in xs], [ys[labels[x]] for x in xs], width, label=name)
    ax.set_xticks([x + width * (len(series) - 1) / 2 for x in range(len(labels))], labels)
    ax.set_ylabel("target tokens / s")
    ax.set_xlabel("beams / batch size")
    ax.set_title("opus-mt-id-en-shaped model, random weights, 2-core CPU")
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=110)


MODEL_NOTE = "random opus-mt-id-en shape (d512, 6+6, 8 heads, FFN 2048, vocab 54,796, swish)"


def _parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--json", action="store_true", help="print the results as one JSON object")
    ap.add_argument("--plot", default=None, help="write a PNG bar chart here")
    ap.add_argument("--sentences", type=int, default=16)
    ap.add_argument("--tokens", type=int, default=32, help="forced output length per sentence")
    ap.add_argument("--rounds", type=int, default=3, help="worker processes per backend, interleaved between backends")
    ap.add_argument("--reps", type=int, default=2, help="timed passes per configuration in each round")
    ap.add_argument("--quick", action="store_true",
                    help="the headline only: beam 4 / batch 16, transformers fp32 and CTranslate2 int8, ≥ 3 interleaved rounds, no seed report")
    ap.add_argument("--full", action="store_true",
                    help="the whole matrix: 4 configurations, both thread layouts, AVX2 kernels, float32, a shortlist, seed reports of both backends")
    ap.add_argument("--isa", default="native", choices=["native", "avx2"],
                    help="avx2: cap every library's instruction set at AVX2 in the workers (an AVX2 CPU emulated on an AVX-512 one)")
    ap.add_argument("--device", default="cpu", choices=["cpu", "cuda"],
                    help="cuda: CTranslate2 float16/int8_float16 and transformers fp16/fp32, beam 4, batch 16 and 64")
    ap.add_argument("--no-seed", action="store_true", help="skip the seed-article report")
    ap.add_argument("--seed-backends", default=None, help="default: ctranslate2 (with --full: ctranslate2,transformers)")
    ap.add_argument("--summary", action=argparse.BooleanOptionalAction, default=True,
                    help="seed report: also summarise with a full-size random distilbart (default on)")
    ap.add_argument("--server", action="store_true", help="also: N concurrent article requests, with and without micro-batching")
    ap.add_argument("--requests", type=int, default=8, help="concurrent articles for --server")
    ap.add_argument("--window-ms", type=float, default=10.0, help="micro-batching window for --server")
    ap.add_argument("--vmap", type=int, default=10000, help="--full: also CTranslate2 int8 with a synthetic shortlist of this many candidates (0: no)")
    ap.add_argument("--wait-idle", type=float, default=0.0, metavar="SECONDS",
                    help="before each worker, wait up to this long for idle CPUs (a shared machine)")
    ap.add_argument("--shared", default=str(HERE.parent.parent / "shared"))
    ap.add_argument("--model-dir", default=None, help="reuse a model built by an earlier run (default: build one in a temp dir)")
    ap.add_argument("--worker", nargs=3, metavar=("BACKEND", "DTYPE", "DIR"), help=argparse.SUPPRESS)
    ap.add_argument("--configs", default=None, help=argparse.SUPPRESS)
    ap.add_argument("--seed-report", nargs="+", help=argparse.SUPPRESS)
    ap.add_argument("--summary-dir", default=None, help=argparse.SUPPRESS)  # --seed-report: the summariser's model
    ap.add_argument("--server-worker", nargs=3, help=argparse.SUPPRESS)
    ap.add_argument("--convert", nargs="+", metavar=("TASK", "DIR"), help=argparse.SUPPRESS)  # TASK DIR QUANTIZATION…
    return ap


def main(argv=None) -> int:
    args = _parser().parse_args(argv)
    if args.worker or args.seed_report or args.server_worker or args.convert:
        return _worker_main(args)
    if args.device == "cuda" and (why := no_gpu()):
        print(f"lintas bench --device cuda: {why}; run it where there is a GPU, or without --device", file=sys.stderr)
        return 3
    out = run_bench(args)
    if args.plot:
        plot(out["results"], args.plot)
        out["plot"] = args.plot
    if args.json:
        print(json.dumps(out, indent=2))
        return 0
    _print(out)
    return 0


def _worker_main(args) -> int:
    """The kinds of worker process: timing passes, the seed report, the server bench, conversion."""
    if args.worker:
        configs = [tuple(map(int, c.split("x"))) for c in args.configs.split(",")]
        print(json.dumps(worker(*args.worker, args.sentences, args.tokens, configs, args.reps)))
    elif args.seed_report:
        from .bench_seed import run_seed_report

        b, d, m, sp, src, *ref = args.seed_report
        print(json.dumps(run_seed_report(b, d, m, Path(sp), Path(src), references=Path(ref[0]) if ref else None,
                                         summary_dir=Path(args.summary_dir) if args.summary_dir else None)))
    elif args.convert:
        task, model_dir, *quantizations = args.convert
        print(json.dumps(convert_worker(task, model_dir, quantizations, args.vmap if task == "translation" else 0)))
    else:
        from .bench_server import run_server_bench

        b, d, m = args.server_worker
        print(json.dumps(run_server_bench(b, d, m, Path(args.shared), args.requests, args.window_ms)))
    return 0


def make_runner(args) -> WorkerRunner:
    """The workers' runner for ``args``: the ISA caps of ``--isa`` and the device of ``--device``
    in every worker's environment."""
    runner = WorkerRunner(wait=args.wait_idle, env=dict(ISA_CAPS.get(args.isa, {})))
    if args.device == "cuda":
        runner.env["LINTAS_DEVICE"] = "cuda"
    return runner


def run_bench(args) -> dict:
    """The whole benchmark: build and convert the model, time every backend over the rounds,
    then the seed report and the server bench; the result that ``--json`` prints."""
    runner = make_runner(args)
    rounds = max(3, args.rounds) if args.quick else max(1, args.rounds)
    runs = bench_runs(args)
    default_variant = runs[1][3]
    with tempfile.TemporaryDirectory() as tmp:
        runner.env["LINTAS_CT2_CACHE"] = str(ct2_cache(Path(tmp)))
        for r in runs:
            if r[4].get("LINTAS_CT2_CACHE") == "shortlist":
                r[4]["LINTAS_CT2_CACHE"] = str(Path(tmp) / "ct2-shortlist")
        t0 = time.perf_counter()
        model, tokenizer_note = prepare_model(runner, args, Path(tmp))
        build_s = time.perf_counter() - t0
        raw, rss, infos = run_rounds(runner, args, model, runs, rounds)
        results = summarise_results(raw, rss, args.tokens, args.vmap)
        seed = seed_reports(runner, args, model, Path(tmp))
        server = server_bench(runner, args, model) if args.server else None
    return {"results": results, "targets": bench_targets(results, default_variant, args.vmap), "seed_report": seed,
            "server": server, "model": MODEL_NOTE, "backends": infos,
            "signature": _signature(args, rounds, runner.idle, tokenizer_note, build_s, infos)}


def bench_runs(args) -> list[tuple[str, str, list, str, dict]]:
    """(backend, dtype, configurations, variant, environment of the worker) for every row kind
    that has configurations to time. ``--quick``: transformers fp32 and CTranslate2 int8 (the
    product's defaults) at beam 4 / batch 16. The default: also beam 1 / batch 1 and CTranslate2
    int8 without the target-side map. ``--full``: the whole matrix (both thread layouts, the
    AVX2 kernels, float32, a synthetic shortlist of ``--vmap`` candidates). On a GPU
    (``--device cuda``): CTranslate2 float16 and int8_float16, transformers fp16 and fp32, at
    beam 4 / batch 16 and 64."""
    from service.translation.ct2 import default_inter_threads
    from service.translation.threads import AVX512_FLAGS, cpu_cores, cpu_flags

    if args.device == "cuda":
        g = [(4, 16), (4, 64)]
        return [("transformers", "float32", g, "cuda", {}), ("transformers", "float16", g, "cuda", {}),
                ("ctranslate2", "float16", g, "cuda", {}), ("ctranslate2", "int8_float16", g, "cuda", {})]
    head = [(4, 16)]
    configs = head if args.quick else ([(1, 1), (1, 16), (4, 1), (4, 16)] if args.full else [(1, 1), (4, 16)])
    inter = default_inter_threads()  # the product's default layout (or LINTAS_CT2_INTER_THREADS)
    other = 1 if inter > 1 else min(2, cpu_cores())
    layout = f"threads {inter}×{max(1, cpu_cores() // inter)}"
    env = {"LINTAS_CT2_INTER_THREADS": str(inter)}
    full = args.full and not args.quick
    runs = [
        ("transformers", "float32", configs, f"torch threads {cpu_cores()}", {}),
        ("ctranslate2", "int8", configs, layout, env),
        ("ctranslate2", "int8", [] if args.quick else head, f"{layout}, no vmap", {**env, "LINTAS_CT2_TARGET_VMAP": "0"}),
        ("ctranslate2", "int8", configs if full else [], f"threads {other}×{max(1, cpu_cores() // other)}",
         {"LINTAS_CT2_INTER_THREADS": str(other)}),
        # lintas asks for AVX-512 kernels where the CPU has them (threads.ct2_isa); this row is CTranslate2's AVX2 ones
        ("ctranslate2", "int8", head if full and args.isa == "native" and AVX512_FLAGS <= cpu_flags() else [],
         f"{layout}, AVX2 kernels", {**env, "CT2_FORCE_CPU_ISA": "AVX2"}),
        ("ctranslate2", "int8", head if full and args.vmap else [], f"vmap {args.vmap} candidates",
         {**env, "LINTAS_CT2_VMAP": "1", "LINTAS_CT2_CACHE": "shortlist"}),
        ("ctranslate2", "float32", head if full else [], layout, env),
    ]
    return [r for r in runs if r[2]]


def ct2_cache(tmp: Path) -> Path:
    """Where this run's CTranslate2 conversions go: the ``ct2_cache`` setting when there is one,
    else ``tmp/ct2`` (not the user's cache: these are throw-away random models). Only the worker
    processes convert and load models; they get it in their environment (:class:`WorkerRunner`)."""
    from service.settings import current

    return current().ct2_cache or tmp / "ct2"


def prepare_model(runner: WorkerRunner, args, tmp: Path) -> tuple[Path, str]:
    """The full-size random model (``--model-dir`` or built in ``tmp``), converted to int8 and
    float32 with the synthetic vocabulary map installed (:func:`convert_worker`); the model folder
    and its tokenizer note."""
    model = Path(args.model_dir) if args.model_dir else build_fullsize_marian(tmp / "opus-shape", shared=Path(args.shared))
    note = model / "bench-tokenizer.txt"
    tokenizer_note = note.read_text(encoding="utf-8").strip() if note.is_file() else "as in the given model"
    quant = ["float16", "int8_float16"] if args.device == "cuda" else ["int8", *(["float32"] if args.full else [])]
    runner.run(["--convert", "translation", str(model), *quant, "--vmap", "0"], idle_first=False)
    if args.full and args.vmap and args.device != "cuda":  # the shortlist replaces the target map: its own conversion
        runner.run(["--convert", "translation", str(model), "int8", "--vmap", str(args.vmap)],
                   {"LINTAS_CT2_CACHE": str(tmp / "ct2-shortlist")}, idle_first=False)
    return model, tokenizer_note


def convert_worker(task: str, model_dir: str, quantizations: list[str], vmap: int = 0) -> dict:
    """Runs in its own process, whose environment names the conversion cache: the registry's
    ``task`` model from ``model_dir`` converted to CTranslate2 in each quantization; with ``vmap``,
    a synthetic vocabulary map of that many candidates installed beside the int8 conversion."""
    from service import Registry
    from service.translation.ct2 import convert, converted_dir
    from service.translation.vmap import install

    spec = Registry.load().resolve(task, model_dir)
    out = [str(convert(spec, q)) for q in quantizations]
    if vmap:
        install(converted_dir(spec, "int8").parent, synthetic_vmap(converted_dir(spec, "int8"), vmap))
    return {"converted": out}


def run_rounds(runner: WorkerRunner, args, model: Path, runs: list, rounds: int) -> tuple[dict, dict, dict]:
    """Every row kind's worker, ``rounds`` times, interleaved (a busy spell hits both backends):
    the raw passes by (backend, dtype, variant, beams, batch), the peak RSS by (backend, dtype,
    variant) and each variant's backend info."""
    raw: dict[tuple, list[dict]] = {}
    rss: dict[tuple, float] = {}
    infos: dict[str, dict] = {}
    for _ in range(rounds):
        for backend, dtype, cfgs, variant, env in runs:
            w = runner.run(["--worker", backend, dtype, str(model), "--sentences", str(args.sentences),
                            "--tokens", str(args.tokens), "--reps", str(args.reps),
                            "--configs", ",".join(f"{b}x{n}" for b, n in cfgs)], env)
            for r in w["results"]:
                raw.setdefault((backend, dtype, variant, r["beams"], r["batch"]), []).append(r)
            rss[(backend, dtype, variant)] = max(rss.get((backend, dtype, variant), 0.0), w["peak_rss_mb"])
            infos[f"{backend} {dtype} {variant}"] = w["info"]
    return raw, rss, infos


def summarise_results(raw: dict, rss: dict, tokens: int, vmap: int) -> list[dict]:
    """One row per configuration (:func:`_summarise`), with its ratios to transformers fp32 at
    the same beams and batch and a bootstrap interval of the median ratio."""
    results = []
    for (backend, dtype, variant, _, _), rows in raw.items():
        r = _summarise(rows, tokens)
        r["variant"] = variant
        r["peak_rss_mb"] = rss[(backend, dtype, variant)]
        if "vmap" in variant:
            r["vmap_candidates"] = vmap
        results.append(r)
    base = {(r["beams"], r["batch"]): r for r in results if (r["backend"], r["dtype"]) == ("transformers", "float32")}
    for r in results:
        b = base[(r["beams"], r["batch"])]
        # each round's ratio of median passes (the rounds interleave the backends)
        r["round_ratios"] = [round(statistics.median(x) / statistics.median(y), 2) for x, y in zip(b["round_pass_s"], r["round_pass_s"])]
        r["ratio_vs_transformers_fp32"] = round(r["tokens_per_s"] / b["tokens_per_s"], 2)
        r["ratio_vs_transformers_fp32_median"] = round(r["tokens_per_s_median"] / b["tokens_per_s_median"], 2)
        if r is not b:  # pass times: transformers' over this one's = the throughput ratio
            r["ratio_median_interval95"] = ratio_interval(r["pass_s"], b["pass_s"])
    return results


def seed_reports(runner: WorkerRunner, args, model: Path, tmp: Path) -> list[dict]:
    """The seed-article report, one worker per ``--seed-backends`` backend (none with
    ``--quick``, ``--no-seed`` or without the seed article)."""
    seed_path = Path(args.shared) / "data" / "seed-article-id.txt"
    if args.quick or args.no_seed or not seed_path.is_file():
        return []
    src = HERE.parent / "tests" / "fixtures" / "seed-source-bbc.txt"
    refs = HERE.parent / "tests" / "fixtures" / "seed-translations.tsv"  # what the later stages read (bench_seed)
    summary = ["--summary-dir", str(build_summary_model(runner, Path(args.shared), tmp))] if args.summary else []
    seed = []
    chosen = args.seed_backends or ("ctranslate2,transformers" if args.full else "ctranslate2")
    for backend in [b for b in chosen.split(",") if b]:
        dtype = "float32" if backend == "transformers" else "int8_float16" if args.device == "cuda" else "int8"
        seed.append(runner.run([*summary, "--seed-report", backend, dtype, str(model), str(seed_path), str(src),
                                *([str(refs)] if refs.is_file() else [])]))
    return seed


def build_summary_model(runner: WorkerRunner, shared: Path, tmp: Path) -> Path:
    """The summariser's default (distilbart-cnn-12-6) at full size with random weights, converted
    to CTranslate2 int8; its folder."""
    from service.testing.tiny import build_bart

    text = news_text(shared)  # English news, so tokens per word are like distilbart's
    bart = build_bart(tmp / "distilbart-shape", d_model=1024, encoder_layers=12, decoder_layers=6,
                      heads=16, ffn=4096, vocab_size=50264, corpus=text[1] if text else None,
                      bpe_size=16000 if text else 600)
    runner.run(["--convert", "summary", str(bart), "int8"], idle_first=False)
    return bart


def server_bench(runner: WorkerRunner, args, model: Path) -> dict:
    return runner.run(["--server-worker", "ctranslate2", "int8", str(model), "--shared", args.shared,
                       "--requests", str(args.requests), "--window-ms", str(args.window_ms)])


def bench_targets(results: list[dict], default_variant: str, vmap: int) -> dict:
    """CTranslate2 int8 (the default layout) against transformers fp32 at beam 4 / batch 16: the
    speed ratio (target ≥ 4) and the peak-RSS share (target ≤ 35%, issue #21); the same with the vocabulary map."""
    def pick(backend, dtype, variant=None, beams=4, batch=16):
        return next((r for r in results if (r["backend"], r["dtype"], r["beams"], r["batch"]) == (backend, dtype, beams, batch)
                     and (variant is None or r["variant"] == variant)), None)

    ct, tf = pick("ctranslate2", "int8", default_variant), pick("transformers", "float32")
    if not (ct and tf):
        return {}
    targets = {"ct2_int8_b4n16_ratio": ct["ratio_vs_transformers_fp32"],
               "ct2_int8_b4n16_round_ratios": ct["round_ratios"],
               "ct2_int8_b4n16_median_of_rounds": round(statistics.median(ct["round_ratios"]), 2),
               "ct2_int8_b4n16_ratio_median": ct["ratio_vs_transformers_fp32_median"],
               "ct2_int8_b4n16_ratio_median_interval95": ct.get("ratio_median_interval95"),
               "variant": default_variant, "ratio_target": 4.0,
               "ratio_met": statistics.median(ct["round_ratios"]) >= 4.0,
               "rss_share": round(ct["peak_rss_mb"] / tf["peak_rss_mb"], 3), "rss_target": 0.35,
               "rss_met": ct["peak_rss_mb"] / tf["peak_rss_mb"] <= 0.35}
    vm = pick("ctranslate2", "int8", f"vmap {vmap} candidates")
    if vm:
        targets["with_vmap"] = {"candidates": vmap, "ratio": vm["ratio_vs_transformers_fp32"],
                                "ratio_met": vm["ratio_vs_transformers_fp32"] >= 4.0,
                                "quality": "not measurable on random weights: lintas models vmap measures it on a trained model"}
    return targets


def cpu_model(cpuinfo: str = "/proc/cpuinfo") -> str:
    """The CPU's model name (Linux), else the platform's processor string."""
    import platform

    try:
        for line in Path(cpuinfo).read_text(encoding="ascii", errors="replace").splitlines():
            if line.startswith("model name"):
                return " ".join(line.split(":", 1)[1].split())
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def no_gpu() -> str | None:
    """Why CTranslate2 or torch cannot use a CUDA GPU here (the backends' own device checks), or
    None when both can."""
    from service.errors import ConfigError
    from service.translation.ct2 import check_ct2_device
    from service.translation.hf import check_torch_device

    try:
        check_ct2_device("cuda")
        check_torch_device("cuda")
    except ConfigError as e:
        return str(e)
    return None


def gpu_name() -> str:
    """The first CUDA GPU's name (torch), or why there is none."""
    try:
        import torch

        return torch.cuda.get_device_name(0) if torch.cuda.is_available() else "no CUDA GPU visible to torch"
    except ImportError:
        return "torch not installed"


def isa_note(isa: str, flags: set[str], cpu: str) -> str:
    """The instruction set the figures were measured with, as the signature says it."""
    from service.translation.threads import AVX512_FLAGS

    native = "AVX-512" if AVX512_FLAGS <= flags else "AVX2" if "avx2" in flags else "pre-AVX2"
    if isa == "avx2":
        return f"AVX2 emulated by capping on {cpu} (native {native})" if native == "AVX-512" else f"AVX2 cap on {cpu} (native {native})"
    return f"{native} (native)"


def _signature(args, rounds: int, idle: list[float], tokenizer_note: str, build_s: float, infos: dict | None = None) -> dict:
    import platform

    import service
    from service.translation.threads import cpu_cores, cpu_flags

    cpu = cpu_model()
    ct2_isa = sorted({str(i.get("cpu_isa")) for k, i in (infos or {}).items() if k.startswith("ctranslate2")})
    torch_cap = sorted({str(i.get("cpu_capability")) for k, i in (infos or {}).items() if k.startswith("transformers")})
    return {"lintas": service.__version__, "cpu": cpu, "isa": isa_note(args.isa, cpu_flags(), cpu),
            "ct2_isa": ",".join(ct2_isa) or "-", "torch_capability": ",".join(torch_cap) or "-", "device": args.device,
            "gpu": gpu_name() if args.device == "cuda" else "-",
            "matrix": "quick" if args.quick else "full" if args.full else "default",
            "sentences": args.sentences, "forced_tokens": args.tokens,
            "rounds": rounds, "reps": args.reps, "timing": "fastest pass over rounds×reps",
            "cores": cpu_cores(), "loadavg_1m_at_end": round(os.getloadavg()[0], 2),
            "idle_before_workers": f"min {min(idle)}, median {statistics.median(idle)}" if idle else "not measured",
            "tokenizer": tokenizer_note,
            "python": platform.python_version(), "build_and_convert_s": round(build_s, 1)}


def _print(out: dict) -> None:
    print(f"{'backend':<13}{'dtype':<9}{'variant':<22}{'beams':>6}{'batch':>6}{'tok/s':>9}{'(median)':>9}{'sent/s':>8}{'p50 s':>8}"
          f"{'p95 s':>8}{'RSS MB':>8}{'×tf32':>7}{'(median)':>9}")
    for r in out["results"]:
        print(f"{r['backend']:<13}{r['dtype']:<9}{r['variant']:<22}{r['beams']:>6}{r['batch']:>6}{r['tokens_per_s']:>9}"
              f"{r['tokens_per_s_median']:>9}{r['sentences_per_s']:>8}{r['p50_batch_latency_s']:>8}"
              f"{r['p95_batch_latency_s']:>8}{r['peak_rss_mb']:>8}{r['ratio_vs_transformers_fp32']:>7}"
              f"{r.get('ratio_vs_transformers_fp32_median', ''):>9}")
    t = out["targets"]
    if t:
        print(f"CTranslate2 int8 / transformers fp32 at beam 4, batch 16: ×{t['ct2_int8_b4n16_median_of_rounds']} by the median of "
              f"{len(t['ct2_int8_b4n16_round_ratios'])} interleaved rounds {t['ct2_int8_b4n16_round_ratios']}, 95% bootstrap "
              f"interval of the median-pass ratio {t['ct2_int8_b4n16_ratio_median_interval95']} (fastest passes: "
              f"×{t['ct2_int8_b4n16_ratio']}) (target ≥ {t['ratio_target']}: {'met' if t['ratio_met'] else 'NOT met'}); peak RSS "
              f"{t['rss_share']:.0%} of transformers (target ≤ {t['rss_target']:.0%}: {'met' if t['rss_met'] else 'NOT met'})")
        if "with_vmap" in t:
            v = t["with_vmap"]
            print(f"  with a vocabulary map of {v['candidates']:,} candidates: ×{v['ratio']} "
                  f"({'met' if v['ratio_met'] else 'NOT met'}; quality cost {v['quality']})")
    for s in out["seed_report"]:
        print(f"\nseed report, {s['backend']} {s['dtype']}: {s['total_s']} s ({s['total_without_load_s']} s without loading), "
              f"peak RSS {s['peak_rss_mb']} MB, {s['sentences']} sentences, {s['checked']} claims checked ({s['check_method']})")
        for r in s["stages"]:
            parts = "  " + ", ".join(f"{k} {v}" for k, v in r["parts"].items()) if "parts" in r else ""
            print(f"  {r['stage']:<16}{r['seconds']:>8.2f} s  peak RSS {r['peak_rss_mb']:>7} MB{parts}")
        if s.get("reference_english"):
            re_ = s["reference_english"]
            print(f"  later stages read the English of {re_['file']} for {re_['outputs_replaced']} of {re_['of_outputs']} model outputs "
                  f"(the model still spent its forced length on each)")
        fb = s["marker_fallback"]
        print(f"  marker fallback: {fb['sentences']} sentences translated again without markers, {fb['seconds']} s")
    if out["server"]:
        sv = out["server"]
        print(f"\nserver, {sv['requests']} concurrent articles, {sv['backend']} {sv['dtype']}, window {sv['window_ms']} ms:")
        for m in sv["modes"]:
            print(f"  {m['mode']:<26}{m['wall_s']:>7} s  {m['articles_per_s']} articles/s  {m['sentences_per_s']} sent/s  "
                  f"p50 {m['p50_article_s']} s  p95 {m['p95_article_s']} s  model calls {m['model_calls']}")
        print(f"  micro-batching speed-up ×{sv['speedup']}")
    sig = out["signature"]
    print("signature: " + "|".join(f"{k}:{v}" for k, v in sig.items()))


if __name__ == "__main__":
    sys.exit(main())
