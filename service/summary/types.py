"""The summary objects: a headline and bullets, each bullet traced to the article sentences behind it."""

from __future__ import annotations

from dataclasses import dataclass, field

# bullet flags
UNSUPPORTED = "unsupported"  # no article sentence supports it: shown as such, never as fact
UNSUPPORTED_NUMBER = "unsupported_number"  # a number in the bullet that its supporting sentences lack
UNSUPPORTED_NAME = "unsupported_name"  # a name in the bullet that its supporting sentences lack
ATTRIBUTION_ADDED = "attribution_added"  # it repeated an attributed claim without its source: we named it
ATTRIBUTION_MISSING = "attribution_missing"  # ... and no name could be given: read it as a claim, not a fact


@dataclass(frozen=True)
class Bullet:
    text: str
    supported_by: tuple[int, ...] = ()  # body sentence indexes
    attributed_to: tuple[dict, ...] = ()  # {attribution, name, role, affiliation, source, kind}
    flags: tuple[str, ...] = ()
    scores: tuple[float, ...] = ()  # support score of each supported_by sentence (0–1)

    @property
    def supported(self) -> bool:
        return bool(self.supported_by) and UNSUPPORTED not in self.flags

    def to_dict(self) -> dict:
        return {
            "text": self.text,
            "supported_by": list(self.supported_by),
            "support_scores": [round(s, 3) for s in self.scores],
            "attributed_to": [dict(a) for a in self.attributed_to],
            "flags": list(self.flags),
        }


@dataclass(frozen=True)
class Summary:
    headline: str
    bullets: tuple[Bullet, ...]
    backend: str  # extractive | seq2seq | llm
    language: str = "en"
    headline_supported_by: tuple[int, ...] = ()
    model: dict | None = None
    prompt: dict | None = None  # {name, version, sha256} for the LLM backend
    chunks: tuple[dict, ...] = ()  # map-reduce: every body sentence in exactly one first-level chunk
    fallback: str | None = None  # why another backend was used than the one asked for
    settings: dict = field(default_factory=dict)

    def to_dict(self) -> dict:
        return {
            "backend": self.backend,
            "language": self.language,
            "headline": self.headline,
            "headline_supported_by": list(self.headline_supported_by),
            "bullets": [b.to_dict() for b in self.bullets],
            "model": self.model,
            "prompt": self.prompt,
            "prompt_version": self.prompt["version"] if self.prompt else None,
            "chunks": [dict(c) for c in self.chunks],
            "fallback": self.fallback,
            "settings": dict(self.settings),
        }
