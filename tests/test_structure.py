"""The code's shape, checked by walking its syntax trees: no import cycles, no imports of another
module's private names, short functions. (Issue #15: the seams stay clean as features land.)"""

from __future__ import annotations

import ast
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PACKAGES = ("service", "eval")
LONGEST = {"service": 60, "eval": 80}


def _modules() -> dict[str, Path]:
    mods = {}
    for pkg in PACKAGES:
        for p in sorted((REPO / pkg).rglob("*.py")):
            parts = list(p.relative_to(REPO).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts = parts[:-1]
            mods[".".join(parts)] = p
    return mods


def _type_checking_only(node: ast.AST) -> bool:
    return isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)


def _imports(tree: ast.AST):
    """Every import statement, at any depth, except those under ``if TYPE_CHECKING:``."""
    stack = [tree]
    while stack:
        node = stack.pop()
        for child in ast.iter_child_nodes(node):
            if _type_checking_only(child):
                continue
            if isinstance(child, (ast.Import, ast.ImportFrom)):
                yield child
            stack.append(child)


def _resolve(mod: str, is_pkg: bool, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    base = mod.split(".") if is_pkg else mod.split(".")[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def _edges(mods: dict[str, Path]):
    """(importer, imported module, names) for each import of a module of ours."""
    for mod, path in mods.items():
        is_pkg = path.name == "__init__.py"
        for node in _imports(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                for a in node.names:
                    if a.name in mods:
                        yield mod, a.name, ()
                continue
            target = _resolve(mod, is_pkg, node)
            for a in node.names:
                sub = f"{target}.{a.name}"
                if sub in mods:  # "from . import api": the submodule itself
                    yield mod, sub, ()
                elif target in mods:
                    yield mod, target, (a.name,)


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    index, low, stack, on, out, counter = {}, {}, [], set(), [], [0]

    def visit(v: str) -> None:  # Tarjan's strongly connected components
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def _is_ancestor(a: str, b: str) -> bool:
    return b.startswith(a + ".")


def test_no_import_cycles():
    """A package's __init__ importing its own submodules is not a cycle by itself; a submodule
    importing its package back (or two modules importing each other) is."""
    mods = _modules()
    graph: dict[str, set[str]] = {m: set() for m in mods}
    for a, b, _ in _edges(mods):
        if a != b and not (_is_ancestor(a, b) and mods[a].name == "__init__.py"):
            graph[a].add(b)
    cycles = _cycles(graph)
    assert not cycles, "import cycles: " + "; ".join(" ↔ ".join(c) for c in cycles)


def test_no_private_names_imported_across_modules():
    mods = _modules()
    bad = sorted(f"{a} imports {n} from {b}" for a, b, names in _edges(mods) for n in names
                 if n.startswith("_") and not n.startswith("__") and a != b)
    assert not bad, "\n".join(bad)


def test_no_long_functions():
    long = []
    for mod, path in _modules().items():
        limit = LONGEST[mod.split(".")[0]]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                n = node.end_lineno - node.lineno + 1
                if n > limit:
                    long.append(f"{path.relative_to(REPO)}:{node.lineno} {node.name} is {n} lines (limit {limit})")
    assert not long, "\n".join(long)


def test_the_checks_catch_what_they_look_for(tmp_path):
    """The cycle finder finds a planted cycle, and the resolver follows relative imports."""
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    node = ast.parse("from ..x import y").body[0]
    assert _resolve("service.translation.ct2", False, node) == "service.x"
    assert _resolve("service.translation", True, ast.parse("from .ct2 import f").body[0]) == "service.translation.ct2"
