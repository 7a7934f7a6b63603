"""Faults: a model that fails to load, or a backend that raises mid-batch, costs that request a
clear error and nothing more — the server answers the next one, the CLI exits with a message and
a code, a batch records the article and goes on."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient

from .conftest import FakeBackend

ARTICLE = "Judul Berita Uji\n\nHarga naik 3,5 persen. Presiden Joko Widodo mengatakan stok aman."


@pytest.fixture
def corrupt_model(tmp_path):
    d = tmp_path / "broken-model"
    d.mkdir()
    (d / "config.json").write_text("{not json", encoding="utf-8")
    return d


def _client(monkeypatch, **env):
    from service.server import create_app

    for k, v in env.items():
        monkeypatch.setenv(k, v)
    return TestClient(create_app(with_ui=False), raise_server_exceptions=False)


def test_model_that_fails_to_load_is_a_503_and_the_server_goes_on(monkeypatch, corrupt_model, tiny_marian):
    c = _client(monkeypatch, LINTAS_MODEL_PATH_OPUS_MT_ID_EN=str(corrupt_model), LINTAS_MAX_CONCURRENCY="1",
                LINTAS_QUEUE_SECONDS="1")
    for _ in range(3):  # more failures than the concurrency gate has slots: none may leak
        r = c.post("/api/v1/translate", json={"text": ARTICLE})
        assert r.status_code == 503
        err = r.json()["error"]
        assert err["code"] == "model_load_failed" and "Could not load" in err["message"]
    assert c.get("/health").status_code == 200
    assert c.post("/api/v1/attributions", json={"text": ARTICLE}).status_code == 200
    monkeypatch.setenv("LINTAS_MODEL_PATH_OPUS_MT_ID_EN", str(tiny_marian))  # the files are fixed: no restart needed
    r = c.post("/api/v1/translate", json={"text": ARTICLE})
    assert r.status_code == 200 and all(s["translation"] for s in r.json()["article"]["sentences"])


def test_missing_model_is_a_503_naming_the_pull_command(monkeypatch, tmp_path):
    import huggingface_hub.constants as hc

    monkeypatch.delenv("LINTAS_MODEL_PATH_OPUS_MT_ID_EN", raising=False)
    monkeypatch.delenv("LINTAS_MODEL_TRANSLATION", raising=False)
    monkeypatch.setattr(hc, "HF_HUB_CACHE", str(tmp_path / "empty-cache" / "hub"))
    c = _client(monkeypatch)
    r = c.post("/api/v1/translate", json={"text": ARTICLE})
    assert r.status_code == 503
    assert r.json()["error"]["code"] == "model_not_available"
    assert "lintas models pull translation" in r.json()["error"]["message"]
    assert c.get("/ready").status_code == 503 and c.get("/health").status_code == 200


@pytest.fixture
def failing_translator(monkeypatch):
    """A backend that raises on one sentence, injected where the API loads its translator."""
    from service.models import default_pool
    from service.translation import Translator

    tr = Translator(FakeBackend(fail_on="meledak"))
    monkeypatch.setattr(default_pool(), "translator", lambda *a, **k: tr)
    return tr


def test_backend_raising_mid_request_is_a_clear_500_and_the_server_goes_on(monkeypatch, failing_translator):
    c = _client(monkeypatch, LINTAS_MAX_CONCURRENCY="1", LINTAS_QUEUE_SECONDS="1")
    for _ in range(3):
        r = c.post("/api/v1/translate", json={"text": "Bom meledak di pasar. Warga panik."})
        assert r.status_code == 500
        err = r.json()["error"]
        assert err["code"] == "internal_error" and "RuntimeError" in err["message"]
        assert "Traceback" not in r.text and "backend failure" not in r.text, "no internals leak to the client"
    r = c.post("/api/v1/translate", json={"text": "Harga naik. Warga protes."})
    assert r.status_code == 200
    assert [s["translation"] for s in r.json()["article"]["sentences"]] == ["<Harga naik.>", "<Warga protes.>"]


def test_cli_model_failures_are_one_line_and_an_exit_code(tmp_path, corrupt_model, capsys, failing_translator, monkeypatch):
    from service.cli import main
    from service.models import default_pool

    art = tmp_path / "a.txt"
    art.write_text("Bom meledak di pasar. Warga panik.", encoding="utf-8")
    assert main(["translate", str(art)]) == 70
    err = capsys.readouterr().err
    assert err.startswith("error: internal error (RuntimeError") and "Traceback" not in err

    monkeypatch.delattr(default_pool(), "translator")  # the pool's real loader again
    assert main(["translate", str(art), "--model", str(corrupt_model)]) == 3  # a broken model directory: config error
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "config.json is not valid JSON" in err and "Traceback" not in err


def test_batch_records_the_failing_article_and_goes_on(tmp_path, failing_translator):
    from service.batch import run_batch

    inp, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    texts = ["Harga naik. Warga protes.", "Bom meledak di pasar.", "Banjir surut. Warga pulang."]
    inp.write_text("".join(json.dumps({"id": f"a{i}", "text": t}) + "\n" for i, t in enumerate(texts)), encoding="utf-8")
    counts = run_batch(inp, out)
    assert counts == {"total": 3, "ok": 2, "failed": 1, "skipped": 0}
    recs = {r["id"]: r for r in map(json.loads, out.read_text(encoding="utf-8").splitlines())}
    assert recs["a1"]["ok"] is False and recs["a1"]["error"]["code"] == "internal_error"
    assert recs["a2"]["ok"] and recs["a2"]["report"]["article"]["sentences"][1]["translation"] == "<Warga pulang.>"
