"""UI uploads are limited in size (LINTAS_MAX_UPLOAD, default 5 MB) and type (.txt/.md/.html for
articles, .tsv/.csv/.txt for glossaries, .tsv/.txt for translations): at Gradio's upload route and
again in the handler. The handler reads only files uploaded through the page: a server path named
in a request to the UI's Gradio API is refused, its contents never returned."""

from __future__ import annotations

import json

import gradio as gr
import pytest
from fastapi.testclient import TestClient

from .conftest import FakeBackend


@pytest.fixture
def fake_model(monkeypatch):
    from service.models import default_pool
    from service.translation import Translator

    tr = Translator(FakeBackend())
    monkeypatch.setattr(default_pool(), "translator", lambda *a, **k: tr)
    return tr


@pytest.fixture
def upload_dir(tmp_path, monkeypatch):
    """Gradio's upload folder for this test (GRADIO_TEMP_DIR)."""
    d = tmp_path / "gradio"
    d.mkdir()
    monkeypatch.setenv("GRADIO_TEMP_DIR", str(d))
    return d


def test_upload_limit_parsing(monkeypatch):
    from service.errors import ConfigError
    from service.ui import max_upload_bytes

    monkeypatch.delenv("LINTAS_MAX_UPLOAD", raising=False)
    assert max_upload_bytes() == 5_000_000
    monkeypatch.setenv("LINTAS_MAX_UPLOAD", "500kb")
    assert max_upload_bytes() == 500_000
    monkeypatch.setenv("LINTAS_MAX_UPLOAD", "lots")
    with pytest.raises(ConfigError, match="LINTAS_MAX_UPLOAD"):
        max_upload_bytes()


@pytest.mark.parametrize("name,content,message", [
    ("article.exe", b"MZ\x90\x00", "must be a .txt, .md, .html, .htm file"),
    ("article.pdf", b"%PDF-1.4", "must be a .txt, .md, .html, .htm file"),
    ("article", b"Harga naik.", "without an extension"),
    ("big.txt", b"Harga naik. " * 200, "the upload limit is 1,000"),
])
def test_handler_refuses_wrong_type_or_size(upload_dir, monkeypatch, fake_model, name, content, message):
    from service.ui import handle_report

    monkeypatch.setenv("LINTAS_MAX_UPLOAD", "1kb")
    p = upload_dir / name
    p.write_bytes(content)
    with pytest.raises(gr.Error, match=message):
        handle_report("", str(p), None, "")
    assert fake_model.backend.calls == [], "nothing was processed"


@pytest.mark.parametrize("slot,name,message", [
    ("glossary_upload", "terms.xlsx", "glossary must be a .tsv, .csv, .txt file"),
    ("translations_upload", "english.csv", "translations file must be a .tsv, .txt, .md, .html, .htm file"),
])
def test_handler_refuses_a_glossary_or_translations_of_the_wrong_type(upload_dir, fake_model, slot, name, message):
    from service.ui import handle_report

    g = upload_dir / name
    g.write_bytes(b"PK\x03\x04")
    with pytest.raises(gr.Error, match=message):
        handle_report("Harga naik.", None, None, "", **{slot: str(g)})


def test_handler_accepts_an_allowed_upload(upload_dir, monkeypatch, fake_model):
    from service.ui import handle_report

    monkeypatch.setenv("LINTAS_MAX_UPLOAD", "1kb")
    p = upload_dir / "berita.html"
    p.write_text("<p>Harga naik.</p><script>alert(1)</script><p>Warga protes.</p>", encoding="utf-8")
    title, rows, *_ = handle_report("", str(p), None, "", uploaded={str(p)})
    assert [r[1] for r in rows] == ["Harga naik.", "Warga protes."]


