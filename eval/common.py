"""What every evaluation shares: its errors, data fingerprints, the run signature and its diff.

A result (``lintas.eval/1``) is a JSON object::

    {"schema", "task", "scores": {name: number}, "intervals": {name: {low, high, mean}},
     "signature": {"task", "system": {...}, "setup": {...}}, "items": [...], "notes": [...]}

``signature.system`` describes the system under test (the translator, the summariser, the
extractor…); ``signature.setup`` everything else that can change a number (data files with their
sha256 and rows, metric settings, seed, bootstrap size, scoring packages, upstream models). Two
results are comparable only when their ``task`` and ``setup`` are equal.
"""

from __future__ import annotations

import hashlib
import importlib.metadata as md
import platform
from pathlib import Path

from service.errors import ConfigError, InputError
from service.settings import current

SCHEMA = "lintas.eval/1"
DEFAULT_SEED = 12345  # sacrebleu's own default bootstrap seed
DEFAULT_BOOTSTRAP = 1000

HERE = Path(__file__).resolve().parent
# The slices of the evaluation bundle that live in the repo (tests/data/PROVENANCE.md): what the
# tests score, and the data root of last resort, so a clean clone needs nothing beside it.
REPO_DATA = HERE.parent / "tests" / "data" / "eval"


class EvalDataError(ConfigError):
    """An evaluation data file is missing, unreadable or not what the dataset registry says."""

    code = "eval_data_error"


class IncomparableError(InputError):
    """Two results differ in more than the system under test."""

    code = "incomparable_results"

    def __init__(self, message: str, differences: list[tuple[str, object, object]]):
        super().__init__(message)
        self.differences = differences


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def fingerprint(path: str | Path, rows: int | None = None, **extra) -> dict:
    """Name, sha256 and row count of a data file (``rows``: the rows actually used)."""
    p = Path(path)
    try:
        digest = sha256_file(p)
        if rows is None:
            with open(p, "rb") as f:
                rows = sum(1 for line in f if line.strip())
    except OSError as e:
        raise EvalDataError(f"Cannot read {p}: {e.strerror or e}") from e
    return {"name": p.name, "sha256": digest, "rows": rows, **extra}


def package_versions(*names: str) -> dict[str, str | None]:
    out = {}
    for n in names:
        try:
            out[n] = md.version(n)
        except md.PackageNotFoundError:
            out[n] = None
    return out


def service_signature(models: list[dict] | None = None) -> dict:
    """lintas's own report signature (models id@revision|backend|dtype, segmenter, extractor,
    python, packages): the part of a run signature that describes the pipeline."""
    from service.report import signature

    return signature(models or [])


def run_signature(task: str, system: dict, setup: dict) -> dict:
    return {"task": task, "system": system, "setup": setup}


def scoring_setup(seed: int, n_bootstrap: int, *packages: str) -> dict:
    return {"seed": seed, "bootstrap": n_bootstrap, "python": platform.python_version(),
            "packages": package_versions("numpy", *packages)}


def flatten(d, prefix: str = "") -> dict[str, object]:
    """``{"a": {"b": 1}}`` → ``{"a.b": 1}``; lists are compared whole."""
    out: dict[str, object] = {}
    if isinstance(d, dict):
        for k, v in d.items():
            key = f"{prefix}.{k}" if prefix else str(k)
            if isinstance(v, dict) and v:
                out.update(flatten(v, key))
            else:
                out[key] = v
    else:
        out[prefix] = d
    return out


def differences(a: dict, b: dict) -> list[tuple[str, object, object]]:
    """Every key (dotted path) whose value differs, with both values (``None`` when absent)."""
    fa, fb = flatten(a), flatten(b)
    return [(k, fa.get(k), fb.get(k)) for k in sorted(set(fa) | set(fb)) if fa.get(k) != fb.get(k)]


def shared_root() -> Path | None:
    """The shared/ folder: the ``shared`` setting (``LINTAS_SHARED``), else beside the checkout
    (as tests/conftest.py finds it), or None."""
    configured = current().shared
    cands = [configured] if configured else []
    cands += [HERE.parent.parent / "shared", Path.cwd().parent / "shared"]
    for c in cands:
        if c.is_dir():
            return c
    return None


def data_root(given: str | Path | None = None) -> Path:
    """Where the evaluation data lives: ``given`` (``--data-root``), else the ``eval_data``
    setting (``LINTAS_EVAL_DATA``), else ``shared/data/eval`` beside the checkout or the working
    directory, else the repo's own slices (``tests/data/eval``)."""
    if given is not None:
        p = Path(given)
        if not p.is_dir():
            raise EvalDataError(f"Data folder {p} does not exist.")
        return p
    settings = current()
    if settings.eval_data is not None:
        p = settings.eval_data
        if not p.is_dir():
            where = settings.origins.get("eval_data", "setting").removeprefix("env ")
            raise EvalDataError(f"The eval_data setting ({where}) {p} is not a folder.")
        return p
    tried = []
    shared = shared_root()
    for c in ([shared / "data" / "eval"] if shared else []) + [Path.cwd().parent / "shared" / "data" / "eval", REPO_DATA]:
        tried.append(str(c))
        if c.is_dir():
            return c
    raise EvalDataError("Evaluation data not found (looked in " + ", ".join(dict.fromkeys(tried)) + "). "
                        "Pass --data-root DIR, set LINTAS_EVAL_DATA, or give the files by path.")
