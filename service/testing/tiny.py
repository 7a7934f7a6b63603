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

FAMILIES = ("marian", "nllb", "bart", "qwen2")


def corpus_lines(lang: str) -> list[str]:
    text = resources.files(__package__).joinpath(f"corpus_{lang}.txt").read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip()]


def train_spm(lines: list[str], model_type: str, vocab_size: int, **extra) -> bytes:
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
    from transformers import MarianMTModel

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    vocab_size = _marian_tokenizer(out)
    pad = vocab_size - 1
    torch.manual_seed(seed)
    model = MarianMTModel(_marian_config(vocab_size, d_model, layers)).eval()
    _bias_against_eos(model, 0, vocab_size, seed)
    model.generation_config = _marian_generation_config(pad)
    model.save_pretrained(out, safe_serialization=True)
    _mark_test_model(out)
    log.info("built tiny marian model in %s (vocab %d)", out, vocab_size)
    return out


def _marian_tokenizer(out: Path) -> int:
    """source.spm, target.spm, the shared vocab.json and the tokenizer files, in opus-mt's
    layout (</s>=0, <unk>=1, <pad> last); returns the vocabulary size."""
    import sentencepiece as spm
    from transformers import MarianTokenizer

    extra = dict(eos_id=0, unk_id=1, bos_id=-1, pad_id=-1)  # opus-mt layout: </s>=0, <unk>=1
    (out / "source.spm").write_bytes(train_spm(corpus_lines("id"), "unigram", 400, **extra))
    (out / "target.spm").write_bytes(train_spm(corpus_lines("en"), "unigram", 400, **extra))
    pieces: dict[str, int] = {"</s>": 0, "<unk>": 1}
    for name in ("source.spm", "target.spm"):
        sp = spm.SentencePieceProcessor(model_file=str(out / name))
        for i in range(sp.get_piece_size()):
            p = sp.id_to_piece(i)
            if p not in pieces and p not in ("<s>", "<pad>"):
                pieces[p] = len(pieces)
    pieces["<pad>"] = len(pieces)  # pad = decoder_start = last id, as in opus-mt
    (out / "vocab.json").write_text(json.dumps(pieces, ensure_ascii=False, indent=1), encoding="utf-8")
    tok = MarianTokenizer(
        source_spm=str(out / "source.spm"), target_spm=str(out / "target.spm"), vocab=str(out / "vocab.json")
    )
    tok.save_pretrained(out)
    return len(pieces)


