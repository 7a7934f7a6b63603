"""Issue #19: ``lintas batch --engine ray`` on a local Ray with 2 CPUs (one Ray for the module,
loopback only, a small object store): the local engine's records, record for record; broken inputs
recorded; a worker killed mid-job; a stopped job resumed, on both engines."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from .raybatch import BROKEN, ENV_KEYS, by_line, records, tiny_registry_env, write_articles

ray = pytest.importorskip("ray")

from service.batch import run  # noqa: E402
from service.settings import Settings  # noqa: E402

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def tiny_env(tiny_marian, tmp_path_factory):
    """The tiny Marian as the registry's translation model, one model thread: set in this process's
    environment (the local engine reads it) and in the Settings both engines are given."""
    keep = {k: os.environ.get(k) for k in ENV_KEYS}
    os.environ.update(tiny_registry_env(tiny_marian, tmp_path_factory.mktemp("registry")))
    yield Settings.load()
    for k, v in keep.items():
        if v is None:
            os.environ.pop(k, None)
        else:
            os.environ[k] = v


@pytest.fixture(scope="module")
def local_ray(tiny_env):
    ray.init(num_cpus=2, object_store_memory=150 * 1024**2, include_dashboard=False, _node_ip_address="127.0.0.1",
             log_to_driver=False)
    yield ray
    ray.shutdown()


@pytest.fixture(scope="module")
def hundred(tmp_path_factory, tiny_env):
    """100 articles and 3 broken inputs, run once by the local engine (the reference)."""
    d = tmp_path_factory.mktemp("hundred")
    inp, out = d / "in.jsonl", d / "local.jsonl"
    ids = write_articles(inp, 100)
    counts = run(inp, out, settings=tiny_env)
    assert counts == {"total": 103, "ok": 100, "failed": BROKEN, "skipped": 0}
    return inp, out, ids


def test_hundred_articles_on_two_cpus_equal_the_local_engine(local_ray, hundred, tiny_env, tmp_path):
    inp, local_out, ids = hundred
    out = tmp_path / "ray.jsonl"
    seen = []
    totals = set()
    counts = run(inp, out, engine="ray", settings=tiny_env, workers=2,
                 progress=lambda done, total: (seen.append(done), totals.add(total)))
    assert totals == {103}, "progress knows how many articles the input has"
    assert (counts["total"], counts["ok"], counts["failed"], counts["skipped"]) == (103, 100, BROKEN, 0)
    steps = [b - a for a, b in zip([0] + seen, seen)]
    assert max(steps) <= 4 and len(steps) == 26, f"records come back after every call of 4 articles: {steps}"
    recs = records(out)
    got = [r["id"] for r in recs if r["ok"]]
    assert sorted(got) == ids, "every input id once"
    assert by_line(recs) == by_line(records(local_out)), "the local engine's records, apart from timings"
    errors = {r["id"]: r["error"]["code"] for r in recs if not r["ok"]}
    assert errors == {"35": "bad_input", "53": "bad_input", "bad-empty": "empty_input"}  # a bad line: its number
    assert recs[0]["report"]["article"]["sentences"][0]["translation"], "translated by the model"
    st = counts["stats"]
    assert st["workers"] == 2 and sum(st["processes"].values()) == 103 and st["worker_lost"] == 0
    assert len(st["processes"]) == 2, "both workers took articles"


def test_parquet_in_and_out(local_ray, tiny_env, tmp_path):
    """A folder of Parquet files in, a Parquet folder out: the same reports as JSONL in/out."""
    pa = pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq

    folder = tmp_path / "wires"
    folder.mkdir()
    rows = [{"id": f"p{i}", "text": f"Judul {i}\n\nMenurut BBC, harga naik {i} persen. Warga protes."} for i in range(6)]
    pq.write_table(pa.Table.from_pylist(rows[:3]), folder / "a.parquet")
    pq.write_table(pa.Table.from_pylist(rows[3:] + [{"id": "p-empty", "text": ""}]), folder / "b.parquet")
    out = tmp_path / "out.parquet"
    counts = run(folder, out, engine="ray", operation="attributions", settings=tiny_env, workers=2)
    assert (counts["ok"], counts["failed"]) == (6, 1)
    table = pq.read_table(out).to_pylist()
    assert sorted(r["id"] for r in table) == sorted([r["id"] for r in rows] + ["p-empty"])
    assert sorted((r["file"], r["line"]) for r in table) == [("a.parquet", i) for i in (1, 2, 3)] + [("b.parquet", i) for i in (1, 2, 3, 4)]
    jsonl = tmp_path / "in.jsonl"
    jsonl.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    run(jsonl, tmp_path / "ref.jsonl", operation="attributions", settings=tiny_env)
    ref = {r["id"]: r["report"] for r in records(tmp_path / "ref.jsonl")}
    for r in table:
        if r["ok"]:
            rep = json.loads(r["report"])
            rep.pop("timings"), ref[r["id"]].pop("timings", None)
            assert rep == ref[r["id"]]


def test_input_blocks_are_one_worker_call_each(local_ray, tmp_path):
    """Ray Data gathers a read into blocks by size (a small file is one block, then split in four):
    the engine asks for one block per worker call, JSONL and Parquet alike."""
    pa = pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq

    from service.batch_ray import count_rows, read_dataset

    (tmp_path / "a.jsonl").write_text("".join(f'{{"text": "t {i}"}}\n' + ("\n" if i % 7 == 0 else "") for i in range(37)),
                                      encoding="utf-8")
    pq.write_table(pa.Table.from_pylist([{"id": str(i), "text": "x"} for i in range(37)]), tmp_path / "b.parquet")
    for path, kind in ((tmp_path / "a.jsonl", "jsonl"), (tmp_path / "b.parquet", "parquet")):
        assert count_rows([str(path)], kind) == 37
        sizes = [len(b) for b in read_dataset([str(path)], kind, 5).iter_batches(batch_size=None, batch_format="pyarrow")]
        assert len(sizes) == 8 and max(sizes) <= 5 and sum(sizes) == 37, (kind, sizes)  # 8 calls of at most 5
    assert count_rows(["s3://bucket/wires.jsonl"], "jsonl") is None  # not counted: Ray's own blocks


def test_local_files_are_read_by_the_driver_as_ray_data_reads_them(local_ray, tmp_path):
    """Local inputs are cut into calls in the driver, by the same readers Ray Data runs for URIs:
    the same rows (file, line, text), in blocks of at most one call."""
    pa = pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq

    from service.batch_ray import input_blocks, read_dataset

    (tmp_path / "a.jsonl").write_bytes("".join(f'{{"text": "t {i} \u00e9"}}\n' + ("\n" if i % 7 == 0 else "") for i in range(23)).encode()
                                       + b'{"text": "bad \xff byte"}\nnot json\n')
    pq.write_table(pa.Table.from_pylist([{"id": str(i), "text": "x", "sources": [("BBC", "y")]} for i in range(11)],
                                        schema=pa.schema([("id", pa.string()), ("text", pa.string()),
                                                          ("sources", pa.map_(pa.string(), pa.string()))])),
                   tmp_path / "b.parquet")
    for path, kind in ((tmp_path / "a.jsonl", "jsonl"), (tmp_path / "b.parquet", "parquet")):
        mine = list(input_blocks([str(path)], kind, 4))
        ray_rows = [r for b in read_dataset([str(path)], kind, 4).iter_batches(batch_size=None, batch_format="pyarrow")
                    for r in b.to_pylist()]
        assert max(len(b) for b in mine) <= 4
        assert [r for b in mine for r in b.to_pylist()] == ray_rows, kind


def _worker_pids() -> list[int]:
    """The processes of this Ray's article workers (their process title names the class)."""
    pids = []
    for p in Path("/proc").iterdir():
        if p.name.isdigit():
            try:
                cmd = (p / "cmdline").read_bytes()
            except OSError:
                continue
            if cmd.startswith(b"ray::") and b"ArticleWorker" in cmd:  # Ray's title for the worker processes
                pids.append(int(p.name))
    return pids


