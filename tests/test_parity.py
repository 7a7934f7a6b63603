"""CLI and Python API: the same operations, names and defaults. ``lintas OP --json`` equals
``service.OP(...)`` on a fixture, for every operation (timings aside)."""

from __future__ import annotations

import json

import pytest

from .conftest import FIXTURES

TSV = FIXTURES / "seed-translations.tsv"
BBC = FIXTURES / "seed-source-bbc.txt"


def _cli(capsys, *argv) -> dict:
    from service.cli import main

    assert main(list(argv)) == 0
    return json.loads(capsys.readouterr().out)


def _same(cli: dict, api: dict) -> None:
    for d in (cli, api):
        d.pop("timings", None)
    assert cli == api


def test_translate(capsys, seed_path, tiny_marian):
    from service import translate

    cli = _cli(capsys, "translate", str(seed_path), "--json", "--model", str(tiny_marian), "--beams", "1", "--max-new-tokens", "8")
    api = translate(seed_path, model=tiny_marian, generation={"num_beams": 1, "max_new_tokens": 8}).to_dict()
    _same(cli, api)


def test_attributions(capsys, seed_path):
    from service import attributions

    _same(_cli(capsys, "attributions", str(seed_path), "--json"), attributions(seed_path).to_dict())


def test_check(capsys, seed_path):
    from service import check

    cli = _cli(capsys, "check", str(seed_path), "--source", f"BBC={BBC}", "--translations", str(TSV), "--json")
    api = check(seed_path, {"BBC": BBC}, translations=TSV).to_dict()
    _same(cli, api)


@pytest.mark.parametrize("extra,kwargs", [([], {}), (["--bullets", "4", "--backend", "extractive"], {"bullets": 4, "backend": "extractive"})])
def test_summarize(capsys, seed_path, extra, kwargs):
    from service import summarize

    cli = _cli(capsys, "summarize", str(seed_path), "--translations", str(TSV), "--json", *extra)
    api = summarize(seed_path, translations=TSV, **kwargs).to_dict()
    _same(cli, api)
    assert len(cli["summary"]["bullets"]) == kwargs.get("bullets", 3)


def test_report(capsys, seed_path):
    from service import full_report

    cli = _cli(capsys, "report", str(seed_path), "--source", f"BBC={BBC}", "--translations", str(TSV), "--json")
    api = full_report(seed_path, {"BBC": BBC}, translations=TSV).to_dict()
    _same(cli, api)
    assert cli["summary"]["bullets"] and cli["sources"][0]["name"] == "BBC"


def test_defaults_match():
    """The CLI's defaults are the API's defaults (read from the signatures, not restated)."""
    import inspect

    from service import api
    from service.cli import build_parser

    p = build_parser()
    sub = next(a for a in p._actions if a.dest == "command").choices
    pairs = {"summarize": (api.summarize, {"backend": "backend", "bullets": "bullets", "words": "words", "language": "language",
                                            "source_language": "source_language"}),
             "report": (api.full_report, {"summary_backend": "summary_backend", "bullets": "bullets", "all_pairs": "all_pairs"}),
             "translate": (api.translate, {"backend": "backend", "format": "format", "alternatives": "alternatives"})}
    for op, (fn, names) in pairs.items():
        sig = inspect.signature(fn).parameters
        defaults = {a.dest: a.default for a in sub[op]._actions}
        for cli_name, api_name in names.items():
            assert defaults[cli_name] == sig[api_name].default, (op, cli_name)


def test_batch_summarize_and_report(tmp_path, seed_path):
    from service.batch import run_batch

    pairs = [line.split("\t")[:2] for line in TSV.read_text(encoding="utf-8").splitlines() if "\t" in line]
    inp = tmp_path / "in.jsonl"
    inp.write_text(json.dumps({"id": "seed", "text": seed_path.read_text(encoding="utf-8"), "translations": pairs}) + "\n"
                   + json.dumps({"id": "empty", "text": "  "}) + "\n", encoding="utf-8")
    for op in ("summarize", "report"):
        out = tmp_path / f"{op}.jsonl"
        counts = run_batch(inp, out, operation=op, progress=False)
        recs = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
        assert counts["failed"] == 1 and recs[0]["ok"] and not recs[1]["ok"]
        assert len(recs[0]["report"]["summary"]["bullets"]) == 3


def test_translations_as_a_mapping_on_every_surface(capsys, seed_path):
    """``--translations TSV`` (CLI), ``translations=`` a dict or pairs (API) and ``"translations":
    [[id, en], …]`` (REST) give the same report; ``--oracle`` is the old name of the flag."""
    from fastapi.testclient import TestClient

    from service import full_report, translate
    from service.server import create_app

    pairs = [line.split("\t")[:2] for line in TSV.read_text(encoding="utf-8").splitlines() if "\t" in line]
    cli = _cli(capsys, "translate", str(seed_path), "--translations", str(TSV), "--json")
    old = _cli(capsys, "translate", str(seed_path), "--oracle", str(TSV), "--json")
    api = translate(seed_path, translations=dict(pairs)).to_dict()
    for d in (cli, old, api):
        d.pop("timings", None)
        d.pop("models", None)  # the oracle's id names the file or "<given pairs>"
        d["signature"].pop("models", None)
    assert cli == old == api

    rest = TestClient(create_app(with_ui=False)).post(
        "/api/v1/report", json={"text": seed_path.read_text(encoding="utf-8"), "translations": pairs,
                                "sources": {"BBC": BBC.read_text(encoding="utf-8")}}).json()
    direct = full_report(seed_path.read_text(encoding="utf-8"), {"BBC": BBC.read_text(encoding="utf-8")},
                         translations=pairs).to_dict()
    _same(rest, direct)


