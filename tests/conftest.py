"""Shared fixtures: offline settings, tiny real-format models (built once per session), fakes."""

from __future__ import annotations

import os

# Before anything imports huggingface_hub or gradio.
os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["GRADIO_ANALYTICS_ENABLED"] = "False"
os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
# Before anything imports ray: every Ray node the tests start (one-node and three-node clusters)
# takes the loopback address as its own. Ray reads this once at import (ray_constants:
# ENABLE_RAY_CLUSTER); off, its node address is 127.0.0.1 instead of the machine's own address.
os.environ["RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER"] = "0"

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
# Everything the tests read is in the repo (tests/data/PROVENANCE.md: sources, licences, slices).
DATA = Path(__file__).resolve().parent / "data"
SEED = DATA / "seed-article-id.txt"
EVAL_DATA = DATA / "eval"  # the slices of the shared evaluation bundle; eval.common.REPO_DATA
INDOSUM_SAMPLE = EVAL_DATA / "indosum" / "dev01_sample.jsonl"  # dev.01 rows the labels use + rows 151-170
PUD = EVAL_DATA / "ud_pud_id_en" / "derived_pud_id_en.tsv"  # the whole file (sha256 as in eval/datasets.toml)


def shared() -> Path | None:
    """The optional shared/ folder (the ``shared`` setting, LINTAS_SHARED): extra checks on the
    whole evaluation bundle when it is there; no test needs it."""
    from service.settings import current

    p = current().shared
    return p if p is not None and p.is_dir() else None


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return SEED


@pytest.fixture(scope="session")
def seed_bytes(seed_path) -> bytes:
    return seed_path.read_bytes()


@pytest.fixture(scope="session")
def tiny_marian(tmp_path_factory) -> Path:
    from service.testing.tiny import build_marian

    return build_marian(tmp_path_factory.mktemp("tiny-marian"))


@pytest.fixture(scope="session")
def tiny_nllb(tmp_path_factory) -> Path:
    from service.testing.tiny import build_nllb

    return build_nllb(tmp_path_factory.mktemp("tiny-nllb"))


# Small generation settings keep the random-weight models fast; the code path is the real one.
FAST = {"num_beams": 1, "max_new_tokens": 8}


class FakeBackend:
    """A recording backend: 'translates' by tagging the input, so alignment is checkable."""

    def __init__(self, max_input_tokens: int | None = 64, fail_on: str | None = None):
        self.max_input_tokens = max_input_tokens
        self.calls: list[list[str]] = []
        self.fail_on = fail_on
        self.info = {"task": "translation", "id": "fake", "revision": "0", "backend": "fake", "licence": "none"}

    def count_tokens(self, texts):
        return [len(t.split()) + 1 for t in texts]

    def translate_batch(self, texts):
        self.calls.append(list(texts))
        if self.fail_on and any(self.fail_on in t for t in texts):
            raise RuntimeError("backend failure")
        return [f"<{t}>" for t in texts]


@pytest.fixture
def fake_backend() -> FakeBackend:
    return FakeBackend()


@pytest.fixture(scope="session")
def tiny_bart(tmp_path_factory) -> Path:
    from service.testing.tiny import build_bart

    return build_bart(tmp_path_factory.mktemp("tiny-bart"))


@pytest.fixture(scope="session")
def tiny_qwen(tmp_path_factory) -> Path:
    from service.testing.tiny import build_qwen

    return build_qwen(tmp_path_factory.mktemp("tiny-qwen"))


SUMMARY_FAST = {"num_beams": 1, "max_new_tokens": 12, "min_new_tokens": 2}


@pytest.fixture(scope="session")
def seed_translated(seed_path):
    """The seed article, attributed and translated with the given translations (no model)."""
    from service.api import prepare
    from service.attribution import attribute
    from service.translation import load_translator

    tr = load_translator(backend="oracle", oracle=FIXTURES / "seed-translations.tsv")
    return tr.translate_article(attribute(prepare(seed_path)))


@pytest.fixture
def ct2_cache(tmp_path, monkeypatch):
    """A fresh CTranslate2 conversion cache, and no translator loaded before or kept after."""
    from service.translation import clear_loaded

    monkeypatch.setenv("LINTAS_CT2_CACHE", str(tmp_path / "ct2"))
    clear_loaded()
    yield tmp_path / "ct2"
    clear_loaded()
