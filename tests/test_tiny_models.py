"""Tiny models are in the real on-disk formats and load through the hub code path."""

from __future__ import annotations

import json

from service import load_translator

from .conftest import FAST

MARIAN_FILES = {"config.json", "generation_config.json", "model.safetensors", "source.spm", "target.spm", "vocab.json", "tokenizer_config.json"}


def test_marian_files_and_token_layout(tiny_marian):
    assert MARIAN_FILES <= {p.name for p in tiny_marian.iterdir()}
    cfg = json.loads((tiny_marian / "config.json").read_text())
    vocab = json.loads((tiny_marian / "vocab.json").read_text())
    assert cfg["model_type"] == "marian"
    # opus-mt layout: </s>=0, <unk>=1, <pad>=decoder_start=last id
    assert vocab["</s>"] == 0 and vocab["<unk>"] == 1 and vocab["<pad>"] == len(vocab) - 1
    assert cfg["pad_token_id"] == cfg["decoder_start_token_id"] == len(vocab) - 1
    gen = json.loads((tiny_marian / "generation_config.json").read_text())
    assert gen["bad_words_ids"] == [[len(vocab) - 1]]


def test_marian_spm_models_trained_on_repo_text(tiny_marian):
    import sentencepiece as spm

    sp = spm.SentencePieceProcessor(model_file=str(tiny_marian / "source.spm"))
    pieces = sp.encode("Presiden meminta bantuan", out_type=str)
    assert len(pieces) < 14, pieces  # learned sub-words (the text has 22 letters)


def test_nllb_tokenizer_has_language_codes(tiny_nllb):
    from transformers import AutoTokenizer

    tok = AutoTokenizer.from_pretrained(tiny_nllb)
    ind, eng = tok.convert_tokens_to_ids(["ind_Latn", "eng_Latn"])
    assert ind != tok.unk_token_id and eng != tok.unk_token_id and ind != eng
    tok.src_lang = "ind_Latn"
    ids = tok("Harga naik.").input_ids
    assert ids[0] == ind and ids[-1] == tok.eos_token_id


def test_both_families_translate_through_the_loader(tiny_marian, tiny_nllb, seed_bytes):
    from service import translate

    for path, family in ((tiny_marian, "marian"), (tiny_nllb, "nllb")):
        tr = load_translator(str(path), generation=FAST)
        assert tr.info["backend"] == "transformers"
        r = translate(seed_bytes, translator=tr)
        assert all(s.translation for s in r.article.sentences), family
        assert r.article.title_translation


def test_build_is_deterministic(tmp_path):
    from service.testing.tiny import build_marian

    a = build_marian(tmp_path / "a", seed=3)
    b = build_marian(tmp_path / "b", seed=3)
    assert (a / "model.safetensors").read_bytes() == (b / "model.safetensors").read_bytes()
    assert (a / "vocab.json").read_text() == (b / "vocab.json").read_text()