def _marian_config(vocab_size: int, d_model: int, layers: int):
    """opus-mt-id-en's architecture, shrunk (pad = decoder start = the last id)."""
    from transformers import MarianConfig

    pad = vocab_size - 1
    return MarianConfig(
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


def _marian_generation_config(pad: int):
    from transformers import GenerationConfig

    return GenerationConfig(
        num_beams=6,
        max_length=512,
        bad_words_ids=[[pad]],
        decoder_start_token_id=pad,
        eos_token_id=0,
        forced_eos_token_id=0,
        pad_token_id=pad,
        bos_token_id=0,
    )


def build_nllb(out_dir: str | Path, seed: int = 0, d_model: int = 32, layers: int = 2) -> Path:
    """A tiny M2M100 model with an NLLB tokenizer (ind_Latn → eng_Latn), as nllb-200."""
    import torch
    from transformers import GenerationConfig, M2M100ForConditionalGeneration

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    tok = _nllb_tokenizer(out)
    vocab_size = len(tok) + 2  # the real model has spare rows beyond the tokenizer too
    torch.manual_seed(seed)
    model = M2M100ForConditionalGeneration(_nllb_config(tok, vocab_size, d_model, layers)).eval()
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


def _nllb_tokenizer(out: Path):
    """sentencepiece.bpe.model trained here and an NLLB tokenizer over it with the 202 language
    codes, saved in ``out``; returns the tokenizer as loaded back from ``out``."""
    from transformers import AutoTokenizer
    from transformers.models.nllb.tokenization_nllb import FAIRSEQ_LANGUAGE_CODES

    lines = corpus_lines("id") + corpus_lines("en")
    # fairseq layout: the spm model has <unk>=0, <s>=1, </s>=2; the tokenizer adds an offset
    spm_bytes = train_spm(lines, "bpe", 600, unk_id=0, bos_id=1, eos_id=2, pad_id=-1)
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
    return AutoTokenizer.from_pretrained(out)


def _nllb_config(tok, vocab_size: int, d_model: int, layers: int):
    """nllb-200's M2M100 architecture, shrunk, with the tokenizer's special ids."""
    from transformers import M2M100Config

    return M2M100Config(
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


def _train_byte_bpe(lines: list[str], vocab_size: int, specials: list[str]):
    """A byte-level BPE (GPT-2/RoBERTa style, as BART and Qwen2 use), trained on repo text."""
    from tokenizers import ByteLevelBPETokenizer

    bpe = ByteLevelBPETokenizer(add_prefix_space=False)
    bpe.train_from_iterator(lines, vocab_size=vocab_size, min_frequency=1, special_tokens=specials, show_progress=False)
    return bpe


def build_bart(out_dir: str | Path, seed: int = 0, d_model: int = 32, encoder_layers: int = 2, decoder_layers: int = 2,
               heads: int = 2, ffn: int | None = None, vocab_size: int | None = None, corpus: list[str] | None = None,
               bpe_size: int = 600) -> Path:
    """A BART summariser with the files and token layout of sshleifer/distilbart-cnn-12-6:
    config.json (generation defaults inside, as upstream), vocab.json + merges.txt (byte-level
    BPE; ``<s>`` 0, ``<pad>`` 1, ``</s>`` 2, ``<unk>`` 3, ``<mask>`` last), tokenizer_config.json,
    model.safetensors. ``vocab_size`` pads the embedding to the real size (50,264) for timing."""
    import torch
    from transformers import AutoTokenizer, BartConfig, BartForConditionalGeneration

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    # ``corpus``/``bpe_size``: a tokenizer trained on more text (timing: real tokens per word)
    bpe = _train_byte_bpe(corpus or corpus_lines("en"), bpe_size, ["<s>", "<pad>", "</s>", "<unk>"])
    with tempfile.TemporaryDirectory() as tmp:
        bpe.save_model(tmp)
        vocab = json.loads((Path(tmp) / "vocab.json").read_text(encoding="utf-8"))
        # full size (timing): unused filler tokens up to the real vocabulary, so every layer has its real shape
        while vocab_size and len(vocab) < vocab_size - 1:
            vocab[f"<unused{len(vocab)}>"] = len(vocab)
        vocab["<mask>"] = len(vocab)
        (out / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False), encoding="utf-8")
        (out / "merges.txt").write_bytes((Path(tmp) / "merges.txt").read_bytes())
    (out / "tokenizer_config.json").write_text(json.dumps({"model_max_length": 1024}), encoding="utf-8")
    rows = max(vocab_size or 0, len(vocab))
    config = BartConfig(
        vocab_size=rows, d_model=d_model, encoder_layers=encoder_layers, decoder_layers=decoder_layers,
        encoder_attention_heads=heads, decoder_attention_heads=heads,
        encoder_ffn_dim=ffn or d_model * 4, decoder_ffn_dim=ffn or d_model * 4,
        activation_function="gelu", max_position_embeddings=1024, scale_embedding=False,
        pad_token_id=1, bos_token_id=0, eos_token_id=2, decoder_start_token_id=2, forced_bos_token_id=0,
        forced_eos_token_id=2, architectures=["BartForConditionalGeneration"], model_type="bart",
        init_std=0.3 if d_model < 256 else 0.02,
        # keys of distilbart's config.json that transformers 5 no longer defines (CTranslate2's converter reads them)
        normalize_before=False, normalize_embedding=True, add_bias_logits=False, extra_pos_embeddings=2,
        add_final_layer_norm=False, static_position_embeddings=False,
    )
    torch.manual_seed(seed)
    model = BartForConditionalGeneration(config).eval()
    _bias_against_eos(model, 2, rows, seed)
    model.save_pretrained(out, safe_serialization=True)
    (out / "generation_config.json").unlink(missing_ok=True)
    # as upstream, the generation defaults live in config.json (transformers 5 no longer writes them)
    cfg = json.loads((out / "config.json").read_text(encoding="utf-8"))
    cfg.update(num_beams=4, max_length=142, min_length=56, length_penalty=2.0, no_repeat_ngram_size=3,
               early_stopping=True, forced_bos_token_id=0, forced_eos_token_id=2, prefix=" ")
    (out / "config.json").write_text(json.dumps(cfg, indent=2), encoding="utf-8")
    AutoTokenizer.from_pretrained(out)  # fail here, not in a test, if the files do not load
    log.info("built tiny bart model in %s (vocab %d)", out, rows)
    return out


QWEN_CHAT_TEMPLATE = (
    "{%- if messages[0]['role'] == 'system' %}{{- '<|im_start|>system\\n' + messages[0]['content'] + '<|im_end|>\\n' }}"
    "{%- else %}{{- '<|im_start|>system\\nYou are Qwen, created by Alibaba Cloud. You are a helpful assistant.<|im_end|>\\n' }}{%- endif %}"
    "{%- for message in messages %}{%- if not (message.role == 'system' and loop.first) %}"
    "{{- '<|im_start|>' + message.role + '\\n' + message.content + '<|im_end|>' + '\\n' }}{%- endif %}{%- endfor %}"
    "{%- if add_generation_prompt %}{{- '<|im_start|>assistant\\n' }}{%- endif %}"
)


def build_qwen(out_dir: str | Path, seed: int = 0, hidden: int = 32, layers: int = 2, heads: int = 4, kv_heads: int = 2,
               intermediate: int | None = None, vocab_size: int | None = None) -> Path:
    """A Qwen2 causal LM with the files of Qwen/Qwen2.5-*-Instruct: config.json,
    generation_config.json, vocab.json + merges.txt + tokenizer.json (byte-level BPE trained on
    repo text in both languages), the ChatML specials after the BPE tokens (``<|endoftext|>``,
    ``<|im_start|>``, ``<|im_end|>``), and the ChatML chat template in tokenizer_config.json."""
    import torch
    from transformers import AutoTokenizer, GenerationConfig, Qwen2Config, Qwen2ForCausalLM

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    bpe = _train_byte_bpe(corpus_lines("en") + corpus_lines("id"), 900, [])
    with tempfile.TemporaryDirectory() as tmp:
        bpe.save_model(tmp)
        vocab = json.loads((Path(tmp) / "vocab.json").read_text(encoding="utf-8"))
        (out / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False), encoding="utf-8")
        (out / "merges.txt").write_bytes((Path(tmp) / "merges.txt").read_bytes())
    n = len(vocab)
    eot, ims, ime = n, n + 1, n + 2
    specials = {eot: "<|endoftext|>", ims: "<|im_start|>", ime: "<|im_end|>"}
    (out / "tokenizer_config.json").write_text(json.dumps({
        "tokenizer_class": "Qwen2Tokenizer",
        "added_tokens_decoder": {str(i): {"content": t, "lstrip": False, "normalized": False, "rstrip": False,
                                          "single_word": False, "special": True} for i, t in specials.items()},
        "additional_special_tokens": ["<|im_start|>", "<|im_end|>"],
        "bos_token": None, "eos_token": "<|im_end|>", "pad_token": "<|endoftext|>", "unk_token": None,
        "errors": "replace", "model_max_length": 131072, "add_prefix_space": False, "split_special_tokens": False,
        "clean_up_tokenization_spaces": False, "chat_template": QWEN_CHAT_TEMPLATE,
    }, ensure_ascii=False, indent=1), encoding="utf-8")
    tok = AutoTokenizer.from_pretrained(out)
    tok.save_pretrained(out)  # writes tokenizer.json beside vocab.json/merges.txt, as upstream
    rows = max(vocab_size or 0, n + 3)
    config = Qwen2Config(
        vocab_size=rows, hidden_size=hidden, intermediate_size=intermediate or hidden * 3, num_hidden_layers=layers,
        num_attention_heads=heads, num_key_value_heads=kv_heads, hidden_act="silu", max_position_embeddings=32768,
        rms_norm_eps=1e-6, rope_theta=1000000.0, tie_word_embeddings=True, use_sliding_window=False,
        sliding_window=32768, max_window_layers=layers, bos_token_id=eot, eos_token_id=ime,
        architectures=["Qwen2ForCausalLM"], initializer_range=0.3 if hidden < 256 else 0.02,
    )
    torch.manual_seed(seed)
    model = Qwen2ForCausalLM(config).eval()
    model.generation_config = GenerationConfig(
        bos_token_id=eot, eos_token_id=[ime, eot], pad_token_id=eot, do_sample=True, temperature=0.7,
        top_p=0.8, top_k=20, repetition_penalty=1.1,
    )
    model.save_pretrained(out, safe_serialization=True)
    log.info("built tiny qwen2 model in %s (vocab %d)", out, rows)
    return out


def build_tiny(family: str, out_dir: str | Path, seed: int = 0) -> Path:
    if family == "marian":
        return build_marian(out_dir, seed=seed)
    if family in ("nllb", "m2m100"):
        return build_nllb(out_dir, seed=seed)
    if family == "bart":
        return build_bart(out_dir, seed=seed)
    if family in ("qwen2", "qwen"):
        return build_qwen(out_dir, seed=seed)
    raise ValueError(f"no tiny builder for family {family!r}; known: {', '.join(FAMILIES)}")
