"""Hugging Face transformers backend for seq2seq translation models (Marian, NLLB/M2M100).

transformers 5 has no translation pipeline: we tokenise, call ``model.generate`` under
``torch.inference_mode`` and decode, keeping the model and tokenizer loaded once.
"""

from __future__ import annotations

import logging
import math
import threading
from typing import Sequence

from ..errors import ConfigError, ModelLoadError, TranslationError
from ..registry import ModelSpec, require_local
from ..settings import Settings, current
from .translator import NBEST, SCORES, Backend

log = logging.getLogger(__name__)

# Settings that may be passed to ``generate``; anything else is a typo and an error.
GENERATE_KEYS = {
    "num_beams", "max_new_tokens", "min_new_tokens", "length_penalty", "no_repeat_ngram_size",
    "repetition_penalty", "early_stopping", "do_sample", "temperature", "top_p", "top_k",
    "num_return_sequences",
}
# Our own settings, applied around generate.
OWN_KEYS = {"max_length_ratio"}


def check_generation(settings: dict) -> dict:
    unknown = set(settings) - GENERATE_KEYS - OWN_KEYS
    if unknown:
        raise ConfigError(
            f"Unknown generation setting(s): {', '.join(sorted(unknown))}. "
            f"Known: {', '.join(sorted(GENERATE_KEYS | OWN_KEYS))}."
        )
    return dict(settings)


