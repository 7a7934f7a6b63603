"""eval/'s seams (issue #15): no import cycles (module- or function-level imports alike) within
eval/ or through service/, no private names taken from another module, no function over 80
lines, no ``LINTAS_*`` variable read outside service/settings.py, and ``lintas eval`` offered
through the ``lintas.commands`` entry point."""

from __future__ import annotations

import argparse
import ast
import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
MAX_LINES = 80


def _modules() -> dict[str, Path]:
    mods = {}
    for pkg in ("eval", "service"):
        for p in (REPO / pkg).rglob("*.py"):
            parts = list(p.relative_to(REPO).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts = parts[:-1]
            mods[".".join(parts)] = p
    return mods


def _absolute(mods: dict[str, Path], module: str, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    base = module.split(".") if mods[module].name == "__init__.py" else module.split(".")[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def _known(mods: dict[str, Path], name: str) -> str | None:
    while name and name not in mods:
        name = name.rpartition(".")[0]
    return name or None


def _imports(mods: dict[str, Path], module: str, tree: ast.AST):
    """(imported module, name or None, line) for every import in the module, at any depth."""
    for n in ast.walk(tree):
        if isinstance(n, ast.Import):
            for a in n.names:
                yield _known(mods, a.name), None, n.lineno
        elif isinstance(n, ast.ImportFrom):
            base = _absolute(mods, module, n)
            for a in n.names:
                full = f"{base}.{a.name}"
                yield (full, None, n.lineno) if full in mods else (_known(mods, base), a.name, n.lineno)


def _graph() -> tuple[dict[str, set[str]], dict[str, ast.AST], dict[str, Path]]:
    mods = _modules()
    trees = {m: ast.parse(p.read_text(encoding="utf-8")) for m, p in mods.items()}
    graph = {m: {t for t, _, _ in _imports(mods, m, trees[m]) if t and t != m} for m in mods}
    return graph, trees, mods


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan, iteratively)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    out = []
    for root in graph:
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on.add(root)
        while work:
            v, it = work[-1]
            w = next(it, None)
            if w is not None:
                if w not in index:
                    index[w] = low[w] = len(index)
                    stack.append(w)
                    on.add(w)
                    work.append((w, iter(sorted(graph.get(w, ())))))
                elif w in on:
                    low[v] = min(low[v], index[w])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[v])
            if low[v] == index[v]:
                comp = []
                while True:
                    x = stack.pop()
                    on.discard(x)
                    comp.append(x)
                    if x == v:
                        break
                if len(comp) > 1:
                    out.append(sorted(comp))
    return out


def test_no_import_cycle_through_eval():
    graph, _, _ = _graph()
    assert [c for c in _cycles(graph) if any(m.startswith("eval") for m in c)] == []


def test_the_cycle_finder_finds_cycles():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert _cycles({"a": {"b"}, "b": set()}) == []


def test_eval_takes_no_private_names_from_other_modules():
    _, trees, mods = _graph()
    found = []
    for m, tree in trees.items():
        if not m.startswith("eval"):
            continue
        aliases = {}
        for n in ast.walk(tree):
            if isinstance(n, ast.Import):
                aliases.update({a.asname or a.name: a.name for a in n.names if _known(mods, a.name)})
            elif isinstance(n, ast.ImportFrom):
                base = _absolute(mods, m, n)
                aliases.update({a.asname or a.name: f"{base}.{a.name}" for a in n.names if f"{base}.{a.name}" in mods})
        for target, name, line in _imports(mods, m, tree):
            if target and name and name.startswith("_") and not name.startswith("__"):
                found.append(f"{m}:{line} from {target} import {name}")
        for n in ast.walk(tree):
            if (isinstance(n, ast.Attribute) and isinstance(n.value, ast.Name) and n.value.id in aliases
                    and n.attr.startswith("_") and not n.attr.startswith("__")):
                found.append(f"{m}:{n.lineno} {n.value.id}.{n.attr}")
    assert found == []


def test_no_eval_function_is_longer_than_80_lines():
    _, trees, _ = _graph()
    long = [f"{m}.{n.name} ({n.end_lineno - n.lineno + 1} lines)" for m, tree in trees.items() if m.startswith("eval")
            for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))
            and n.end_lineno - n.lineno + 1 > MAX_LINES]
    assert long == []


def _reads_lintas_variable(n: ast.AST) -> bool:
    def lintas(x):
        return isinstance(x, ast.Constant) and isinstance(x.value, str) and x.value.startswith("LINTAS_")

    def environ(x):
        return isinstance(x, ast.Attribute) and x.attr == "environ"

    if isinstance(n, ast.Subscript) and environ(n.value) and isinstance(n.ctx, ast.Load):
        return lintas(n.slice)
    if isinstance(n, ast.Call) and n.args and lintas(n.args[0]) and isinstance(n.func, ast.Attribute):
        f = n.func
        return f.attr == "getenv" or (f.attr in ("get", "setdefault") and environ(f.value))
    return False


def test_eval_reads_no_lintas_variable_itself():
    """service/settings.py reads them; eval asks service.settings.current()."""
    _, trees, _ = _graph()
    reads = [f"{m}:{n.lineno}" for m, tree in trees.items() if m.startswith("eval")
             for n in ast.walk(tree) if _reads_lintas_variable(n)]
    assert reads == []


def test_lintas_eval_is_registered_through_the_entry_point_group():
    from importlib.metadata import EntryPoint

    meta = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    value = meta["project"]["entry-points"]["lintas.commands"]["eval"]
    assert value == "eval.cli:register"
    register = EntryPoint(name="eval", value=value, group="lintas.commands").load()
    parser = argparse.ArgumentParser(prog="lintas")
    register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["eval", "compare", "a.json", "b.json", "--json"])
    assert (args.command, args.eval_command, args.a, args.json) == ("eval", "compare", "a.json", True)
    assert args.func.__name__ == "cmd_compare"
