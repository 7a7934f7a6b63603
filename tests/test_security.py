"""#20, the server side: each item through the surface where it was found.

Gradio's API with raw HTTP against a real server on 127.0.0.1 (items 1, 2, 10); the REST API
through the test client (items 5, 7, 8, 9); the source limits through the Python API and the CLI
(item 7). Liveness under load is tests/test_liveness.py; the OpenAPI contract, schemathesis in
tests/test_schemathesis.py; batch resume, tests/test_batch_resume.py."""

from __future__ import annotations

import http.client
import json
import subprocess
import sys
import threading
import time
import urllib.parse

import pytest
from fastapi.testclient import TestClient

from eval.load import start_server

from .conftest import FakeBackend

ARTICLE = "Judul Berita Uji\n\nMenurut BBC, harga naik 3,5 persen. Presiden Joko Widodo mengatakan stok aman."


# ----------------------------------------------------------------------------- raw HTTP helpers

def request(url: str, method: str, path: str, body: bytes | None = None, headers: dict | None = None,
            timeout: float = 30) -> tuple[int, dict, bytes]:
    u = urllib.parse.urlparse(url)
    c = http.client.HTTPConnection(u.hostname, u.port, timeout=timeout)
    try:
        c.request(method, path, body=body, headers=headers or {})
        r = c.getresponse()
        return r.status, {k.lower(): v for k, v in r.getheaders()}, r.read()
    finally:
        c.close()


def post_json(url: str, path: str, payload, timeout: float = 30, headers: dict | None = None):
    return request(url, "POST", path, json.dumps(payload).encode(), {"Content-Type": "application/json", **(headers or {})},
                   timeout)


def report_inputs(url: str, file_value, every_file: bool = True) -> list:
    """The UI's /report inputs (read from its config, so a changed form still fits), with
    ``file_value`` in every file input (or only the first, the article's) and each other input at
    its default."""
    status, _, body = request(url, "GET", "/config")
    assert status == 200, body[:200]
    cfg = json.loads(body)
    comps = {c["id"]: c for c in cfg["components"]}
    dep = next(d for d in cfg["dependencies"] if d.get("api_name") == "report")
    data, placed = [], False
    for i in dep["inputs"]:
        c = comps[i]
        if c["type"] == "file":
            data.append(file_value if every_file or not placed else None)
            placed = True
        else:
            data.append(c.get("props", {}).get("value"))
    return data


def call_report(url: str, file_value, timeout: float = 30, every_file: bool = True) -> tuple[str, str]:
    """POST /gradio_api/call/report, then read its event stream: (last event, everything read)."""
    data = report_inputs(url, file_value, every_file)
    status, _, body = post_json(url, "/gradio_api/call/report", {"data": data}, timeout)
    assert status == 200, body[:300]
    event_id = json.loads(body)["event_id"]
    status, _, stream = request(url, "GET", f"/gradio_api/call/report/{event_id}", timeout=timeout)
    text = stream.decode("utf-8", "replace")
    events = [line.split(":", 1)[1].strip() for line in text.splitlines() if line.startswith("event:")]
    return (events[-1] if events else ""), text


def file_data(path: str) -> dict:
    return {"path": path, "meta": {"_type": "gradio.FileData"}, "orig_name": "x.txt"}


@pytest.fixture(scope="module")
def live(tiny_marian, tmp_path_factory):
    """The real server (``python -m service serve``) with the UI, on 127.0.0.1; its own Gradio cache."""
    tmp = tmp_path_factory.mktemp("live")
    srv = start_server({"LINTAS_MODEL_PATH_OPUS_MT_ID_EN": str(tiny_marian), "GRADIO_TEMP_DIR": str(tmp / "gradio"),
                        "LINTAS_MAX_UPLOAD": "100kb", "LINTAS_UPLOAD_CACHE_BYTES": "1mb"}, tmp)
    yield srv
    srv.stop()


# ----------------------------------------------------------------------------- items 1 and 2: client-named paths

def test_gradio_api_does_not_read_a_server_file(live, tmp_path):
    canary = tmp_path / "canary.txt"
    canary.write_text("CANARY-7f3a Menurut BBC, rahasia server.", encoding="utf-8")
    event, text = call_report(live.url, file_data(str(canary)))
    assert event == "error", text[:500]
    assert "CANARY-7f3a" not in text and "rahasia" not in text
    for path in ("/etc/passwd", "/proc/self/environ", str(canary.parent / ".." / canary.parent.name / "canary.txt")):
        event, text = call_report(live.url, file_data(path))
        assert event == "error" and "root:" not in text and "CANARY" not in text


