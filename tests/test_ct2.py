"""The CTranslate2 backend: conversion, parity with transformers, and auto selection."""

from __future__ import annotations

import pytest

pytest.importorskip("ctranslate2")

from service import Registry, prepare  # noqa: E402
from service.translation import clear_loaded, load_translator  # noqa: E402
from service.translation.ct2 import convert, find_converted  # noqa: E402


@pytest.mark.parametrize("beams", [1, 4])
def test_float32_parity_with_transformers(tiny_marian, seed_bytes, ct2_cache, beams, monkeypatch):
    # over the whole vocabulary, as transformers decodes: the random tiny model writes source-side
    # pieces, which the target-side map (on by default) rules out (tests below)
    monkeypatch.setenv("LINTAS_CT2_TARGET_VMAP", "0")
    spec = Registry.load().resolve("translation", str(tiny_marian))
    convert(spec, "float32")
    texts = [s.text for s in prepare(seed_bytes).sentences]
    gen = {"num_beams": beams, "max_new_tokens": 12}
    hf = load_translator(str(tiny_marian), backend="transformers", generation=gen).translate_scored(texts)
    ct = load_translator(str(tiny_marian), backend="ctranslate2", generation=gen, dtype="float32").translate_scored(texts)
    assert [t for t, _ in ct] == [t for t, _ in hf]
    for (_, a), (_, b) in zip(hf, ct):
        assert a == pytest.approx(b, abs=0.02), "same length-normalised log-probability"


def test_nllb_converts_and_translates(tiny_nllb, ct2_cache):
    spec = Registry.load().resolve("translation", str(tiny_nllb))
    convert(spec, "float32")
    gen = {"num_beams": 1, "max_new_tokens": 8}
    texts = ["Harga naik tajam.", "Warga protes di jalan."]
    hf = load_translator(str(tiny_nllb), backend="transformers", generation=gen).translate(texts)
    ct = load_translator(str(tiny_nllb), backend="ctranslate2", generation=gen, dtype="float32").translate(texts)
    assert ct == hf


def test_auto_prefers_a_converted_model(tiny_marian, ct2_cache, capsys):
    from service.cli import main

    spec = Registry.load().resolve("translation", str(tiny_marian))
    assert find_converted(spec) is None
    assert load_translator(str(tiny_marian)).info["backend"] == "transformers"
    clear_loaded()
    assert main(["models", "convert", "translation", "--model", str(tiny_marian)]) == 0  # int8 by default
    assert find_converted(spec).name == "int8"
    tr = load_translator(str(tiny_marian))
    assert tr.info["backend"] == "ctranslate2" and tr.info["dtype"] == "int8"


def test_ct2_requires_a_conversion(tiny_marian, ct2_cache):
    from service.errors import ModelNotAvailableError

    with pytest.raises(ModelNotAvailableError, match="lintas models convert translation"):
        load_translator(str(tiny_marian), backend="ctranslate2")


def test_new_weights_mean_a_new_conversion(tiny_marian, tmp_path, ct2_cache):
    import shutil

    from service.translation.ct2 import converted_dir

    m = tmp_path / "m"
    shutil.copytree(tiny_marian, m)
    spec = Registry.load().resolve("translation", str(m))
    before = converted_dir(spec, "int8")
    w = m / "model.safetensors"
    w.write_bytes(w.read_bytes() + b"")  # same bytes, new mtime
    import os

    os.utime(w, ns=(w.stat().st_atime_ns, w.stat().st_mtime_ns + 10**9))
    assert converted_dir(Registry.load().resolve("translation", str(m)), "int8") != before


