"""``lintas config``: every setting with its value and where it came from; a bad value is one line
naming the variable and exit 2."""

from __future__ import annotations

import json

from service.cli import main


def _rows(capsys, *argv) -> dict:
    assert main([*argv, "config", "--json"]) == 0
    return {r["name"]: r for r in json.loads(capsys.readouterr().out)}


def test_config_names_each_origin(capsys, monkeypatch, tmp_path):
    for v in ("LINTAS_MAX_CHARS", "LINTAS_QUEUE_SECONDS", "LINTAS_PORT", "LINTAS_CONFIG"):
        monkeypatch.delenv(v, raising=False)
    monkeypatch.chdir(tmp_path)  # no lintas.toml here
    cfg = tmp_path / "site.toml"
    cfg.write_text('queue_seconds = 5\n[models]\ntranslation = "/models/mt"\n', encoding="utf-8")
    monkeypatch.setenv("LINTAS_PORT", "8000")
    rows = _rows(capsys, "--config", str(cfg), "--set", "max_chars=1234")
    assert rows["host"]["origin"] == "default"
    assert rows["queue_seconds"]["value"] == 5.0 and rows["queue_seconds"]["origin"] == f"file {cfg}"
    assert rows["port"]["value"] == 8000 and rows["port"]["origin"] == "env LINTAS_PORT"
    assert rows["max_chars"]["value"] == 1234 and rows["max_chars"]["origin"] == "argument"
    assert rows["models.translation"]["value"] == "/models/mt"
    # the text form names the same origins
    assert main(["--config", str(cfg), "config"]) == 0
    text = capsys.readouterr().out
    assert "env LINTAS_PORT" in text and f"file {cfg}" in text and "default" in text


def test_config_hides_secrets(capsys, monkeypatch):
    monkeypatch.setenv("LINTAS_API_TOKEN", "s3cret")
    rows = _rows(capsys)
    assert rows["api_token"]["value"] == "***"
    assert "s3cret" not in json.dumps(rows)


def test_a_bad_value_is_one_line_and_exit_2(capsys, monkeypatch):
    monkeypatch.setenv("LINTAS_MAX_CONCURRENCY", "lots")
    assert main(["config"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "LINTAS_MAX_CONCURRENCY" in err[0] and "positive whole number" in err[0]
    monkeypatch.delenv("LINTAS_MAX_CONCURRENCY")
    assert main(["--set", "max_upload=huge", "config"]) == 2
    assert "max-upload" in capsys.readouterr().err


def test_settings_from_the_command_line_reach_the_pipeline(capsys, tmp_path, monkeypatch):
    monkeypatch.delenv("LINTAS_MAX_CHARS", raising=False)
    art = tmp_path / "a.txt"
    art.write_text("Menurut BBC, harga beras naik tajam pekan ini di banyak kota.", encoding="utf-8")
    assert main(["--set", "max_chars=20", "attributions", str(art)]) == 2
    assert "limit is 20" in capsys.readouterr().err
    cfg = tmp_path / "lintas.toml"
    cfg.write_text("max_chars = 30\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)  # ./lintas.toml is read by default
    assert main(["attributions", str(art)]) == 2
    assert "limit is 30" in capsys.readouterr().err
