"""CTranslate2 backend: the same translations as transformers, several times faster on CPU.

``lintas models convert translation`` converts a local or cached Hugging Face model (int8 by
default on CPU, float16 on GPU) into a folder beside the Hugging Face cache, keyed by model and
revision. The tokenizer still comes from the Hugging Face files.
"""

from __future__ import annotations

import hashlib
import json
import logging
import math
import threading
from pathlib import Path
from typing import Callable, Sequence

from ..errors import ConfigError, ModelLoadError, ModelNotAvailableError
from ..registry import ModelSpec, require_local
from ..settings import Settings, current
from .hf import check_generation
from .threads import cpu_cores, ct2_load
from .translator import NBEST, SCORES, SUBMIT, Backend
from .vmap import TARGET, VMAP_FILE, install, map_meta, marian_target_vmap, sync_into

log = logging.getLogger(__name__)

COMPUTE_TYPES = ("int8", "int8_float32", "int16", "float16", "bfloat16", "float32")


def ct2_root(settings: Settings | None = None) -> Path:
    """Where conversions live: the ``ct2_cache`` setting (``LINTAS_CT2_CACHE``), else beside the
    Hugging Face cache."""
    chosen = (settings or current()).ct2_cache
    if chosen:
        return Path(chosen)
    try:
        from huggingface_hub import constants

        return Path(constants.HF_HUB_CACHE).parent / "lintas-ct2"
    except ImportError:  # pragma: no cover
        return Path.home() / ".cache" / "lintas-ct2"


def _key(spec: ModelSpec) -> str:
    if spec.local_path:
        # the directory, and the size and time of its config and weights: new weights, new key
        d = Path(spec.local_path)
        parts = [str(d)]
        for f in sorted(d.glob("*")):
            if f.name == "config.json" or f.suffix in (".safetensors", ".bin"):
                st = f.stat()
                parts.append(f"{f.name}:{st.st_size}:{st.st_mtime_ns}")
        return "local-" + hashlib.sha256("|".join(parts).encode()).hexdigest()[:16]
    return f"{spec.hub_id.replace('/', '--')}@{(spec.revision or 'unpinned')[:12]}"


def converted_dir(spec: ModelSpec, compute_type: str, settings: Settings | None = None) -> Path:
    return ct2_root(settings) / _key(spec) / compute_type


def find_converted(spec: ModelSpec, prefer: Sequence[str] = ("int8", "int8_float32", "float32", "float16"),
                   settings: Settings | None = None) -> Path | None:
    for ct in prefer:
        d = converted_dir(spec, ct, settings)
        if (d / "model.bin").is_file():
            return d
    return None


def convert(spec: ModelSpec, quantization: str = "int8", force: bool = False, settings: Settings | None = None) -> Path:
    """Convert the model's Hugging Face files to CTranslate2; returns the output folder. A Marian
    model also gets its target-side vocabulary map (:func:`install_target_vmap`), an existing
    conversion too."""
    if quantization not in COMPUTE_TYPES:
        raise ConfigError(f"Unknown quantization {quantization!r}; use one of {', '.join(COMPUTE_TYPES)}")
    src = require_local(spec)
    out = converted_dir(spec, quantization, settings)
    if (out / "model.bin").is_file() and not force:
        install_target_vmap(spec, src, out.parent)
        return out
    try:
        from ctranslate2.converters import TransformersConverter
    except ImportError as e:
        raise ConfigError("CTranslate2 is not installed (pip install ctranslate2)") from e
    out.parent.mkdir(parents=True, exist_ok=True)
    try:
        TransformersConverter(str(src)).convert(str(out), quantization=quantization, force=True)
    except Exception as e:
        raise ModelLoadError(f"Could not convert {spec.ref} to CTranslate2: {type(e).__name__}: {e}") from e
    (out / "lintas.json").write_text(json.dumps({"source": str(src), "model": spec.ref, "quantization": quantization}), encoding="utf-8")
    if not install_target_vmap(spec, src, out.parent):
        sync_into(out)
    return out


def install_target_vmap(spec: ModelSpec, src: Path, root: Path) -> dict | None:
    """Write a Marian model's target-side vocabulary map (:func:`service.translation.vmap.target_vmap`)
    beside and into its conversions; its note, or None where there is none to build (not Marian:
    NLLB's one SentencePiece model serves all 202 languages and English output may copy any
    script, so no piece can be ruled out) or where the model has a shortlist, which is kept
    (one map per model)."""
    if spec.family != "marian":
        return None
    meta = map_meta(root)
    if meta is not None and meta.get("kind") != TARGET:
        log.warning("%s keeps its vocabulary shortlist; the target-side map is not installed", spec.ref)
        return None
    built = marian_target_vmap(src)
    if built is None:
        return None
    text, stats = built
    install(root, text, {**stats, "sha256": hashlib.sha256(text.encode()).hexdigest()[:12]})
    return stats