def test_vocabulary_map_parity_and_restriction(tiny_marian, seed_bytes, ct2_cache, tmp_path):
    """A map built from the model's own translations leaves them unchanged; a narrow map really
    restricts the output to its candidates; reports name the map."""
    from service.translation.ct2 import CT2Backend
    from service.translation.vmap import build_vmap, candidates, install, read_vmap

    spec = Registry.load().resolve("translation", str(tiny_marian))
    d = convert(spec, "float32")
    texts = [s.text for s in prepare(seed_bytes).sentences][:12]
    gen = {"num_beams": 1, "max_new_tokens": 12}
    full = CT2Backend.load(spec, generation=gen, compute_type="float32", use_vmap=False)
    own = full.translate_tokens(texts)
    text, stats = build_vmap(zip((full.source_tokens(t) for t in texts), own), per_token=30, always=1000)
    install(d.parent, text)
    with_map = CT2Backend.load(spec, generation=gen, compute_type="float32", use_vmap=True)
    assert with_map.translate_batch(texts) == full.translate_batch(texts)
    assert with_map.info["vmap"]["sha256"] and "vmap" not in full.info

    narrow, _ = build_vmap(zip((full.source_tokens(t) for t in texts), own), per_token=0, always=2)
    install(d.parent, narrow)
    restricted = CT2Backend.load(spec, generation=gen, compute_type="float32", use_vmap=True)
    allowed = candidates(read_vmap(narrow), [full.source_tokens(t) for t in texts])
    outs = restricted.translate_tokens(texts)
    assert all(set(o) <= allowed for o in outs), "every output token is a candidate"
    assert outs != own, "the narrow map changed the translations"


def _target_side(model_dir):
    import json

    import sentencepiece as spm

    vocab = json.loads((model_dir / "vocab.json").read_text(encoding="utf-8"))
    sp = spm.SentencePieceProcessor(model_file=str(model_dir / "target.spm"))
    return vocab, {sp.id_to_piece(i) for i in range(sp.get_piece_size())} & set(vocab)


@pytest.fixture
def trained_like_marian(tiny_marian, tmp_path):
    """The tiny Marian model with the output logits of its source-only pieces at -1e4, as in a
    model trained on targets that target.spm split: pieces never seen as a target get no
    probability (exp(-1e4) is 0 in float32)."""
    import shutil

    import torch
    from transformers import MarianMTModel

    d = tmp_path / "trained-like"
    shutil.copytree(tiny_marian, d)
    vocab, target = _target_side(d)
    model = MarianMTModel.from_pretrained(d)
    with torch.no_grad():
        model.final_logits_bias[0, [i for t, i in vocab.items() if t not in target and t not in ("</s>", "<unk>")]] = -1e4
    model.save_pretrained(d, safe_serialization=True)
    return d


def test_target_vmap_built_at_convert_and_used_by_default(tiny_marian, ct2_cache, monkeypatch):
    """The map allows exactly target.spm's pieces and the specials (one always-line, no
    per-token rules); reports name it; the setting turns it off."""
    from service.translation.ct2 import CT2Backend
    from service.translation.vmap import read_vmap

    vocab, target = _target_side(tiny_marian)
    spec = Registry.load().resolve("translation", str(tiny_marian))
    d = convert(spec, "float32")
    fixed, rules = read_vmap((d / "vmap.txt").read_text(encoding="utf-8"))
    assert rules == {} and fixed == (target - {"<pad>"}) | {"</s>", "<unk>"}
    assert len(fixed) < len(vocab) - 1, "the tiny model's source side has pieces of its own"
    info = CT2Backend.load(spec, compute_type="float32").info["vmap"]
    assert info["kind"] == "target" and info["rows"] == len(fixed) and info["of"] == len(vocab) - 1
    monkeypatch.setenv("LINTAS_CT2_TARGET_VMAP", "0")
    assert "vmap" not in CT2Backend.load(spec, compute_type="float32").info


@pytest.mark.parametrize("beams", [1, 4])
def test_target_vmap_lossless_where_source_pieces_get_no_probability(trained_like_marian, seed_bytes, ct2_cache, beams):
    """float32, greedy and beam 4: the same translations and scores with and without the map.
    The scores agree to float32 rounding (the softmax sums its terms in another order over
    fewer rows), not bit for bit: 1e-6 is four ulps at these scores."""
    from service.translation.ct2 import CT2Backend

    spec = Registry.load().resolve("translation", str(trained_like_marian))
    convert(spec, "float32")
    texts = [s.text for s in prepare(seed_bytes).sentences]
    gen = {"num_beams": beams, "max_new_tokens": 12}
    full = CT2Backend.load(spec, generation=gen, compute_type="float32", use_vmap=False).translate_batch_scored(texts)
    mapped = CT2Backend.load(spec, generation=gen, compute_type="float32")
    assert mapped.info["vmap"]["kind"] == "target"
    assert mapped._options(8)["use_vmap"] is True  # CTranslate2 is asked to decode with the map, not only told of it
    out = mapped.translate_batch_scored(texts)
    assert [t for t, _ in out] == [t for t, _ in full]
    for (_, a), (_, b) in zip(full, out):
        assert b == pytest.approx(a, abs=1e-6)


