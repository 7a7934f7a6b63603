"""Issue #19: Ray is optional. The local engine, the CLI and every module but service/batch_ray.py
run without importing it; the engines are chosen by name, the Ray engine's options refused on the
local one."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from service.batch import run

REPO = Path(__file__).resolve().parent.parent

NO_RAY = r"""
import importlib, json, pkgutil, sys
from pathlib import Path
import service
mods = [m.name for m in pkgutil.walk_packages(service.__path__, "service.") if m.name not in ("service.batch_ray", "service.__main__")]
for m in mods:
    importlib.import_module(m)
from service.cli import main
inp, out = Path(sys.argv[1]), Path(sys.argv[2])
inp.write_text(json.dumps({"id": "a", "text": "Menurut BBC, harga naik. Warga protes."}) + "\n", encoding="utf-8")
rc = main(["batch", str(inp), "-o", str(out), "--operation", "attributions", "--no-progress"])
print(json.dumps({"rc": rc, "modules": len(mods), "ray": sorted(k for k in sys.modules if k == "ray" or k.startswith("ray."))}))
"""


def test_lintas_and_its_local_batch_never_import_ray(tmp_path):
    r = subprocess.run([sys.executable, "-c", NO_RAY, str(tmp_path / "in.jsonl"), str(tmp_path / "out.jsonl")],
                       capture_output=True, text=True, timeout=300, cwd=REPO)
    assert r.returncode == 0, r.stderr[-2000:]
    got = json.loads(r.stdout.strip().splitlines()[-1])
    assert got["rc"] == 0 and got["modules"] > 40
    assert got["ray"] == [], "only service/batch_ray.py imports Ray"
    assert json.loads((tmp_path / "out.jsonl").read_text())["ok"] is True


def test_only_the_ray_module_imports_ray():
    """By the syntax trees: no other module of service/ or eval/ names ray in an import (eval's
    batch benchmark starts Ray through service.batch like any user)."""
    import ast

    found = []
    for pkg in ("service", "eval"):
        for p in (REPO / pkg).rglob("*.py"):
            for node in ast.walk(ast.parse(p.read_text(encoding="utf-8"))):
                names = [a.name for a in node.names] if isinstance(node, ast.Import) else (
                    [node.module or ""] if isinstance(node, ast.ImportFrom) and not node.level else [])
                if any(n == "ray" or n.startswith("ray.") for n in names):
                    found.append(p.relative_to(REPO).as_posix())
    assert sorted(set(found)) == ["service/batch_ray.py"]


def test_engines_by_name_and_ray_options_refused_locally(tmp_path):
    inp = tmp_path / "in.jsonl"
    inp.write_text(json.dumps({"id": "a", "text": "Menurut BBC, harga naik."}) + "\n", encoding="utf-8")
    with pytest.raises(Exception, match="Unknown batch engine 'spark'"):
        run(inp, tmp_path / "o1.jsonl", engine="spark")
    with pytest.raises(Exception, match="workers: options of the Ray engine"):
        run(inp, tmp_path / "o2.jsonl", operation="attributions", workers=2)
    assert run(inp, tmp_path / "o3.jsonl", operation="attributions", address=None) == {"total": 1, "ok": 1, "failed": 0, "skipped": 0}


def test_settings_travel_to_workers_whole():
    """The Ray engine sends the driver's Settings to its workers: pickled and back, equal, with
    their read-only maps and origins."""
    import pickle
    from types import MappingProxyType

    from service.settings import Settings

    s = Settings.load(env={"LINTAS_MODEL_PATH_OPUS_MT_ID_EN": "/models/opus", "LINTAS_THREADS": "1"}, max_chars=5000)
    t = pickle.loads(pickle.dumps(s))
    assert t == s and t.model_path("opus-mt-id-en") == "/models/opus" and t.max_chars == 5000
    assert isinstance(t.model_paths, MappingProxyType) and t.origins["threads"] == "env LINTAS_THREADS"


def test_a_runtime_env_reaches_ray_with_the_offline_setting_kept(monkeypatch):
    """``runtime_env`` (Ray's own: env_vars, pip, worker_process_setup_hook…) goes to the Ray the
    engine starts or joins; the offline setting's HF_HUB_OFFLINE=1 is added and is not overridden."""
    pytest.importorskip("ray")
    import ray

    from service import batch_ray
    from service.errors import ConfigError
    from service.settings import Settings

    seen = {}
    monkeypatch.setattr(ray, "is_initialized", lambda: False)
    monkeypatch.setattr(ray, "init", lambda **kw: seen.update(kw))
    env = {"env_vars": {"A": "1", "HF_HUB_OFFLINE": "0"}, "worker_process_setup_hook": "m.f"}
    opts = batch_ray.RayOptions(address="ray://head:10001", runtime_env=env)
    assert batch_ray.connect(opts, Settings.load(env={}, no_download=True)) is True
    assert seen["address"] == "ray://head:10001"
    assert seen["runtime_env"] == {"env_vars": {"A": "1", "HF_HUB_OFFLINE": "1"}, "worker_process_setup_hook": "m.f"}
    assert env["env_vars"]["HF_HUB_OFFLINE"] == "0", "the caller's dict is not changed"
    seen.clear()
    batch_ray.connect(batch_ray.RayOptions(), Settings.load(env={}))
    assert "runtime_env" not in seen and seen["include_dashboard"] is False
    with pytest.raises(ConfigError, match="runtime_env"):
        batch_ray.run_ray("in.jsonl", "out.jsonl", runtime_env=["not", "a", "dict"])


def test_the_device_setting_reaches_the_ray_workers():
    """``device = cuda`` holds on the Ray engine as on the other surfaces: workers with GPUs run
    on cuda; without GPUs per worker the run is refused before Ray starts, never run on CPU."""
    pytest.importorskip("ray")
    from service import batch_ray
    from service.errors import ConfigError
    from service.settings import Settings

    cuda, cpu = Settings.load(env={}, device="cuda"), Settings.load(env={})
    assert batch_ray.worker_device(cuda, batch_ray.RayOptions(gpus_per_worker=1)) == "cuda"
    assert batch_ray.worker_device(cpu, batch_ray.RayOptions(gpus_per_worker=0.5)) == "cuda"
    assert batch_ray.worker_device(cpu, batch_ray.RayOptions()) == "cpu"
    with pytest.raises(ConfigError, match="gpus-per-worker"):
        batch_ray.worker_device(cuda, batch_ray.RayOptions())
    with pytest.raises(ConfigError, match="gpus-per-worker"):
        batch_ray.run_ray("in.jsonl", "out.jsonl", settings=cuda)


def test_the_cli_passes_a_runtime_env_and_refuses_what_is_not_a_json_object(monkeypatch, tmp_path, capsys):
    """``--runtime-env-json`` reaches the Ray engine as a dict (with ``--articles-per-call`` and ``--calls-per-worker``); bad
    JSON and a JSON list are usage errors (exit 2) before anything runs; the local engine refuses it (exit 3, as any Ray option there)."""
    import service.batch as batch
    from service.cli import main

    seen = {}

    def fake_run(inp, out, **kw):
        seen.update(kw)
        return {"total": 0, "ok": 0, "failed": 0, "skipped": 0,
                "stats": {"articles_per_s": 0, "wall_s": 0, "workers": 1, "nodes": {}}}

    monkeypatch.setattr(batch, "run", fake_run)
    inp = tmp_path / "in.jsonl"
    inp.write_text("{}\n", encoding="utf-8")
    env = '{"env_vars": {"A": "1"}, "pip": ["x==1"]}'
    assert main(["batch", str(inp), "-o", str(tmp_path / "o.jsonl"), "--engine", "ray", "--runtime-env-json", env,
                 "--articles-per-call", "4", "--calls-per-worker", "3"]) == 0
    assert seen["runtime_env"] == {"env_vars": {"A": "1"}, "pip": ["x==1"]} and seen["articles_per_call"] == 4
    assert seen["calls_per_worker"] == 3
    for bad, why in (("{pip: [x]}", "not JSON"), ('["pip"]', "a JSON object")):
        with pytest.raises(SystemExit) as e:
            main(["batch", str(inp), "-o", str(tmp_path / "o2.jsonl"), "--engine", "ray", "--runtime-env-json", bad])
        assert e.value.code == 2 and why in capsys.readouterr().err
    monkeypatch.undo()
    assert main(["batch", str(inp), "-o", str(tmp_path / "o3.jsonl"), "--runtime-env-json", "{}", "--no-progress"]) == 3  # a configuration error
    assert "runtime_env: options of the Ray engine" in capsys.readouterr().err


@pytest.mark.parametrize("bad", [{"workers": 0}, {"cpus_per_worker": 0}, {"articles_per_call": 0}, {"calls_per_worker": 0}])
def test_ray_options_out_of_range_are_refused(bad):
    """A Ray option out of range is a ConfigError (a usage error) before Ray starts."""
    from service import batch_ray
    from service.errors import ConfigError

    with pytest.raises(ConfigError):
        batch_ray.RayOptions(**bad).check()


@pytest.fixture
def planned(monkeypatch):
    """Starts ``batch_ray.start_workers`` without Ray: returns a function (settings, RayOptions) →
    the actor options and each actor's constructor arguments."""
    import ray

    from service import batch_ray

    seen = {}

    class FakeActorClass:
        def options(self, **kw):
            seen["options"] = kw
            return self

        def remote(self, **kw):
            seen.setdefault("workers", []).append(kw)
            return object()

    monkeypatch.setattr(ray, "remote", lambda cls: FakeActorClass())

    def plan(settings, opts):
        seen.clear()
        batch_ray.start_workers("", True, settings, opts, "translate", None, set())
        return dict(seen)

    return plan


def test_a_worker_runs_calls_per_worker_calls_at_once(planned):
    """Each worker runs ``calls_per_worker`` calls at once (threads sharing its model queue), with
    threads for all their articles; workers spread over the nodes; restarts and retries bounded."""
    from service import batch_ray
    from service.settings import Settings

    seen = planned(Settings.load(env={}), batch_ray.RayOptions(workers=2, articles_per_call=4, calls_per_worker=3))
    assert seen["options"] == {"num_cpus": 1.0, "num_gpus": None, "max_restarts": batch_ray.RETRIES,
                               "max_task_retries": batch_ray.RETRIES, "max_concurrency": 3, "scheduling_strategy": "SPREAD"}
    assert len(seen["workers"]) == 2 and seen["workers"][0]["threads"] == 12


def test_one_core_workers_take_turns_and_wider_ones_do_not(planned, monkeypatch):
    """A worker with one CPU (one model thread) runs its articles and its model rounds in turns
    (OneAtATime in its pool's micro-batcher); one with more cores, a user's ``threads``, or a GPU
    does not."""
    import ray

    from service import batch_ray
    from service.settings import Settings

    def one_core(settings, **opts):
        return planned(settings, batch_ray.RayOptions(workers=1, **opts))["workers"][0]["one_core"]

    plain = Settings.load(env={})
    assert one_core(plain) is True
    assert one_core(plain, cpus_per_worker=2) is False
    assert one_core(Settings.load(env={}, threads=4)) is False
    assert one_core(plain, gpus_per_worker=1) is False

    # built outside Ray (its node id faked: asking Ray's runtime context would start a Ray here)
    monkeypatch.setattr(ray, "get_runtime_context", lambda: type("Ctx", (), {"get_node_id": lambda self: "node"})())
    worker = batch_ray.ArticleWorker(plain, "translate", None, "", True, 2, "cpu", one_core=True)
    assert worker.turn is not None and worker.pool.turn is worker.turn
    assert batch_ray.ArticleWorker(plain, "translate", None, "", True, 2, "cpu").pool.turn is None


def test_a_local_ray_runs_no_more_workers_than_fit_and_refuses_none(monkeypatch):
    """On the Ray a run starts on this machine, a worker that could never be placed would hold its
    calls for ever: the pool is cut to what fits, and a worker that fits nowhere (a GPU asked of a
    machine without one) is refused before the job. A cluster joined by address may grow: as asked."""
    import ray

    from service import batch_ray
    from service.errors import ConfigError

    monkeypatch.setattr(ray, "cluster_resources", lambda: {"CPU": 2.0})
    assert batch_ray.pool_size(batch_ray.RayOptions(workers=4), fixed=True) == 2
    assert batch_ray.pool_size(batch_ray.RayOptions(), fixed=True) == 2
    assert batch_ray.pool_size(batch_ray.RayOptions(cpus_per_worker=2), fixed=True) == 1
    assert batch_ray.pool_size(batch_ray.RayOptions(workers=4), fixed=False) == 4
    with pytest.raises(ConfigError, match="not enough for one worker"):
        batch_ray.pool_size(batch_ray.RayOptions(gpus_per_worker=1), fixed=True)
    with pytest.raises(ConfigError, match="not enough for one worker"):
        batch_ray.pool_size(batch_ray.RayOptions(cpus_per_worker=3), fixed=True)


def test_feed_gives_no_more_calls_to_a_worker_gone_for_good(monkeypatch):
    """The driver's feed, with fake workers: every block goes to a worker with a free call slot
    (at most ``calls_per_worker`` at once each); a worker gone for good (RayActorError) takes no
    more calls, so the rest goes to the live one; what the dead worker held is left to the sweep."""
    import pyarrow as pa
    import ray

    from service import batch_ray

    class Ref:
        def __init__(self, worker, block):
            self.worker, self.block = worker, block

    class Worker:
        def __init__(self, dead: bool):
            self.dead, self.calls, self.in_flight, self.most = dead, [], 0, 0
            worker = self

            class Call:
                @staticmethod
                def remote(block):
                    worker.calls.append(block)
                    worker.in_flight += 1
                    worker.most = max(worker.most, worker.in_flight)
                    return Ref(worker, block)

            self.__dict__["__call__"] = Call

    def get(ref):
        ref.worker.in_flight -= 1
        if ref.worker.dead:
            raise ray.exceptions.RayActorError()
        return ref.block

    monkeypatch.setattr(ray, "wait", lambda refs, num_returns=1: (refs[:1], refs[1:]))
    monkeypatch.setattr(ray, "get", get)
    dead, live = Worker(dead=True), Worker(dead=False)
    blocks = iter([pa.table({"file": ["in.jsonl"], "line": [i], "raw": ["{}"]}) for i in range(10)])
    made = []
    error = batch_ray.feed([dead, live], batch_ray.Calls(blocks, 1), 2, lambda t: made.extend(t.column("line").to_pylist()))
    assert len(dead.calls) == 2, "the dead worker got its first two calls and no more"
    # one free slot per worker in turn: the first four blocks go dead, live, dead, live
    assert [b.column("line")[0].as_py() for b in dead.calls] == [0, 2] and live.calls[0].column("line")[0].as_py() == 1
    assert sorted(made) == sorted(b.column("line")[0].as_py() for b in live.calls) and len(made) == 8
    assert live.most <= 2 and "RayActorError" in error


def test_calls_are_full_and_a_resumed_run_sends_no_done_article():
    """The driver cuts the input into calls of ``articles_per_call``, whatever the blocks it reads;
    every article once, in order. Rows a resumed run already made are dropped before any call, so
    the calls stay full."""
    import pyarrow as pa

    from service import batch_ray

    def blocks(n, per):
        rows = [{"file": "in.jsonl", "line": i, "raw": "{}"} for i in range(1, n + 1)]
        return iter([pa.Table.from_pylist(rows[i:i + per], schema=batch_ray.ROW_SCHEMA) for i in range(0, n, per)])

    def cut(calls):
        out = []
        while (call := calls.next()) is not None:
            out.append(call.column("line").to_pylist())
        return out

    made = cut(batch_ray.Calls(blocks(10, 3), 4))
    assert [len(c) for c in made] == [4, 4, 2] and sum(made, []) == list(range(1, 11))
    done = {batch_ray.row_key(None, i) for i in (1, 2, 3, 5, 8)}
    resumed = cut(batch_ray.Calls(blocks(10, 2), 4, keep=lambda r: batch_ray.row_key(None, r["line"]) not in done))
    assert resumed == [[4, 6, 7, 9], [10]]


def test_calls_take_the_longest_articles_first_within_the_look_ahead():
    """Longest first: each call takes the longest articles of the rows read ahead (the short ones
    are left for the end, so the workers finish together); every article once, a call's articles
    in input order; the look-ahead bounds what is read before the first call."""
    import pyarrow as pa

    from service import batch_ray

    sizes = [1, 5, 3, 8, 2, 7, 4, 6]  # raw length of lines 1…8

    def blocks(per):
        rows = [{"file": "in.jsonl", "line": i, "raw": "x" * n} for i, n in enumerate(sizes, 1)]
        return iter([pa.Table.from_pylist(rows[i:i + per], schema=batch_ray.ROW_SCHEMA) for i in range(0, len(rows), per)])

    def cut(calls):
        out = []
        while (call := calls.next()) is not None:
            out.append(call.column("line").to_pylist())
        return out

    assert cut(batch_ray.Calls(blocks(3), 2, ahead=8)) == [[4, 6], [2, 8], [3, 7], [1, 5]]
    assert cut(batch_ray.Calls(blocks(2), 2, ahead=4)) == [[2, 4], [3, 6], [7, 8], [1, 5]]
