"""Batch runs for wire desks: failures recorded, atomic records, resume after a kill."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

from service.batch import done_lines, run_batch


def _write_jobs(path, n, bad=()):
    with open(path, "w", encoding="utf-8") as f:
        for i in range(n):
            text = "   " if i in bad else f"Judul Berita {i}\n\nMenurut BBC, harga naik {i} persen. Warga protes."
            f.write(json.dumps({"id": f"a{i}", "text": text}) + "\n")
        f.write("not json\n")


def test_failures_are_recorded_and_the_run_goes_on(tmp_path):
    inp, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    _write_jobs(inp, 4, bad={1})
    counts = run_batch(inp, out, operation="attributions")
    assert counts == {"total": 5, "ok": 3, "failed": 2, "skipped": 0}
    recs = [json.loads(line) for line in out.read_text().splitlines()]
    assert [r["id"] for r in recs] == ["a0", "a1", "a2", "a3", "5"]
    assert recs[1]["error"]["code"] == "empty_input" and recs[4]["error"]["code"] == "bad_input"
    assert recs[0]["report"]["attributions"][0]["source"]["name"] == "BBC"


def test_resume_cuts_a_torn_line_and_skips_done_ids(tmp_path):
    inp, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    _write_jobs(inp, 3)
    out.write_text(json.dumps({"id": "a0", "ok": True, "report": {}}) + "\n" + '{"id": "a1", "ok": tr', encoding="utf-8")
    assert done_lines(out) == (set(), {"a0"})  # a record without "line" (an older lintas): skipped by id
    counts = run_batch(inp, out, operation="attributions", resume=True)
    assert counts["skipped"] == 1 and counts["ok"] == 2
    ids = [json.loads(line)["id"] for line in out.read_text().splitlines()]
    assert sorted(ids) == ["4", "a0", "a1", "a2"] and len(ids) == len(set(ids))


def test_killed_run_resumes_with_each_record_exactly_once(tmp_path, tiny_marian):
    """Kill the process mid-way (SIGKILL), resume, and every id appears exactly once."""
    inp, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    _write_jobs(inp, 12)
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "LINTAS_MODEL_PATH_OPUS_MT_ID_EN": str(tiny_marian)}
    cmd = [sys.executable, "-m", "service", "batch", str(inp), "-o", str(out), "--no-progress"]
    p = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 120
    while time.time() < deadline and (not out.exists() or out.read_text().count("\n") < 2):
        time.sleep(0.2)
    p.send_signal(signal.SIGKILL)
    p.wait()
    first = out.read_text().count("\n")
    assert 0 < first < 13, "killed mid-way"
    r = subprocess.run(cmd + ["--resume"], env=env, capture_output=True, text=True)
    assert r.returncode == 6, r.stderr  # the "not json" line failed, recorded
    ids = [json.loads(line)["id"] for line in out.read_text().splitlines()]
    assert len(ids) == 13 and len(set(ids)) == 13