def test_dev_zero_is_refused_at_once_and_the_server_keeps_answering(live):
    t0 = time.monotonic()
    event, _ = call_report(live.url, file_data("/dev/zero"), timeout=30)
    assert event == "error" and time.monotonic() - t0 < 15, "refused up front, not hashed"
    status, _, body = request(live.url, "GET", "/health", timeout=5)
    assert status == 200 and json.loads(body)["status"] == "ok"
    status, _, _ = post_json(live.url, "/api/v1/attributions", {"text": ARTICLE}, timeout=30)
    assert status == 200


def test_an_uploaded_file_still_works_through_the_gradio_api(live):
    status, _, body = request(live.url, "POST", "/gradio_api/upload", *_multipart([("berita.txt", ARTICLE.encode())]))
    assert status == 200, body[:300]
    [path] = json.loads(body)
    event, text = call_report(live.url, file_data(path), timeout=120, every_file=False)
    assert event == "complete", text[:800]
    assert "Joko Widodo" in text


# ----------------------------------------------------------------------------- item 10: uploads

def _multipart(files: list[tuple[str, bytes]]) -> tuple[bytes, dict]:
    boundary = "lintas-test-boundary"
    parts = []
    for name, data in files:
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="files"; filename="{name}"\r\n'
                     "Content-Type: application/octet-stream\r\n\r\n".encode() + data + b"\r\n")
    body = b"".join(parts) + f"--{boundary}--\r\n".encode()
    return body, {"Content-Type": f"multipart/form-data; boundary={boundary}"}


def _expect_continue(url: str, path: str, body: bytes, headers: dict) -> tuple[int, bytes]:
    import socket

    u = urllib.parse.urlparse(url)
    with socket.create_connection((u.hostname, u.port), timeout=30) as sock:
        head = f"POST {path} HTTP/1.1\r\nHost: {u.hostname}\r\nContent-Length: {len(body)}\r\nExpect: 100-continue\r\n"
        head += "".join(f"{k}: {v}\r\n" for k, v in headers.items()) + "\r\n"
        sock.sendall(head.encode())
        reply = b""
        while b"\r\n\r\n" not in reply:
            reply += sock.recv(65536)
        if reply.startswith(b"HTTP/1.1 100"):
            return 100, b""
        head, _, rest = reply.partition(b"\r\n\r\n")
        length = int(next(x.split(b":")[1] for x in head.split(b"\r\n") if x.lower().startswith(b"content-length")))
        while len(rest) < length:
            rest += sock.recv(65536)
        return int(head.split()[1]), rest


@pytest.mark.parametrize("name", ["tool.exe", "a.pdf", "noext", "x.txt.sh"])
def test_upload_route_refuses_other_types(live, name):
    status, _, body = request(live.url, "POST", "/gradio_api/upload", *_multipart([(name, b"MZ\x90\x00")]))
    assert status == 415 and json.loads(body)["error"]["code"] == "upload_type_not_allowed"


def test_upload_route_refuses_many_files_in_one_request(live):
    # ten files just under the per-file limit (100 kB here) in one request: over the per-request
    # bound, refused on its Content-Length before the body is read (the client waits for
    # "100 Continue", as curl does for large bodies, and gets the 413 instead)
    body, headers = _multipart([(f"f{i}.txt", b"a" * 99_000) for i in range(10)])
    status, reply = _expect_continue(live.url, "/gradio_api/upload", body, headers)
    assert status == 413 and json.loads(reply)["error"]["code"] == "upload_too_large"
    status, _, body = request(live.url, "POST", "/gradio_api/upload", *_multipart([("big.txt", b"a" * 101_000)]))
    assert status == 413


def test_upload_cache_is_bounded(live):
    """The cache (1 MB here) fills with allowed uploads; then uploads are refused with 507."""
    seen = []
    for i in range(20):
        status, _, body = request(live.url, "POST", "/gradio_api/upload", *_multipart([(f"fill{i}.txt", bytes([65 + i]) * 95_000)]))
        seen.append(status)
        if status == 507:
            assert json.loads(body)["error"]["code"] == "upload_cache_full"
            break
    assert seen[0] == 200 and seen[-1] == 507, seen


# ----------------------------------------------------------------------------- item 5: the token covers Gradio's API

def _app(monkeypatch, tiny_marian, with_ui=False, **env):
    monkeypatch.setenv("LINTAS_MODEL_PATH_OPUS_MT_ID_EN", str(tiny_marian))
    for k, v in env.items():
        monkeypatch.setenv(k, v)
    from service.server import create_app

    return create_app(with_ui=with_ui)


