"""The named evaluation data sets (``eval/datasets.toml``): where they are, what they hold, and
whether the file on disk is the one the registry names (sha256)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from .common import HERE, REPO_DATA, EvalDataError, data_root, fingerprint, sha256_file
from .inputs import as_text, field_value, read_records, select

REGISTRY = HERE / "datasets.toml"


@dataclass(frozen=True)
class Dataset:
    name: str
    task: str
    path: str
    sha256: str
    format: str
    rows: int
    src: str
    ref: str
    licence: str
    id: str | None = None
    file_rows: int | None = None
    where: dict = field(default_factory=dict)
    skip: int = 0
    description: str = ""
    lang: str | None = None  # the reference's language (summaries: picks ROUGE's tokenizer and stemmer)
    root: str = "data"  # "data": under the data root; "repo": under the repo's tests/data/eval (the slices)

    def file(self, root: str | Path | None = None) -> Path:
        """Where this data set's file is (or would be): in the repo for the slices, else under the
        data root (``--data-root``, ``LINTAS_EVAL_DATA``, ``shared/data/eval``, the repo's slices)."""
        if self.root == "repo":
            return REPO_DATA / self.path
        return data_root(root) / self.path

    def locate(self, root: str | Path | None = None) -> Path:
        p = self.file(root)
        if not p.is_file():
            raise EvalDataError(f"Data set {self.name}: {p} is missing. It comes from the shared evaluation "
                                f"bundle (shared/data/eval); pass --data-root DIR, or give the files by path.")
        return p

    def load(self, root: str | Path | None = None, limit: int | None = None) -> tuple[dict[str, list[str]], dict]:
        """``({"src": [...], "ref": [...], "id": [...]}, fingerprint)``; refuses a changed file."""
        p = self.locate(root)
        digest = sha256_file(p)
        if digest != self.sha256:
            raise EvalDataError(f"Data set {self.name}: {p} has sha256 {digest[:16]}…, the registry says "
                                f"{self.sha256[:16]}…. The file changed; give it by path to score it anyway.")
        _, rows = read_records(p, self.format)
        rows = select(rows, self.where, self.skip)
        if len(rows) != self.rows:
            raise EvalDataError(f"Data set {self.name}: {len(rows)} rows selected, the registry says {self.rows}.")
        if limit is not None:
            rows = rows[:limit]
        cols = {role: [as_text(field_value(r, f, f"{p} row {i + 1}"), f"{p} row {i + 1}") for i, r in enumerate(rows)]
                for role, f in (("src", self.src), ("ref", self.ref))}
        cols["id"] = [str(r.get(self.id, i)) for i, r in enumerate(rows)] if self.id else [str(i) for i in range(len(rows))]
        fp = fingerprint(p, rows=len(rows), dataset=self.name, selection={"where": self.where, "skip": self.skip, "limit": limit},
                         licence=self.licence)
        return cols, fp


def load_registry(path: Path = REGISTRY) -> dict[str, Dataset]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as e:
        raise EvalDataError(f"Cannot read the dataset registry {path}: {e}") from e
    out = {}
    for name, d in data.get("datasets", {}).items():
        try:
            out[name] = Dataset(name=name, **d)
        except TypeError as e:
            raise EvalDataError(f"{path}: dataset {name!r}: {e}") from e
    return out


def get(name: str, task: str | None = None) -> Dataset:
    reg = load_registry()
    if name not in reg:
        raise EvalDataError(f"Unknown data set {name!r}; known: {', '.join(sorted(reg))}.")
    ds = reg[name]
    if task and ds.task != task:
        raise EvalDataError(f"Data set {name} is for {ds.task}, not {task}.")
    return ds
