"""Prompt templates kept as versioned files in ``prompts/`` (TOML: name, version, variables,
system, user), validated before use.

Templates use ``${name}`` placeholders (``string.Template``): a placeholder that is not declared,
a declared variable the caller does not give, or a value given for no placeholder is a
:class:`PromptError` naming it. The article goes in as data: it is fenced between ``<article>``
markers, and any marker or chat-control token inside it is defused first, so text in an article
can neither close the fence nor open a new chat turn.
"""

from __future__ import annotations

import hashlib
import re
import string
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path

from .. import settings as _settings
from ..errors import ConfigError
from ..settings import Settings

REQUIRED_KEYS = ("name", "version", "variables", "system", "user")


class PromptError(ConfigError):
    code = "prompt_invalid"


def prompts_dir(settings: Settings | None = None) -> Path:
    """The ``prompts`` setting (LINTAS_PROMPTS), else the source tree's ``prompts/``, else the
    installed copy."""
    configured = (settings or _settings.current()).prompts
    if configured:
        return Path(configured)
    here = Path(__file__).resolve().parents[2] / "prompts"
    if here.is_dir():
        return here
    return Path(sys.prefix) / "share" / "lintas" / "prompts"


@dataclass(frozen=True)
class Prompt:
    name: str
    version: str
    variables: tuple[str, ...]
    system: str
    user: str
    sha256: str
    path: str | None = None

    @classmethod
    def load(cls, name_or_path: str | Path, settings: Settings | None = None) -> "Prompt":
        """A prompt by file path, or by name from :func:`prompts_dir` (of ``settings``)."""
        p = Path(name_or_path)
        if p.suffix != ".toml":
            p = prompts_dir(settings) / f"{name_or_path}.toml"
        if not p.is_file():
            known = sorted(x.stem for x in prompts_dir(settings).glob("*.toml"))
            raise PromptError(f"No prompt file {p}. Known prompts: {', '.join(known) or 'none'}.")
        raw = p.read_bytes()
        try:
            data = tomllib.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, tomllib.TOMLDecodeError) as e:
            raise PromptError(f"Prompt file {p} is not valid TOML: {e}") from e
        missing = [k for k in REQUIRED_KEYS if k not in data]
        if missing:
            raise PromptError(f"Prompt file {p} lacks {', '.join(missing)}.")
        prompt = cls(name=str(data["name"]), version=str(data["version"]), variables=tuple(data["variables"]),
                     system=str(data["system"]), user=str(data["user"]), sha256=hashlib.sha256(raw).hexdigest(), path=str(p))
        prompt.validate()
        return prompt

    def placeholders(self) -> set[str]:
        out = set()
        for part in (self.system, self.user):
            t = string.Template(part)
            if not t.is_valid():
                raise PromptError(f"Prompt {self.name} v{self.version} has a malformed placeholder (use ${{name}}).")
            out |= set(t.get_identifiers())
        return out

    def validate(self) -> None:
        used = self.placeholders()
        undeclared = used - set(self.variables)
        if undeclared:
            raise PromptError(f"Prompt {self.name} v{self.version} uses undeclared variable(s): {', '.join(sorted(undeclared))}.")
        unused = set(self.variables) - used
        if unused:
            raise PromptError(f"Prompt {self.name} v{self.version} declares variable(s) it never uses: {', '.join(sorted(unused))}.")
        if "article" in self.variables:
            fenced = "<article>\n${article}\n</article>"
            total = self.system.count("${article}") + self.user.count("${article}")
            if fenced not in self.user or total != self.user.count(fenced):
                raise PromptError(f"Prompt {self.name} v{self.version} must fence every ${{article}} between <article> markers.")

    def render(self, **values) -> list[dict]:
        """Chat messages (system, user) with the values filled in; the article is fenced data."""
        missing = [v for v in self.variables if v not in values]
        if missing:
            raise PromptError(f"Prompt {self.name} v{self.version} needs variable(s) not given: {', '.join(missing)}.")
        extra = set(values) - set(self.variables)
        if extra:
            raise PromptError(f"Prompt {self.name} v{self.version} has no variable(s) {', '.join(sorted(extra))}.")
        vals = {k: (defuse(str(v)) if k == "article" else str(v)) for k, v in values.items()}
        return [
            {"role": "system", "content": string.Template(self.system).substitute(vals)},
            {"role": "user", "content": string.Template(self.user).substitute(vals)},
        ]

    def info(self) -> dict:
        return {"name": self.name, "version": self.version, "sha256": self.sha256}


_FENCE = re.compile(r"<\s*/?\s*article\b[^>]*>", re.IGNORECASE)
_CONTROL = re.compile(r"<\|[^|<>\n]{0,40}\|>|<\s*/?\s*(?:tool_call|tool_response|think)\s*>", re.IGNORECASE)


_INVISIBLE = re.compile("[\u200b-\u200f\u2060-\u2064\ufeff\u202a-\u202e\u2066-\u2069]")


def defuse(text: str) -> str:
    """Article text as inert data: no fence markers, no chat-control tokens (``<|im_end|>`` …).
    Look-alike forms (full-width ``＜``) are folded and invisible characters removed first, so they
    cannot hide a marker from this."""
    import unicodedata

    text = _INVISIBLE.sub("", unicodedata.normalize("NFKC", text))
    text = _FENCE.sub(lambda m: m.group(0).replace("<", "‹").replace(">", "›"), text)
    return _CONTROL.sub(lambda m: m.group(0).replace("<", "‹").replace(">", "›"), text)
