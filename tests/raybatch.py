"""Helpers shared by the Ray engine's tests (tests/test_batch_ray*.py): the input articles and the
comparison of two runs' records."""

from __future__ import annotations

import json
import os
from pathlib import Path

BROKEN = 3  # deliberately broken inputs in every article set
ENV_KEYS = ("LINTAS_MODEL_PATH_OPUS_MT_ID_EN", "LINTAS_THREADS", "LINTAS_REGISTRY")
REPO = Path(__file__).resolve().parent.parent


def tiny_registry_env(tiny_marian: Path, folder: Path) -> dict[str, str]:
    """The variables that make the tiny Marian the translation model: the shipped registry with
    opus-mt-id-en's generation at 24 new tokens and without ``max_length_ratio``. That cap is taken
    per model batch (from its longest input), and a random-weight model never ends a sentence, so
    with it a sentence's output length would depend on which sentences share its batch; a trained
    model ends its sentences long before either cap."""
    text = (REPO / "models" / "registry.toml").read_text(encoding="utf-8")
    head, sep, rest = text.partition("[models.opus-mt-id-en.generation]")
    block, nxt, tail = rest.partition("\n\n")
    block = block.replace("max_new_tokens = 512", "max_new_tokens = 24")
    block = "\n".join(x for x in block.splitlines() if not x.startswith("max_length_ratio"))
    assert sep and "max_new_tokens = 24" in block
    reg = folder / "registry.toml"
    reg.write_text(head + sep + block + nxt + tail, encoding="utf-8")
    return {"LINTAS_MODEL_PATH_OPUS_MT_ID_EN": str(tiny_marian), "LINTAS_THREADS": "1", "LINTAS_REGISTRY": str(reg)}


def corpus() -> list[str]:
    from service.testing.tiny import corpus_lines

    return corpus_lines("id")


def write_articles(path: Path, n: int) -> list[str]:
    """``n`` different short Indonesian articles (a title and two or three corpus sentences) and
    three broken inputs: a line that is not JSON, a "text" that is not a string, an empty text.
    Returns the ids of the good articles."""
    lines = corpus()
    ids = []
    with open(path, "w", encoding="utf-8") as f:
        for i in range(n):
            body = " ".join(lines[(3 * i + k) % len(lines)] for k in range(2 + i % 2))
            f.write(json.dumps({"id": f"w{i:03d}", "text": f"Berita {i}\n\n{body}"}, ensure_ascii=False) + "\n")
            ids.append(f"w{i:03d}")
            if i == n // 3:
                f.write("not json\n")
            if i == n // 2:
                f.write(json.dumps({"id": "bad-type", "text": 5}) + "\n")
            if i == 2 * n // 3:
                f.write(json.dumps({"id": "bad-empty", "text": "   "}) + "\n")
    return ids


def records(path: Path) -> list[dict]:
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines()]


def without_timings(rec: dict) -> dict:
    """A record with its report's timings taken out (the one thing two runs may not share)."""
    rec = json.loads(json.dumps(rec))
    if rec.get("report"):
        rec["report"].pop("timings", None)
    return rec


def by_line(recs: list[dict]) -> dict:
    out = {}
    for r in recs:
        key = (r.get("file"), r["line"])
        assert key not in out, f"two records for {key}"
        out[key] = without_timings(r)
    return out


def _descendants(pid: int) -> set[int]:
    children: dict[int, list[int]] = {}
    for d in Path("/proc").iterdir():
        if d.name.isdigit():
            try:
                ppid = int((d / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(d.name))
    out, todo = set(), [pid]
    while todo:
        for c in children.get(todo.pop(), []):
            if c not in out:
                out.add(c)
                todo.append(c)
    return out


def listening_addresses(pid: int) -> set[str]:
    """The local addresses on which ``pid``'s descendant processes (Ray's GCS, raylets, workers)
    listen for TCP connections, read from /proc (Linux)."""
    inodes: set[str] = set()
    for p in _descendants(pid):
        try:
            for fd in Path(f"/proc/{p}/fd").iterdir():
                link = os.readlink(fd)
                if link.startswith("socket:["):
                    inodes.add(link[8:-1])
        except OSError:
            continue
    found = set()
    for table, width in (("tcp", 8), ("tcp6", 32)):
        for line in Path(f"/proc/net/{table}").read_text().splitlines()[1:]:
            f = line.split()
            if f[3] == "0A" and f[9] in inodes:  # LISTEN
                found.add(_ip(f[1].split(":")[0], width))
    return found


def _ip(hexaddr: str, width: int) -> str:
    import ipaddress

    raw = bytes.fromhex(hexaddr)
    if width == 8:
        return str(ipaddress.IPv4Address(raw[::-1]))
    return str(ipaddress.IPv6Address(b"".join(raw[i:i + 4][::-1] for i in range(0, 16, 4))))


def poison() -> None:
    """A Ray ``worker_process_setup_hook`` for the tests: an article whose text holds "RACUN" kills
    its worker process every time it is made (a poison article), as a crash in a model library would."""
    from service import batch_ray

    make = batch_ray.make_record

    def made(line, job, err, *a, **k):
        if isinstance(job, dict) and "RACUN" in str(job.get("text")):
            os._exit(1)
        return make(line, job, err, *a, **k)

    batch_ray.make_record = made