def test_target_vmap_scores_higher_by_the_excluded_mass(tiny_marian, seed_bytes, ct2_cache):
    """Where source-only pieces do get probability (the random tiny model), the map can change a
    translation (every output piece is then a target piece) and, for the same translation,
    raises its length-normalised score by the mean over steps of -log(1 - excluded mass): more
    than 0, at most the largest step's, which transformers computes here over the full vocabulary."""
    import math

    import torch
    from transformers import MarianMTModel

    from service.translation.ct2 import CT2Backend

    vocab, target = _target_side(tiny_marian)
    spec = Registry.load().resolve("translation", str(tiny_marian))
    convert(spec, "float32")
    texts = [s.text for s in prepare(seed_bytes).sentences][:12]
    gen = {"num_beams": 1, "max_new_tokens": 12}
    full_be = CT2Backend.load(spec, generation=gen, compute_type="float32", use_vmap=False)
    map_be = CT2Backend.load(spec, generation=gen, compute_type="float32")
    full, mapped = full_be.translate_batch_scored(texts), map_be.translate_batch_scored(texts)
    toks = map_be.translate_tokens(texts)
    assert all(set(t) <= target for t in toks)
    assert [t for t, _ in full] != [t for t, _ in mapped], "the random model writes source-side pieces"
    model = MarianMTModel.from_pretrained(tiny_marian).eval()
    pad = vocab["<pad>"]
    excluded = torch.tensor([i for t, i in vocab.items() if t not in target and i != pad])
    same = 0
    for text, (ft, fs), (mt, ms), out in zip(texts, full, mapped, toks):
        if ft != mt:
            continue
        same += 1
        src = torch.tensor([[vocab.get(p, 1) for p in map_be.source_tokens(text)]])
        dec = torch.tensor([[pad] + [vocab[p] for p in out]])
        with torch.no_grad():
            logits = model(input_ids=src, decoder_input_ids=dec).logits[0]
        logits[:, pad] = -math.inf  # CTranslate2's Marian conversion has no pad row
        m = torch.softmax(logits, -1)[:, excluded].sum(-1)
        bound = float((-torch.log1p(-m)).max())
        assert 0 < ms - fs <= bound + 1e-5
    assert same >= 3


def test_nllb_gets_no_target_vmap(tiny_nllb, ct2_cache):
    spec = Registry.load().resolve("translation", str(tiny_nllb))
    d = convert(spec, "float32")
    assert not (d / "vmap.txt").exists()


def test_a_shortlist_is_kept_and_used_only_when_asked(tiny_marian, ct2_cache, monkeypatch):
    from service.translation.ct2 import CT2Backend
    from service.translation.vmap import install

    spec = Registry.load().resolve("translation", str(tiny_marian))
    d = convert(spec, "float32")
    install(d.parent, "\t▁the\n")
    convert(spec, "float32")
    assert (d / "vmap.txt").read_text(encoding="utf-8") == "\t▁the\n", "convert keeps the shortlist"
    assert "vmap" not in CT2Backend.load(spec, compute_type="float32").info
    monkeypatch.setenv("LINTAS_CT2_VMAP", "1")
    assert CT2Backend.load(spec, compute_type="float32").info["vmap"]["kind"] == "shortlist"


def test_vmap_needs_a_map(tiny_marian, ct2_cache):
    from service.errors import ConfigError
    from service.translation.ct2 import CT2Backend

    spec = Registry.load().resolve("translation", str(tiny_marian))
    d = convert(spec, "float32")
    for f in (d / "vmap.txt", d / "vmap.json"):
        f.unlink()
    with pytest.raises(ConfigError, match="lintas models vmap translation"):
        CT2Backend.load(spec, compute_type="float32", use_vmap=True)


