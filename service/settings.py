"""One settings object, read and validated in one place.

Precedence, lowest first: the defaults below < a TOML config file < ``LINTAS_*`` environment
variables < explicit arguments (a CLI flag, an API keyword, a REST field). This is the only module
that reads ``LINTAS_*`` variables; every other module receives a :class:`Settings` (or asks
:func:`current` for the process's effective one) and never looks at the environment itself.

The config file is ``--config PATH`` / ``LINTAS_CONFIG``, else ``lintas.toml`` in the working
directory if there is one. Its keys are the field names (``max_chars = 100000``), with two tables
for the per-model keys::

    max_chars = 100000
    [models]              # a task's model: registry name, directory or hub id
    translation = "nllb-200-distilled-600m"
    [model_paths]         # where a registry model's files already are
    opus-mt-id-en = "/models/opus-mt-id-en"

``lintas config`` prints the effective settings and where each value came from. A bad value
raises :class:`SettingsError` naming the variable (or file key) and the values it allows.
"""

from __future__ import annotations

import os
import re
import threading
import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from types import MappingProxyType
from typing import Any, Callable, Mapping

from .errors import ConfigError

ENV_PREFIX = "LINTAS_"
_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}
_UNITS = {"b": 1, "kb": 1000, "mb": 1000**2, "gb": 1000**3}


class SettingsError(ConfigError):
    """A setting has a value it cannot take. The message names where it came from."""

    code = "bad_setting"
    exit_code = 2


# ---------------------------------------------------------------- value parsers (one per kind)

def _bool(v: Any) -> bool:
    if isinstance(v, bool):
        return v
    s = str(v).strip().lower()
    if s in _TRUE:
        return True
    if s in _FALSE:
        return False
    raise ValueError("one of 1/0, true/false, yes/no, on/off")


def _pos_int(v: Any) -> int:
    if isinstance(v, bool):
        raise ValueError("a positive whole number")
    s = str(v).strip().replace("_", "")
    if not s.isdigit() or int(s) < 1:
        raise ValueError("a positive whole number")
    return int(s)


def _opt_pos_int(v: Any) -> int | None:
    return None if v is None or str(v).strip() == "" else _pos_int(v)


def _nonneg_float(v: Any) -> float:
    try:
        f = float(v)
    except (TypeError, ValueError):
        raise ValueError("a number >= 0") from None
    if not (f >= 0) or f == float("inf"):
        raise ValueError("a number >= 0")
    return f


def _pos_float(v: Any) -> float:
    f = _nonneg_float(v)
    if f == 0:
        raise ValueError("a number > 0")
    return f


def _size(v: Any) -> int:
    if isinstance(v, int) and not isinstance(v, bool) and v > 0:
        return v
    m = re.fullmatch(r"(\d+)(b|kb|mb|gb)?", str(v).strip().lower().replace(" ", ""))
    if not m or int(m.group(1)) < 1:
        raise ValueError("a size such as 5mb, 500kb or 500000")
    return int(m.group(1)) * _UNITS[m.group(2) or "b"]


def _opt_str(v: Any) -> str | None:
    s = "" if v is None else str(v)
    return s or None


def _opt_path(v: Any) -> Path | None:
    s = _opt_str(v)
    return Path(s).expanduser() if s else None


def _device(v: Any) -> str:
    s = str(v).strip().lower()
    if s not in ("cpu", "cuda"):
        raise ValueError("cpu or cuda")
    return s


def _port(v: Any) -> int:
    n = _pos_int(v)
    if n > 65535:
        raise ValueError("a port number from 1 to 65535")
    return n


def _auth(v: Any) -> str | None:
    s = _opt_str(v)
    if s is not None and (":" not in s or not s.partition(":")[0] or not s.partition(":")[2]):
        raise ValueError("USER:PASSWORD")
    return s


@dataclass(frozen=True)
class Option:
    name: str
    default: Any
    parse: Callable[[Any], Any]
    help: str
    secret: bool = False

    @property
    def env(self) -> str:
        return ENV_PREFIX + self.name.upper()


