"""A new user's first hour (#16): offline, a missing model fails fast and once with every way
forward; report and summarize still work without it; test models are labelled everywhere."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import pytest

from .conftest import FAST, REPO


def _offline_env(tmp_path) -> dict:
    """A machine with no network to the hub and no model anywhere: HF_HUB_OFFLINE *unset*, an
    empty HF_HOME, no LINTAS_* variable, and the hub endpoint a closed local port (a refused
    connection, as offline as a failed name lookup, on any machine)."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("LINTAS_") and k not in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE", "HF_HUB_CACHE")
           and k.lower() not in ("https_proxy", "http_proxy", "all_proxy")}
    env.update(HF_HOME=str(tmp_path / "hf-home"), HF_ENDPOINT="http://127.0.0.1:9", PYTHONPATH=str(REPO),
               GRADIO_ANALYTICS_ENABLED="False")
    return env


def _lintas(env, *argv, cwd) -> tuple[subprocess.CompletedProcess, float]:
    t = time.perf_counter()
    p = subprocess.run([sys.executable, "-m", "service", *argv], env=env, cwd=cwd, capture_output=True, text=True, timeout=120)
    return p, time.perf_counter() - t


def test_offline_translate_fails_fast_with_one_line_naming_every_way_forward(tmp_path, seed_path):
    p, wall = _lintas(_offline_env(tmp_path), "translate", str(seed_path), cwd=tmp_path)
    assert p.returncode == 4, p.stderr
    assert wall < 10, f"{wall:.1f} s"  # ~2 s measured; the hub's retries took ~25 s
    lines = p.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: Model Helsinki-NLP/opus-mt-id-en"), p.stderr
    for way in ("lintas models pull translation", "--model DIR", "LINTAS_MODEL_PATH_OPUS_MT_ID_EN=DIR",
                "--translations", "--language id", "lintas report"):
        assert way in lines[0], way


def test_offline_report_goes_on_without_the_translation_model(tmp_path, seed_path):
    p, wall = _lintas(_offline_env(tmp_path), "report", str(seed_path), "--json", cwd=tmp_path)
    assert p.returncode == 0, p.stderr
    assert wall < 15, f"{wall:.1f} s"  # ~2 s measured
    d = json.loads(p.stdout)
    assert any(i["code"] == "translation_unavailable" for i in d["issues"])
    assert d["summary"]["language"] == "id" and len(d["summary"]["bullets"]) == 3
    assert any(a["speaker"]["name"] == "Kate Mallinson" for a in d["attributions"])
    warnings = [ln for ln in p.stderr.splitlines() if ln.strip()]
    assert len(warnings) == 1 and warnings[0].startswith("warning: No English translation"), p.stderr


def test_the_hub_is_probed_once_per_process(monkeypatch):
    import socket

    from service import registry
    from service.settings import Settings

    registry.forget_hub_probe()
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    port = listener.getsockname()[1]
    listener.close()  # a closed port: refused at once
    calls = []
    real = registry._probe
    monkeypatch.setattr(registry, "_hub_address", lambda: ("127.0.0.1", port))
    monkeypatch.setattr(registry, "_probe", lambda *a: calls.append(a) or real(*a))
    online = Settings.load(env={})
    try:
        t = time.perf_counter()
        assert registry.hub_reachable(online) == (False, f"127.0.0.1:{port}")
        assert registry.hub_reachable(online)[0] is False
        assert time.perf_counter() - t < 2 and len(calls) == 1
        offline = Settings.load(env={"HF_HUB_OFFLINE": "1"})
        assert registry.hub_reachable(offline)[0] is False and len(calls) == 1  # not even probed
    finally:
        registry.forget_hub_probe()


def test_a_missing_model_is_never_downloaded_when_the_hub_is_unreachable(monkeypatch, tmp_path):
    import huggingface_hub.constants as c

    from service import registry
    from service.errors import ModelNotAvailableError
    from service.settings import Settings

    monkeypatch.setattr(c, "HF_HUB_CACHE", str(tmp_path / "empty"))
    monkeypatch.setattr(registry, "hub_reachable", lambda s=None: (False, "huggingface.co:443"))
    monkeypatch.setattr(registry, "pull", lambda spec: pytest.fail("pull called while offline"))
    spec = registry.Registry.load().default("translation")
    with pytest.raises(ModelNotAvailableError, match="huggingface.co:443 cannot be reached") as e:
        registry.require_local(spec, Settings.load(env={}))
    assert "LINTAS_MODEL_PATH_OPUS_MT_ID_EN=DIR" in str(e.value) and "\n" not in str(e.value)


def test_summary_model_error_names_its_own_ways():
    from service.errors import ModelNotAvailableError

    msg = str(ModelNotAvailableError("sshleifer/distilbart-cnn-12-6@a4f8f3e", "summary", name="distilbart-cnn-12-6"))
    assert "lintas models pull summary" in msg and "--summary-model DIR" in msg
    assert "LINTAS_MODEL_PATH_DISTILBART_CNN_12_6=DIR" in msg and "--backend extractive" in msg


def test_test_models_are_labelled_in_json_markdown_and_cli(tiny_marian, seed_path, capsys):
    from service import translate
    from service.cli import main

    report = translate(seed_path, model=tiny_marian, generation=FAST)
    models = report.to_dict()["models"]
    assert models and all(m["test_model"] is True for m in models)
    md = report.to_markdown()
    head = md.split("\n| # |")[0]  # above the side-by-side table
    assert md.startswith("# ") and "> **Note:**" in head and "random-weight test model" in head
    assert main(["translate", str(seed_path), "--model", str(tiny_marian), "--beams", "1", "--max-new-tokens", "8"]) == 0
    err = capsys.readouterr().err
    assert f"warning: {models[0]['name'] or models[0]['id']} is a random-weight test model: its English is meaningless" in err


def test_a_real_model_is_not_labelled(tmp_path):
    from service.registry import is_test_model

    assert not is_test_model({"id": "Helsinki-NLP/opus-mt-id-en"})
    assert not is_test_model({"id": str(tmp_path)})
    (tmp_path / "TEST_MODEL.txt").write_text("x")
    assert is_test_model({"id": str(tmp_path)})
