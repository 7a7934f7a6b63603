"""Building a vocabulary map for a converted model and measuring what it costs
(``lintas models vmap``). The map's format and files are :mod:`service.translation.vmap`; this
module is the workflow that runs the model (CTranslate2) over the sentences."""

from __future__ import annotations

import json
import time
from typing import Sequence

from ..errors import ConfigError
from ..settings import Settings
from .ct2 import CT2Backend
from .vmap import VMAP_FILE, agreement, build_vmap, candidates, install, read_corpus, read_pairs, read_vmap

__all__ = ["build_and_check", "read_corpus", "read_pairs"]


def build_and_check(spec, pairs: Sequence[tuple[str, str]] = (), corpus: Sequence[str] = (), *, compute_type: str | None = None,
                    per_token: int = 30, always: int = 1000, heldout: int = 100, batch: int = 16,
                    settings: Settings | None = None) -> dict:
    """Build the map of a converted model from given pairs and/or the model's own translations of
    a corpus, install it, and measure it on the last ``heldout`` sentences, kept out of the
    build: the share of translations unchanged against full decoding, chrF against them, the
    candidates per batch, and the time of both."""
    items = [(s, t) for s, t in pairs] + [(s, None) for s in corpus]
    if len(items) <= heldout:
        raise ConfigError(f"{len(items)} sentences are too few: {heldout} are kept out to measure the map")
    build, held = (items[:-heldout], [s for s, _ in items[-heldout:]]) if heldout else (items, [])
    be = CT2Backend.load(spec, compute_type=compute_type, use_vmap=False, settings=settings)
    given = [(s, t) for s, t in build if t is not None]
    own = [s for s, t in build if t is None]
    token_pairs = [(be.source_tokens(s), be.target_tokens(t)) for s, t in given]
    for k in range(0, len(own), batch):  # the model's own translations, full vocabulary
        chunk = own[k : k + batch]
        token_pairs += list(zip((be.source_tokens(s) for s in chunk), be.translate_tokens(chunk)))
    text, stats = build_vmap(token_pairs, per_token=per_token, always=always)
    install(be.model_dir.parent, text)
    out = {"model": spec.ref, "built_from": {"pairs": len(given), "corpus_sentences": len(own)}, "map": stats,
           "file": str(be.model_dir.parent / VMAP_FILE)}
    if held:
        parsed = read_vmap(text)
        sizes = [len(candidates(parsed, [be.source_tokens(s) for s in held[k : k + batch]])) for k in range(0, len(held), batch)]
        vocab = next((len(json.loads(f.read_text(encoding="utf-8"))) for f in (be.model_dir / "shared_vocabulary.json",
                      be.model_dir / "target_vocabulary.json") if f.is_file()), None)
        restricted_be = CT2Backend.load(spec, compute_type=be.model_dir.name, use_vmap=True, settings=settings)
        t0 = time.perf_counter()
        full = [t for k in range(0, len(held), batch) for t in be.translate_batch(held[k : k + batch])]
        t1 = time.perf_counter()
        restricted = [t for k in range(0, len(held), batch) for t in restricted_be.translate_batch(held[k : k + batch])]
        t2 = time.perf_counter()
        out["heldout"] = {**agreement(full, restricted), "batch": batch, "mean_candidates_per_batch": round(sum(sizes) / len(sizes)),
                          "target_vocabulary": vocab, "full_s": round(t1 - t0, 2), "with_map_s": round(t2 - t1, 2)}
    return out
