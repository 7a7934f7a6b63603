"""Load and faults against the real server process (eval/load.py, small): every request answered
or clearly refused, none lost or hanging, the model loaded once; a broken model leaves the
server up. And the concurrency gate's refusal, made to happen deterministically."""

from __future__ import annotations

import threading

from eval.load import post, run_load, start_server


def test_small_load_run_loses_nothing_and_loads_the_model_once(tiny_marian, tmp_path):
    res = run_load(requests=20, concurrency=4, timeout=240, max_concurrency=2, queue_seconds=60,
                   model=str(tiny_marian), work_dir=tmp_path, fast=True)
    c = res["counts"]
    assert c["lost"] == 0 and c["timeouts"] == 0 and c["connection_errors"] == 0 and c["other_status"] == 0, c
    assert c["ok_200"] + c["refused_429_503"] == 20 and c["refused_without_retry_after"] == 0
    assert c["ok_200"] >= 1
    assert res["model_loads"] == {"opus-mt-id-en|transformers": 1}, "one model object shared by every request"
    assert res["server"]["alive_after"] and res["server"]["health_after"] == 200
    assert res["server_rss_mb"]["peak_vmhwm"] > 0


def test_real_server_survives_a_model_that_fails_to_load(tmp_path):
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "config.json").write_text("{not json", encoding="utf-8")
    srv = start_server({"LINTAS_MODEL_PATH_OPUS_MT_ID_EN": str(broken)}, tmp_path)
    try:
        text = "Harga naik. Presiden Joko Widodo mengatakan stok aman."
        for _ in range(2):
            r = post(srv.url + "/api/v1/translate", {"text": text}, timeout=60)
            assert r["status"] == 503
        assert post(srv.url + "/api/v1/attributions", {"text": text}, timeout=60)["status"] == 200
        assert srv.get("/health")[0] == 200 and srv.proc.poll() is None
    finally:
        srv.stop()
    log = srv.log.read_text(errors="replace")
    assert "Traceback" not in log, "a load failure is an answered error, not a crash"


def test_busy_server_refuses_with_503_and_retry_after(monkeypatch):
    """One slot, a request holding it: the next waits LINTAS_QUEUE_SECONDS, then gets 503 +
    Retry-After; the first still completes, and the slot is free again afterwards."""
    from fastapi.testclient import TestClient

    from service.models import default_pool
    from service.server import create_app
    from service.translation import Translator

    from .conftest import FakeBackend

    release = threading.Event()
    entered = threading.Event()

    class Blocking(FakeBackend):
        def translate_batch(self, texts):
            entered.set()
            release.wait(30)
            return super().translate_batch(texts)

    tr = Translator(Blocking())
    monkeypatch.setattr(default_pool(), "translator", lambda *a, **k: tr)
    monkeypatch.setenv("LINTAS_MAX_CONCURRENCY", "1")
    monkeypatch.setenv("LINTAS_QUEUE_SECONDS", "0.2")
    c = TestClient(create_app(with_ui=False))
    first = {}
    t = threading.Thread(target=lambda: first.update(r=c.post("/api/v1/translate", json={"text": "Harga naik."})))
    t.start()
    assert entered.wait(30)
    r = c.post("/api/v1/translate", json={"text": "Warga protes."})
    assert r.status_code == 503 and r.headers["Retry-After"] == "1"
    assert r.json()["error"]["code"] == "busy"
    release.set()
    t.join(30)
    assert first["r"].status_code == 200
    assert c.post("/api/v1/translate", json={"text": "Warga protes."}).status_code == 200


def test_server_binds_loopback_unless_told_otherwise_and_warns_when_exposed_without_auth(monkeypatch, caplog):
    import uvicorn

    from service.server import serve

    seen = []
    monkeypatch.setattr(uvicorn, "run", lambda app, host, port, **kw: seen.append((host, port)))
    for v in ("LINTAS_HOST", "LINTAS_PORT", "LINTAS_API_TOKEN", "LINTAS_AUTH"):
        monkeypatch.delenv(v, raising=False)
    serve()
    assert not [r for r in caplog.records if "without" in r.getMessage()]
    monkeypatch.setenv("LINTAS_HOST", "0.0.0.0")
    serve()
    assert seen == [("127.0.0.1", 7860), ("0.0.0.0", 7860)]
    [warning] = [r.getMessage() for r in caplog.records if "without" in r.getMessage()]
    assert "LINTAS_API_TOKEN and LINTAS_AUTH" in warning
