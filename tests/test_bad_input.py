"""Bad input to every operation, through every door: the Python API, the CLI, the REST API and
the UI's handler. Each case is either refused with a clear error (and the same code everywhere),
or processed with nothing lost and a warning where one is due — never a traceback."""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from typing import Callable

import pytest

from .conftest import FAST, FakeBackend


@dataclass
class Refused(Exception):
    code: str | None  # the LintasError code (None where the door does not carry one: CLI, UI)
    message: str
    status: int | None = None  # HTTP status or CLI exit code


# ---- the four doors: each returns the report dict, or raises Refused ------------------------


def via_api(data, require_indonesian=None) -> dict:
    from service import attributions
    from service.errors import LintasError

    try:
        return attributions(data, require_indonesian=require_indonesian).to_dict()
    except LintasError as e:
        raise Refused(e.code, str(e), e.http_status) from e


def via_cli(data, require_indonesian=None, *, tmp_path, capsys) -> dict:
    from service.cli import main

    p = tmp_path / "article.txt"
    p.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8", errors="surrogatepass"))
    capsys.readouterr()
    rc = main(["attributions", str(p), "--json"] + (["--require-indonesian"] if require_indonesian else []))
    out = capsys.readouterr()
    assert "Traceback" not in out.err
    if rc != 0:
        raise Refused(None, out.err, rc)
    return json.loads(out.out)


def via_rest(data, require_indonesian=None, *, client) -> dict:
    if isinstance(data, bytes):
        pytest.skip("a JSON body carries text, not bytes (raw bytes: test_rest_body_that_is_not_json_is_a_clear_400)")
    body = {"text": data}
    if require_indonesian is not None:
        body["require_indonesian"] = require_indonesian
    r = client.post("/api/v1/attributions", json=body)
    if r.status_code != 200:
        err = r.json()["error"]
        raise Refused(err["code"], err["message"], r.status_code)
    return r.json()


def via_ui(data, require_indonesian=None, *, tmp_path, monkeypatch) -> dict:
    """The UI's handler (it translates: a recording fake backend stands in for the model)."""
    import gradio as gr

    from service.models import default_pool
    from service.translation import Translator
    from service.ui import run_report

    fake = Translator(FakeBackend())
    monkeypatch.setattr(default_pool(), "translator", lambda *a, **k: fake)
    if require_indonesian is not None:
        monkeypatch.setenv("LINTAS_REQUIRE_INDONESIAN", "1" if require_indonesian else "0")
    upload = None
    if isinstance(data, bytes):  # bytes come in as an uploaded file
        upload = str(tmp_path / "upload.txt")
        (tmp_path / "upload.txt").write_bytes(data)
    try:
        *_, path, _md = run_report("" if upload else data, upload, None, "")
    except gr.Error as e:
        raise Refused(None, e.message) from e
    return json.loads(open(path, encoding="utf-8").read())


DOORS = ["api", "cli", "rest", "ui"]


@pytest.fixture
def door(request, tmp_path, capsys, monkeypatch, tiny_marian) -> Callable:
    name = request.param
    if name == "api":
        return via_api
    if name == "cli":
        return lambda d, r=None: via_cli(d, r, tmp_path=tmp_path, capsys=capsys)
    if name == "rest":
        from fastapi.testclient import TestClient

        from service.server import create_app

        monkeypatch.setenv("LINTAS_MODEL_PATH_OPUS_MT_ID_EN", str(tiny_marian))
        client = TestClient(create_app(with_ui=False), raise_server_exceptions=False)
        return lambda d, r=None: via_rest(d, r, client=client)
    return lambda d, r=None: via_ui(d, r, tmp_path=tmp_path, monkeypatch=monkeypatch)


def sentences(report: dict) -> list[str]:
    return [s["text"] for s in report["article"]["sentences"]]


def issue_codes(report: dict) -> set[str]:
    return {i["code"] for i in report["issues"]}


def body_text(report: dict) -> str:
    return " ".join(sentences(report))


# ---- refusals --------------------------------------------------------------------------------

REFUSALS = {
    "empty": ("", "empty_input", 422, "no article text"),
    "whitespace": (" \n\t \u200b\n\n   \r\n", "empty_input", 422, "no article text"),
    "only_markup": ("<script>alert(1)</script><iframe src=x></iframe>", "empty_input", 422, "no article text"),
    "over_limit": ("Harga naik. " * 16_667, "input_too_large", 413, "the limit is 200,000"),
}