class HFSeq2SeqBackend(Backend):
    """Translate with a transformers seq2seq model; loaded once, shared by all requests."""

    features = frozenset({SCORES, NBEST})

    def __init__(self, spec: ModelSpec, model, tokenizer, generation: dict | None = None, device: str = "cpu"):
        import torch

        self.spec = spec
        self.model = model
        self.tokenizer = tokenizer
        self.device = device
        # a fast tokenizer changes its own padding/truncation state on each call: concurrent calls
        # from request threads raise "Already borrowed" without this
        self._tok_lock = threading.Lock()
        # precedence: caller > registry > the model's own generation_config
        self.generation = check_generation({**dict(spec.generation), **(generation or {})})
        window = getattr(model.config, "max_position_embeddings", None) or spec.max_input_tokens
        self.max_input_tokens = min(spec.max_input_tokens, window)
        self._gen_extra: dict = {}
        if spec.family == "nllb":
            if not (spec.src_lang and spec.tgt_lang):
                raise ConfigError(f"{spec.name}: an NLLB model needs src_lang and tgt_lang in the registry")
            tokenizer.src_lang = spec.src_lang
            tgt = tokenizer.convert_tokens_to_ids(spec.tgt_lang)
            if tgt is None or tgt == tokenizer.unk_token_id:
                raise ModelLoadError(f"{spec.name}: the tokenizer has no language code {spec.tgt_lang!r}")
            self._gen_extra["forced_bos_token_id"] = tgt
        self.info = {
            "task": spec.task,
            "name": spec.name,
            "id": spec.hub_id or spec.local_path,
            "revision": spec.revision,
            "licence": spec.licence,
            "commercial_use": spec.commercial_use,
            "backend": "transformers",
            "dtype": str(next(model.parameters()).dtype).replace("torch.", ""),
            "device": device,
            "generation": dict(self.generation),
            "torch_threads": torch.get_num_threads(),
        }

    @classmethod
    def load(cls, spec: ModelSpec, generation: dict | None = None, device: str | None = None, dtype: str | None = None,
             threads: int | None = None, settings: Settings | None = None):
        """Load from the local directory or the HF cache (pinned revision); download only when
        allowed. Raises ModelNotAvailableError naming ``lintas models pull TASK``. ``threads``
        (default: the ``threads`` setting of ``settings``): torch's intra-op threads for the process.
        ``device``: ``cpu`` or ``cuda`` (default: the ``device`` setting); ``cuda`` without a GPU
        torch can use is a :class:`ConfigError` naming the cause."""
        from .threads import setting_threads

        path = require_local(spec)
        threads = threads or setting_threads(settings)
        device = device or (settings or current()).device
        check_torch_device(device)
        try:
            import torch

            if threads:
                torch.set_num_threads(threads)
            from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

            kwargs = {}
            if dtype:
                kwargs["dtype"] = getattr(torch, dtype)
            tokenizer = AutoTokenizer.from_pretrained(path)
            model = AutoModelForSeq2SeqLM.from_pretrained(path, **kwargs).to(device).eval()
        except Exception as e:  # many failure types: missing files, bad config, version skew
            raise ModelLoadError(f"Could not load {spec.ref} from {path}: {type(e).__name__}: {e}") from e
        log.info("loaded %s from %s", spec.ref, path)
        return cls(spec, model, tokenizer, generation=generation, device=device)

    def count_tokens(self, texts: Sequence[str]) -> list[int]:
        if not texts:
            return []
        with self._tok_lock:
            enc = self.tokenizer(list(texts), add_special_tokens=True, truncation=False)
        return [len(ids) for ids in enc["input_ids"]]

    def _encode(self, texts: Sequence[str]) -> dict:
        with self._tok_lock:
            return self.tokenizer(list(texts), return_tensors="pt", padding=True, truncation=False)

    def _decode(self, seqs) -> list[str]:
        with self._tok_lock:
            return [d.strip() for d in self.tokenizer.batch_decode(seqs, skip_special_tokens=True)]

    def translate_batch(self, texts: Sequence[str]) -> list[str]:
        """Translations only: no scoring pass."""
        if not texts:
            return []
        enc, seqs, n = self._generate(texts)
        return self._decode(seqs)[::n]

    def _rescore(self, enc: dict, seqs, chunk: int = 4) -> list[float | None]:
        """Mean log-probability of the output's tokens (end-of-sentence excluded; the padding
        token, which generation never produces, masked out), by one teacher-forced pass over the
        outputs — keeping generate's per-step scores would hold batch × beams × vocab floats per
        step."""
        import torch

        pad = self.model.config.pad_token_id
        eos = self.model.config.eos_token_id
        out: list[float | None] = []
        try:
            for i in range(0, seqs.shape[0], chunk):
                s = seqs[i : i + chunk]
                dec_in, target = s[:, :-1], s[:, 1:]
                logits = self.model(input_ids=enc["input_ids"][i : i + chunk], attention_mask=enc["attention_mask"][i : i + chunk],
                                    decoder_input_ids=dec_in).logits.float()
                if pad is not None:
                    logits[..., pad] = float("-inf")
                lp = torch.log_softmax(logits, dim=-1).gather(-1, target.unsqueeze(-1)).squeeze(-1)
                mask = (target != pad) & (target != eos)
                out.extend((lp.masked_fill(~mask, 0).sum(1) / mask.sum(1).clamp(min=1)).tolist())
        except Exception as e:  # scores are a bonus: never fail a translation over them
            log.debug("no scores: %s", e)
            return [None] * seqs.shape[0]
        return out

    def translate_batch_nbest(self, texts: Sequence[str], n: int) -> list[list[str]]:
        """The ``n`` best translations of each text (beam search with at least ``n`` beams)."""
        import torch

        if not texts or n < 1:
            return [[] for _ in texts]
        enc = self._encode(texts)
        gen = {k: v for k, v in self.generation.items() if k in GENERATE_KEYS and k not in ("do_sample", "num_return_sequences")}
        longest = int(enc["input_ids"].shape[1])
        cap = min(gen.pop("max_new_tokens", 512), int(math.ceil(self.generation.get("max_length_ratio", 2.5) * longest)) + 10)
        gen.update(num_beams=max(n, gen.get("num_beams", 1)), num_return_sequences=n, max_length=cap + 1)
        with torch.inference_mode():
            out = self.model.generate(**{k: v.to(self.device) for k, v in enc.items()}, **gen, **self._gen_extra)
        decoded = self._decode(out)
        return [decoded[i * n : (i + 1) * n] for i in range(len(texts))]

    def _generate(self, texts: Sequence[str]):
        """Tokenise and generate: (encoded inputs, output ids, sequences per input)."""
        import torch

        enc = self._encode(texts)
        longest = int(enc["input_ids"].shape[1])
        if longest > self.max_input_tokens:
            # the Translator splits sentences before this point; reaching here is a bug
            raise TranslationError(f"input of {longest} tokens exceeds the model window of {self.max_input_tokens}")
        gen = {k: v for k, v in self.generation.items() if k in GENERATE_KEYS}
        ratio = self.generation.get("max_length_ratio")
        cap = gen.get("max_new_tokens", 512)
        if ratio:
            cap = min(cap, int(math.ceil(ratio * longest)) + 10)
        # as max_length (decoder start + cap), which overrides the model's generation_config
        # max_length instead of competing with it
        gen.pop("max_new_tokens", None)
        gen["max_length"] = cap + 1
        if gen.get("min_new_tokens", 0) > cap:
            gen["min_new_tokens"] = cap
        enc = {k: v.to(self.device) for k, v in enc.items()}
        with torch.inference_mode():
            seqs = self.model.generate(**enc, **gen, **self._gen_extra)
        return enc, seqs, gen.get("num_return_sequences", 1)

    def translate_batch_scored(self, texts: Sequence[str]) -> list[tuple[str, float | None]]:
        """Translations with the mean log-probability per output token (length-normalised)."""
        import torch

        if not texts:
            return []
        enc, seqs, n = self._generate(texts)
        with torch.inference_mode():
            mean_lp = self._rescore(enc, seqs)
        decoded = self._decode(seqs)
        return [(d, lp) for d, lp in zip(decoded[::n], mean_lp[::n])]


def check_torch_device(device: str) -> None:
    """``cpu``, or ``cuda`` where torch sees a GPU; otherwise a :class:`ConfigError` saying why."""
    if device == "cpu":
        return
    if device != "cuda":
        raise ConfigError(f"Unknown device {device!r}; use cpu or cuda")
    import torch

    if not torch.cuda.is_available():
        why = "a CPU-only torch build" if torch.version.cuda is None else "no CUDA GPU or driver found"
        raise ConfigError(f"device cuda: torch cannot use a GPU here ({why}); use --device cpu")
