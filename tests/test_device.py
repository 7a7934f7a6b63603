"""The GPU path on a machine without one: ``device`` reaches CTranslate2's Translator and torch's
``model.to``; without CUDA the answer is a ConfigError naming the cause, never a crash inside a
library. (Figures on a GPU come from ``lintas bench --device cuda`` where there is one.)"""

from __future__ import annotations

import pytest

from service import Registry
from service.errors import ConfigError
from service.settings import Settings
from service.translation import clear_loaded


def test_device_setting_is_validated():
    assert Settings.load(env={}).device == "cpu"
    assert Settings.load(env={"LINTAS_DEVICE": "CUDA"}).device == "cuda"
    with pytest.raises(ConfigError, match="cpu or cuda"):
        Settings.load(env={"LINTAS_DEVICE": "gpu"})


def test_ct2_on_cuda_reaches_the_translator(tiny_marian, ct2_cache, monkeypatch):
    ctranslate2 = pytest.importorskip("ctranslate2")
    from service.translation.ct2 import CT2Backend, convert

    spec = Registry.load().resolve("translation", str(tiny_marian))
    convert(spec, "float32")
    made = []

    class FakeTranslator:
        def __init__(self, path, **kw):
            made.append((path, kw))

    monkeypatch.setattr(ctranslate2, "get_cuda_device_count", lambda: 1)
    monkeypatch.setattr(ctranslate2, "Translator", FakeTranslator)
    be = CT2Backend.load(spec, compute_type="float32", settings=Settings.load(env={"LINTAS_DEVICE": "cuda", "LINTAS_CT2_CACHE": str(ct2_cache)}))
    assert made[0][1]["device"] == "cuda" and made[0][1]["inter_threads"] == 1
    assert be.info["device"] == "cuda" and be.info["cpu_isa"] is None


def test_ct2_without_cuda_says_so(tiny_marian, ct2_cache, monkeypatch):
    ctranslate2 = pytest.importorskip("ctranslate2")
    from service.translation.ct2 import CT2Backend, convert

    spec = Registry.load().resolve("translation", str(tiny_marian))
    convert(spec, "float32")
    monkeypatch.setattr(ctranslate2, "get_cuda_device_count", lambda: 0)
    with pytest.raises(ConfigError, match="no CUDA GPU"):
        CT2Backend.load(spec, compute_type="float32", device="cuda")


def test_transformers_on_cuda_reaches_model_to(tiny_marian, monkeypatch):
    import torch

    from service.translation.hf import HFSeq2SeqBackend

    spec = Registry.load().resolve("translation", str(tiny_marian))
    moved = []
    monkeypatch.setattr(torch.cuda, "is_available", lambda: True)
    monkeypatch.setattr(torch.nn.Module, "to", lambda self, *a, **k: moved.append(a) or self)
    be = HFSeq2SeqBackend.load(spec, device="cuda", dtype="float16")
    assert moved == [("cuda",)] and be.info["device"] == "cuda"


def test_transformers_without_cuda_says_so(tiny_marian, monkeypatch):
    import torch

    from service.translation.hf import HFSeq2SeqBackend

    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    spec = Registry.load().resolve("translation", str(tiny_marian))
    with pytest.raises(ConfigError, match="torch cannot use a GPU"):
        HFSeq2SeqBackend.load(spec, device="cuda")


def test_cli_device_cuda_without_a_gpu_is_a_clear_error(tiny_marian, seed_path, capsys, monkeypatch):
    import torch

    from service.cli import main

    clear_loaded()
    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    code = main(["translate", str(seed_path), "--model", str(tiny_marian), "--backend", "transformers", "--device", "cuda"])
    err = capsys.readouterr().err
    clear_loaded()
    assert code == 3 and "device cuda" in err and "Traceback" not in err
