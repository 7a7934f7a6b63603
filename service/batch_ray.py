"""``lintas batch --engine ray``: the local engine's records, made by a pool of Ray actors.

    input (a JSONL file, a folder of JSONL or Parquet files, a glob; local paths, or URIs Ray Data
    reads)
      → blocks of one worker call each: JSONL lines numbered as the local engine numbers them
        (:class:`JsonLines`), Parquet rows numbered in their file (:class:`ParquetRows`); local files
        are read by these readers in the driver, URIs (object stores) by Ray Data's read
      → a pool of ``workers`` ArticleWorker actors (C CPUs, G GPUs each, spread over the nodes), fed
        by the driver: each block goes to a worker with a free call slot, two calls running at once
        in each; each actor builds one ModelPool from the run's Settings (sent to it, never re-read
        from its environment), so its models load once, and runs each call's articles in threads
        through the pool's micro-batched translator, so that their sentences share model batches
        (as the server's requests do; in a one-CPU worker the article threads and the model's rounds
        take turns on its core, :class:`~service.translation.microbatch.OneAtATime`); records are
        made by :func:`service.batchjobs.make_record`, the local engine's function
      → the driver writes each record whole (JSONL, or Parquet part files), and counts them; the
        node id and process of each record go into the run's stats, never into the record.

Not Ray Data's ``map_batches`` with an actor pool (the engine's first form): on two cores its
streaming executor and helper actors took about a sixth of the machine; the driver-fed pool of
the same actors ran two workers 1.75× and 1.66× as fast as one in two runs, where Ray Data's ran
them 1.40–1.47× (issue #19's benchmark, ``docs/bench-2026-11-29/``).

A record is the local engine's (``id``, ``line``, ``ok``, ``report`` | ``error``), with ``file``
when the input is several files; a Parquet row's ``line`` is its row number in its file. Records
come in the order they finish. A worker that dies is replaced and its calls run again (Ray's actor
restarts and task retries, bounded by ``RETRIES``); a worker gone for good takes no more calls, a
call that still fails leaves its articles without records, and the closing sweep records each of
those as failed
(``worker_lost``), so every input line ends with exactly one record. ``resume=True`` skips the
input lines (file and line) already in the output, as the local engine does.

Only :func:`service.batch.run` imports this module; nothing else in lintas imports Ray.
"""

from __future__ import annotations

import glob as globlib
import heapq
import io
import json
import logging
import os
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

import pyarrow as pa
import ray
from ray.data.datasource import FileBasedDatasource

from .batchjobs import OPERATIONS, encode, make_record, numbered_lines, parse_line, record_id, written_records
from .errors import ConfigError
from .models import ModelPool
from .registry import Registry
from .settings import Settings, current
from .translation.microbatch import OneAtATime

log = logging.getLogger(__name__)
MAX_BLOCKS = 100_000  # input blocks at most (an input of more than 100,000 calls' articles gets bigger blocks)
RETRIES = 3  # actor restarts and task retries after a worker dies, before its articles are recorded as failed
INPUT_KINDS = {".jsonl": "jsonl", ".json": "jsonl", ".ndjson": "jsonl", ".parquet": "parquet"}
ROW_SCHEMA = pa.schema([("file", pa.string()), ("line", pa.int64()), ("raw", pa.string())])
OUT_SCHEMA = pa.schema([("key", pa.string()), ("record", pa.string()), ("node", pa.string()), ("pid", pa.int64())])


# ----------------------------------------------------------------------------- input

class JsonLines(FileBasedDatasource):
    """JSONL files as rows ``{file, line, raw}``: every non-empty line with its line number, read
    as the local engine reads them (UTF-8 with replacement, the same line breaks), so that a line
    that is not JSON becomes the same error record and resume keys on the same numbers."""

    def __init__(self, paths, rows_per_block: int = 8, **kwargs):
        super().__init__(paths, file_extensions=["jsonl", "json", "ndjson"], **kwargs)
        self.rows_per_block = rows_per_block

    def _read_stream(self, f, path: str) -> Iterator[pa.Table]:
        text = io.TextIOWrapper(io.BytesIO(f.readall()), encoding="utf-8", errors="replace")
        rows: list[dict] = []
        for n, line in numbered_lines(text):
            rows.append({"file": path, "line": n, "raw": line})
            if len(rows) == self.rows_per_block:
                yield pa.Table.from_pylist(rows, schema=ROW_SCHEMA)
                rows = []
        if rows:
            yield pa.Table.from_pylist(rows, schema=ROW_SCHEMA)