def test_model_and_summary_model_mean_the_same_on_every_command():
    """``--model`` is the translation model and ``--summary-model`` the summary model everywhere."""
    from service.cli import build_parser

    sub = next(a for a in build_parser()._actions if a.dest == "command").choices
    for op in ("translate", "check", "summarize", "report"):
        model = next(a for a in sub[op]._actions if "--model" in a.option_strings)
        assert model.dest == "model" and "translation model" in model.help, op
        dests = {a.dest for a in sub[op]._actions}
        assert "translations" in dests, op
    for op in ("summarize", "report"):
        assert "summary_model" in {a.dest for a in sub[op]._actions}, op


# ----------------------------------------------------------------------------- no translation model
# One degradation rule on every surface: report and summarize go on without the translation model
# (who said what, the Indonesian extractive summary, a top-level translation_unavailable issue);
# translate alone fails with the missing-model error. Same JSON through API, CLI and REST.


@pytest.fixture
def no_model(monkeypatch, tmp_path):
    """An empty Hugging Face cache and no model path: the registry's translation model is missing
    (HF_HUB_OFFLINE=1 from conftest: the hub is never asked)."""
    import huggingface_hub.constants as c

    monkeypatch.setattr(c, "HF_HUB_CACHE", str(tmp_path / "empty-hf-cache"))
    monkeypatch.delenv("LINTAS_MODEL_PATH_OPUS_MT_ID_EN", raising=False)


def _rest(path: str, body: dict) -> dict:
    from fastapi.testclient import TestClient

    from service.server import create_app

    with TestClient(create_app(with_ui=False)) as client:
        r = client.post(path, json=body)
    assert r.status_code == 200, r.text
    return r.json()


def _degraded(d: dict) -> None:
    assert [i for i in d["issues"] if i["code"] == "translation_unavailable"], d["issues"]
    assert d["summary"]["language"] == "id" and d["summary"]["backend"] == "extractive"
    assert len(d["summary"]["bullets"]) == 3 and d["summary"]["headline"]
    assert any(a["speaker"]["name"] == "Kate Mallinson" for a in d["attributions"])
    assert all(s["translation"] is None for s in d["article"]["sentences"])


def test_report_without_a_translation_model_cli_equals_api(capsys, seed_path, no_model):
    from service import full_report

    cli = _cli(capsys, "report", str(seed_path), "--json")
    api = full_report(seed_path).to_dict()
    _degraded(api)
    _same(cli, api)
    issue = next(i for i in api["issues"] if i["code"] == "translation_unavailable")
    for way in ("lintas models pull translation", "--model DIR", "LINTAS_MODEL_PATH_OPUS_MT_ID_EN", "--translations", "--language id"):
        assert way in issue["message"], way


def test_summarize_and_check_without_a_translation_model(capsys, seed_path, no_model):
    from service import check, summarize

    cli = _cli(capsys, "summarize", str(seed_path), "--json")
    api = summarize(seed_path).to_dict()
    _degraded(api)
    _same(cli, api)
    checked = check(seed_path, {"BBC": BBC}).to_dict()
    assert any(i["code"] == "translation_unavailable" for i in checked["issues"])
    assert all(a["check"]["verdict"] for a in checked["attributions"])  # anchors still compared


def test_an_api_translator_loader_degrades_too(seed_path, no_model):
    """The REST routes hand the API the pool's translator; given as a loader it degrades like
    the API's own (routes.py: translator=lambda: st.translator_for(model))."""
    from service import full_report
    from service.models import default_pool

    d = full_report(seed_path, translator=lambda: default_pool().translator(None)).to_dict()
    _degraded(d)


@pytest.mark.parametrize("op", ["report", "summarize"])
def test_rest_without_a_translation_model_equals_api(seed_path, no_model, op):
    from service import full_report, summarize

    api = (full_report if op == "report" else summarize)(seed_path).to_dict()
    rest = _rest(f"/api/v1/{op}", {"text": seed_path.read_text(encoding="utf-8")})
    _degraded(rest)
    api.pop("timings", None)
    rest.pop("timings", None)
    assert rest == api


def test_translate_alone_still_fails_without_a_model(capsys, seed_path, no_model):
    from service import translate
    from service.cli import main
    from service.errors import ModelNotAvailableError

    with pytest.raises(ModelNotAvailableError):
        translate(seed_path)
    assert main(["translate", str(seed_path)]) == 4
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("error: ") and "--translations" in err[0]