def test_a_worker_killed_mid_job_loses_and_repeats_nothing(local_ray, tiny_env, tmp_path):
    inp, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    ids = write_articles(inp, 16)
    killed: list[int] = []

    def kill_one(done: int, _total: int) -> None:
        if done >= 4 and not killed:
            pids = _worker_pids()
            assert pids, "the article workers are running"
            os.kill(pids[0], signal.SIGKILL)
            killed.append(pids[0])

    counts = run(inp, out, engine="ray", settings=tiny_env, workers=2, articles_per_call=4, progress=kill_one)
    assert killed, "a worker was killed mid-job"
    recs = records(out)
    assert sorted(r["id"] for r in recs if r["ok"]) == ids
    assert len(recs) == len({(r["line"]) for r in recs}) == 19, "no line lost or repeated"
    assert counts["failed"] == BROKEN and counts["stats"]["worker_lost"] == 0, "Ray retried the lost batch"


@pytest.mark.parametrize("engine", ["local", "ray"])
def test_a_stopped_job_resumes_with_each_id_exactly_once(engine, local_ray, tiny_env, tmp_path):
    inp, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    ids = write_articles(inp, 24)

    def stop(done: int, _total: int) -> None:
        if done >= 6:
            raise KeyboardInterrupt  # as a user's Ctrl-C

    opts = {"workers": 2, "articles_per_call": 3} if engine == "ray" else {}
    with pytest.raises(KeyboardInterrupt):
        run(inp, out, engine=engine, operation="attributions", settings=tiny_env, progress=stop, **opts)
    first = len(records(out))
    assert 6 <= first < 27, "stopped after part of the output was written"
    with open(out, "ab") as f:
        f.write(b'{"id": "w0')  # and a torn last line, as a kill leaves one
    with pytest.raises(Exception, match="exists"):
        run(inp, out, engine=engine, operation="attributions", settings=tiny_env, **opts)
    counts = run(inp, out, engine=engine, operation="attributions", settings=tiny_env, resume=True, **opts)
    assert counts["skipped"] == first
    recs = records(out)
    assert sorted(r["id"] for r in recs if r["ok"]) == ids
    assert sorted(r["line"] for r in recs) == sorted({r["line"] for r in recs}) and len(recs) == 27


