"""The speed benchmark's parts on the tiny model: they run and report what they claim (no
timing asserts: speed figures come from `lintas bench` itself)."""

from __future__ import annotations

from pathlib import Path

import pytest

from eval.bench_seed import ForcedLength, Stage, run_seed_report, seed_stages
from service.translation import clear_loaded, load_translator

from .conftest import FIXTURES, REPO


@pytest.fixture(autouse=True)
def own_models():
    """ForcedLength changes its backend's generation settings: no other test may share them."""
    clear_loaded()
    yield
    clear_loaded()


def test_forced_length_makes_every_backend_write_the_same_number_of_tokens(tiny_marian):
    tr = load_translator(str(tiny_marian), backend="transformers", generation={"num_beams": 1})
    forced = ForcedLength(tr.backend, ratio=1.2)
    texts = ["Harga beras naik lagi di pasar induk.", "Warga protes."]
    forced.translate_batch(texts)
    longest = max(tr.backend.count_tokens(texts))
    n = -(-12 * longest // 10)
    assert tr.backend.generation["min_new_tokens"] == tr.backend.generation["max_new_tokens"] == n
    assert forced.forced_tokens == n * len(texts)


def test_forced_length_per_sentence_groups_like_lengths(fake_backend):
    fake_backend.generation = {}
    forced = ForcedLength(fake_backend, ratio=1.0, per_sentence=True)
    texts = ["satu dua tiga empat.", "satu dua tiga empat lima enam tujuh delapan sembilan.", "satu dua tiga empat lima."]
    assert [t for t, _ in forced.translate_batch_scored(texts)] == [f"<{t}>" for t in texts]
    assert forced.calls == 2, "the long sentence is not run at the short ones' length, nor they at its"
    assert forced.forced_tokens == 6 * 2 + 10  # (5, 6) tokens → 6 each; 10 tokens → 10


def test_seed_report_runs_every_stage_and_accounts_for_the_translation(tiny_marian, seed_path):
    seen = []
    # one more stage is one more entry in the list
    stages = seed_stages() + [Stage("extra", lambda ctx: seen.append(len(ctx["article"].sentences)))]
    r = run_seed_report("transformers", "float32", str(tiny_marian), seed_path, FIXTURES / "seed-source-bbc.txt", stages)
    names = [s["stage"] for s in r["stages"]]
    assert names == ["load_models", "ingest_segment", "attribute", "translate", "check", "summarise", "extra"]
    assert seen == [r["sentences"]]
    assert r["summary"]["backend"] == "extractive"  # no summary model given: the no-model summary, still timed
    for s in r["stages"]:
        assert s["seconds"] >= 0 and s["peak_rss_mb"] > 0
    tr = next(s for s in r["stages"] if s["stage"] == "translate")
    assert set(tr["parts"]) == {"model_first_pass_s", "marker_fallback_s", "protect_restore_mtchecks_s"}
    assert r["sentences"] > 10 and r["checked"] > 0
    # a random model loses the markers: the fallback is counted, not hidden
    assert r["marker_fallback"]["sentences"] > 0 and r["marker_fallback"]["seconds"] > 0


def test_server_bench_articles_are_distinct_real_news():
    from eval.bench_server import articles

    arts = articles(REPO / "tests", 4)  # tests/data mirrors shared/data: the IndoSum slice
    assert len(arts) == 4 and len(set(arts)) == 4


def test_reference_english_replaces_the_output_not_the_cost(fake_backend):
    """The later stages read a real translation's English; the model still spends its forced
    length on every input, and inputs without a reference keep the model's output."""
    fake_backend.generation = {}
    refs = {"Warga  protes.": "Residents protest."}
    forced = ForcedLength(fake_backend, ratio=1.0, per_sentence=True, references=refs)
    out = forced.translate_batch(["Warga protes.", "Harga beras naik."])
    assert out == ["Residents protest.", "<Harga beras naik.>"]
    assert [t for call in fake_backend.calls for t in call] == ["Warga protes.", "Harga beras naik."]
    assert forced.reference_outputs == 1 and forced.outputs == 2 and forced.forced_tokens == 3 + 4


def test_seed_report_with_reference_english(tiny_marian, seed_path):
    r = run_seed_report("transformers", "float32", str(tiny_marian), seed_path, FIXTURES / "seed-source-bbc.txt",
                        references=FIXTURES / "seed-translations.tsv")
    ref = r["reference_english"]
    # every sentence of the seed is in the fixture: each comes back as its English (marked
    # first passes miss, their fallback finds it)
    assert ref["outputs_replaced"] >= r["sentences"] and ref["of_outputs"] >= ref["outputs_replaced"]


def test_worker_runner_waits_for_idle_cpus_and_passes_its_environment(monkeypatch):
    """Every worker gets the runner's environment (the conversion cache) on top of this process's
    and below its own; the idle wait is recorded, and skipped where the caller says so."""
    import json
    import subprocess
    from types import SimpleNamespace

    from eval import bench

    seen = []

    def fake_run(cmd, **kw):
        seen.append((cmd, kw["env"]))
        return SimpleNamespace(returncode=0, stdout="log line\n" + json.dumps({"n": len(seen)}) + "\n", stderr="")

    monkeypatch.setattr(subprocess, "run", fake_run)
    monkeypatch.setattr(bench, "wait_idle", lambda max_wait: 0.75)
    runner = bench.WorkerRunner(wait=5.0, env={"LINTAS_CT2_CACHE": "/tmp/c", "A": "runner"})
    assert runner.run(["--worker", "x"], {"A": "own"}) == {"n": 1}
    assert runner.run(["--convert", "translation", "m", "int8"], idle_first=False) == {"n": 2}
    assert runner.idle == [0.75]
    (cmd, env), (_, env2) = seen
    assert cmd[1:] == ["-m", "eval.bench", "--worker", "x"]
    assert env["LINTAS_CT2_CACHE"] == "/tmp/c" and env["A"] == "own" and env2["A"] == "runner"