def input_files(inp: str | Path) -> tuple[list[str], str, str]:
    """(paths, kind, base) for a file, a folder or a glob; URIs (``s3://…``) pass through to Ray.
    ``base``: what a record's ``file`` is relative to."""
    s = str(inp)
    if "://" in s:
        paths, base = [s], s.rstrip("/")
    elif Path(s).is_dir():
        paths = sorted(str(p.resolve()) for p in Path(s).iterdir() if p.suffix.lower() in INPUT_KINDS)
        base = str(Path(s).resolve())
    else:
        paths = sorted(str(Path(p).resolve()) for p in globlib.glob(s)) if globlib.has_magic(s) else (
            [str(Path(s).resolve())] if Path(s).is_file() else [])
        base = os.path.commonpath([os.path.dirname(p) for p in paths]) if paths else ""
    if not paths:
        raise ConfigError(f"No input files at {s} (a JSONL file, a folder of .jsonl or .parquet files, or a glob)")
    kinds = {INPUT_KINDS.get(Path(p.rstrip("/")).suffix.lower(), "jsonl" if "://" in p else None) for p in paths}
    if len(kinds) != 1 or None in kinds:
        raise ConfigError(f"{s}: give JSONL (.jsonl) or Parquet (.parquet) files, not a mix ({', '.join(map(str, kinds))})")
    return paths, kinds.pop(), base


class ParquetRows(FileBasedDatasource):
    """Parquet files as the same rows: ``line`` is the row's number in its file (from 1), ``raw``
    the row as JSON (a map column of sources becomes an object)."""

    def __init__(self, paths, rows_per_block: int = 8, **kwargs):
        super().__init__(paths, file_extensions=["parquet"], **kwargs)
        self.rows_per_block = rows_per_block

    def _read_stream(self, f, path: str) -> Iterator[pa.Table]:
        import pyarrow.parquet as pq

        n = 0
        for batch in pq.ParquetFile(pa.BufferReader(f.readall())).iter_batches(batch_size=self.rows_per_block):  # needs a seekable file
            rows = []
            for row in batch.to_pylist():
                n += 1
                if isinstance(row.get("sources"), list):  # a map column arrives as (key, value) pairs
                    row["sources"] = dict(row["sources"])
                rows.append({"file": path, "line": n, "raw": json.dumps(row, ensure_ascii=False, default=str)})
            yield pa.Table.from_pylist(rows, schema=ROW_SCHEMA)


def count_rows(paths: list[str], kind: str) -> int | None:
    """How many articles the input has (non-empty JSONL lines, Parquet rows from the files'
    footers); None when it cannot be told cheaply (a URI)."""
    if any("://" in p for p in paths):
        return None
    if kind == "parquet":
        import pyarrow.parquet as pq

        return sum(pq.ParquetFile(p).metadata.num_rows for p in paths)
    n = 0
    for p in paths:
        with open(p, "rb") as f:
            n += sum(1 for line in f if line.strip())
    return n


