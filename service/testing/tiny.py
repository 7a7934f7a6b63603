"""Tiny, random-weight translation models in the real on-disk formats, built offline in seconds.

No weights can be downloaded here, so tests (and anyone reproducing a test run) build these and
load them through exactly the same ``from_pretrained`` path as the hub models:

* ``marian`` — like Helsinki-NLP/opus-mt-id-en: config.json, generation_config.json,
  model.safetensors, source.spm and target.spm (SentencePiece unigram models trained here on text
  written for this repo), one shared vocab.json, tokenizer_config.json.
* ``nllb`` — like facebook/nllb-200-distilled-600M: an M2M100 model with an NLLB tokenizer
  (sentencepiece.bpe.model trained here, the 202 language codes as special tokens,
  tokenizer.json, tokenizer_config.json, special_tokens_map.json).

The weights are random (seeded), so the output is word salad; it is deterministic, never empty
for a non-empty input, and costs the same code path as a real model.
"""

from __future__ import annotations

import io
import json
import logging
import tempfile
from importlib import resources
from pathlib import Path

log = logging.getLogger(__name__)

FAMILIES = ("marian", "nllb")


def _corpus(lang: str) -> list[str]:
    text = resources.files(__package__).joinpath(f"corpus_{lang}.txt").read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip()]


def _train_spm(lines: list[str], model_type: str, vocab_size: int, **extra) -> bytes:
    import sentencepiece as spm

    buf = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(lines),
        model_writer=buf,
        model_type=model_type,
        vocab_size=vocab_size,
        character_coverage=1.0,
        hard_vocab_limit=False,
        num_threads=1,
        minloglevel=2,
        **extra,
    )
    return buf.getvalue()


def _bias_against_eos(model, eos_id: int, vocab_size: int, seed: int) -> None:
    """Random models often pick EOS first and return nothing. Bias the output layer against EOS so
    every output is non-empty; its length is then set by the caller's max_new_tokens (the
    translator caps it at a ratio of the input length)."""
    import torch

    g = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        bias = torch.randn(vocab_size, generator=g) * 0.1
        bias[eos_id] = -8.0
        model.final_logits_bias.copy_(bias.view(1, -1))


TEST_MODEL_MARKER = "TEST_MODEL.txt"


def _mark_test_model(out: Path) -> None:
    """Say in the model folder that its weights are random (eval reports read this)."""
    (out / TEST_MODEL_MARKER).write_text("A tiny test model with random weights, built by lintas (service/testing/tiny.py).\n"
                                         "Its output is meaningless: it exists to run the real code paths offline.\n", encoding="utf-8")


def build_marian(out_dir: str | Path, seed: int = 0, d_model: int = 32, layers: int = 2) -> Path:
    """A tiny MarianMT id→en model with the files and token-id layout of opus-mt-id-en."""
    import torch
    from transformers import GenerationConfig, MarianConfig, MarianMTModel, MarianTokenizer

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    extra = dict(eos_id=0, unk_id=1, bos_id=-1, pad_id=-1)  # opus-mt layout: </s>=0, <unk>=1
    (out / "source.spm").write_bytes(_train_spm(_corpus("id"), "unigram", 400, **extra))
    (out / "target.spm").write_bytes(_train_spm(_corpus("en"), "unigram", 400, **extra))

    import sentencepiece as spm

    pieces: dict[str, int] = {"</s>": 0, "<unk>": 1}
    for name in ("source.spm", "target.spm"):
        sp = spm.SentencePieceProcessor(model_file=str(out / name))
        for i in range(sp.get_piece_size()):
            p = sp.id_to_piece(i)
            if p not in pieces and p not in ("<s>", "<pad>"):
                pieces[p] = len(pieces)
    pieces["<pad>"] = len(pieces)  # pad = decoder_start = last id, as in opus-mt
    (out / "vocab.json").write_text(json.dumps(pieces, ensure_ascii=False, indent=1), encoding="utf-8")
    vocab_size = len(pieces)
    pad = vocab_size - 1

    tok = MarianTokenizer(
        source_spm=str(out / "source.spm"), target_spm=str(out / "target.spm"), vocab=str(out / "vocab.json")
    )
    tok.save_pretrained(out)

    config = MarianConfig(
        vocab_size=vocab_size,
        decoder_vocab_size=vocab_size,
        d_model=d_model,
        encoder_layers=layers,
        decoder_layers=layers,
        encoder_attention_heads=2,
        decoder_attention_heads=2,
        encoder_ffn_dim=d_model * 4,
        decoder_ffn_dim=d_model * 4,
        activation_function="swish",
        max_position_embeddings=512,
        scale_embedding=True,
        share_encoder_decoder_embeddings=True,
        static_position_embeddings=True,
        normalize_before=False,
        normalize_embedding=False,
        pad_token_id=pad,
        decoder_start_token_id=pad,
        eos_token_id=0,
        forced_eos_token_id=0,
        bos_token_id=0,
        tie_word_embeddings=True,
        architectures=["MarianMTModel"],
        init_std=0.3,  # large enough that the random output depends on the input
    )
    torch.manual_seed(seed)
    model = MarianMTModel(config).eval()
    _bias_against_eos(model, 0, vocab_size, seed)
    model.generation_config = GenerationConfig(
        num_beams=6,
        max_length=512,
        bad_words_ids=[[pad]],
        decoder_start_token_id=pad,
        eos_token_id=0,
        forced_eos_token_id=0,
        pad_token_id=pad,
        bos_token_id=0,
    )
    model.save_pretrained(out, safe_serialization=True)
    _mark_test_model(out)
    log.info("built tiny marian model in %s (vocab %d)", out, vocab_size)
    return out


