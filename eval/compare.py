"""Compare two results of the same evaluation: paired bootstrap significance per metric.

    lintas eval compare A.json B.json [--json]

Refuses (exit 2) when the two differ in anything but the system under test: another task, data
file (sha256, rows, selection), metric settings or versions, seed, bootstrap size, upstream models
(e.g. the translator behind a summary or a check), or different items. Otherwise prints what
differs in the system and, for each metric, A, B, Δ = B − A with its 95% interval, and the
paired bootstrap p-value (same resamples for A and B; seed and size from the results).
"""

from __future__ import annotations

import json
from pathlib import Path

from .common import SCHEMA, EvalDataError, IncomparableError, differences
from .stats import AGGREGATORS, paired_bootstrap

ALPHA = 0.05


def load_result(path: str | Path) -> dict:
    p = Path(path)
    if not p.is_file():
        raise EvalDataError(f"No such file: {p}")
    try:
        d = json.loads(p.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        raise EvalDataError(f"{p} is not a JSON result: {e}") from e
    if not isinstance(d, dict) or d.get("schema") != SCHEMA or "signature" not in d:
        raise EvalDataError(f"{p} is not a lintas evaluation result (schema {SCHEMA}); write one with --out DIR or --json.")
    return d


def _show(v) -> str:
    return json.dumps(v, ensure_ascii=False) if not isinstance(v, str) else v


def _refuse(what: str, diffs: list[tuple[str, object, object]]) -> None:
    lines = [f"  {k}: {_show(a)} → {_show(b)}" for k, a, b in diffs[:40]]
    if len(diffs) > 40:
        lines.append(f"  … and {len(diffs) - 40} more")
    raise IncomparableError(f"Not comparable: the results differ in {what}, not only in the system under test:\n"
                            + "\n".join(lines), diffs)


def _metrics(a: dict, b: dict) -> dict:
    """name → (stats of A, stats of B, compute) for every metric both results can resample."""
    if a["task"] == "translation":
        from .translation import METRICS, metric_compute, metric_objects, metric_stats

        refs = [x["ref"] for x in a["items"]]
        if refs != [x["ref"] for x in b["items"]]:
            _refuse("their references", [("items.ref", "A's", "B's")])
        out = {}
        for name, m in metric_objects().items():
            if name in METRICS:
                out[name] = (metric_stats(m, [x["hyp"] for x in a["items"]], refs),
                             metric_stats(m, [x["hyp"] for x in b["items"]], refs), metric_compute(m))
        return out
    out = {}
    for name, agg in (a.get("aggregators") or {}).items():
        if (b.get("aggregators") or {}).get(name) != agg:
            continue
        sa = [it["stats"].get(name) for it in a["items"]]
        sb = [it["stats"].get(name) for it in b["items"]]
        if any(s is None for s in sa + sb):
            continue
        if agg == "ratio" and not sum(s[1] for s in sa):
            continue
        out[name] = (sa, sb, AGGREGATORS[agg])
    return out


def compare(a: dict, b: dict) -> dict:
    if a.get("task") != b.get("task"):
        _refuse("their task", [("task", a.get("task"), b.get("task"))])
    diffs = differences(a["signature"]["setup"], b["signature"]["setup"])
    if diffs:
        _refuse("their setup", [(f"setup.{k}", x, y) for k, x, y in diffs])
    ids_a = [x.get("id") for x in a.get("items", [])]
    ids_b = [x.get("id") for x in b.get("items", [])]
    if ids_a != ids_b:
        _refuse("their items", [("items", f"{len(ids_a)} items", f"{len(ids_b)} items")])
    if not ids_a:
        raise EvalDataError("The results hold no per-item data to resample.")
    setup = a["signature"]["setup"]
    sig = paired_bootstrap(_metrics(a, b), setup["bootstrap"], setup["seed"])
    for name, r in sig.items():
        r["significant"] = r["p_value"] < ALPHA
    system = differences(a["signature"]["system"], b["signature"]["system"])
    return {"schema": SCHEMA, "task": "compare", "of": a["task"], "seed": setup["seed"], "bootstrap": setup["bootstrap"],
            "alpha": ALPHA, "test": "paired bootstrap (sacrebleu/Moses p-value)",
            "system_differences": [{"key": k, "a": x, "b": y} for k, x, y in system], "metrics": sig}


def text(result: dict, a_name: str = "A", b_name: str = "B") -> str:
    lines = [f"comparing {result['of']} results: A = {a_name}, B = {b_name}"]
    if result["system_differences"]:
        lines.append("system under test differs in:")
        lines += [f"  {d['key']}: {_show(d['a'])} → {_show(d['b'])}" for d in result["system_differences"]]
    else:
        lines.append("the two results describe the same system")
    lines.append(f"{'metric':<26} {'A':>9} {'B':>9} {'B-A':>9} {'95% interval of B-A':>22} {'p':>7}")
    for name, r in result["metrics"].items():
        mark = " *" if r["significant"] else ""
        lines.append(f"{name:<26} {r['a']:>9.3f} {r['b']:>9.3f} {r['delta']:>+9.3f} "
                     f"{'[' + format(r['delta_low'], '+.3f') + ', ' + format(r['delta_high'], '+.3f') + ']':>22} {r['p_value']:>7.4f}{mark}")
    lines.append(f"* p < {result['alpha']} ({result['test']}, {result['bootstrap']} resamples, seed {result['seed']})")
    return "\n".join(lines)
