"""The model registry: data, validation, resolution precedence, and the missing-model error."""

from __future__ import annotations

import pytest

from service import ModelNotAvailableError, Registry, UnknownModelError, load_translator
from service.errors import ConfigError
from service.registry import require_local


@pytest.fixture
def reg() -> Registry:
    return Registry.load()


def test_registry_defaults_and_pins(reg):
    t = reg.default("translation")
    assert t.hub_id == "Helsinki-NLP/opus-mt-id-en"
    assert t.revision == "28ed714470ce8a89b28d1f5c8415dfe4c9e5da0e"
    assert t.licence == "apache-2.0" and t.family == "marian" and t.max_input_tokens == 512
    assert t.generation["num_beams"] >= 1
    nllb = reg.get("nllb-200-distilled-600m")
    assert nllb.commercial_use is False and nllb.licence == "cc-by-nc-4.0"
    assert (nllb.src_lang, nllb.tgt_lang) == ("ind_Latn", "eng_Latn")
    for spec in reg.models.values():
        assert spec.hub_id and len(spec.revision) == 40, f"{spec.name} must pin a full revision"
    assert set(reg.tasks) >= {"translation", "summary", "summary-llm", "nli", "embeddings"}


def test_resolution_precedence(reg, tiny_marian, monkeypatch):
    monkeypatch.delenv("LINTAS_MODEL_TRANSLATION", raising=False)
    assert reg.resolve("translation").name == "opus-mt-id-en"
    monkeypatch.setenv("LINTAS_MODEL_TRANSLATION", "nllb-200-distilled-600m")
    assert reg.resolve("translation").name == "nllb-200-distilled-600m"
    # the caller's choice beats the environment
    spec = reg.resolve("translation", str(tiny_marian))
    assert spec.local_path == str(tiny_marian.resolve()) and spec.family == "marian"
    assert spec.locate() == tiny_marian.resolve()


def test_entry_served_from_local_directory_by_env(tiny_marian, monkeypatch):
    monkeypatch.setenv("LINTAS_MODEL_PATH_OPUS_MT_ID_EN", str(tiny_marian))
    spec = Registry.load().default("translation")
    assert spec.hub_id == "Helsinki-NLP/opus-mt-id-en", "the entry keeps its metadata"
    assert spec.locate() == tiny_marian.resolve()


def test_unknown_model_lists_known_names(reg):
    with pytest.raises(UnknownModelError, match="opus-mt-id-en"):
        reg.resolve("translation", "no-such-model")


def test_model_for_wrong_task_refused(reg):
    with pytest.raises(ConfigError, match="summary"):
        reg.resolve("translation", "distilbart-cnn-12-6")


def test_missing_model_offline_names_pull_command(reg, monkeypatch, tmp_path):
    monkeypatch.setenv("HF_HOME", str(tmp_path / "empty-cache"))
    monkeypatch.setenv("HF_HUB_CACHE", str(tmp_path / "empty-cache" / "hub"))
    import huggingface_hub.constants as c

    monkeypatch.setattr(c, "HF_HUB_CACHE", str(tmp_path / "empty-cache" / "hub"))
    spec = reg.default("translation")
    assert spec.locate() is None
    with pytest.raises(ModelNotAvailableError) as e:
        require_local(spec)
    assert "lintas models pull translation" in str(e.value)
    assert e.value.command == "lintas models pull translation"
    with pytest.raises(ModelNotAvailableError, match="lintas models pull translation"):
        load_translator()


@pytest.mark.parametrize(
    "bad,msg",
    [
        ({"schema": 2}, "schema"),
        ({"schema": 1, "models": {"x": {"task": "translation", "licence": "mit"}}}, "lacks family"),
        ({"schema": 1, "models": {"x": {"task": "t", "licence": "mit", "family": "marian", "hub_id": "a/b"}}}, "pin a revision"),
        ({"schema": 1, "models": {"x": {"task": "t", "licence": "mit", "family": "m", "typo": 1}}}, "unknown key"),
        ({"schema": 1, "tasks": {"translation": "nope"}, "models": {}}, "no \\[models.nope\\]"),
    ],
)
def test_registry_validation(bad, msg):
    with pytest.raises(ConfigError, match=msg):
        Registry.from_dict(bad, "test.toml")