def read_dataset(paths: list[str], kind: str, rows_per_block: int = 512):
    """The input as rows ``{file, line, raw}``, in blocks of ``rows_per_block`` (the articles of one
    worker call: each block is one task for one worker, so that even a short input spreads over
    every worker, records come back after every call, and the last calls leave no worker idle
    long). Ray Data gathers a read's rows into blocks by size, not by count (one block for a file of
    64 articles, then split in four), so the number of blocks is set from the input's row count
    where it can be counted. Reading takes no CPU slot of its own (``num_cpus=0``): it is light next
    to the models, and the worker actors hold every CPU they are given (a read waiting for a free
    CPU would wait for ever)."""
    source = (ParquetRows if kind == "parquet" else JsonLines)(paths, rows_per_block=rows_per_block)
    rows = count_rows(paths, kind)
    blocks = {"override_num_blocks": min(MAX_BLOCKS, max(1, -(-rows // rows_per_block)))} if rows else {}
    return ray.data.read_datasource(source, num_cpus=0, **blocks)


def input_blocks(paths: list[str], kind: str, rows_per_block: int) -> Iterator[pa.Table]:
    """The input's rows in blocks of ``rows_per_block`` (one worker call each), read lazily. Local
    files are read here, in the driver, by the same readers (:class:`JsonLines`,
    :class:`ParquetRows`) Ray Data would run; URIs (object stores) through Ray Data's read."""
    if any("://" in p for p in paths):
        yield from read_dataset(paths, kind, rows_per_block).iter_batches(batch_size=None, batch_format="pyarrow",
                                                                          prefetch_batches=0)
        return
    source = (ParquetRows if kind == "parquet" else JsonLines)(paths, rows_per_block=rows_per_block)
    for path in paths:
        with pa.input_stream(path) as f:
            yield from source._read_stream(f, path)


def row_key(label: str | None, line: int) -> str:
    """What resume matches on: the input file and line (a Parquet file: the row's number)."""
    return json.dumps([label, line])


def file_label(path: str, base: str, single: bool) -> str | None:
    """A record's ``file``: none for a single input file, else the path below the input folder."""
    if single:
        return None
    b = base.split("://", 1)[-1].rstrip("/")
    p = path.split("://", 1)[-1]
    return p[len(b) + 1:] if b and p.startswith(b + "/") else p


# ----------------------------------------------------------------------------- the workers

class ArticleWorker:
    """One Ray actor: one ModelPool built from the run's Settings, its models loaded once; each
    call's articles run in threads through the micro-batched translator (one shared model queue).
    ``one_core``: the actor has one CPU core (one model thread): its article threads and the
    model's rounds take turns on it (:class:`~service.translation.microbatch.OneAtATime`) rather
    than time-slicing it."""

    def __init__(self, settings: Settings, operation: str, model: str | None, base: str, single: bool,
                 threads: int, device: str, one_core: bool = False):
        self.settings, self.operation, self.model = settings, operation, model
        self.base, self.single = base, single
        self.pool = ModelPool(settings, Registry.load(settings=settings))
        self.turn = OneAtATime() if one_core else None
        self.pool.turn = self.turn
        self.device = device
        self.threads = ThreadPoolExecutor(max(1, threads), thread_name_prefix="lintas-article")
        self.node = ray.get_runtime_context().get_node_id()

    def translator(self):
        tr = self.pool.translator(self.model, device=self.device)
        return self.pool.batched(tr) if self.settings.batch_window_ms > 0 else tr

    def one(self, row: dict) -> tuple[str, str]:
        with self.turn or nullcontext():
            return self._one(row)

    def _one(self, row: dict) -> tuple[str, str]:
        label = file_label(row["file"], self.base, self.single)
        job, err = parse_line(row["line"], row["raw"])
        rec = make_record(row["line"], job, err, self.operation, self.model, settings=self.settings, pool=self.pool,
                          translator=self.translator)
        if label is not None:
            rec = {"id": rec["id"], "file": label, **rec}
        return row_key(label, row["line"]), encode(rec).decode("utf-8")

    def __call__(self, batch: pa.Table) -> pa.Table:
        made = list(self.threads.map(self.one, batch.to_pylist()))
        return pa.Table.from_pydict({"key": [k for k, _ in made], "record": [r for _, r in made],
                                     "node": [self.node] * len(made), "pid": [os.getpid()] * len(made)},
                                    schema=OUT_SCHEMA)


# ----------------------------------------------------------------------------- output

@dataclass
class Output:
    """The run's output: a JSONL file (each record one write, flushed and synced per batch; a torn
    last line from a killed run is cut on resume) or, for ``.parquet``, a folder of part files,
    each written to a temporary name and renamed whole."""

    path: Path
    parts: int = 0
    keys: set = field(default_factory=set)

    @property
    def parquet(self) -> bool:
        return self.path.suffix.lower() == ".parquet"

    def read_done(self) -> set[str]:
        recs = self._existing()
        self.keys = {row_key(r.get("file"), r["line"]) for r in recs if isinstance(r.get("line"), int)}
        return self.keys

    def _existing(self) -> list[dict]:
        if not self.path.exists():
            return []
        if self.parquet:
            import pyarrow.parquet as pq

            parts = sorted(self.path.glob("part-*.parquet"))
            self.parts = len(parts)
            return [r for p in parts for r in pq.read_table(p, columns=["id", "file", "line"]).to_pylist()]
        return [r for r in written_records(self.path) if isinstance(r, dict)]

    def write(self, lines: list[str]) -> None:
        if not lines:
            return
        if self.parquet:
            return self._write_part(lines)
        with open(self.path, "ab") as f:
            f.write("".join(lines).encode("utf-8"))
            f.flush()
            os.fsync(f.fileno())

    def _write_part(self, lines: list[str]) -> None:
        import pyarrow.parquet as pq

        recs = [json.loads(x) for x in lines]
        table = pa.Table.from_pydict({
            "id": [r["id"] for r in recs], "file": [r.get("file") for r in recs], "line": [r["line"] for r in recs],
            "ok": [r["ok"] for r in recs],
            "report": [json.dumps(r["report"], ensure_ascii=False) if r["ok"] else None for r in recs],
            "error": [None if r["ok"] else json.dumps(r["error"], ensure_ascii=False) for r in recs]},
            schema=pa.schema([("id", pa.string()), ("file", pa.string()), ("line", pa.int64()), ("ok", pa.bool_()),
                              ("report", pa.string()), ("error", pa.string())]))
        self.path.mkdir(parents=True, exist_ok=True)
        final = self.path / f"part-{self.parts:05d}.parquet"
        tmp = self.path / f".{final.name}.tmp"
        pq.write_table(table, tmp)
        os.replace(tmp, final)
        self.parts += 1


# ----------------------------------------------------------------------------- the run

@dataclass
class RayOptions:
    """Where and how wide the job runs. ``address``: an existing cluster (``auto``,
    ``ray://host:10001``); none: a local Ray on this machine's cores, stopped at the end.
    ``workers``: actors (default: one per ``cpus_per_worker`` of the cluster's CPUs)."""

    address: str | None = None
    workers: int | None = None
    cpus_per_worker: float = 1.0
    gpus_per_worker: float = 0.0
    articles_per_call: int = 4  # articles one actor call runs at once (their sentences share model batches)
    calls_per_worker: int = 2  # calls an actor runs at once: the next call's sentences join the model's batches
    # while the last of the previous call's finish, so the model's queue never drains between calls
    runtime_env: dict | None = None  # Ray's runtime environment for the job (env_vars, pip, worker_process_setup_hook…)

    def check(self) -> None:
        if self.workers is not None and self.workers < 1:
            raise ConfigError("--workers must be at least 1")
        if self.cpus_per_worker <= 0 or self.gpus_per_worker < 0 or self.articles_per_call < 1 or self.calls_per_worker < 1:
            raise ConfigError("--cpus-per-worker must be > 0, --gpus-per-worker >= 0, articles and calls per worker >= 1")


def connect(opts: RayOptions, settings: Settings) -> bool:
    """Join the cluster at ``opts.address`` or start a local Ray; True if this call started it.
    A Ray already initialised in this process (a test's, a notebook's) is used as it is."""
    if ray.is_initialized():
        return False
    env = {"HF_HUB_OFFLINE": "1"} if settings.offline else {}
    runtime_env = dict(opts.runtime_env or {})
    if env:
        runtime_env["env_vars"] = {**(runtime_env.get("env_vars") or {}), **env}  # the offline setting holds
    kwargs = {"runtime_env": runtime_env} if runtime_env else {}
    if opts.address:
        ray.init(address=opts.address, **kwargs)
    else:
        ray.init(include_dashboard=False, **kwargs)
    return True


def worker_settings(settings: Settings, opts: RayOptions) -> Settings:
    """The run's settings for a worker: unless the user set ``threads``, a worker's model uses the
    cores Ray gives it (``cpus_per_worker``), not every core of its machine."""
    if settings.threads is not None:
        return settings
    return settings.with_overrides(threads=max(1, int(opts.cpus_per_worker)))


def worker_device(settings: Settings, opts: RayOptions) -> str:
    """A worker's device: ``cuda`` with GPUs per worker, else the ``device`` setting, which may be
    ``cuda`` only with GPUs per worker (Ray hides the GPUs from an actor that reserves none)."""
    if opts.gpus_per_worker:
        return "cuda"
    if settings.device == "cuda":
        raise ConfigError("The device setting is cuda: give the Ray workers GPUs (--gpus-per-worker 1), "
                          "or run them on CPU (--device cpu / LINTAS_DEVICE=cpu)")
    return "cpu"


def pool_size(opts: RayOptions, fixed: bool) -> int:
    """How many workers: ``workers``, else one per ``cpus_per_worker`` of the cluster's CPUs. On a
    Ray whose resources are fixed (the local one this run started) no more than fit at once: a worker
    that can never be placed would hold its calls for ever; none that fits is an error. A cluster
    joined by address may grow (an autoscaler adds nodes for waiting workers): asked for as given."""
    if not fixed and opts.workers:
        return opts.workers
    res = ray.cluster_resources()
    cpus, gpus = res.get("CPU", 0), res.get("GPU", 0)
    workers = opts.workers or max(1, int(cpus // opts.cpus_per_worker))
    if not fixed:
        return workers
    fit = int(cpus // opts.cpus_per_worker)
    if opts.gpus_per_worker:
        fit = min(fit, int(gpus // opts.gpus_per_worker))
    if fit < 1:
        raise ConfigError(f"This machine's Ray has {cpus:g} CPUs and {gpus:g} GPUs: not enough for one worker of "
                          f"{opts.cpus_per_worker:g} CPUs and {opts.gpus_per_worker:g} GPUs (--cpus-per-worker, --gpus-per-worker)")
    if workers > fit:
        log.warning("%d workers asked for, %d fit on this machine's Ray: running %d", workers, fit, fit)
    return min(workers, fit)


def start_workers(base, single: bool, settings, opts: RayOptions, operation, model, fixed: bool = False) -> list:
    """The pool: ``workers`` ArticleWorker actors (C CPUs, G GPUs each), spread over the cluster's
    nodes, each running ``calls_per_worker`` calls at once (threads: the next call's sentences fill
    the model's batches while the last of the previous call's finish). Restarts and retried calls
    are bounded (``RETRIES``): an article that kills its worker every time ends as ``worker_lost``,
    never in an endless loop. The driver feeds them (:func:`execute`), not Ray Data's executor:
    on two cores its executor and helper actors took a sixth of the machine (issue #19's benchmark)."""
    workers = pool_size(opts, fixed)
    ws, device = worker_settings(settings, opts), worker_device(settings, opts)
    actor = ray.remote(ArticleWorker).options(
        num_cpus=opts.cpus_per_worker, num_gpus=opts.gpus_per_worker or None, max_restarts=RETRIES,
        max_task_retries=RETRIES, max_concurrency=opts.calls_per_worker, scheduling_strategy="SPREAD")
    kwargs = {"settings": ws, "operation": operation, "model": model, "base": base, "single": single,
              "threads": opts.articles_per_call * opts.calls_per_worker, "device": device,
              "one_core": device == "cpu" and ws.threads == 1}
    return [actor.remote(**kwargs) for _ in range(workers)]


def run_ray(inp: str | Path, out: str | Path, *, operation: str = "translate", model: str | None = None,
            resume: bool = False, progress: Callable[[int, int], None] | None = None, settings: Settings | None = None,
            address: str | None = None, workers: int | None = None, cpus_per_worker: float | None = None,
            gpus_per_worker: float | None = None, articles_per_call: int | None = None,
            calls_per_worker: int | None = None, runtime_env: dict | None = None) -> dict:
    """The Ray engine (see the module doc); the counts, with the run's stats. ``runtime_env``:
    Ray's runtime environment for a Ray this call starts or joins (its ``env_vars``, ``pip``,
    ``worker_process_setup_hook``…; the offline setting's ``HF_HUB_OFFLINE`` is added to it)."""
    if operation not in OPERATIONS:
        raise ConfigError(f"Unknown batch operation {operation!r}; use one of {', '.join(OPERATIONS)}")
    if runtime_env is not None and not isinstance(runtime_env, dict):
        raise ConfigError("runtime_env must be a dict (Ray's runtime environment)")
    opts = RayOptions(address, workers, cpus_per_worker or 1.0, gpus_per_worker or 0.0, articles_per_call or 4,
                      calls_per_worker or 2, runtime_env)
    opts.check()
    settings = settings or current()
    worker_device(settings, opts)  # refused before Ray starts
    paths, kind, base = input_files(inp)
    output = Output(Path(out))
    if output.path.exists() and not resume:
        raise ConfigError(f"{output.path} exists: pass --resume to continue it, or choose another output")
    done = output.read_done() if resume else set()
    started = connect(opts, settings)
    try:
        return execute(paths, kind, base, settings, opts, operation, model, output, done, progress, fixed=started)
    finally:
        if started:
            ray.shutdown()


def execute(paths, kind, base, settings, opts, operation, model, output: Output, done: set, progress,
            fixed: bool = False) -> dict:
    """The run: the workers fed (:func:`feed`), each call's records written as it comes back, then
    the closing sweep records every article left without a record."""
    t0 = time.perf_counter()
    single = len(paths) == 1
    actors = start_workers(base, single, settings, opts, operation, model, fixed)
    stats = {"engine": "ray", "workers": len(actors), "nodes": {}, "processes": {}}
    counts = {"total": 0, "ok": 0, "failed": 0, "skipped": len(done)}
    written: set[str] = set()
    rows = count_rows(paths, kind)
    total = max(0, rows - len(done)) if rows is not None else 0  # for progress: 0 when not known (a URI)

    def deliver(table: pa.Table) -> None:
        note(table.to_pylist(), output, counts, stats, written)
        if progress:
            progress(counts["ok"] + counts["failed"], total)

    blocks = input_blocks(paths, kind, opts.articles_per_call)
    # longest first over a look-ahead of a few rounds of calls for every worker slot
    ahead = max(64, 4 * opts.articles_per_call * opts.calls_per_worker * len(actors))
    calls = Calls(blocks, opts.articles_per_call,
                  keep=lambda r: row_key(file_label(r["file"], base, single), r["line"]) not in done, ahead=ahead)
    try:
        error = feed(actors, calls, opts.calls_per_worker, deliver)
    except Exception as e:  # the job itself failed: every article left without a record is recorded below
        error = f"{type(e).__name__}: {str(e)[:300]}"
        log.error("the Ray job stopped early (%s); recording the articles left without a record as failed", error)
    finally:
        blocks.close()  # stopped early (Ctrl-C): stop the read
        for a in actors:  # and free the workers now
            ray.kill(a)
    lost = sweep(paths, kind, base, output, done | written, counts, error)
    counts["total"] = counts["ok"] + counts["failed"] + counts["skipped"]
    wall = time.perf_counter() - t0
    made = counts["ok"] + counts["failed"]
    stats.update(wall_s=round(wall, 2), articles_per_s=round(made / wall, 3) if wall else None, worker_lost=lost)
    return {**counts, "stats": stats}


class Calls:
    """The input cut into worker calls of ``per_call`` articles, as the workers ask for them.
    ``keep``: the rows to make (a resumed run's done ones are dropped here, before any is sent, so
    calls stay full and no worker is sent the run's done keys). Longest first: of the next
    ``ahead`` rows read (at most ``AHEAD_BYTES`` of text), each call takes the longest articles,
    so the calls left at the end are the short ones and the workers finish close together (the
    longest-processing-time rule); the articles of one call are alike in length. Calls do not
    shrink as the end nears: measured on two one-core workers, smaller last calls (guided
    self-scheduling) cost more CPU per article (fewer sentences share a model batch) than the idle
    time they saved."""

    AHEAD_BYTES = 32 << 20

    def __init__(self, blocks: Iterator[pa.Table], per_call: int, keep: Callable[[dict], bool] | None = None,
                 ahead: int = 1):
        self.blocks, self.per_call, self.keep, self.ahead = blocks, per_call, keep, max(ahead, per_call)
        self.rows: list[dict] = []  # read, not yet sent
        self.bytes = 0

    def next(self) -> pa.Table | None:
        """The next call's articles; None when all are sent."""
        while len(self.rows) < self.ahead and (self.bytes < self.AHEAD_BYTES or len(self.rows) < self.per_call):
            block = next(self.blocks, None)
            if block is None:
                break
            new = [r for r in block.to_pylist() if self.keep is None or self.keep(r)]
            self.rows += new
            self.bytes += sum(len(r["raw"] or "") for r in new)
        if not self.rows:
            return None
        take = set(heapq.nlargest(self.per_call, range(len(self.rows)), key=lambda i: len(self.rows[i]["raw"] or "")))
        call = [r for i, r in enumerate(self.rows) if i in take]  # in input order within the call
        self.rows = [r for i, r in enumerate(self.rows) if i not in take]
        self.bytes -= sum(len(r["raw"] or "") for r in call)
        return pa.Table.from_pylist(call, schema=ROW_SCHEMA)


def feed(actors: list, calls: Calls, calls_per_worker: int, deliver: Callable[[pa.Table], None]) -> str | None:
    """Each call (:class:`Calls`) goes to a worker with a free call slot; each call's
    records go to ``deliver`` as they come back. A worker gone for good (its restarts used up)
    takes no more calls; when none is left, the rest is left to the sweep. Returns the last
    error (None: every call came back)."""
    error = None
    free = {a: calls_per_worker for a in actors}  # call slots per live worker
    pending: dict = {}  # call → its worker
    read_all = False
    while True:
        # one call to each worker with a free slot in turn, not all of one worker's slots at once:
        # with the longest calls first, a worker's calls (which finish together, their sentences
        # sharing model batches) are then not all the longest
        while not read_all and any(n > 0 for n in free.values()):
            for a in [a for a, n in free.items() if n > 0]:
                block = calls.next()
                if block is None:
                    read_all = True
                    break
                pending[a.__call__.remote(block)] = a  # never empty: Calls gives None when nothing is left
                free[a] -= 1
        if not pending:
            return error  # all read and made, or no worker left
        ready, _ = ray.wait(list(pending), num_returns=1)
        for call in ready:
            a = pending.pop(call)
            try:
                table = ray.get(call)
            except ray.exceptions.RayActorError as e:  # the worker is gone for good
                free.pop(a, None)
                error = f"{type(e).__name__}: {str(e)[:300]}"
                log.error("a Ray worker was lost for good (%s); its articles are recorded as failed", error)
                continue
            except Exception as e:  # the call failed after its retries: its articles get no record here
                error = f"{type(e).__name__}: {str(e)[:300]}"
                log.error("a worker call failed (%s); its articles are recorded as failed", error)
            else:
                deliver(table)
            if a in free:
                free[a] += 1


def note(rows: list[dict], output: Output, counts: dict, stats: dict, written: set) -> None:
    """Write a batch of records and count them (ok/failed, node, process)."""
    lines = []
    for r in rows:
        if r["key"] in written:  # a batch retried after its first try was already delivered: never twice
            continue
        written.add(r["key"])
        lines.append(r["record"])
        ok = json.loads(r["record"])["ok"]
        counts["ok" if ok else "failed"] += 1
        stats["nodes"][r["node"]] = stats["nodes"].get(r["node"], 0) + 1
        proc = f"{r['node'][:8]}:{r['pid']}"
        stats["processes"][proc] = stats["processes"].get(proc, 0) + 1
    output.write(lines)


def sweep(paths, kind, base, output: Output, have: set, counts: dict, error: str | None) -> int:
    """Every input line without a record gets one (``worker_lost``): when Ray gave up on a batch
    (its worker died more than ``RETRIES`` times), its articles are recorded as failed. A cheap
    pass over the input (no models); returns how many were recorded so."""
    single = len(paths) == 1
    lines = []
    for batch in input_blocks(paths, kind, 4096):
        for r in batch.to_pylist():
            label = file_label(r["file"], base, single)
            key = row_key(label, r["line"])
            if key in have:
                continue
            have.add(key)
            job, _ = parse_line(r["line"], r["raw"])
            rec = {"id": record_id(job, r["line"]), **({"file": label} if label is not None else {}), "line": r["line"], "ok": False,
                   "error": {"code": "worker_lost", "message": f"the article's worker was lost ({error or 'no record came back'})"}}
            lines.append(encode(rec).decode("utf-8"))
    output.write(lines)
    counts["failed"] += len(lines)
    return len(lines)
