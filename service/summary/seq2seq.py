"""Seq2seq summaries of the English translation (BART: distilbart-cnn-12-6, bart-large-cnn).

transformers 5 has no summarization pipeline: we tokenise, ``model.generate`` under
``torch.inference_mode`` and decode, with map-reduce over the 1,024-token window.
"""

from __future__ import annotations

import logging
import re
import threading

from ..article import Article
from ..errors import ModelLoadError
from ..registry import ModelSpec, require_local
from ..translation.hf import check_generation
from .chunking import map_reduce
from .text import headline as make_headline
from .text import split_sentences_en
from .types import Bullet, Summary

log = logging.getLogger(__name__)

_CTRL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\ufffd]")


def _raw_config(model) -> dict:
    import json
    from pathlib import Path

    path = getattr(model, "name_or_path", None) or getattr(model.config, "_name_or_path", "")
    f = Path(path) / "config.json"
    try:
        return json.loads(f.read_text(encoding="utf-8")) if f.is_file() else {}
    except (OSError, ValueError):
        return {}


def transformers_info(spec: ModelSpec, model, generation: dict) -> dict:
    """What a report records about a transformers summary model."""
    import torch

    return {
        "task": spec.task, "name": spec.name, "id": spec.hub_id or spec.local_path, "revision": spec.revision,
        "licence": spec.licence, "commercial_use": spec.commercial_use, "backend": "transformers",
        "dtype": str(next(model.parameters()).dtype).replace("torch.", ""), "generation": dict(generation),
        "torch_threads": torch.get_num_threads(),
    }


def load_transformers(spec: ModelSpec, auto_class: str):
    """(model, tokenizer) for ``spec`` through ``transformers.<auto_class>``; a clear error if not."""
    path = require_local(spec)
    try:
        import transformers

        tok = transformers.AutoTokenizer.from_pretrained(path)
        model = getattr(transformers, auto_class).from_pretrained(path).eval()
    except Exception as e:  # missing files, bad config, version skew
        raise ModelLoadError(f"Could not load summary model {spec.name} from {path}: {type(e).__name__}: {e}") from e
    return model, tok


class Seq2SeqSummarizer:
    backend = "seq2seq"

    def __init__(self, spec: ModelSpec, model, tokenizer, generation: dict | None = None, batch_size: int = 4):
        self.spec = spec
        self.model = model
        self.tokenizer = tokenizer
        self.generation = check_generation({**dict(spec.generation), **(generation or {})})
        window = getattr(model.config, "max_position_embeddings", None) or spec.max_input_tokens
        self.window = min(spec.max_input_tokens, window)
        self.batch_size = batch_size
        self._lock = threading.Lock()
        # BART starts every summary with <s> (forced_bos_token_id in its config.json), which
        # transformers 5 no longer reads from there: pass it on
        forced = _raw_config(model).get("forced_bos_token_id")
        self._forced_bos = {"forced_bos_token_id": forced} if forced is not None else {}
        self.info = transformers_info(spec, model, self.generation)

    @classmethod
    def load(cls, spec: ModelSpec, generation: dict | None = None) -> "Seq2SeqSummarizer":
        model, tok = load_transformers(spec, "AutoModelForSeq2SeqLM")
        return cls(spec, model, tok, generation)

    def count_tokens(self, texts: list[str]) -> list[int]:
        enc = self.tokenizer(list(texts), add_special_tokens=False)
        return [len(x) for x in enc["input_ids"]]

    def generate(self, texts: list[str], max_new_tokens: int | None = None) -> list[str]:
        import torch

        gen = {k: v for k, v in self.generation.items() if k != "max_length_ratio"}
        if gen.get("num_beams", 1) == 1:  # beam-only settings: transformers warns about them on greedy
            gen = {k: v for k, v in gen.items() if k not in ("early_stopping", "length_penalty")}
        if max_new_tokens is not None:
            gen["max_new_tokens"] = max_new_tokens
            if gen.get("min_new_tokens", 0) > max_new_tokens:
                gen["min_new_tokens"] = max(1, max_new_tokens // 2)
        out: list[str] = []
        with self._lock, torch.inference_mode():
            for k in range(0, len(texts), self.batch_size):
                batch = texts[k : k + self.batch_size]
                enc = self.tokenizer(batch, return_tensors="pt", padding=True, truncation=True, max_length=self.window)
                ids = self.model.generate(**enc, **self._forced_bos, **gen)
                out += [_CTRL.sub("", t).strip() for t in self.tokenizer.batch_decode(ids, skip_special_tokens=True)]
        return out

    def summarize(self, article: Article, bullets: int = 3, words: int | None = None) -> Summary:
        units = [(s.index, s.translation) for s in article.sentences if (s.translation or "").strip()]
        if not units:
            return Summary(headline="", bullets=(), backend=self.backend, model=self.info)
        budget = self.window - 4  # <s> … </s> and a margin
        max_new = None
        if words is not None:
            max_new = min(int(self.generation.get("max_new_tokens", 142)), int(words * 1.6) + 10)
        text, chunks = map_reduce(units, self.count_tokens, budget,
                                  lambda texts, final: self.generate(texts, max_new if final else None))
        sents = split_sentences_en(text)
        chosen, used = [], 0
        for s in sents:
            if len(chosen) >= bullets:
                break
            n = len(s.split())
            if words is not None and chosen and used + n > words:
                break
            chosen.append(s)
            used += n
        return Summary(
            headline=make_headline(sents[0]) if sents else "",
            bullets=tuple(Bullet(text=s) for s in chosen),
            backend=self.backend,
            model=self.info,
            chunks=tuple(chunks),
            settings={"bullets": bullets, "words": words},
        )