def test_token_guards_the_gradio_api_and_the_rest_api(monkeypatch, tiny_marian):
    with TestClient(_app(monkeypatch, tiny_marian, with_ui=True, LINTAS_API_TOKEN="s3cret")) as c:
        for method, path in (("POST", "/gradio_api/call/report"), ("POST", "/gradio_api/queue/join"),
                             ("POST", "/gradio_api/upload"), ("GET", "/gradio_api/info"), ("POST", "/api/v1/translate")):
            r = c.request(method, path, json={"data": []})
            assert r.status_code == 401, (path, r.text)
            assert r.headers["WWW-Authenticate"] == "Bearer"
            assert r.json()["error"]["code"] == "unauthorized"
        ok = {"Authorization": "Bearer s3cret"}
        r = c.post("/gradio_api/call/report", json={"data": report_inputs_client(c, None)}, headers=ok)
        assert r.status_code == 200 and "event_id" in r.json()
        assert c.get("/api/v1/models", headers=ok).status_code == 200
        assert c.get("/health").status_code == 200 and c.get("/").status_code == 200  # the page itself is public


def report_inputs_client(c, file_value) -> list:
    cfg = c.get("/config").json()
    comps = {x["id"]: x for x in cfg["components"]}
    dep = next(d for d in cfg["dependencies"] if d.get("api_name") == "report")
    return [file_value if comps[i]["type"] == "file" else comps[i].get("props", {}).get("value") for i in dep["inputs"]]


def test_with_ui_login_the_gradio_api_needs_the_login(monkeypatch, tiny_marian):
    with TestClient(_app(monkeypatch, tiny_marian, with_ui=True, LINTAS_API_TOKEN="s3cret", LINTAS_AUTH="ed:pw")) as c:
        assert c.post("/gradio_api/call/report", json={"data": []}).status_code == 401
        assert c.post("/api/v1/translate", json={"text": "x"}).status_code == 401


# ----------------------------------------------------------------------------- items 8 and 9: error shapes

@pytest.fixture
def client(monkeypatch, tiny_marian):
    return TestClient(_app(monkeypatch, tiny_marian, LINTAS_MAX_BODY_BYTES="50000"))


def _is_error(r, status: int, code: str | None = None) -> dict:
    assert r.status_code == status, r.text
    body = r.json()
    assert set(body) == {"error"} and {"code", "message"} <= set(body["error"]), body
    if code:
        assert body["error"]["code"] == code, body
    return body["error"]


@pytest.mark.parametrize("raw", [b'{"text": "Harga naik.", "bullets": 1e309}', b'{"text": "Harga naik.", "words": NaN}',
                                 b'{"text": "Harga naik.", "words": -Infinity}', b'{"text": "Harga naik.", "bullets": "3"}'])
def test_non_finite_numbers_are_422_not_500(client, raw):
    r = client.post("/api/v1/summarize", content=raw, headers={"Content-Type": "application/json"})
    if r.status_code == 200:  # "3" is coerced by pydantic: fine
        return
    err = _is_error(r, 422, "invalid_request")
    assert err["details"] and err["details"][0]["loc"][0] == "body"


def test_error_bodies_have_one_shape(client, monkeypatch, tiny_marian):
    _is_error(client.post("/api/v1/translate", content=b'{"text": ', headers={"Content-Type": "application/json"}), 400, "bad_json")
    _is_error(client.post("/api/v1/translate", json={"nope": 1}), 422, "bad_input")  # neither text nor url
    _is_error(client.post("/api/v1/translate", json={"text": 5}), 422, "invalid_request")
    _is_error(client.get("/api/v1/nope"), 404, "not_found")
    _is_error(client.post("/api/v1/translate", json={"text": "a " * 30000}), 413, "request_too_large")
    _is_error(client.post("/api/v1/translate", json={"url": "http://example.org/"}), 403, "url_fetch_disabled")
    _is_error(client.post("/api/v1/translate", json={"text": "Harga naik.", "model": "/etc"}), 422, "unknown_model")
    c = TestClient(_app(monkeypatch, tiny_marian, with_ui=True, LINTAS_API_TOKEN="t"))
    _is_error(c.get("/api/v1/nope"), 404, "not_found")  # with the UI mounted at / too
    r = c.get("/api/v1/models")
    _is_error(r, 401, "unauthorized")
    assert r.headers["WWW-Authenticate"] == "Bearer"


def test_given_translation_with_carriage_return(client):
    text = "Judul Berita Uji\n\nHarga naik."
    r = client.post("/api/v1/translate", json={"text": text})
    assert r.status_code == 200
    pairs = [["Harga naik.", "Prices\r rose."], ["Judul Berita Uji", "Test\rheadline"]]
    r = client.post("/api/v1/check", json={"text": text, "sources": {}, "translations": pairs})
    assert r.status_code == 200, r.text
    assert "tmp" not in r.text.lower() or "Prices" in r.text


