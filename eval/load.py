"""Load: many concurrent requests against the real server, counted.

    python -m eval.load [--requests 200] [--concurrency 16] [--timeout 300] [--json]
                        [--max-concurrency 2] [--queue-seconds 30] [--model DIR] [--fast]

Starts ``python -m service serve`` (uvicorn, the REST API with the UI mounted) on 127.0.0.1 at a
free port, in its own process, with a tiny random-weight Marian model built locally as the
translation model (or ``--model DIR``), then sends the requests from ``--concurrency`` client
threads, a mix of ``/api/v1/translate``, ``/api/v1/attributions`` and ``/api/v1/report``, each
with a client timeout. Every article differs (three sentences of a small corpus with words
swapped per request), so the translation cache cannot stand in for the model. Every request must be answered: 200, or refused with 429/503 and a
Retry-After header. Prints the counts (ok, refused, refused without Retry-After, other statuses,
timeouts, connection errors, lost), latency p50/p95, the server's RSS over the run (sampled from
/proc) and its peak (VmHWM), and how many times the model was loaded (``/health``'s
``model_loads``: once, shared by every request).

``--starvation`` runs the scenario of issue #20 instead: ``--requests`` (60) translations at once
against the gate, while a poller asks ``/health`` every 0.1 s; it reports the translations'
p50/p95 and statuses, every ``/health`` latency and the longest gap between two ``/health``
answers (the time the server was unable to answer). Waiting for a gate slot holds no worker
thread, so ``/health`` keeps answering.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

BASE_ARTICLE = (
    "Banjir Merendam Ribuan Rumah di Bekasi\n\n"
    "Bekasi – Banjir merendam sekitar {n} rumah di tiga kecamatan sejak Senin pagi. "
    "Ketinggian air mencapai 1,2 meter di beberapa titik.\n\n"
    "Kepala BPBD, Dr. Ahmad Fauzi, mengatakan pihaknya telah mengevakuasi 320 warga. "
    "“Kami terus memantau ketinggian air,” ujarnya.\n\n"
    "Menurut BBC, hujan deras diperkirakan berlanjut hingga akhir pekan."
)
SOURCE_BBC = "Heavy rain is expected to continue until the weekend, the BBC reported. Floods hit Bekasi."


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rss_kb(pid: int) -> tuple[int | None, int | None]:
    """(VmRSS, VmHWM) of a process in kB, from /proc (Linux)."""
    try:
        text = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None, None
    vals = {}
    for line in text.splitlines():
        k, _, v = line.partition(":")
        if k in ("VmRSS", "VmHWM"):
            vals[k] = int(v.split()[0])
    return vals.get("VmRSS"), vals.get("VmHWM")


@dataclass
class Server:
    proc: subprocess.Popen
    url: str
    log: Path
    samples: list[int] = field(default_factory=list)
    _stop: threading.Event = field(default_factory=threading.Event)

    def sample_memory(self, every: float = 0.2) -> None:
        def loop():
            while not self._stop.is_set() and self.proc.poll() is None:
                rss, _ = rss_kb(self.proc.pid)
                if rss:
                    self.samples.append(rss)
                time.sleep(every)

        threading.Thread(target=loop, daemon=True).start()

    def get(self, path: str, timeout: float = 10) -> tuple[int, dict]:
        try:
            with urllib.request.urlopen(self.url + path, timeout=timeout) as r:
                return r.status, json.loads(r.read())
        except urllib.error.HTTPError as e:
            return e.code, json.loads(e.read() or b"{}")

    def stop(self) -> None:
        self._stop.set()
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


def start_server(env: dict[str, str], log_dir: Path, startup_timeout: float = 180) -> Server:
    """The real server (``python -m service serve``) on 127.0.0.1 and a free port, its output in a log file."""
    port = free_port()
    log = log_dir / f"server-{port}.log"
    full_env = {**os.environ, "HF_HUB_OFFLINE": "1", "GRADIO_ANALYTICS_ENABLED": "False", **env}
    with open(log, "wb") as f:
        proc = subprocess.Popen([sys.executable, "-m", "service", "serve", "--host", "127.0.0.1", "--port", str(port)],
                                cwd=ROOT, env=full_env, stdout=f, stderr=subprocess.STDOUT)
    srv = Server(proc, f"http://127.0.0.1:{port}", log)
    deadline = time.time() + startup_timeout
    while time.time() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"the server exited with {proc.returncode}: {log.read_text(errors='replace')[-2000:]}")
        try:
            if srv.get("/health", timeout=2)[0] == 200:
                return srv
        except OSError:
            pass
        time.sleep(0.3)
    srv.stop()
    raise RuntimeError(f"the server did not start within {startup_timeout} s")


def post(url: str, body: dict, timeout: float) -> dict:
    """One request: status, latency, Retry-After; a timeout or a broken connection is recorded, not raised."""
    data = json.dumps(body).encode()
    req = urllib.request.Request(url, data=data, headers={"Content-Type": "application/json"}, method="POST")
    t0 = time.perf_counter()
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            r.read()
            return {"status": r.status, "s": time.perf_counter() - t0, "retry_after": r.headers.get("Retry-After")}
    except urllib.error.HTTPError as e:
        e.read()
        return {"status": e.code, "s": time.perf_counter() - t0, "retry_after": e.headers.get("Retry-After")}
    except (TimeoutError, socket.timeout):
        return {"status": "timeout", "s": time.perf_counter() - t0, "retry_after": None}
    except (urllib.error.URLError, ConnectionError, OSError) as e:
        reason = getattr(e, "reason", e)
        kind = "timeout" if isinstance(reason, (TimeoutError, socket.timeout)) else "connection_error"
        return {"status": kind, "s": time.perf_counter() - t0, "retry_after": None}


def _varied_sentences(i: int, k: int = 3) -> list[str]:
    """``k`` sentences of the tiny corpus, each with two inner words swapped at random: distinct
    sentences per request, so the translation cache cannot answer for the model."""
    import random

    corpus = [x for x in (ROOT / "service" / "testing" / "corpus_id.txt").read_text(encoding="utf-8").splitlines() if x.strip()]
    rnd = random.Random(i)
    out = []
    for s in rnd.sample(corpus, k):
        w = s.split()
        if len(w) > 4:
            a, b = rnd.sample(range(1, len(w) - 1), 2)
            w[a], w[b] = w[b], w[a]
        out.append(" ".join(w))
    return out


def request_plan(n: int) -> list[tuple[str, dict]]:
    """A mix of the three operations; every article differs (a number and three varied sentences)."""
    plan = []
    for i in range(n):
        text = BASE_ARTICLE.format(n=1500 + i) + "\n\n" + " ".join(_varied_sentences(i))
        op = ("translate", "attributions", "report")[i % 3]
        body = {"text": text}
        if op == "report":
            body["sources"] = {"BBC": SOURCE_BBC}
        plan.append((f"/api/v1/{op}", body))
    return plan


def pct(xs: list[float], q: float) -> float | None:
    if not xs:
        return None
    xs = sorted(xs)
    return round(xs[min(len(xs) - 1, max(0, int(round(q * (len(xs) - 1)))))], 3)


def fast_registry(out: Path) -> Path:
    """A copy of the registry whose translation entry generates greedily and briefly (1 beam, 16
    new tokens): a random-weight model never ends a sentence, so the defaults make every request
    run to the length cap."""
    import re

    text = (ROOT / "models" / "registry.toml").read_text(encoding="utf-8")
    head, sep, rest = text.partition("[models.opus-mt-id-en.generation]")
    body, nxt, tail = rest.partition("\n[")
    body2 = re.sub(r"(?m)^num_beams = \d+", "num_beams = 1", body)
    body2 = re.sub(r"(?m)^max_new_tokens = \d+", "max_new_tokens = 16", body2)
    if not sep or body2 == body:
        raise RuntimeError("models/registry.toml changed shape: cannot make the fast copy")
    out.write_text(head + sep + body2 + nxt + tail, encoding="utf-8")
    return out


@dataclass
class _Session:
    """What one load run saw: every request's outcome and the server's state around them."""

    results: list[dict]
    wall: float
    checkpoints: dict[int, int]  # requests done → server RSS (kB) then
    rss_idle: int | None
    alive: bool
    health_status: int
    health: dict
    hwm: int | None
    samples: list[int]


def run_load(requests: int = 200, concurrency: int = 16, timeout: float = 300, max_concurrency: int = 2,
             queue_seconds: float = 30, model: str | None = None, work_dir: Path | None = None,
             fast: bool = False) -> dict:
    tmp = Path(work_dir or tempfile.mkdtemp(prefix="lintas-load-"))
    srv = start_server(_server_env(tmp, model, max_concurrency, queue_seconds, fast), tmp)
    try:
        s = _drive(srv, requests, concurrency, timeout)
    finally:
        srv.stop()
    return {
        "requests": requests,
        "concurrency": concurrency,
        "server": {"max_concurrency": max_concurrency, "queue_seconds": queue_seconds, "alive_after": s.alive,
                   "health_after": s.health_status, "generation": "fast (1 beam, 16 tokens)" if fast else "registry defaults"},
        "counts": _counts(s.results, requests),
        "latency_s": _latency(s.results),
        "wall_s": round(s.wall, 1),
        "throughput_rps": round(sum(1 for r in s.results if r["status"] == 200) / s.wall, 2) if s.wall else None,
        "server_rss_mb": _rss_mb(s, requests),
        "model_loads": {k: v for k, v in (s.health.get("model_loads") or {}).items()},
    }


def _server_env(tmp: Path, model: str | None, max_concurrency: int, queue_seconds: float, fast: bool) -> dict[str, str]:
    """The server process's settings (its environment): the model (a tiny random Marian built in
    ``tmp`` by default), the request gate, and with ``fast`` a registry copy with brief generation."""
    if model is None:
        from service.testing.tiny import build_marian

        model = str(build_marian(tmp / "tiny-marian"))
    env = {"LINTAS_MODEL_PATH_OPUS_MT_ID_EN": model, "LINTAS_MAX_CONCURRENCY": str(max_concurrency),
           "LINTAS_QUEUE_SECONDS": str(queue_seconds)}
    if fast:
        env["LINTAS_REGISTRY"] = str(fast_registry(tmp / "registry-fast.toml"))
    return env


def _drive(srv: Server, requests: int, concurrency: int, timeout: float) -> _Session:
    """The request plan from ``concurrency`` client threads; the server's RSS before, at half and at the end."""
    rss_idle, _ = rss_kb(srv.proc.pid)
    srv.sample_memory()
    plan = request_plan(requests)
    done = []
    checkpoints = {}
    lock = threading.Lock()

    def one(item):
        path, body = item
        r = post(srv.url + path, body, timeout)
        r["op"] = path.rsplit("/", 1)[1]
        with lock:
            done.append(r)
            k = len(done)
            if k in (requests // 2, requests):
                checkpoints[k] = rss_kb(srv.proc.pid)[0]
        return r

    t0 = time.perf_counter()
    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        results = list(pool.map(one, plan))
    wall = time.perf_counter() - t0
    alive = srv.proc.poll() is None
    health_status, health = srv.get("/health")
    _, hwm = rss_kb(srv.proc.pid)
    return _Session(results, wall, checkpoints, rss_idle, alive, health_status, health, hwm, srv.samples)


def _counts(results: list[dict], requests: int) -> dict:
    statuses: dict[str, int] = {}
    for r in results:
        statuses[str(r["status"])] = statuses.get(str(r["status"]), 0) + 1
    ok = [r for r in results if r["status"] == 200]
    refused = [r for r in results if r["status"] in (429, 503)]
    return {
        "ok_200": len(ok),
        "refused_429_503": len(refused),
        "refused_without_retry_after": sum(1 for r in refused if not r["retry_after"]),
        "other_status": sum(1 for r in results if isinstance(r["status"], int) and r["status"] not in (200, 429, 503)),
        "timeouts": sum(1 for r in results if r["status"] == "timeout"),
        "connection_errors": sum(1 for r in results if r["status"] == "connection_error"),
        "lost": requests - (len(ok) + len(refused)),
        "by_status": statuses,
    }


def _latency(results: list[dict]) -> dict:
    ok = [r for r in results if r["status"] == 200]
    by_op = {}
    for op in ("translate", "attributions", "report"):
        lat = [r["s"] for r in ok if r["op"] == op]
        by_op[op] = {"ok": len(lat), "p50_s": pct(lat, 0.5), "p95_s": pct(lat, 0.95)}
    return {"p50": pct([r["s"] for r in ok], 0.5), "p95": pct([r["s"] for r in ok], 0.95),
            "max": round(max((r["s"] for r in results), default=0), 3),
            "mean": round(statistics.fmean([r["s"] for r in ok]), 3) if ok else None, "by_operation": by_op}


def _rss_mb(s: _Session, requests: int) -> dict:
    cp, samples = s.checkpoints, s.samples
    return {
        "idle_after_start": round(s.rss_idle / 1024, 1) if s.rss_idle else None,
        "at_half": round(cp.get(requests // 2, 0) / 1024, 1) if cp.get(requests // 2) else None,
        "at_end": round(cp.get(requests, 0) / 1024, 1) if cp.get(requests) else None,
        "max_sampled": round(max(samples) / 1024, 1) if samples else None,
        "peak_vmhwm": round(s.hwm / 1024, 1) if s.hwm else None,
    }


class HealthPoller:
    """``/health`` every ``every`` seconds on its own thread: each answer's latency and the gaps
    between answers."""

    def __init__(self, url: str, every: float = 0.1, timeout: float = 30):
        self.url, self.every, self.timeout = url, every, timeout
        self.latencies: list[float] = []
        self.answered_at: list[float] = []
        self.failures = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)

    def _loop(self) -> None:
        while not self._stop.is_set():
            t0 = time.perf_counter()
            try:
                with urllib.request.urlopen(self.url + "/health", timeout=self.timeout) as r:
                    r.read()
                    ok = r.status == 200
            except OSError:
                ok = False
            t1 = time.perf_counter()
            if ok:
                self.latencies.append(t1 - t0)
                self.answered_at.append(t1)
            else:
                self.failures += 1
            self._stop.wait(self.every)

    def __enter__(self) -> "HealthPoller":
        self.started = time.perf_counter()
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join(self.timeout + 5)
        self.ended = time.perf_counter()

    def summary(self) -> dict:
        marks = [self.started, *self.answered_at, self.ended]
        gaps = [b - a for a, b in zip(marks, marks[1:])]
        worst = max(range(len(gaps)), key=gaps.__getitem__) if gaps else 0
        return {"longest_gap_began_s": round(marks[worst] - self.started, 3) if gaps else None,"polls": len(self.latencies) + self.failures, "failures": self.failures,
                "p50_s": pct(self.latencies, 0.5), "p95_s": pct(self.latencies, 0.95),
                "max_s": round(max(self.latencies, default=0), 3), "longest_gap_s": round(max(gaps, default=0), 3)}


def run_starvation(requests: int = 60, timeout: float = 300, max_concurrency: int = 2, queue_seconds: float = 30,
                   model: str | None = None, work_dir: Path | None = None, fast: bool = True) -> dict:
    """``requests`` translations at once while ``/health`` is polled (issue #20's starvation case)."""
    tmp = Path(work_dir or tempfile.mkdtemp(prefix="lintas-starve-"))
    srv = start_server(_server_env(tmp, model, max_concurrency, queue_seconds, fast), tmp)
    try:
        plan = [("/api/v1/translate", {"text": BASE_ARTICLE.format(n=1500 + i) + "\n\n" + " ".join(_varied_sentences(i))})
                for i in range(requests)]
        t0 = time.perf_counter()
        with HealthPoller(srv.url) as poller, ThreadPoolExecutor(max_workers=requests) as pool:
            results = list(pool.map(lambda item: post(srv.url + item[0], item[1], timeout), plan))
        wall = time.perf_counter() - t0
        alive = srv.proc.poll() is None
    finally:
        srv.stop()
    for r in results:
        r["op"] = "translate"
    refused = [r["s"] for r in results if r["status"] in (429, 503)]
    return {"scenario": "starvation", "requests": requests, "wall_s": round(wall, 1), "alive_after": alive,
            "server": {"max_concurrency": max_concurrency, "queue_seconds": queue_seconds},
            "counts": _counts(results, requests), "latency_s": _latency(results),
            "refused_after_s": {"max": round(max(refused, default=0), 3)}, "health": poller.summary()}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m eval.load", description=__doc__.split("\n\n")[0])
    ap.add_argument("--requests", type=int, default=200)
    ap.add_argument("--concurrency", type=int, default=16, help="client threads")
    ap.add_argument("--timeout", type=float, default=300, help="client timeout per request, seconds")
    ap.add_argument("--max-concurrency", type=int, default=2, help="the server's LINTAS_MAX_CONCURRENCY")
    ap.add_argument("--queue-seconds", type=float, default=30, help="the server's LINTAS_QUEUE_SECONDS")
    ap.add_argument("--model", default=None, help="translation model directory (default: a tiny random Marian built now)")
    ap.add_argument("--fast", action="store_true", help="greedy, 16-token generation (a registry copy): measures the server, not the model")
    ap.add_argument("--starvation", action="store_true",
                    help="the starvation scenario: --requests translations at once (default 60) while /health is polled")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    if args.starvation:
        return _main_starvation(args)
    res = run_load(args.requests, args.concurrency, args.timeout, args.max_concurrency, args.queue_seconds, args.model,
                   fast=args.fast)
    import platform

    res["signature"] = {"python": platform.python_version(), "cpus": os.cpu_count(),
                        "model": args.model or "tiny random Marian (service.testing.tiny)", "date": time.strftime("%Y-%m-%d")}
    if args.json:
        print(json.dumps(res, indent=2))
    else:
        c, lat, mem = res["counts"], res["latency_s"], res["server_rss_mb"]
        print(f"{res['requests']} requests, {res['concurrency']} concurrent, server gate {args.max_concurrency} "
              f"(queue {args.queue_seconds:g} s), generation: {res['server']['generation']}, wall {res['wall_s']} s")
        print(f"ok 200: {c['ok_200']}  refused 429/503: {c['refused_429_503']} (without Retry-After: "
              f"{c['refused_without_retry_after']})  other: {c['other_status']}  timeouts: {c['timeouts']}  "
              f"connection errors: {c['connection_errors']}  lost: {c['lost']}")
        print(f"latency (200s): p50 {lat['p50']} s  p95 {lat['p95']} s  max {lat['max']} s")
        for op, v in lat["by_operation"].items():
            print(f"  {op:<13} ok {v['ok']:>4}  p50 {v['p50_s']} s  p95 {v['p95_s']} s")
        print(f"server RSS MB: idle {mem['idle_after_start']}, at half {mem['at_half']}, at end {mem['at_end']}, "
              f"max sampled {mem['max_sampled']}, peak (VmHWM) {mem['peak_vmhwm']}")
        print(f"model loads: {res['model_loads']}  server alive after: {res['server']['alive_after']}")
        print("signature: " + json.dumps(res["signature"]))
    c = res["counts"]
    bad = c["lost"] or c["refused_without_retry_after"] or c["other_status"] or not res["server"]["alive_after"]
    return 1 if bad else 0


def _main_starvation(args) -> int:
    n = args.requests if args.requests != 200 else 60
    res = run_starvation(n, args.timeout, args.max_concurrency, args.queue_seconds, args.model, fast=True)
    if args.json:
        print(json.dumps(res, indent=2))
    else:
        c, lat, h = res["counts"], res["latency_s"], res["health"]
        print(f"starvation: {n} translations at once, server gate {args.max_concurrency} (queue {args.queue_seconds:g} s), "
              f"wall {res['wall_s']} s")
        print(f"ok 200: {c['ok_200']}  refused 429/503: {c['refused_429_503']} (latest after {res['refused_after_s']['max']} s; "
              f"without Retry-After: {c['refused_without_retry_after']})  other: {c['other_status']}  lost: {c['lost']}")
        print(f"translate latency (200s): p50 {lat['p50']} s  p95 {lat['p95']} s  max {lat['max']} s")
        print(f"/health: {h['polls']} polls, {h['failures']} failed, p50 {h['p50_s']} s, p95 {h['p95_s']} s, "
              f"max {h['max_s']} s, longest gap between answers {h['longest_gap_s']} s")
    c = res["counts"]
    return 1 if c["lost"] or c["other_status"] or res["health"]["failures"] or not res["alive_after"] else 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
