"""Optional multilingual NLI (registry task ``nli``; default mDeBERTa-v3-base-xnli): scores
entailment / neutral / contradiction of a claim (Indonesian or English) given a source passage.
Used by the checker only when the model's files are on this machine; never downloaded there.
The process's model is the model pool's (:meth:`service.models.ModelPool.nli`)."""

from __future__ import annotations

import logging
import threading

from ..errors import ModelLoadError
from ..registry import ModelSpec

log = logging.getLogger(__name__)


class NLIScorer:
    def __init__(self, model, tokenizer, spec: ModelSpec | None = None):
        self.model = model
        self.tokenizer = tokenizer
        self.spec = spec
        self.name = f"nli:{spec.name if spec else 'custom'}"
        id2label = {int(k): v.lower() for k, v in model.config.id2label.items()}
        self.labels = {}
        for i, lab in id2label.items():
            for want in ("entailment", "neutral", "contradiction"):
                if lab.startswith(want[:5]):
                    self.labels[want] = i
        if set(self.labels) != {"entailment", "neutral", "contradiction"}:
            raise ModelLoadError(f"NLI model labels {id2label} do not name entailment/neutral/contradiction")
        self._lock = threading.Lock()

    @classmethod
    def load(cls, spec: ModelSpec) -> "NLIScorer":
        from ..registry import load_present

        model, tok = load_present(spec, "AutoModelForSequenceClassification")
        return cls(model, tok, spec)

    def scores(self, premise: str, hypothesis: str) -> dict[str, float]:
        import torch

        with self._lock, torch.inference_mode():
            enc = self.tokenizer(premise, hypothesis, truncation=True, max_length=512, return_tensors="pt")
            probs = self.model(**enc).logits.softmax(-1)[0].tolist()
        return {k: probs[i] for k, i in self.labels.items()}
