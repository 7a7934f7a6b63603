"""UI uploads are limited in size (LINTAS_MAX_UPLOAD, default 5 MB) and type (.txt/.md/.html for
articles, .tsv/.csv/.txt for glossaries): at Gradio's upload route and again in the handler."""

from __future__ import annotations

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
def test_handler_refuses_wrong_type_or_size(tmp_path, monkeypatch, fake_model, name, content, message):
    from service.ui import run_report

    monkeypatch.setenv("LINTAS_MAX_UPLOAD", "1kb")
    p = tmp_path / name
    p.write_bytes(content)
    with pytest.raises(gr.Error, match=message):
        run_report("", str(p), None, "")
    assert fake_model.backend.calls == [], "nothing was processed"


def test_handler_refuses_a_glossary_of_the_wrong_type(tmp_path, fake_model):
    from service.ui import run_report

    g = tmp_path / "terms.xlsx"
    g.write_bytes(b"PK\x03\x04")
    with pytest.raises(gr.Error, match="glossary must be a .tsv, .csv, .txt file"):
        run_report("Harga naik.", None, None, "", glossary_upload=str(g))


def test_handler_accepts_an_allowed_upload(tmp_path, monkeypatch, fake_model):
    from service.ui import run_report

    monkeypatch.setenv("LINTAS_MAX_UPLOAD", "1kb")
    p = tmp_path / "berita.html"
    p.write_text("<p>Harga naik.</p><script>alert(1)</script><p>Warga protes.</p>", encoding="utf-8")
    title, rows, *_ = run_report("", str(p), None, "")
    assert [r[1] for r in rows] == ["Harga naik.", "Warga protes."]


def test_gradio_upload_route_enforces_the_size_limit(monkeypatch):
    from service.server import create_app

    monkeypatch.setenv("LINTAS_MAX_UPLOAD", "1kb")
    c = TestClient(create_app(with_ui=True))
    r = c.post("/gradio_api/upload", files={"files": ("big.txt", b"x" * 2000, "text/plain")})
    assert r.status_code == 413
    r = c.post("/gradio_api/upload", files={"files": ("small.txt", b"Harga naik.", "text/plain")})
    assert r.status_code == 200 and r.json()[0].endswith("small.txt")
