"""The CLI is a thin layer over the Python API: same results, clear errors, exit codes."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from service import translate
from service.cli import main

from .conftest import FAST


def run(capsys, *argv) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_translate_json_matches_python_api(capsys, tiny_marian, seed_bytes, seed_path):
    code, out, err = run(capsys, "translate", str(seed_path), "--json", "--model", str(tiny_marian),
                         "--beams", "1", "--max-new-tokens", "8", "--no-progress")
    assert code == 0, err
    cli = json.loads(out)
    api = translate(seed_bytes, model=str(tiny_marian), generation=FAST).to_dict()
    for d in (cli, api):
        d.pop("timings")
        d["article"].pop("removed")
    assert cli["article"] == api["article"]
    assert cli["models"] == api["models"]
    art = cli["article"]
    assert art["title"].startswith("Pemerintah Kazakhstan")
    assert 24 <= len(art["sentences"]) <= 30
    assert all(s["translation"] for s in art["sentences"])
    assert {"index", "paragraph", "start", "end", "text", "translation"} <= set(art["sentences"][0])
    assert 0.0 <= art["sentences"][0]["confidence"] <= 1.0 and art["sentences"][0]["low_confidence"] is True  # random weights
    assert cli["schema"] == "lintas.report/1"
    assert {"summary", "attributions", "issues", "models", "signature"} <= set(cli)


def test_translate_text_keeps_paragraphs(capsys, tiny_marian, seed_path, tmp_path):
    out_file = tmp_path / "en.txt"
    code, _, err = run(capsys, "translate", str(seed_path), "--model", str(tiny_marian), "--beams", "1",
                       "--max-new-tokens", "8", "-o", str(out_file))
    assert code == 0, err
    blocks = out_file.read_text().split("\n\n")
    assert len(blocks) == 1 + 18  # title + paragraphs


def test_translate_stdin_and_markdown(capsys, tiny_marian, monkeypatch):
    import io

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO("Harga naik. Warga <3 | protes & marah.".encode())))
    code, out, err = run(capsys, "translate", "-", "--markdown", "--format", "text", "--model", str(tiny_marian),
                         "--beams", "1", "--max-new-tokens", "4")
    assert code == 0, err
    assert "| 0 | Harga naik. |" in out
    assert "Warga &lt;3 \\| protes &amp; marah." in out and "<3" not in out


def test_segment_needs_no_model(capsys, seed_path):
    code, out, _ = run(capsys, "segment", str(seed_path), "--json")
    assert code == 0
    d = json.loads(out)
    assert d["title"].startswith("Pemerintah Kazakhstan") and 24 <= len(d["sentences"]) <= 30


def test_missing_model_exit_code_and_message(capsys, monkeypatch, tmp_path, seed_path):
    import huggingface_hub.constants as c

    monkeypatch.setattr(c, "HF_HUB_CACHE", str(tmp_path / "empty"))
    code, out, err = run(capsys, "translate", str(seed_path))
    assert code == 4
    assert "lintas models pull translation" in err and out == ""


def test_empty_input_exit_code(capsys, tmp_path):
    f = tmp_path / "empty.txt"
    f.write_text("  \n")
    code, _, err = run(capsys, "segment", str(f))
    assert code == 2 and "no article text" in err


def test_missing_file(capsys):
    code, _, err = run(capsys, "segment", "/nonexistent/article.txt")
    assert code == 3 and "No such file" in err


def test_models_list_shows_licence_and_presence(capsys, tiny_marian, monkeypatch):
    monkeypatch.setenv("LINTAS_MODEL_PATH_OPUS_MT_ID_EN", str(tiny_marian))
    code, out, _ = run(capsys, "models", "list", "--json")
    assert code == 0
    rows = {r["name"]: r for r in json.loads(out)}
    assert rows["opus-mt-id-en"]["present"] is True and rows["opus-mt-id-en"]["fetch"] is None
    nllb = rows["nllb-200-distilled-600m"]
    assert nllb["commercial_use"] is False and nllb["licence"] == "cc-by-nc-4.0"
    assert nllb["present"] is False
    assert nllb["fetch"] == "lintas models pull translation --model nllb-200-distilled-600m"
    code, out, _ = run(capsys, "models", "list")
    assert "cc-by-nc-4.0 (NC)" in out


def test_pull_offline_is_a_clear_error(capsys, monkeypatch, tmp_path):
    import huggingface_hub.constants as c

    monkeypatch.setattr(c, "HF_HUB_CACHE", str(tmp_path / "empty"))
    code, _, err = run(capsys, "models", "pull", "translation")
    assert code == 4 and "Helsinki-NLP/opus-mt-id-en" in err


@pytest.mark.parametrize("family", ["marian", "nllb"])
def test_build_tiny_then_translate_as_a_subprocess(tmp_path, family, seed_path):
    """The documented reproduction: build a tiny model, translate the seed with it."""
    d = tmp_path / family
    env_cmd = [sys.executable, "-m", "service"]
    subprocess.run(env_cmd + ["models", "build-tiny", "translation", str(d), "--family", family], check=True,
                   capture_output=True)
    p = subprocess.run(env_cmd + ["translate", str(seed_path), "--json", "--model", str(d), "--beams", "1",
                                  "--max-new-tokens", "6"], capture_output=True, text=True)
    assert p.returncode == 0, p.stderr
    art = json.loads(p.stdout)["article"]
    assert 24 <= len(art["sentences"]) <= 30 and all(s["translation"] for s in art["sentences"])
