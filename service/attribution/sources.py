"""The source registry (``sources.toml``): canonical names, aliases and types of outlets and bodies.

Extensible without code: a TOML file named by the ``sources`` setting (LINTAS_SOURCES) is merged
over the shipped one.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from .. import settings as _settings
from ..errors import ConfigError
from ..settings import Settings

SOURCE_TYPES = ("person", "organisation", "company", "government", "media", "website", "document", "unnamed")


@dataclass(frozen=True)
class SourceEntry:
    key: str
    name: str
    type: str
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class SourceMatch:
    start: int
    end: int
    alias: str
    entry: SourceEntry


class SourceRegistry:
    def __init__(self, entries: dict[str, SourceEntry]):
        self.entries = entries
        alias_map: dict[str, SourceEntry] = {}
        for e in entries.values():
            for a in (e.name, *e.aliases):
                alias_map.setdefault(a, e)
        self._by_alias = alias_map
        # longest aliases first so "BBC Monitoring" wins over "BBC"
        parts = sorted(alias_map, key=len, reverse=True)
        self._pattern = re.compile(
            r"(?<![\w-])(" + "|".join(re.escape(a) for a in parts) + r")(?![\w-])"
        ) if parts else None

    @classmethod
    def from_toml_texts(cls, texts: list[tuple[str, str]]) -> "SourceRegistry":
        entries: dict[str, SourceEntry] = {}
        for origin, text in texts:
            try:
                data = tomllib.loads(text)
            except tomllib.TOMLDecodeError as e:
                raise ConfigError(f"source registry {origin} is not valid TOML: {e}") from e
            if data.get("schema") != 1:
                raise ConfigError(f"source registry {origin}: schema must be 1")
            for key, raw in (data.get("sources") or {}).items():
                if "name" not in raw or "type" not in raw:
                    raise ConfigError(f"source registry {origin}: {key!r} needs name and type")
                if raw["type"] not in SOURCE_TYPES:
                    raise ConfigError(f"source registry {origin}: {key!r} has type {raw['type']!r}; use one of {', '.join(SOURCE_TYPES)}")
                entries[key] = SourceEntry(key, raw["name"], raw["type"], tuple(raw.get("aliases", ())))
        return cls(entries)

    def find_all(self, text: str) -> list[SourceMatch]:
        """Non-overlapping alias matches, longest first, in text order (case-sensitive)."""
        if self._pattern is None:
            return []
        return [SourceMatch(m.start(), m.end(), m.group(1), self._by_alias[m.group(1)]) for m in self._pattern.finditer(text)]

    def lookup(self, name: str) -> SourceEntry | None:
        """An entry whose alias is ``name`` (exact, then case-insensitive)."""
        if name in self._by_alias:
            return self._by_alias[name]
        low = name.casefold()
        for a, e in self._by_alias.items():
            if a.casefold() == low:
                return e
        return None


@lru_cache(maxsize=4)
def _load(extra: str | None) -> SourceRegistry:
    texts = [("sources.toml", resources.files(__package__).joinpath("sources.toml").read_text(encoding="utf-8"))]
    if extra:
        p = Path(extra)
        try:
            texts.append((str(p), p.read_text(encoding="utf-8")))
        except OSError as e:
            raise ConfigError(f"The sources setting (LINTAS_SOURCES) {extra}: cannot read it: {e}") from e
    return SourceRegistry.from_toml_texts(texts)


def load_sources(settings: Settings | None = None) -> SourceRegistry:
    """The shipped registry merged with the file the ``sources`` setting (LINTAS_SOURCES) names,
    if any; ``settings`` defaults to :func:`service.settings.current`."""
    extra = (settings or _settings.current()).sources
    return _load(str(extra) if extra else None)
