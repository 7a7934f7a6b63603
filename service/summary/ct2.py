"""The seq2seq summariser on CTranslate2 (BART converted by ``lintas models convert summary``).

Same interface and map-reduce as :class:`Seq2SeqSummarizer`; generation goes through
``ctranslate2.Translator.translate_batch`` with the model's tokens (the HF tokenizer, which needs
no torch). BART's forced ``<s>`` is the target prefix; transformers forces ``</s>`` at the length
limit, so the decoding limit here is one less and the decoded text is the same.
"""

from __future__ import annotations

import re
import threading

from ..errors import ConfigError, ModelLoadError, ModelNotAvailableError
from ..registry import ModelSpec, require_local
from ..translation.hf import check_generation
from ..translation.threads import cpu_cores, ct2_load
from .seq2seq import Seq2SeqSummarizer

_CTRL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\ufffd]")


class CT2Seq2SeqSummarizer(Seq2SeqSummarizer):
    backend = "seq2seq"

    def __init__(self, spec: ModelSpec, translator, tokenizer, generation: dict | None, compute_type: str, path: str,
                 window: int, batch_size: int = 4):
        self.spec = spec
        self.translator = translator
        self.tokenizer = tokenizer
        self.generation = check_generation({**dict(spec.generation), **(generation or {})})
        self.window = min(spec.max_input_tokens, window)
        self.batch_size = batch_size
        self._lock = threading.Lock()
        self.info = {
            "task": spec.task, "name": spec.name, "id": spec.hub_id or spec.local_path, "revision": spec.revision,
            "licence": spec.licence, "commercial_use": spec.commercial_use, "backend": "ctranslate2",
            "dtype": compute_type, "generation": dict(self.generation), "converted": path,
            "intra_threads": cpu_cores(),
        }

    @classmethod
    def load(cls, spec: ModelSpec, generation: dict | None = None, compute_type: str | None = None) -> "CT2Seq2SeqSummarizer":
        import json

        from ..translation.ct2 import find_converted

        conv = find_converted(spec)
        if conv is None:
            raise ModelNotAvailableError(spec.ref, spec.task, "no CTranslate2 conversion: run lintas models convert summary")
        path = require_local(spec)
        try:
            import ctranslate2
            from transformers import AutoTokenizer

            ct = compute_type or json.loads((conv / "lintas.json").read_text(encoding="utf-8")).get("quantization", "int8")
            tr, isa = ct2_load(lambda: ctranslate2.Translator(str(conv), device="cpu", compute_type=ct, intra_threads=cpu_cores()))
            tok = AutoTokenizer.from_pretrained(path)
            cfg = json.loads((path / "config.json").read_text(encoding="utf-8"))
        except ImportError as e:
            raise ConfigError("CTranslate2 is not installed (pip install ctranslate2)") from e
        except Exception as e:
            raise ModelLoadError(f"Could not load the CTranslate2 summary model from {conv}: {type(e).__name__}: {e}") from e
        out = cls(spec, tr, tok, generation, ct, str(conv), int(cfg.get("max_position_embeddings", spec.max_input_tokens)))
        out.info["cpu_isa"] = isa
        return out

    def generate(self, texts: list[str], max_new_tokens: int | None = None) -> list[str]:
        g = self.generation
        max_new = int(max_new_tokens if max_new_tokens is not None else g.get("max_new_tokens", 142))
        min_new = int(g.get("min_new_tokens", 0) or 0)
        if min_new > max_new:
            min_new = max(1, max_new // 2)
        max_len = max(1, max_new - 1)
        opts = dict(
            beam_size=int(g.get("num_beams", 1)),
            max_decoding_length=max_len,
            min_decoding_length=min(min_new, max_len),
            length_penalty=float(g.get("length_penalty", 1.0)),
            no_repeat_ngram_size=int(g.get("no_repeat_ngram_size", 0) or 0),
            repetition_penalty=float(g.get("repetition_penalty", 1.0)),
            max_input_length=self.window,
        )
        out: list[str] = []
        with self._lock:
            for k in range(0, len(texts), self.batch_size):
                batch = texts[k : k + self.batch_size]
                ids = self.tokenizer(batch, truncation=True, max_length=self.window)["input_ids"]
                tokens = [self.tokenizer.convert_ids_to_tokens(x) for x in ids]
                res = self.translator.translate_batch(tokens, target_prefix=[[self.tokenizer.bos_token]] * len(tokens), **opts)
                for r in res:
                    hyp = self.tokenizer.convert_tokens_to_ids(r.hypotheses[0])
                    out.append(_CTRL.sub("", self.tokenizer.decode(hyp, skip_special_tokens=True)).strip())
        return out