@pytest.mark.parametrize("door", DOORS, indirect=True)
@pytest.mark.parametrize("case", list(REFUSALS))
def test_refused_with_a_clear_error(door, case):
    data, code, status, phrase = REFUSALS[case]
    with pytest.raises(Refused) as e:
        door(data)
    r = e.value
    assert phrase in r.message, r.message
    assert r.code in (code, None)
    if r.code is not None:  # API and REST
        assert r.status == status
    elif r.status is not None:  # the CLI: exit code 2 for bad input
        assert r.status == 2 and r.message.startswith("error: ")


@pytest.mark.parametrize("door", DOORS, indirect=True)
def test_non_indonesian_warns_by_default_and_is_refused_on_request(door):
    english = ("The government said on Monday that the price of rice would rise again next month, "
               "and officials told reporters that supplies were safe.")
    report = door(english)
    assert "not_indonesian" in issue_codes(report) and body_text(report) == english
    with pytest.raises(Refused) as e:
        door(english, True)
    assert "not Indonesian" in e.value.message and e.value.code in ("not_indonesian", None)
    assert e.value.status in (422, 2, None)


# ---- processed, nothing lost -----------------------------------------------------------------

def _long_unpunctuated(n=5000) -> str:
    rnd = random.Random(5)
    words = "harga beras naik warga protes pemerintah polisi banjir rumah yang dan tidak akan telah kemarin pagi".split()
    out = ""
    while len(out) < n:
        out += rnd.choice(words) + " "
    return out[:n].strip()


LONG = _long_unpunctuated()
MANY = "\n".join(f"Paragraf {i} harga beras naik lagi." for i in range(3000))
HTML = ('<html><body><h1>Banjir Melanda Bekasi</h1><p>Menurut BBC, banjir merendam 1.500 rumah.</p>'
        '<script>alert(1)</script><iframe src="http://evil.example/"></iframe>'
        '<p onclick="steal()">Warga <img src=x onerror=alert(2)>mengungsi ke masjid.</p></body></html>')


def check_binary(report):
    assert "invalid_utf8" in issue_codes(report)


def check_invalid_utf8(report):
    assert "invalid_utf8" in issue_codes(report)
    assert sentences(report) == ["Harga beras naik \ufffd\ufffd di Jakarta.", "Warga protes."]


def check_controls(report):
    assert sentences(report) == ["Harga beras naik di Jakarta.", "Warga protes keras."]


def check_long(report):
    assert sentences(report) == [LONG]


def check_many(report):
    s = sentences(report)
    assert len(s) == 3000 and s[0] == "Paragraf 0 harga beras naik lagi." and s[-1] == "Paragraf 2999 harga beras naik lagi."


def check_mixed(report):
    assert "not_indonesian" not in issue_codes(report)
    assert len(sentences(report)) == 3


def check_html(report):
    text = json.dumps(report["article"], ensure_ascii=False)
    for bad in ("alert", "<script", "iframe", "onerror", "onclick", "evil.example", "<img"):
        assert bad not in text
    assert "Menurut BBC, banjir merendam 1.500 rumah." in sentences(report)
    assert "Warga mengungsi ke masjid." in sentences(report)


MIXED = ("Presiden Joko Widodo mengatakan harga beras akan turun bulan depan. "
         "“We are working on it,” kata juru bicara istana kepada wartawan di Jakarta. "
         "Warga masih menunggu bantuan pemerintah di beberapa kecamatan.")

PROCESSED = {
    "binary": (bytes(range(256)) * 4, check_binary),
    "invalid_utf8": ("Harga beras naik ".encode() + b"\xff\xfe di Jakarta. Warga protes.", check_invalid_utf8),
    "controls_zero_width": ("Har\u200bga be\u00adras na\x00ik di Ja\u200dkarta.\x0bWarga\x07 protes\u202e keras.", check_controls),
    "long_unpunctuated": (LONG, check_long),
    "3000_paragraphs": (MANY, check_many),
    "mixed_id_en": (MIXED, check_mixed),
    "hostile_html": (HTML, check_html),
}


@pytest.mark.parametrize("door", DOORS, indirect=True)
@pytest.mark.parametrize("case", list(PROCESSED))
def test_processed_with_nothing_lost(door, case):
    data, check = PROCESSED[case]
    report = door(data)
    check(report)
    json.dumps(report, ensure_ascii=False).encode("utf-8")