def test_models_vmap_command_measures_the_map(tiny_marian, ct2_cache, tmp_path, capsys):
    import json

    from service.cli import main

    pairs = tmp_path / "pairs.tsv"
    pairs.write_text("id\ten\n" + "".join(f"Harga beras naik {i} persen.\tRice prices rose {i} percent.\n" for i in range(30)),
                     encoding="utf-8")
    corpus = tmp_path / "id.txt"
    corpus.write_text("".join(f"Warga protes di jalan nomor {i}.\n" for i in range(30)), encoding="utf-8")
    assert main(["models", "convert", "translation", "--model", str(tiny_marian), "--quantization", "float32"]) == 0
    capsys.readouterr()
    assert main(["models", "vmap", "translation", "--model", str(tiny_marian), "--pairs", str(pairs), "--corpus", str(corpus),
                 "--heldout", "10"]) == 0
    res = json.loads(capsys.readouterr().out)
    assert res["built_from"] == {"pairs": 30, "corpus_sentences": 20}
    h = res["heldout"]
    assert h["sentences"] == 10 and 0 <= h["identical_share"] <= 1 and h["mean_candidates_per_batch"] > 0


def test_avx512_chosen_only_where_the_cpu_has_it(monkeypatch):
    from service.translation.threads import ct2_isa

    full = {"avx2", "avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl"}
    monkeypatch.delenv("CT2_FORCE_CPU_ISA", raising=False)
    monkeypatch.delenv("LINTAS_CT2_AVX512", raising=False)
    assert ct2_isa(full - {"avx512bw"}) == "auto"
    import os

    assert "CT2_FORCE_CPU_ISA" not in os.environ
    assert ct2_isa(full) == "AVX512" and os.environ["CT2_FORCE_CPU_ISA"] == "AVX512"
    monkeypatch.setenv("CT2_FORCE_CPU_ISA", "AVX2")  # the user's choice is kept
    assert ct2_isa(full) == "AVX2"
    monkeypatch.delenv("CT2_FORCE_CPU_ISA")
    monkeypatch.setenv("LINTAS_CT2_AVX512", "0")
    assert ct2_isa(full) == "auto" and "CT2_FORCE_CPU_ISA" not in os.environ


_ISA_SCRIPT = """
import json, sys
from service import prepare
from service.translation import load_translator
texts = [s.text for s in prepare(open(sys.argv[2], 'rb').read()).sentences]
tr = load_translator(sys.argv[1], backend='ctranslate2', generation={'num_beams': 4, 'max_new_tokens': 12}, dtype=sys.argv[3])
print(json.dumps({'isa': tr.backend.info['cpu_isa'], 'out': tr.translate_scored(texts)}))
"""


@pytest.mark.parametrize("dtype", ["float32", "int8"])
def test_avx512_kernels_translate_as_avx2_does(tiny_marian, seed_path, ct2_cache, dtype):
    """The speed setting changes no translation: the same model, AVX-512 kernels (lintas's choice
    on such a CPU) vs CTranslate2's own AVX2 choice, each in its own process (the choice is made
    once per process)."""
    import json
    import os
    import subprocess
    import sys

    from service.translation.threads import AVX512_FLAGS, cpu_flags

    if not AVX512_FLAGS <= cpu_flags():
        pytest.skip("this CPU has no AVX-512")
    convert(Registry.load().resolve("translation", str(tiny_marian)), dtype)
    runs = {}
    for isa in ("AVX512", "AVX2"):
        env = {k: v for k, v in os.environ.items() if k != "CT2_FORCE_CPU_ISA"}
        if isa == "AVX2":
            env["CT2_FORCE_CPU_ISA"] = "AVX2"
        p = subprocess.run([sys.executable, "-c", _ISA_SCRIPT, str(tiny_marian), str(seed_path), dtype],
                           capture_output=True, text=True, env=env, timeout=300)
        assert p.returncode == 0, p.stderr[-2000:]
        runs[isa] = json.loads(p.stdout.strip().splitlines()[-1])
    assert runs["AVX512"]["isa"] == "AVX512" and runs["AVX2"]["isa"] == "AVX2"
    assert [t for t, _ in runs["AVX512"]["out"]] == [t for t, _ in runs["AVX2"]["out"]]
    for (_, a), (_, b) in zip(runs["AVX512"]["out"], runs["AVX2"]["out"]):
        assert a == pytest.approx(b, abs=1e-3)