OPTIONS: tuple[Option, ...] = (
    # input
    Option("max_chars", 200_000, _pos_int, "longest article accepted, in characters"),
    Option("max_sources", 20, _pos_int, "most sources one check may be given"),
    Option("max_source_chars", 200_000, _pos_int, "longest total of one check's sources, in characters (bytes for files)"),
    Option("require_indonesian", False, _bool, "refuse non-Indonesian articles instead of warning"),
    # models and data files
    Option("registry", None, _opt_path, "the model registry TOML (default: models/registry.toml)"),
    Option("sources", None, _opt_path, "extra source-registry TOML merged over the shipped one"),
    Option("prompts", None, _opt_path, "folder of summary prompt files (default: prompts/)"),
    Option("no_download", False, _bool, "never contact the model hub (HF_HUB_OFFLINE=1 too)"),
    Option("hub_timeout", 1.0, _pos_float, "seconds to wait, once per process, for the model hub to answer before treating it as offline"),
    # speed
    Option("threads", None, _opt_pos_int, "intra-op threads of either backend (default: the backend's)"),
    Option("ct2_inter_threads", None, _opt_pos_int, "CTranslate2 replicas (default: by core count)"),
    Option("ct2_avx512", True, _bool, "let CTranslate2 use AVX-512 kernels where the CPU has them"),
    Option("ct2_cache", None, _opt_path, "where CTranslate2 conversions live (default: beside the HF cache)"),
    Option("ct2_vmap", False, _bool, "use a CTranslate2 vocabulary map of any kind (a shortlist too) when one was built"),
    Option("ct2_target_vmap", True, _bool, "use a Marian model's target-side vocabulary map (lossless; built at convert)"),
    Option("device", "cpu", _device, "where translation models run: cpu or cuda (CTranslate2 and transformers)"),
    Option("batch_window_ms", 10.0, _nonneg_float, "server micro-batching window (0: off)"),
    Option("batch_max_sentences", 256, _pos_int, "most sentences in one micro-batched model call"),
    # server
    Option("host", "127.0.0.1", lambda v: str(v).strip() or "127.0.0.1", "address the server binds"),
    Option("port", 7860, _port, "port the server binds"),
    Option("max_body_bytes", 2_000_000, _pos_int, "largest request body"),
    Option("max_concurrency", 2, _pos_int, "model requests run at once"),
    Option("queue_seconds", 30.0, _pos_float, "how long a request waits for a slot before 503"),
    Option("request_seconds", 120.0, _pos_float, "a server request's work stops at the next stage after this (503)"),
    Option("api_token", None, _opt_str, "bearer token required by the REST API", secret=True),
    Option("auth", None, _auth, "USER:PASSWORD for the web UI", secret=True),
    Option("allow_local_models", False, _bool, "let requests name a local model directory"),
    Option("max_upload", 5_000_000, _size, "largest uploaded file"),
    Option("upload_cache_bytes", 500_000_000, _size, "uploads are refused (507) while the UI's upload cache holds more"),
    Option("allow_url_fetch", False, _bool, "let server requests fetch articles by URL"),
    Option("fetch_max_bytes", 5_000_000, _pos_int, "largest page fetched from a URL"),
    Option("fetch_timeout", 10.0, _pos_float, "seconds allowed for fetching a URL"),
    # evaluation (eval/)
    Option("shared", None, _opt_path, "a shared/ data folder for evaluation runs (optional)"),
    Option("eval_data", None, _opt_path, "the evaluation data folder"),
    Option("bench_summary_dir", None, _opt_path, "the benchmark's summary model directory"),
)
_BY_NAME = {o.name: o for o in OPTIONS}
_MAP_TABLES = {"models": "LINTAS_MODEL_", "model_paths": "LINTAS_MODEL_PATH_"}
_OTHER_ENV = {"LINTAS_CONFIG"}


def env_key(name: str) -> str:
    """A model or task name as it appears in a variable name: ``opus-mt-id-en`` → ``OPUS_MT_ID_EN``."""
    return re.sub(r"[^A-Za-z0-9]", "_", name).upper()


