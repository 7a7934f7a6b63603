"""Batch throughput: ``lintas batch`` on the local engine and on Ray with 1 and 2 workers, one run,
the same full-size random model (opus-mt-id-en's shape, CTranslate2 int8; eval/bench.py builds it)
and the same articles.

    lintas bench --batch [--engine local|ray|both] [--articles N] [--rounds K] [--model-dir DIR] [--json]
    python -m eval.bench_batch …              (the same)

With ``--rounds K`` the configurations run K times, interleaved (each round in another order, so
a slow spell of a shared machine does not land on one configuration): each target ratio is the
median of the rounds' ratios, with a 95% bootstrap interval from three rounds.

Output lengths are forced, per sentence: a random model never ends a sentence, so every engine's
backend is wrapped (:func:`force_lengths`; in each Ray worker by Ray's ``worker_process_setup_hook``,
given through the engine's ``runtime_env``)
in :class:`eval.bench_seed.ForcedLength` with ``grid=True``: each sentence's output is 1.2 × its
own input tokens, rounded up to a fixed grid, however the articles are split into model calls. The
registry's cap would make a call's outputs as long as its longest input allows, so engines whose
calls differ would do different work. Ray with 1 and with 2 workers get calls of the same size
(a quarter of the articles, at most 8), so neither batches more than the other.

Each configuration runs in its own process (``python -m eval.bench_batch --run …``): the driver
calls ``service.batch.run`` exactly as ``lintas batch`` does, and reports its wall time end to end
(a local Ray's start, the workers' model loads and the closing pass included), articles/min,
translated sentences/s (title and body sentences of the reports) and the peak RSS of each process
that held a model: the local process, or each Ray worker (its VmHWM, polled while it lives). Ray
workers get 1 CPU each (their model uses one thread); the local engine uses the product's default
threads (every core). The CPU-seconds each model process used are printed next to its peak RSS
(the work an engine adds shows there). Articles: IndoSum (dev) articles of 150-400 words from
shared/ when it is there, else the repo's slice of them, repeated with numbered sentences when more
are asked for (so no article is a cache hit of another).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
TARGETS = {"ray2_vs_local": 0.9, "ray2_vs_ray1": 1.7}


def bench_articles(shared: Path, n: int) -> list[str]:
    from .bench_server import articles

    base = []
    for root in (shared, REPO / "tests"):
        try:
            base = articles(root, n)
        except OSError:  # no seed article there to fall back on: the next folder
            continue
        if base:
            break
    out = list(base[:n])
    k = 0
    while len(out) < n:  # distinct copies: numbered sentences
        k += 1
        out += [t.replace(". ", f" ({k}). ") for t in base[: n - len(out)]]
    return out


def write_input(path: Path, texts: list[str]) -> None:
    with open(path, "w", encoding="utf-8") as f:
        for i, t in enumerate(texts):
            f.write(json.dumps({"id": f"bench{i:04d}", "text": t}, ensure_ascii=False) + "\n")


def force_lengths() -> None:
    """Every translation backend this process builds is wrapped in a per-sentence
    :class:`~eval.bench_seed.ForcedLength` (grid lengths). Called in the benchmark's local process
    and, as Ray's ``worker_process_setup_hook``, in each Ray worker process."""
    from service.models import ModelPool

    from .bench_seed import ForcedLength

    build = ModelPool._translation_backend
    if getattr(build, "forced", False):
        return

    def forced(self, *a, **k):
        return ForcedLength(build(self, *a, **k), per_sentence=True, grid=True)

    forced.forced = True
    ModelPool._translation_backend = forced


def cpu_seconds(pid: int | str = "self") -> float:
    """User + system CPU time of a process so far (its own threads, not its children)."""
    f = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(f[11]) + int(f[12])) / os.sysconf("SC_CLK_TCK")