def test_a_file_in_the_upload_folder_that_was_not_uploaded_is_refused(upload_dir, fake_model):
    """A mounted Gradio app copies a server file named in a request into its cache: in the
    folder, but not among the files its upload route stored."""
    from service.ui import handle_report

    p = upload_dir / "copied.txt"
    p.write_text("Harga naik.", encoding="utf-8")
    with pytest.raises(gr.Error, match="not uploaded through this page"):
        handle_report("", str(p), None, "", uploaded=set())


def test_gradio_upload_route_enforces_the_size_limit(monkeypatch):
    from service.server import create_app

    monkeypatch.setenv("LINTAS_MAX_UPLOAD", "1kb")
    c = TestClient(create_app(with_ui=True))
    r = c.post("/gradio_api/upload", files={"files": ("big.txt", b"x" * 2000, "text/plain")})
    assert r.status_code == 413
    r = c.post("/gradio_api/upload", files={"files": ("small.txt", b"Harga naik.", "text/plain")})
    assert r.status_code == 200 and r.json()[0].endswith("small.txt")


def _call_report(client: TestClient, data: list) -> str:
    """POST /gradio_api/call/report, then read its event stream to the end."""
    r = client.post("/gradio_api/call/report", json={"data": data})
    assert r.status_code == 200, r.text
    event = r.json()["event_id"]
    with client.stream("GET", f"/gradio_api/call/report/{event}") as s:
        return "".join(s.iter_text())


def _data(article="", upload=None, glossary=None, translations=None) -> list:
    # text, upload, model, local_dir (no box; kept for the positions), source 1 name/text, source 2 name/text,
    # glossary, summary backend, bullets, translations
    return [article, upload, None, "", "", "", "", "", glossary, "extractive", 2, translations]


def test_gradio_api_does_not_read_server_files(tmp_path, monkeypatch, fake_model):
    """The canary named as an upload (absolute, relative, ../) through the mounted app's raw
    Gradio API: refused, its contents never in the response."""
    from service.server import create_app

    secret = "KANARI-RAHASIA-7f3e"
    canary = tmp_path / "canary.txt"
    canary.write_text(f"Harga naik.\n\n{secret} kata sandi server.", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    paths = [str(canary), "canary.txt", f"../{tmp_path.name}/canary.txt"]
    with TestClient(create_app(with_ui=True)) as c:
        for path in paths:
            file = {"path": path, "meta": {"_type": "gradio.FileData"}}
            for data in (_data(upload=file), _data("Harga naik.", glossary={**file, "path": path.replace(".txt", ".tsv")}),
                         _data("Harga naik.", translations=file)):
                if data[8]:
                    (tmp_path / "canary.tsv").write_text(f"Harga naik.\t{secret}\n", encoding="utf-8")
                out = _call_report(c, data)
                assert secret not in out, f"{path}: the canary was returned"
                assert "event: error" in out
        # and an honest upload through the page still works
        up = c.post("/gradio_api/upload", files={"files": ("berita.txt", b"Harga naik.\n\nWarga protes.", "text/plain")})
        assert up.status_code == 200
        out = _call_report(c, _data(upload={"path": up.json()[0], "meta": {"_type": "gradio.FileData"}}))
        assert "event: complete" in out and "Warga protes." in out
    assert fake_model.backend.calls, "the honest upload was translated"


def test_gradio_api_refuses_a_model_directory(tmp_path, monkeypatch, fake_model):
    from service.server import create_app

    monkeypatch.delenv("LINTAS_ALLOW_LOCAL_MODELS", raising=False)
    with TestClient(create_app(with_ui=True)) as c:
        for model, local_dir in ((str(tmp_path), ""), (None, str(tmp_path))):
            data = _data("Harga naik.")
            data[2], data[3] = model, local_dir
            out = _call_report(c, data)
            assert "event: error" in out and "event: complete" not in out, out
    assert fake_model.backend.calls == []


def test_report_json_is_one_run(upload_dir, fake_model):
    from service.ui import handle_report

    *_, path, md, banner, run = handle_report("Harga naik.\n\nWarga protes.", None, None, "")
    assert json.loads(open(path, encoding="utf-8").read())["schema"] == "lintas.report/1"