def build_nllb(out_dir: str | Path, seed: int = 0, d_model: int = 32, layers: int = 2) -> Path:
    """A tiny M2M100 model with an NLLB tokenizer (ind_Latn → eng_Latn), as nllb-200."""
    import torch
    from transformers import AutoTokenizer, GenerationConfig, M2M100Config, M2M100ForConditionalGeneration
    from transformers.models.nllb.tokenization_nllb import FAIRSEQ_LANGUAGE_CODES

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    lines = _corpus("id") + _corpus("en")
    # fairseq layout: the spm model has <unk>=0, <s>=1, </s>=2; the tokenizer adds an offset
    spm_bytes = _train_spm(lines, "bpe", 600, unk_id=0, bos_id=1, eos_id=2, pad_id=-1)
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "sentencepiece.bpe.model").write_bytes(spm_bytes)
        (Path(tmp) / "tokenizer_config.json").write_text(
            json.dumps(
                {
                    "tokenizer_class": "NllbTokenizer",
                    "model_max_length": 1024,
                    "src_lang": None,
                    "tgt_lang": None,
                    # as in nllb-200's tokenizer_config.json: the 202 language codes
                    "additional_special_tokens": list(FAIRSEQ_LANGUAGE_CODES),
                }
            ),
            encoding="utf-8",
        )
        tok = AutoTokenizer.from_pretrained(tmp)
        tok.save_pretrained(out)
    (out / "sentencepiece.bpe.model").write_bytes(spm_bytes)
    tok = AutoTokenizer.from_pretrained(out)
    vocab_size = len(tok) + 2  # the real model has spare rows beyond the tokenizer too

    config = M2M100Config(
        vocab_size=vocab_size,
        d_model=d_model,
        encoder_layers=layers,
        decoder_layers=layers,
        encoder_attention_heads=2,
        decoder_attention_heads=2,
        encoder_ffn_dim=d_model * 4,
        decoder_ffn_dim=d_model * 4,
        activation_function="relu",
        max_position_embeddings=1024,
        scale_embedding=True,
        pad_token_id=tok.pad_token_id,
        bos_token_id=tok.bos_token_id,
        eos_token_id=tok.eos_token_id,
        decoder_start_token_id=tok.eos_token_id,
        tie_word_embeddings=True,
        architectures=["M2M100ForConditionalGeneration"],
        init_std=0.3,
    )
    torch.manual_seed(seed)
    model = M2M100ForConditionalGeneration(config).eval()
    g = torch.Generator().manual_seed(seed)
    with torch.no_grad():  # M2M100 has no logits bias: push EOS down in its embedding row instead
        model.model.shared.weight[tok.eos_token_id].mul_(0.0).add_(
            torch.randn(d_model, generator=g) * 0.01
        )
    model.generation_config = GenerationConfig(
        bos_token_id=tok.bos_token_id,
        decoder_start_token_id=tok.eos_token_id,
        eos_token_id=tok.eos_token_id,
        pad_token_id=tok.pad_token_id,
        max_length=200,
    )
    model.save_pretrained(out, safe_serialization=True)
    _mark_test_model(out)
    log.info("built tiny nllb model in %s (vocab %d)", out, vocab_size)
    return out


def build_tiny(family: str, out_dir: str | Path, seed: int = 0) -> Path:
    if family == "marian":
        return build_marian(out_dir, seed=seed)
    if family in ("nllb", "m2m100"):
        return build_nllb(out_dir, seed=seed)
    raise ValueError(f"no tiny builder for family {family!r}; known: {', '.join(FAMILIES)}")