def test_ready_honours_the_translation_model_setting(monkeypatch, tiny_marian, tmp_path):
    c = TestClient(_app(monkeypatch, tiny_marian, LINTAS_MODEL_TRANSLATION="nllb-200-distilled-600m",
                        LINTAS_MODEL_PATH_NLLB_200_DISTILLED_600M=str(tmp_path / "absent")))
    r = c.get("/ready")
    assert r.status_code == 503 and r.json()["translation_model"] == "nllb-200-distilled-600m"
    monkeypatch.setenv("LINTAS_MODEL_TRANSLATION", str(tiny_marian))
    r = TestClient(_app(monkeypatch, tiny_marian)).get("/ready")
    assert r.status_code == 200 and r.json()["ready"] is True


# ----------------------------------------------------------------------------- item 7: caps, gate, deadline

def test_too_many_or_too_large_sources_are_refused_everywhere(client, tmp_path, monkeypatch):
    err = _is_error(client.post("/api/v1/check", json={"text": ARTICLE, "sources": {f"S{i}": "x." for i in range(1000)}}),
                    413, "sources_too_large")
    assert "LINTAS_MAX_SOURCES" in err["message"]
    monkeypatch.setenv("LINTAS_MAX_SOURCE_CHARS", "1000")
    from service import api
    from service.errors import SourcesTooLargeError

    with pytest.raises(SourcesTooLargeError, match="LINTAS_MAX_SOURCE_CHARS"):
        api.check(ARTICLE, {"BBC": "x" * 2000}, translations=[("a", "b")])
    big = tmp_path / "big.txt"
    big.write_text("Harga naik. " * 200, encoding="utf-8")
    art = tmp_path / "a.txt"
    art.write_text(ARTICLE, encoding="utf-8")
    r = subprocess.run([sys.executable, "-m", "service", "check", str(art), "--source", f"BBC={big}"],
                       capture_output=True, text=True, timeout=120, env={**__import__("os").environ})
    assert r.returncode == 2 and "LINTAS_MAX_SOURCE_CHARS" in r.stderr and "Traceback" not in r.stderr


@pytest.fixture
def blocking(monkeypatch):
    """A translator that holds its gate slot until released."""
    from service.models import default_pool
    from service.translation import Translator

    release, entered = threading.Event(), threading.Event()

    class Blocking(FakeBackend):
        def translate_batch(self, texts):
            entered.set()
            release.wait(30)
            return super().translate_batch(texts)

    tr = Translator(Blocking())
    monkeypatch.setattr(default_pool(), "translator", lambda *a, **k: tr)
    yield release, entered
    release.set()


def test_attributions_go_through_the_gate(monkeypatch, tiny_marian, blocking):
    release, entered = blocking
    c = TestClient(_app(monkeypatch, tiny_marian, LINTAS_MAX_CONCURRENCY="1", LINTAS_QUEUE_SECONDS="0.3"))
    first = {}
    t = threading.Thread(target=lambda: first.update(r=c.post("/api/v1/translate", json={"text": "Harga naik."})))
    t.start()
    assert entered.wait(30)
    t0 = time.monotonic()
    r = c.post("/api/v1/attributions", json={"text": ("Menurut " * 2000) + "BBC."})
    assert _is_error(r, 503, "busy") and r.headers["Retry-After"] == "1"
    assert time.monotonic() - t0 < 10
    assert c.get("/health").status_code == 200  # answers while the slot is held and a request waits
    release.set()
    t.join(30)
    assert first["r"].status_code == 200
    assert c.post("/api/v1/attributions", json={"text": ARTICLE}).status_code == 200


def test_work_stops_at_its_deadline(monkeypatch, tiny_marian):
    from service.models import default_pool
    from service.translation import Translator

    class Slow(FakeBackend):
        def translate_batch(self, texts):
            time.sleep(0.5)
            return super().translate_batch(texts)

    tr = Translator(Slow())
    monkeypatch.setattr(default_pool(), "translator", lambda *a, **k: tr)
    c = TestClient(_app(monkeypatch, tiny_marian, LINTAS_REQUEST_SECONDS="0.2", LINTAS_BATCH_WINDOW_MS="0"))
    r = c.post("/api/v1/report", json={"text": ARTICLE, "summary_backend": "extractive"})
    err = _is_error(r, 503, "deadline_exceeded")
    assert "LINTAS_REQUEST_SECONDS" in err["message"]
    assert c.post("/api/v1/attributions", json={"text": ARTICLE}).status_code == 200  # the slot was released
