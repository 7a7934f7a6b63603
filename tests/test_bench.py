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


def test_forced_length_on_the_grid_is_the_same_work_however_the_sentences_are_split(fake_backend):
    """The batch benchmark compares engines that split articles into calls differently: with
    ``grid=True`` a sentence's forced length is its own, never its call's longest input's."""
    from eval.bench_seed import grid_length

    fake_backend.generation = {}
    texts = [" ".join(["kata"] * n) + "." for n in (16, 4, 20, 9, 40, 3, 11)]
    whole = ForcedLength(fake_backend, ratio=1.2, per_sentence=True, grid=True)
    whole.translate_batch_scored(texts)
    split = ForcedLength(fake_backend, ratio=1.2, per_sentence=True, grid=True)
    for i in range(0, len(texts), 2):
        split.translate_batch_scored(texts[i : i + 2])
    assert whole.forced_tokens == split.forced_tokens
    lengths = fake_backend.count_tokens(texts)
    assert whole.forced_tokens == sum(grid_length(-(-12 * n // 10)) for n in lengths)
    assert whole.calls == len({grid_length(-(-12 * n // 10)) for n in lengths})
    # without the grid, the split calls force different lengths: what the grid is for
    a, b = (ForcedLength(fake_backend, ratio=1.2, per_sentence=True) for _ in range(2))
    a.translate_batch_scored(texts)
    for i in range(0, len(texts), 2):
        b.translate_batch_scored(texts[i : i + 2])
    assert a.forced_tokens != b.forced_tokens
    # the grid: every length up to 8, then steps of at most 25%
    assert [grid_length(n) for n in (1, 2, 7, 8, 9, 10, 11)] == [2, 2, 7, 8, 10, 10, 13]
    g = sorted({grid_length(n) for n in range(1, 300)})
    assert all(y <= 1.25 * x + 1 for x, y in zip(g, g[1:]))


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


def _args(*argv):
    from eval import bench

    return bench._parser().parse_args(list(argv))


def test_bench_matrix_by_flag(monkeypatch):
    """The default run times fewer configurations than --full (so it finishes on 2 cores);
    --quick only the headline; --device cuda the GPU rows."""
    from eval import bench

    monkeypatch.setattr("service.translation.threads.cpu_flags", lambda cpuinfo="": set())

    def rows(*argv):
        return {(b, d, v.split(",")[-1].strip(), tuple(c)) for b, d, c, v, _ in bench.bench_runs(_args(*argv))}

    quick, default, full = rows("--quick"), rows(), rows("--full")
    assert {(b, d, tuple(c)) for b, d, _, c in quick} == {("transformers", "float32", ((4, 16),)), ("ctranslate2", "int8", ((4, 16),))}
    assert any(v == "no vmap" for _, _, v, _ in default) and len(default) < len(full)
    assert sum(len(c) for *_, c in default) < sum(len(c) for *_, c in full)
    cuda = bench.bench_runs(_args("--device", "cuda"))
    assert {(b, d) for b, d, *_ in cuda} == {("ctranslate2", "float16"), ("ctranslate2", "int8_float16"),
                                             ("transformers", "float16"), ("transformers", "float32")}
    assert all(c == [(4, 16), (4, 64)] for _, _, c, _, _ in cuda)


def test_isa_cap_reaches_every_worker_and_the_signature(monkeypatch):
    from eval import bench

    seen = {}
    monkeypatch.setattr(bench.subprocess, "run", lambda cmd, **kw: seen.update(kw["env"]) or
                        type("P", (), {"returncode": 0, "stdout": "{}\n", "stderr": ""})())
    bench.make_runner(_args("--quick", "--isa", "avx2")).run(["--worker"])  # the runner run_bench uses
    assert seen["CT2_FORCE_CPU_ISA"] == "AVX2" and seen["ATEN_CPU_CAPABILITY"] == "avx2"
    assert seen["MKL_ENABLE_INSTRUCTIONS"] == "AVX2" and seen["ONEDNN_MAX_CPU_ISA"] == "AVX2"
    avx512 = {"avx2", "avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl"}
    assert bench.isa_note("avx2", avx512, "Xeon X") == "AVX2 emulated by capping on Xeon X (native AVX-512)"
    assert bench.isa_note("native", avx512, "Xeon X") == "AVX-512 (native)"
    assert bench.isa_note("native", {"avx2"}, "EPYC") == "AVX2 (native)"
    sig = bench._signature(_args("--quick", "--isa", "avx2"), 3, [], "tok", 1.0,
                           {"ctranslate2 int8 x": {"cpu_isa": "AVX2"}, "transformers float32 y": {"cpu_capability": "AVX2"}})
    assert sig["cpu"] == bench.cpu_model() and sig["isa"].startswith(("AVX2 emulated by capping on", "AVX2 cap on"))
    assert sig["ct2_isa"] == "AVX2" and sig["torch_capability"] == "AVX2" and sig["matrix"] == "quick"


def test_padded_target_spm_keeps_its_segmentation(tmp_path):
    import sentencepiece as spm

    from eval.bench import pad_spm
    from service.testing.tiny import corpus_lines, train_spm

    raw = train_spm(corpus_lines("en"), "unigram", 400, eos_id=0, unk_id=1, bos_id=-1, pad_id=-1)
    a = spm.SentencePieceProcessor(model_proto=raw)
    b = spm.SentencePieceProcessor(model_proto=pad_spm(raw, 2000))
    assert b.get_piece_size() == 2000 > a.get_piece_size()
    for line in corpus_lines("en")[:50]:
        assert b.encode(line, out_type=str) == a.encode(line, out_type=str)


def test_ab_interleaves_and_swaps_the_order(monkeypatch, tmp_path):
    from eval import bench, bench_ab

    calls = []

    def fake_run(self, args, env=None, idle_first=True):
        if args[0] == "--convert":
            return {}
        calls.append(env["LINTAS_CT2_TARGET_VMAP"])
        assert self.env["CT2_FORCE_CPU_ISA"] == "AVX2"  # --isa avx2 reaches every worker
        return {"results": [{"pass_s": [2.0 if env["LINTAS_CT2_TARGET_VMAP"] == "1" else 3.0]}]}

    monkeypatch.setattr(bench.WorkerRunner, "run", fake_run)
    out = bench_ab.run_ab("LINTAS_CT2_TARGET_VMAP", 3, "avx2", tmp_path, model_dir=tmp_path)
    assert calls == ["1", "0", "0", "1", "1", "0"]
    assert out["speedup_per_round"] == [1.5, 1.5, 1.5] and out["median_speedup"] == 1.5 and out["isa"].startswith("AVX2")


def test_bench_on_cuda_without_a_gpu_says_so(capsys, monkeypatch):
    from eval import bench

    monkeypatch.setattr(bench, "no_gpu", lambda: "CTranslate2 finds no CUDA GPU")
    monkeypatch.setattr(bench, "run_bench", lambda args: pytest.fail("no bench without a GPU"))
    assert bench.main(["--device", "cuda"]) == 3
    assert "no CUDA GPU" in capsys.readouterr().err


def test_batch_bench_ratios_are_the_median_of_interleaved_rounds():
    """The batch benchmark's target ratios: per round, their median (judged against the target)
    and, from three rounds, a bootstrap interval; one round gives its one ratio and no interval."""
    from eval.bench_batch import parser, ratios

    def rows(rates):
        return [{"engine": e, "workers": w, "articles_per_min": rate, "round": k + 1}
                for k, rnd in enumerate(rates) for (e, w), rate in zip([("local", 1), ("ray", 1), ("ray", 2)], rnd)]

    # ratios 1.6, 1.9, 1.72: the median (1.72) is neither the first round's, the mean nor the best
    three = ratios(rows([(20.0, 20.0, 32.0), (19.0, 20.0, 38.0), (20.0, 25.0, 43.0)]))
    assert three["ray2_vs_ray1"]["per_round"] == [1.6, 1.9, 1.72] and three["ray2_vs_ray1"]["value"] == 1.72
    assert three["ray2_vs_ray1"]["met"] and three["ray2_vs_local"]["per_round"] == [1.6, 2.0, 2.15]
    low, high = three["ray2_vs_ray1"]["interval95"]
    assert low <= 1.72 <= high and low < high
    with pytest.raises(SystemExit):  # no rounds: a clear error, not an empty result
        parser().parse_args(["--rounds", "0"])
    one = ratios(rows([(20.0, 20.0, 33.0)]))
    assert one["ray2_vs_ray1"] == {"value": 1.65, "target": 1.7, "met": False, "per_round": [1.65], "interval95": None}