@dataclass(frozen=True)
class Settings:
    """The effective settings. Build with :meth:`load`; change with :meth:`with_overrides`."""

    max_chars: int = 200_000
    max_sources: int = 20
    max_source_chars: int = 200_000
    require_indonesian: bool = False
    registry: Path | None = None
    sources: Path | None = None
    prompts: Path | None = None
    no_download: bool = False
    hub_timeout: float = 1.0
    threads: int | None = None
    ct2_inter_threads: int | None = None
    ct2_avx512: bool = True
    ct2_cache: Path | None = None
    ct2_vmap: bool = False
    ct2_target_vmap: bool = True
    device: str = "cpu"
    batch_window_ms: float = 10.0
    batch_max_sentences: int = 256
    host: str = "127.0.0.1"
    port: int = 7860
    max_body_bytes: int = 2_000_000
    max_concurrency: int = 2
    queue_seconds: float = 30.0
    request_seconds: float = 120.0
    api_token: str | None = None
    auth: str | None = None
    allow_local_models: bool = False
    max_upload: int = 5_000_000
    upload_cache_bytes: int = 500_000_000
    allow_url_fetch: bool = False
    fetch_max_bytes: int = 5_000_000
    fetch_timeout: float = 10.0
    shared: Path | None = None
    eval_data: Path | None = None
    bench_summary_dir: Path | None = None
    # task → model choice (LINTAS_MODEL_<TASK>) and model name key → directory (LINTAS_MODEL_PATH_<NAME>)
    models: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    model_paths: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    hf_offline: bool = False  # HF_HUB_OFFLINE, read here so no other module reads the environment
    origins: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}), compare=False, repr=False)

    # ------------------------------------------------------------------ building
    @classmethod
    def load(cls, config: str | Path | None = None, env: Mapping[str, str] | None = None,
             **overrides: Any) -> "Settings":
        """defaults < config file < environment < ``overrides`` (``None`` values are ignored)."""
        env = os.environ if env is None else env
        values: dict[str, Any] = {o.name: o.default for o in OPTIONS}
        origins = {o.name: "default" for o in OPTIONS}
        maps: dict[str, dict[str, str]] = {"models": {}, "model_paths": {}}
        path = _config_path(config, env)
        if path is not None:
            _apply_file(path, values, origins, maps)
        for o in OPTIONS:
            if o.env in env:
                values[o.name] = _parse(o, env[o.env], o.env)
                origins[o.name] = f"env {o.env}"
        for key, raw in env.items():
            if key.startswith("LINTAS_MODEL_PATH_"):
                k = key[len("LINTAS_MODEL_PATH_"):]
                if raw:
                    maps["model_paths"][k] = raw
                    origins[f"model_paths.{k}"] = f"env {key}"
            elif key.startswith("LINTAS_MODEL_") and raw:
                k = key[len("LINTAS_MODEL_"):]
                maps["models"][k] = raw
                origins[f"models.{k}"] = f"env {key}"
        for name, raw in overrides.items():
            if raw is None:
                continue
            if name in _MAP_TABLES:
                for k, v in dict(raw).items():
                    maps[name][env_key(k)] = str(v)
                    origins[f"{name}.{env_key(k)}"] = "argument"
                continue
            o = _BY_NAME.get(name)
            if o is None:
                raise SettingsError(f"Unknown setting {name!r}; known: {', '.join(sorted(_BY_NAME))}")
            values[name] = _parse(o, raw, f"--{name.replace('_', '-')}")
            origins[name] = "argument"
        offline = str(env.get("HF_HUB_OFFLINE", "")).strip().lower() in _TRUE
        return cls(**values, models=MappingProxyType(maps["models"]), model_paths=MappingProxyType(maps["model_paths"]),
                   hf_offline=offline, origins=MappingProxyType(origins))

    def with_overrides(self, **overrides: Any) -> "Settings":
        """A copy with explicit values (validated like every other source); ``None`` keeps a value."""
        changes, origins = {}, dict(self.origins)
        for name, raw in overrides.items():
            if raw is None:
                continue
            o = _BY_NAME.get(name)
            if o is None:
                raise SettingsError(f"Unknown setting {name!r}; known: {', '.join(sorted(_BY_NAME))}")
            changes[name] = _parse(o, raw, name)
            origins[name] = "argument"
        if not changes:
            return self
        return replace(self, **changes, origins=MappingProxyType(origins))

    def __reduce__(self):
        """Settings travel to other processes (the Ray engine's workers) as plain values, already
        validated: the read-only maps go as dicts and come back read-only."""
        state = {f.name: getattr(self, f.name) for f in fields(self)}
        for name in _FROZEN_MAPS:
            state[name] = dict(state[name])
        return (_rebuild, (state,))

    # ------------------------------------------------------------------ lookups
    @property
    def offline(self) -> bool:
        """Never contact the model hub: ``LINTAS_NO_DOWNLOAD`` or ``HF_HUB_OFFLINE``."""
        return self.no_download or self.hf_offline

    def model_for(self, task: str) -> str | None:
        return self.models.get(env_key(task))

    def model_path(self, name: str) -> str | None:
        return self.model_paths.get(env_key(name))

    def describe(self) -> list[dict]:
        """Every setting with its value, the variable that sets it and where the value came from."""
        rows = []
        for o in OPTIONS:
            v = getattr(self, o.name)
            shown = ("***" if v else None) if o.secret else (str(v) if isinstance(v, Path) else v)
            rows.append({"name": o.name, "value": shown, "env": o.env, "origin": self.origins.get(o.name, "default"),
                         "help": o.help})
        for table, prefix in (("models", "LINTAS_MODEL_"), ("model_paths", "LINTAS_MODEL_PATH_")):
            for k, v in getattr(self, table).items():
                rows.append({"name": f"{table}.{k.lower()}", "value": v, "env": prefix + k,
                             "origin": self.origins.get(f"{table}.{k}", "default"), "help": ""})
        return rows


