"""The REST API: same reports as the Python API, limits and errors as JSON."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient


@pytest.fixture
def client(tiny_marian, monkeypatch):
    monkeypatch.setenv("LINTAS_MODEL_PATH_OPUS_MT_ID_EN", str(tiny_marian))  # the default entry, served from the tiny model
    monkeypatch.setenv("LINTAS_MAX_BODY_BYTES", "50000")
    from service.server import create_app

    return TestClient(create_app(with_ui=False))


def test_health_ready_models(client):
    assert client.get("/health").json()["status"] == "ok"
    r = client.get("/ready")
    assert r.status_code == 200 and r.json()["ready"] is True
    names = {m["name"] for m in client.get("/api/v1/models").json()}
    assert "opus-mt-id-en" in names
    assert "/api/v1/translate" in client.get("/openapi.json").json()["paths"]


def test_translate_equals_python_api(client):
    from service import translate

    text = "Judul Berita Uji\n\nHarga naik 3,5 persen. Presiden Joko Widodo mengatakan stok aman."
    r = client.post("/api/v1/translate", json={"text": text})
    assert r.status_code == 200
    body = r.json()
    api = translate(text).to_dict()
    assert body["article"]["sentences"] == api["article"]["sentences"]
    assert body["attributions"][0]["speaker"]["name"] == "Joko Widodo"


def test_check_with_given_translations(client):
    text = "Judul Berita Uji\n\nMenurut Reuters, banjir merendam 1.500 rumah."
    r = client.post("/api/v1/check", json={"text": text, "sources": {"Reuters": "Floods submerged 1,200 homes, officials said."},
                                           "translations": [["Menurut Reuters, banjir merendam 1.500 rumah.", "According to Reuters, floods submerged 1,500 homes."]]})
    assert r.status_code == 200
    [a] = r.json()["attributions"]
    assert a["check"]["verdict"] == "partly_supported"


def test_errors_are_clear_json(client, monkeypatch):
    assert client.post("/api/v1/translate", json={"text": "   "}).json()["error"]["code"] == "empty_input"
    assert client.post("/api/v1/translate", json={"text": "   "}).status_code == 422
    r = client.post("/api/v1/translate", json={"text": "a " * 30000})
    assert r.status_code == 413
    assert client.post("/api/v1/translate", json={"nope": 1}).status_code == 422
    assert client.post("/api/v1/translate", json={"text": "Harga naik.", "model": "/etc"}).status_code == 422
    assert client.post("/api/v1/summarize", json={"text": "Harga naik.", "bullets": 0}).status_code == 422
    assert client.post("/api/v1/summarize", json={"text": "Harga naik.", "summary_backend": "magic"}).status_code == 422
    r = client.post("/api/v1/summarize", json={"text": "Harga naik.", "summary_backend": "seq2seq"})
    assert r.status_code == 503 and "lintas models pull summary" in r.json()["error"]["message"]


def test_bearer_token(tiny_marian, monkeypatch):
    monkeypatch.setenv("LINTAS_API_TOKEN", "s3cret")
    from service.server import create_app

    c = TestClient(create_app(with_ui=False))
    assert c.get("/api/v1/models").status_code == 401
    assert c.get("/api/v1/models", headers={"Authorization": "Bearer s3cret"}).status_code == 200
    assert c.get("/health").status_code == 200


def test_ui_mounted_in_the_same_app(tiny_marian):
    from service.server import create_app

    c = TestClient(create_app(with_ui=True))
    assert c.get("/health").status_code == 200
    assert c.get("/").status_code == 200


SEED_PAIRS = None


def _seed_pairs():
    from .conftest import FIXTURES

    return [line.split("\t")[:2] for line in (FIXTURES / "seed-translations.tsv").read_text(encoding="utf-8").splitlines() if "\t" in line]


def test_summarize_equals_python_api(client, seed_path):
    from service import summarize

    from .conftest import FIXTURES

    text = seed_path.read_text(encoding="utf-8")
    r = client.post("/api/v1/summarize", json={"text": text, "translations": _seed_pairs(), "bullets": 3})
    assert r.status_code == 200
    body = r.json()
    api = summarize(text, translations=FIXTURES / "seed-translations.tsv").to_dict()
    assert body["summary"] == api["summary"]
    assert len(body["summary"]["bullets"]) == 3 and all(b["supported_by"] for b in body["summary"]["bullets"])
    assert "/api/v1/summarize" in client.get("/openapi.json").json()["paths"]


def test_report_has_everything(client, seed_path):
    text = seed_path.read_text(encoding="utf-8")
    r = client.post("/api/v1/report", json={"text": text, "translations": _seed_pairs(), "summary_backend": "extractive",
                                            "sources": {"BBC": "Russian-led troops will be sent to Kazakhstan to help stabilise the situation."}})
    assert r.status_code == 200
    d = r.json()
    assert d["summary"]["backend"] == "extractive" and d["sources"][0]["name"] == "BBC"
    assert any(a["check"] and a["check"]["verdict"] != "no_source" for a in d["attributions"])
    assert set(d["timings"]) >= {"translate_s", "check_s", "summary_s"}


def test_summary_option_combinations_are_422(client):
    r = client.post("/api/v1/summarize", json={"text": "Harga naik. Warga protes.", "language": "id", "summary_backend": "seq2seq"})
    assert r.status_code == 422 and "extractive" in r.json()["error"]["message"]