def test_rest_body_that_is_not_json_is_a_clear_400(tiny_marian, monkeypatch):
    from fastapi.testclient import TestClient

    from service.server import create_app

    c = TestClient(create_app(with_ui=False), raise_server_exceptions=False)
    r = c.post("/api/v1/attributions", content=bytes(range(256)), headers={"content-type": "application/json"})
    assert r.status_code == 400 and r.json()["error"]["code"] == "bad_json" and "Traceback" not in r.text


def test_rest_body_over_the_byte_limit_is_413(monkeypatch):
    from fastapi.testclient import TestClient

    from service.server import create_app

    monkeypatch.setenv("LINTAS_MAX_BODY_BYTES", "1000")
    c = TestClient(create_app(with_ui=False))
    r = c.post("/api/v1/attributions", json={"text": "Harga naik. " * 200})
    assert r.status_code == 413 and "the limit is 1,000" in r.json()["error"]["message"]


# ---- translation of the hard shapes: split, translated, nothing lost --------------------------

def test_long_unpunctuated_sentence_is_split_translated_and_nothing_lost():
    """A recording fake shows every word went to the model and came back in the translation."""
    from service import translate
    from service.translation import Translator

    fake = FakeBackend(max_input_tokens=64)
    tr = Translator(fake)
    report = translate(LONG, translator=tr, protect=False)
    [s] = report.article.sentences
    assert s.text == LONG
    assert len(fake.calls[0]) > 10, "split into pieces under the model's window"
    assert all(n <= 64 for n in fake.count_tokens([p for call in fake.calls for p in call]))
    sent = " ".join(p for call in fake.calls for p in call)
    assert sorted(sent.split()) == sorted(LONG.split()), "every word sent once (batches are length-sorted)"
    assert s.translation.replace("<", "").replace(">", "").split() == LONG.split()


def test_long_unpunctuated_sentence_through_the_tiny_model(tiny_marian):
    from service import translate
    from service.translation import load_translator

    report = translate(LONG, translator=load_translator(str(tiny_marian), generation=FAST))
    [s] = report.article.sentences
    assert s.text == LONG and s.translation


def test_three_thousand_paragraphs_all_translated():
    from service import translate
    from service.translation import Translator

    fake = FakeBackend()
    report = translate(MANY, translator=Translator(fake), protect=False)
    a = report.article
    assert len(a.paragraphs) == 3000 and len(a.sentences) == 3000
    assert [s.translation for s in a.sentences] == [f"<{s.text}>" for s in a.sentences]
    assert report.to_text().count("\n\n") == 2999, "one English block per paragraph"


def test_rest_translate_of_the_long_sentence_with_the_tiny_model(tiny_marian, monkeypatch):
    from fastapi.testclient import TestClient

    from service.models import default_pool
    from service.server import create_app
    from service.translation import load_translator

    tr = load_translator(str(tiny_marian), generation=FAST)
    monkeypatch.setattr(default_pool(), "translator", lambda *a, **k: tr)
    c = TestClient(create_app(with_ui=False))
    r = c.post("/api/v1/translate", json={"text": LONG})
    assert r.status_code == 200
    [s] = r.json()["article"]["sentences"]
    assert s["text"] == LONG and s["translation"]


def test_chunked_body_without_length_is_capped_too(monkeypatch):
    """A body sent chunked (no Content-Length) was not counted: now it is, up to the limit."""
    from fastapi.testclient import TestClient

    from service.server import create_app

    monkeypatch.setenv("LINTAS_MAX_BODY_BYTES", "1000")
    c = TestClient(create_app(with_ui=False))
    payload = json.dumps({"text": "Harga naik. " * 200}).encode()
    r = c.post("/api/v1/attributions", content=iter([payload[i:i + 100] for i in range(0, len(payload), 100)]),
               headers={"content-type": "application/json"})
    assert r.status_code == 413 and "the limit is 1,000" in r.json()["error"]["message"]
    small = json.dumps({"text": "Menurut BBC, harga naik."}).encode()
    r = c.post("/api/v1/attributions", content=iter([small[:10], small[10:]]), headers={"content-type": "application/json"})
    assert r.status_code == 200 and r.json()["attributions"][0]["source"]["name"] == "BBC"