_FROZEN_MAPS = ("models", "model_paths", "origins")


def _rebuild(state: dict) -> Settings:
    return Settings(**{k: MappingProxyType(v) if k in _FROZEN_MAPS else v for k, v in state.items()})


def _parse(o: Option, raw: Any, where: str) -> Any:
    try:
        return o.parse(raw)
    except ValueError as e:
        shown = "***" if o.secret else repr(raw)
        raise SettingsError(f"{where} must be {e}, got {shown}") from None


def _config_path(config: str | Path | None, env: Mapping[str, str]) -> Path | None:
    if config is not None:
        p = Path(config).expanduser()
        if not p.is_file():
            raise SettingsError(f"--config {config}: no such file")
        return p
    if env.get("LINTAS_CONFIG"):
        p = Path(env["LINTAS_CONFIG"]).expanduser()
        if not p.is_file():
            raise SettingsError(f"LINTAS_CONFIG={env['LINTAS_CONFIG']}: no such file")
        return p
    p = Path.cwd() / "lintas.toml"
    return p if p.is_file() else None


def _apply_file(path: Path, values: dict, origins: dict, maps: dict) -> None:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as e:
        raise SettingsError(f"{path}: cannot read it as TOML ({e})") from None
    data = data.get("lintas", data) if isinstance(data.get("lintas"), dict) else data
    for key, raw in data.items():
        if key in _MAP_TABLES:
            if not isinstance(raw, dict):
                raise SettingsError(f"{path}: [{key}] must be a table of name = value")
            for k, v in raw.items():
                maps[key][env_key(k)] = str(v)
                origins[f"{key}.{env_key(k)}"] = f"file {path}"
            continue
        o = _BY_NAME.get(key)
        if o is None:
            raise SettingsError(f"{path}: unknown setting {key!r}; known: {', '.join(sorted(_BY_NAME))}, [models], [model_paths]")
        values[key] = _parse(o, raw, f"{key} in {path}")
        origins[key] = f"file {path}"


# ---------------------------------------------------------------- the process's effective settings

_cache: dict[tuple, Settings] = {}
_cache_lock = threading.Lock()


def _snapshot() -> tuple:
    env = tuple(sorted((k, v) for k, v in os.environ.items() if k.startswith(ENV_PREFIX) or k == "HF_HUB_OFFLINE"))
    p = Path.cwd() / "lintas.toml"
    try:
        stamp = (str(p), p.stat().st_mtime_ns) if p.is_file() else None
    except OSError:
        stamp = None
    return env, stamp


def current() -> Settings:
    """The effective settings of this process (defaults < lintas.toml < environment), built once
    for a given environment: a test or a user that changes a variable gets a new one."""
    key = _snapshot()
    with _cache_lock:
        s = _cache.get(key)
        if s is None:
            if len(_cache) > 32:
                _cache.clear()
            s = _cache[key] = Settings.load()
        return s


def option_names() -> list[str]:
    return [o.name for o in OPTIONS]


def known_env_names() -> set[str]:
    return {o.env for o in OPTIONS} | _OTHER_ENV


def to_dict(s: Settings) -> dict:
    return {f.name: getattr(s, f.name) for f in fields(s) if f.name != "origins"}
