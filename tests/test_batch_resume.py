"""#20 item 11: ``lintas batch --resume`` keys on the input line, not the id: records whose ids
collide (a malformed line recorded as id "3" then ``{"id": 3}``; a duplicate "g1") are all
written, by an uninterrupted run and by a resumed one alike."""

from __future__ import annotations

import json
import subprocess
import sys

from service.batch import run_batch

LINES = [
    json.dumps({"id": "g1", "text": "Menurut BBC, harga naik. Warga protes."}),
    json.dumps({"id": "g1", "text": "Menurut Reuters, banjir merendam rumah."}),
    "not json",                                               # line 3: recorded under id "3"
    json.dumps({"id": 3, "text": "Presiden Joko Widodo mengatakan stok aman."}),
    json.dumps({"text": "Menurut Antara, hujan turun."}),     # no id: its line number, "5"
]


def _ids_lines(out):
    recs = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    return [(r["id"], r["line"]) for r in recs]


def test_colliding_ids_are_all_written_uninterrupted(tmp_path):
    inp, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    inp.write_text("\n".join(LINES) + "\n", encoding="utf-8")
    counts = run_batch(inp, out, operation="attributions")
    assert counts == {"total": 5, "ok": 4, "failed": 1, "skipped": 0}
    assert _ids_lines(out) == [("g1", 1), ("g1", 2), ("3", 3), ("3", 4), ("5", 5)]


def test_resume_after_each_prefix_writes_every_record_once(tmp_path):
    """Interrupted after k records (k = 0…5), resumed through the CLI: the same five records."""
    inp = tmp_path / "in.jsonl"
    inp.write_text("\n".join(LINES) + "\n", encoding="utf-8")
    full = tmp_path / "full.jsonl"
    run_batch(inp, full, operation="attributions")
    full_lines = full.read_text(encoding="utf-8").splitlines(keepends=True)
    for k in range(len(full_lines) + 1):
        out = tmp_path / f"out{k}.jsonl"
        out.write_text("".join(full_lines[:k]), encoding="utf-8")
        counts = run_batch(inp, out, operation="attributions", resume=True)
        assert counts["skipped"] == k, k
        assert _ids_lines(out) == _ids_lines(full), k


def test_resume_through_the_cli_keeps_the_duplicate(tmp_path):
    inp, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    inp.write_text("\n".join(LINES) + "\n", encoding="utf-8")
    first = json.dumps({"id": "g1", "line": 1, "ok": True, "report": {}}) + "\n"
    out.write_text(first + '{"id": "g1", "li', encoding="utf-8")  # killed while writing the second "g1"
    r = subprocess.run([sys.executable, "-m", "service", "batch", str(inp), "-o", str(out), "--operation",
                        "attributions", "--resume", "--no-progress"], capture_output=True, text=True, timeout=300)
    assert r.returncode in (0, 6), r.stderr  # 6: some record failed (the "not json" line), recorded
    assert _ids_lines(out) == [("g1", 1), ("g1", 2), ("3", 3), ("3", 4), ("5", 5)]