def test_the_cli_on_a_running_cluster_by_address(local_ray, tiny_env, tmp_path):
    """``lintas batch --engine ray --address …``: a second driver joins this module's Ray."""
    inp, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    ids = write_articles(inp, 6)
    address = ray.get_runtime_context().gcs_address
    r = subprocess.run([sys.executable, "-m", "service", "batch", str(inp), "-o", str(out), "--engine", "ray",
                        "--address", address, "--workers", "1", "--operation", "attributions", "--progress"],
                       capture_output=True, text=True, timeout=150, cwd=REPO)
    assert r.returncode == 6, r.stderr[-2000:]  # 6: some records failed (the broken inputs), recorded
    assert "6 ok" not in r.stderr and "9 articles, 3 failed" in r.stderr
    assert "9/9" in r.stderr, "a progress bar of the articles made, out of the input's"
    assert sorted(x["id"] for x in records(out) if x["ok"]) == ids


def test_a_poison_article_that_kills_its_worker_every_time_ends_as_worker_lost(tiny_env, tmp_path):
    """An article that kills its worker each time it is made: Ray restarts the worker and retries the
    call (bounded), then the worker is gone for good and the other worker makes the rest. The job
    ends (no hang); the poison line is recorded as ``worker_lost``, every other line as usual. Its
    own local Ray (a separate process), the hook installed in every worker by the runtime env."""
    inp, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    ids = write_articles(inp, 8)
    with open(inp, "a", encoding="utf-8") as f:
        f.write(json.dumps({"id": "racun", "text": "Artikel RACUN ini mematikan pekerjanya."}) + "\n")
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    runtime = json.dumps({"worker_process_setup_hook": "tests.raybatch.poison",
                          "env_vars": {"PYTHONPATH": str(REPO), **{k: os.environ[k] for k in ENV_KEYS if k in os.environ}}})
    r = subprocess.run([sys.executable, "-m", "service", "batch", str(inp), "-o", str(out), "--engine", "ray",
                        # one call at a time per worker: only the poison is in flight when its worker dies for
                        # good (with two, the other call in flight there is lost with it: worker_lost too)
                        "--workers", "2", "--articles-per-call", "1", "--calls-per-worker", "1", "--operation", "attributions",
                        "--runtime-env-json", runtime],
                       capture_output=True, text=True, timeout=240, cwd=REPO, env=env)
    assert r.returncode == 6, r.stderr[-2000:]
    recs = records(out)
    assert len(recs) == len({x["line"] for x in recs}) == 12, "every line exactly once"
    assert sorted(x["id"] for x in recs if x["ok"]) == ids
    lost = [x for x in recs if not x["ok"] and x["error"]["code"] == "worker_lost"]
    assert [x["id"] for x in lost] == ["racun"]