def machine_busy_seconds() -> float:
    """CPU-seconds every core of the machine has spent busy since boot (/proc/stat: all but idle
    and iowait)."""
    f = [int(x) for x in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    return (sum(f[:8]) - f[3] - f[4]) / os.sysconf("SC_CLK_TCK")


class RssWatch:
    """Polls the peak RSS (VmHWM) and the CPU time of the Ray worker processes whose title holds
    ``marker``."""

    def __init__(self, marker: bytes, every: float = 0.5):
        self.marker, self.every, self.peaks, self.cpu = marker, every, {}, {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()

    def _loop(self) -> None:
        while not self._stop.is_set():
            self.poll()
            self._stop.wait(self.every)

    def poll(self) -> None:
        for p in Path("/proc").iterdir():
            if not p.name.isdigit() or int(p.name) == os.getpid():
                continue
            try:
                cmd = (p / "cmdline").read_bytes()
                if not cmd.startswith(b"ray::") or self.marker not in cmd:  # Ray's title for its worker processes
                    continue
                for line in (p / "status").read_text().splitlines():
                    if line.startswith("VmHWM:"):
                        self.peaks[int(p.name)] = max(self.peaks.get(int(p.name), 0.0), int(line.split()[1]) / 1024)
                self.cpu[int(p.name)] = max(self.cpu.get(int(p.name), 0.0), cpu_seconds(p.name))
            except OSError:
                continue


class FirstRecord:
    """When the first records came back (the engine's start: Ray's start, the workers' model
    loads), and the rate after it."""

    def __init__(self, t0: float):
        self.t0, self.seconds, self.count = t0, None, 0

    def note(self, done: int, total: int) -> None:
        if self.seconds is None:
            self.seconds, self.count = round(time.perf_counter() - self.t0, 2), done

    def steady_rate(self, n: int, wall: float) -> float | None:
        """Articles/min from the first records to the end (those first records left out)."""
        if self.seconds is None or wall <= self.seconds or n <= self.count:
            return None
        return round(60 * (n - self.count) / (wall - self.seconds), 2)


def run_one(engine: str, workers: int, inp: str, out: str) -> dict:
    """Runs in its own process: one batch run, timed; the figures as one JSON object."""
    from service.batch import run
    from service.settings import Settings

    from .bench_seed import peak_rss_mb

    articles = sum(1 for line in Path(inp).read_text(encoding="utf-8").splitlines() if line.strip())
    # the same call size for 1 and 2 workers: an eighth of the articles (at most 4, the engine's
    # default), so that two workers, each running two calls at once, get at least two calls each
    per_call = max(1, min(4, articles // 8))
    # Ray workers wrap their backends too: Ray runs force_lengths in each worker process
    hook = {"env_vars": {"PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))},
            "worker_process_setup_hook": "eval.bench_batch.force_lengths"}
    opts = {"workers": workers, "cpus_per_worker": 1, "articles_per_call": per_call, "runtime_env": hook} if engine == "ray" else {}
    force_lengths()
    busy0 = machine_busy_seconds()
    t0 = time.perf_counter()
    first = FirstRecord(t0)
    with RssWatch(b"ArticleWorker") as watch:
        counts = run(inp, out, engine=engine, settings=Settings.load(), progress=first.note, **opts)
        watch.poll()
    wall = time.perf_counter() - t0
    busy = machine_busy_seconds() - busy0
    recs = [json.loads(x) for x in Path(out).read_text(encoding="utf-8").splitlines()]
    sentences = sum(len(r["report"]["article"]["sentences"]) + 1 for r in recs if r["ok"])
    n = counts["ok"]
    rss = [round(v, 1) for v in watch.peaks.values()] if engine == "ray" else [peak_rss_mb()]
    cpu = [round(watch.cpu[p], 1) for p in watch.peaks] if engine == "ray" else [round(cpu_seconds(), 1)]
    return {"engine": engine, "workers": workers if engine == "ray" else 1, "articles": n, "failed": counts["failed"],
            "articles_per_call": per_call if engine == "ray" else 1, "cpu_s_per_worker": cpu,
            "machine_busy_s": round(busy, 1), "cores_busy": round(busy / wall, 2),
            "first_record_s": first.seconds, "steady_articles_per_min": first.steady_rate(n, wall),
            "sentences": sentences, "wall_s": round(wall, 2), "articles_per_min": round(60 * n / wall, 2),
            "sentences_per_s": round(sentences / wall, 2), "peak_rss_mb_per_worker": rss,
            "driver_peak_rss_mb": peak_rss_mb() if engine == "ray" else None,
            "nodes": len(counts.get("stats", {}).get("nodes", {})) or None}


def configs(engine: str) -> list[tuple[str, int]]:
    local, ray = [("local", 1)], [("ray", 1), ("ray", 2)]
    return {"local": local, "ray": ray}.get(engine, local + ray)


def run_all(args) -> dict:
    from .bench import WorkerRunner, build_fullsize_marian, ct2_cache

    runner = WorkerRunner(wait=args.wait_idle)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        t = Path(tmp)
        runner.env.update({"LINTAS_CT2_CACHE": str(ct2_cache(t)), "HF_HUB_OFFLINE": "1"})
        model = Path(args.model_dir) if args.model_dir else build_fullsize_marian(t / "opus-shape", shared=Path(args.shared))
        runner.env["LINTAS_MODEL_PATH_OPUS_MT_ID_EN"] = str(model)
        runner.run(["--convert", "translation", str(model), "int8", "--vmap", "0"], idle_first=False)
        inp = t / "articles.jsonl"
        write_input(inp, bench_articles(Path(args.shared), args.articles))
        order = configs(args.engine)
        for r in range(args.rounds):  # the rounds interleave the configurations, each round in another order
            for engine, workers in order[r % len(order):] + order[: r % len(order)]:
                out = t / f"out-{engine}-{workers}-{r}.jsonl"
                rows.append({**_subprocess(runner, engine, workers, inp, out), "round": r + 1})
    return {"rows": rows, "ratios": ratios(rows), "model": "opus-mt-id-en shape, random weights, CTranslate2 int8",
            "signature": {"articles": args.articles, "rounds": args.rounds, "cores": os.cpu_count(),
                          "idle_share_before_runs": runner.idle, "python": sys.version.split()[0]}}


def _subprocess(runner, engine: str, workers: int, inp: Path, out: Path) -> dict:
    if runner.wait > 0:
        from .bench import wait_idle

        idle = wait_idle(runner.wait)
        if idle is not None:
            runner.idle.append(idle)
    p = subprocess.run([sys.executable, "-m", "eval.bench_batch", "--run", engine, str(workers), str(inp), str(out)],
                       capture_output=True, text=True, cwd=REPO, env={**os.environ, **runner.env})
    if p.returncode != 0:
        raise RuntimeError(f"batch benchmark run ({engine}, {workers}) failed: {p.stderr[-2000:]}")
    return json.loads(p.stdout.strip().splitlines()[-1])


def ratios(rows: list[dict]) -> dict:
    """Each target's ratio of articles/min: per round (the configurations of one round ran minutes
    apart), their median (the figure judged against the target) and, with three rounds or more, a
    95% bootstrap interval of the ratio of the median rates."""
    from .bench import ratio_interval

    by: dict = {}
    for r in rows:
        by.setdefault((r["engine"], r["workers"]), {})[r.get("round", 1)] = r["articles_per_min"]
    out = {}
    for key, (num, den) in {"ray2_vs_local": (("ray", 2), ("local", 1)), "ray2_vs_ray1": (("ray", 2), ("ray", 1))}.items():
        if num not in by or den not in by:
            continue
        rounds = sorted(set(by[num]) & set(by[den]))
        per = [round(by[num][k] / by[den][k], 3) for k in rounds]
        value = round(statistics.median(per), 3)
        out[key] = {"value": value, "target": TARGETS[key], "met": value >= TARGETS[key], "per_round": per,
                    "interval95": ratio_interval([by[den][k] for k in rounds], [by[num][k] for k in rounds])
                    if len(rounds) >= 3 else None}
    return out


def print_table(res: dict) -> None:
    print(f"batch throughput, {res['model']}, {res['signature']['articles']} articles, {res['signature']['cores']} cores")
    print(f"{'round':<6}{'engine':<8}{'workers':>8}{'articles':>9}{'wall s':>9}{'art/min':>9}{'sent/s':>8}{'1st rec s':>10}"
          f"{'after':>7}{'busy':>6}  peak RSS per worker (MB)  CPU s per worker / machine")
    for r in res["rows"]:
        print(f"{r.get('round', 1):<6}{r['engine']:<8}{r['workers']:>8}{r['articles']:>9}{r['wall_s']:>9}{r['articles_per_min']:>9}"
              f"{r['sentences_per_s']:>8}{r['first_record_s']!s:>10}{r['steady_articles_per_min']!s:>7}{r['cores_busy']:>6}"
              f"  {', '.join(str(x) for x in r['peak_rss_mb_per_worker'])}"
              f"  {', '.join(str(x) for x in r['cpu_s_per_worker'])} / {r['machine_busy_s']}"
              + (f"  (driver {r['driver_peak_rss_mb']})" if r["driver_peak_rss_mb"] else ""))
    for k, v in res["ratios"].items():
        spread = f", 95% interval {v['interval95']}" if v.get("interval95") else ""
        rounds = f" (median of rounds {v['per_round']}{spread})" if len(v.get("per_round", [])) > 1 else ""
        print(f"{k}: {v['value']}×{rounds} (target ≥ {v['target']}: {'met' if v['met'] else 'NOT met'})")
    print("art/min: end to end (Ray's start and the model loads included); '1st rec s': seconds to the first "
          "records; 'after': art/min from then on; 'busy': cores busy on average (the whole machine); CPU s: each "
          "model process's, then the machine's (the rest: the driver and Ray's own processes)")


def parser() -> argparse.ArgumentParser:
    from service.argtypes import positive_int  # the runtime CLI's check

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--batch", action="store_true", help=argparse.SUPPRESS)  # lintas bench --batch lands here
    ap.add_argument("--engine", default="both", choices=["local", "ray", "both"])
    ap.add_argument("--articles", type=int, default=8, help="articles per run (default 8, a quick look; 64 for figures: Ray's start is then a small part)")
    ap.add_argument("--rounds", type=positive_int, default=1, help="rounds of the configurations, interleaved (default 1); "
                    "the ratios are the median of the rounds', with a bootstrap interval from 3 rounds")
    ap.add_argument("--model-dir", default=None, help="reuse a full-size model built by an earlier run")
    ap.add_argument("--shared", default=str(REPO.parent / "shared"))
    ap.add_argument("--wait-idle", type=float, default=0.0, metavar="SECONDS", help="wait up to this long for idle CPUs before each run")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--run", nargs=4, metavar=("ENGINE", "WORKERS", "IN", "OUT"), help=argparse.SUPPRESS)
    return ap


def main(argv=None) -> int:
    args = parser().parse_args(argv)
    if args.run:
        engine, workers, inp, out = args.run
        print(json.dumps(run_one(engine, int(workers), inp, out)))
        return 0
    res = run_all(args)
    if args.json:
        print(json.dumps(res, indent=2))
    else:
        print_table(res)
    return 0


if __name__ == "__main__":
    sys.exit(main())