class _MarianSpm:
    """MarianTokenizer's encoding and decoding with SentencePiece alone: source.spm splits the
    input, target.spm joins the output, vocab.json decides which pieces are known. It keeps the
    CTranslate2 process free of torch (a third of the memory)."""

    def __init__(self, path: Path):
        import sentencepiece as spm

        self.src = spm.SentencePieceProcessor(model_file=str(path / "source.spm"))
        self.tgt = spm.SentencePieceProcessor(model_file=str(path / "target.spm"))
        self.vocab = json.loads((path / "vocab.json").read_text(encoding="utf-8"))
        self.special = {"</s>", "<unk>", "<pad>"}

    def tokens(self, text: str) -> list[str]:
        return [p if p in self.vocab else "<unk>" for p in self.src.encode(text, out_type=str)] + ["</s>"]

    def target_tokens(self, text: str) -> list[str]:
        return [p if p in self.vocab else "<unk>" for p in self.tgt.encode(text, out_type=str)]

    def decode(self, tokens: list[str]) -> str:
        # as MarianTokenizer.convert_tokens_to_string with skip_special_tokens
        text = self.tgt.decode_pieces([t for t in tokens if t not in self.special])
        return text.replace("\u2581", " ").strip()


class _HFTokens:
    """Any Hugging Face tokenizer (NLLB): token strings in, text out."""

    def __init__(self, tokenizer):
        self.tok = tokenizer
        self._lock = threading.Lock()  # a fast tokenizer is not safe to call from several threads

    def tokens(self, text: str) -> list[str]:
        with self._lock:
            return self.tok.convert_ids_to_tokens(self.tok(text, add_special_tokens=True, truncation=False)["input_ids"])

    def target_tokens(self, text: str) -> list[str]:
        with self._lock:
            return self.tok.tokenize(text)

    def decode(self, tokens: list[str]) -> str:
        with self._lock:
            return self.tok.decode(self.tok.convert_tokens_to_ids(tokens), skip_special_tokens=True).strip()


def _tokenizer(spec: ModelSpec, src: Path):
    if spec.family == "marian" and (src / "source.spm").is_file() and (src / "vocab.json").is_file():
        return _MarianSpm(src)
    from transformers import AutoTokenizer

    return _HFTokens(AutoTokenizer.from_pretrained(src))


