"""Given translations: a TSV of (Indonesian sentence, English) pairs as a backend.

Serves evaluation ("oracle" mode: score later stages with reference translations) and users who
already have a human translation. Lookup ignores differences in whitespace.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path
from typing import Sequence

from ..errors import ConfigError, OracleMissError
from .translator import NO_MARKERS, Backend, Translator

_WS = re.compile(r"\s+")


def _norm(s: str) -> str:
    return _WS.sub(" ", s).strip()


class OracleBackend(Backend):
    """Given translations; sentences missing from them go to ``fallback`` (a :class:`Translator`,
    which splits long sentences and caches, or a bare backend), else raise OracleMissError."""

    max_input_tokens = None  # never split: sentences are looked up whole
    features = frozenset({NO_MARKERS})  # looked up by the original text: protection markers would miss

    def __init__(self, pairs: dict[str, str], path: str = "<pairs>", fallback=None):
        self.pairs = {_norm(k): v for k, v in pairs.items()}
        self.path = path
        self.fallback = fallback
        self.info = {
            "task": "translation",
            "name": "oracle",
            "id": f"oracle:{Path(path).name}",
            "revision": None,
            "licence": "user-supplied",
            "backend": "oracle",
            "pairs": len(self.pairs),
            "fallback": dict(fallback.info) if fallback is not None else None,
        }

    @classmethod
    def from_tsv(cls, path: str | Path, fallback=None) -> "OracleBackend":
        p = Path(path)
        try:
            with p.open(encoding="utf-8", newline="") as f:
                rows = list(csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
        except OSError as e:
            raise ConfigError(f"Cannot read translations file {p}: {e}") from e
        pairs = {}
        for n, row in enumerate(rows, 1):
            if not row or not "".join(row).strip():
                continue
            if len(row) < 2:
                raise ConfigError(f"{p}:{n}: expected two tab-separated columns (Indonesian, English)")
            if n == 1 and [c.strip().lower() for c in row[:2]] in (["id", "en"], ["source", "target"], ["src", "tgt"]):
                continue  # header
            pairs[row[0]] = row[1]
        if not pairs:
            raise ConfigError(f"{p} holds no translation pairs")
        return cls(pairs, str(p), fallback)

    def count_tokens(self, texts: Sequence[str]) -> list[int]:
        return [len(t.split()) + 1 for t in texts]

    def translate_batch(self, texts: Sequence[str]) -> list[str]:
        out: list[str | None] = [self.pairs.get(_norm(t)) for t in texts]
        missing = [i for i, o in enumerate(out) if o is None]
        if missing:
            if self.fallback is None:
                raise OracleMissError([texts[i] for i in missing], self.path)
            fb = self.fallback
            todo = [texts[i] for i in missing]
            filled = fb.translate(todo) if isinstance(fb, Translator) else fb.translate_batch(todo)
            for i, f in zip(missing, filled):
                out[i] = f
        return [o or "" for o in out]