class CT2Backend(Backend):
    """Translate with a converted model; loaded once, shared by all requests."""

    features = frozenset({SCORES, NBEST, SUBMIT})

    def __init__(self, spec: ModelSpec, translator, tokenizer, generation: dict | None, compute_type: str, device: str,
                 forced_eos: bool, intra_threads: int | None = None, vmap: dict | None = None, replicas: int = 1):
        self.spec = spec
        self.model_dir: Path | None = None  # the conversion folder (set by load)
        # a vocabulary map (service/translation/vmap.py) restricts the output candidates per batch
        self.use_vmap = vmap is not None
        # CTranslate2 runs a batch's parts on its inter_threads replicas at once: each call is split
        # into that many parts (sorted by length inside CTranslate2)
        self.replicas = max(1, replicas)
        self.translator = translator
        self.tokenizer = tokenizer
        self.generation = check_generation({**dict(spec.generation), **(generation or {})})
        self.max_input_tokens = spec.max_input_tokens
        self.forced_eos = forced_eos
        self._prefix = None
        if spec.family == "nllb":
            if not (spec.src_lang and spec.tgt_lang):
                raise ConfigError(f"{spec.name}: an NLLB model needs src_lang and tgt_lang in the registry")
            tokenizer.tok.src_lang = spec.src_lang
            self._prefix = [spec.tgt_lang]
        self.info = {
            "task": spec.task, "name": spec.name, "id": spec.hub_id or spec.local_path, "revision": spec.revision,
            "licence": spec.licence, "commercial_use": spec.commercial_use, "backend": "ctranslate2",
            "dtype": compute_type, "device": device, "generation": dict(self.generation),
            "threads": {"inter": self.replicas, "intra": intra_threads},
        }
        if vmap is not None:
            self.info["vmap"] = vmap

    @classmethod
    def load(cls, spec: ModelSpec, generation: dict | None = None, device: str | None = None, compute_type: str | None = None,
             threads: int | None = None, inter_threads: int | None = None, use_vmap: bool | None = None,
             settings: Settings | None = None) -> "CT2Backend":
        """``threads``: the cores to use (default: the ``threads`` setting, else all this process
        may run on). ``inter_threads``: how many parts of a batch run at once, each on threads //
        inter_threads cores (default: the ``ct2_inter_threads`` setting, else two on two or more
        cores; one on a GPU). ``use_vmap``: True decodes with the model's vocabulary map of either
        kind (an error if it has none), False without; default (None): :func:`choose_vmap`.
        ``device``: ``cpu`` or ``cuda`` (default: the ``device`` setting; a :class:`ConfigError`
        naming the cause where CUDA is absent). ``settings``: default :func:`service.settings.current`."""
        settings = settings or current()
        device = device or settings.device
        d = converted_dir(spec, compute_type, settings) if compute_type else find_converted(spec, settings=settings)
        if d is None or not (d / "model.bin").is_file():
            raise ModelNotAvailableError(spec.ref, spec.task, f"no CTranslate2 conversion; run: lintas models convert {spec.task}")
        src = require_local(spec)
        cores = threads or settings.threads or cpu_cores()
        inter = max(1, min(cores, inter_threads or default_inter_threads(settings))) if device == "cpu" else 1
        vmap = choose_vmap(spec, d, use_vmap, settings)
        check_ct2_device(device)
        try:
            import ctranslate2

            translator, isa = ct2_load(lambda: ctranslate2.Translator(str(d), device=device, inter_threads=inter,
                                                                     intra_threads=max(1, cores // inter)), settings)
            tokenizer = _tokenizer(spec, src)
            gen_file = src / "generation_config.json"
            cfg = json.loads(gen_file.read_text(encoding="utf-8")) if gen_file.is_file() else {}
            forced = cfg.get("forced_eos_token_id") is not None
        except Exception as e:
            raise ModelLoadError(f"Could not load the CTranslate2 model {d}: {type(e).__name__}: {e}") from e
        be = cls(spec, translator, tokenizer, generation, d.name, device, forced, max(1, cores // inter), vmap, replicas=inter)
        be.model_dir = d
        be.info["cpu_isa"] = isa if device == "cpu" else None
        return be

    def count_tokens(self, texts: Sequence[str]) -> list[int]:
        return [len(self.tokenizer.tokens(t)) for t in texts]

    def source_tokens(self, text: str) -> list[str]:
        """The tokens CTranslate2 gets for ``text`` (what a vocabulary map is keyed by)."""
        return self.tokenizer.tokens(text)

    def target_tokens(self, text: str) -> list[str]:
        """An English text as the model's output tokens (for a vocabulary map from given pairs)."""
        return self.tokenizer.target_tokens(text)

    def translate_tokens(self, texts: Sequence[str]) -> list[list[str]]:
        """The output tokens of the best translation of each text."""
        if not texts:
            return []
        src = self._tokens(texts)
        prefix = [self._prefix] * len(src) if self._prefix else None
        opts = self._options(max(len(t) for t in src), 1, len(src), False)
        return [self._strip(r.hypotheses[0]) for r in self.translator.translate_batch(src, target_prefix=prefix, **opts)]

    def _options(self, longest: int, n: int = 1, batch: int = 1, scores: bool = True) -> dict:
        g = self.generation
        cap = g.get("max_new_tokens", 512)
        if g.get("max_length_ratio"):
            cap = min(cap, int(math.ceil(g["max_length_ratio"] * longest)) + 10)
        # transformers forces </s> as the last of `cap` tokens; match it token for token
        max_len = cap - 1 if self.forced_eos else cap
        opts = {
            "beam_size": max(g.get("num_beams", 1), n), "num_hypotheses": n, "max_decoding_length": max_len,
            "length_penalty": g.get("length_penalty", 1.0), "repetition_penalty": g.get("repetition_penalty", 1.0),
            "no_repeat_ngram_size": g.get("no_repeat_ngram_size", 0), "return_scores": scores,
            "max_batch_size": 0 if self.replicas == 1 else -(-batch // self.replicas), "use_vmap": self.use_vmap,
        }
        if g.get("min_new_tokens"):
            opts["min_decoding_length"] = min(g["min_new_tokens"], max_len)
        return opts

    def _tokens(self, texts: Sequence[str]) -> list[list[str]]:
        return [self.tokenizer.tokens(t) for t in texts]

    def _decode(self, tokens: list[str]) -> str:
        return self.tokenizer.decode(tokens)

    def _translate(self, texts: Sequence[str], n: int = 1, scores: bool = True):
        src = self._tokens(texts)
        prefix = [self._prefix] * len(src) if self._prefix else None
        opts = self._options(max(len(t) for t in src), n, len(src), scores)
        return self.translator.translate_batch(src, target_prefix=prefix, **opts)

    def _strip(self, hyp: list[str]) -> list[str]:
        return hyp[1:] if self._prefix and hyp[:1] == self._prefix else hyp

    def translate_batch_scored(self, texts: Sequence[str]) -> list[tuple[str, float | None]]:
        return self.submit_scored(texts)()

    def submit_scored(self, texts: Sequence[str]) -> Callable[[], list[tuple[str, float | None]]]:
        """Queues ``texts`` on the replicas and returns a function that waits for their scored
        translations. Several batches in flight at once keep every replica busy: a replica that
        finishes its part of one batch starts on the next instead of waiting for the other
        replica's part (the generation settings are taken at submission)."""
        if not texts:
            return lambda: []
        src = self._tokens(texts)
        prefix = [self._prefix] * len(src) if self._prefix else None
        opts = self._options(max(len(t) for t in src), 1, len(src), True)
        pending = self.translator.translate_batch(src, target_prefix=prefix, asynchronous=True, **opts)

        def collect() -> list[tuple[str, float | None]]:
            return [(self._decode(self._strip(r.hypotheses[0])), r.scores[0] if r.scores else None)
                    for r in (p.result() for p in pending)]

        return collect

    def translate_batch(self, texts: Sequence[str]) -> list[str]:
        """Translations only (no scores)."""
        if not texts:
            return []
        return [self._decode(self._strip(r.hypotheses[0])) for r in self._translate(texts, scores=False)]

    def translate_batch_nbest(self, texts: Sequence[str], n: int) -> list[list[str]]:
        if not texts or n < 1:
            return [[] for _ in texts]
        return [[self._decode(self._strip(h)) for h in r.hypotheses] for r in self._translate(texts, n, scores=False)]


def default_ct2_layout(cores: int) -> int:
    """How many batch parts CTranslate2 runs at once on ``cores`` cores by default: two (each on
    half the cores) when there are two or more. On our 2-core machines two single-threaded
    replicas beat one two-threaded one at beam 4 for batches of 16 and of 1 alike (the
    benchmark prints both layouts); the weights are shared between replicas."""
    return 2 if cores >= 2 else 1


def default_inter_threads(settings: Settings | None = None) -> int:
    """The ``ct2_inter_threads`` setting (``LINTAS_CT2_INTER_THREADS``), else
    :func:`default_ct2_layout` of this process's cores."""
    return (settings or current()).ct2_inter_threads or default_ct2_layout(cpu_cores())


def choose_vmap(spec: ModelSpec, conversion: Path, use_vmap: bool | None, settings: Settings) -> dict | None:
    """The vocabulary map a load decodes with, as reports name it (file, sha256, kind, rows), or
    None. ``use_vmap`` True/False decides; by default a map of either kind when the ``ct2_vmap``
    setting asks for one (an error if there is none), else the model's target-side map when it
    has one and the ``ct2_target_vmap`` setting (on by default) allows it. A shortlist is never
    used unasked: it changes translations."""
    meta = map_meta(conversion)
    if use_vmap is None:
        use_vmap = settings.ct2_vmap or (settings.ct2_target_vmap and meta is not None and meta.get("kind") == TARGET)
    if not use_vmap:
        return None
    if meta is None:
        raise ConfigError(f"{spec.ref} has no vocabulary map; build one with: lintas models vmap {spec.task} --pairs PAIRS.tsv")
    f = conversion / VMAP_FILE
    info = {"file": str(f), "sha256": hashlib.sha256(f.read_bytes()).hexdigest()[:12], "kind": meta.get("kind")}
    if meta.get("kind") == TARGET:
        info["rows"], info["of"] = meta.get("rows"), meta.get("vocabulary")
    return info


def check_ct2_device(device: str) -> None:
    """``cpu``, or ``cuda`` with a GPU CTranslate2 can use; otherwise a :class:`ConfigError`
    saying why (never a crash inside the library)."""
    if device == "cpu":
        return
    if device != "cuda":
        raise ConfigError(f"Unknown device {device!r}; use cpu or cuda")
    try:
        import ctranslate2
    except ImportError as e:
        raise ConfigError("CTranslate2 is not installed (pip install ctranslate2)") from e
    if ctranslate2.get_cuda_device_count() < 1:
        raise ConfigError("device cuda: CTranslate2 finds no CUDA GPU here (no GPU, no driver, or a CPU-only build); use --device cpu")
