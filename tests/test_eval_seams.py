"""``lintas eval``, ``lintas bench`` and ``lintas fuzz`` are offered through the ``lintas.commands``
entry points, not imported by the runtime CLI. (Import cycles, private imports and function length
over service/ and eval/ are checked in tests/test_structure.py; LINTAS_* reads in
tests/test_settings.py.)"""

from __future__ import annotations

import argparse
import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def _registered() -> dict[str, str]:
    meta = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    return meta["project"]["entry-points"]["lintas.commands"]


def test_lintas_eval_is_registered_through_the_entry_point_group():
    from importlib.metadata import EntryPoint

    value = _registered()["eval"]
    assert value == "eval.cli:register"
    register = EntryPoint(name="eval", value=value, group="lintas.commands").load()
    parser = argparse.ArgumentParser(prog="lintas")
    register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["eval", "compare", "a.json", "b.json", "--json"])
    assert (args.command, args.eval_command, args.a, args.json) == ("eval", "compare", "a.json", True)
    assert args.func.__name__ == "cmd_compare"


def test_bench_and_fuzz_are_registered_too_and_the_cli_never_imports_eval():
    import ast

    assert set(_registered()) >= {"eval", "bench", "fuzz"}
    tree = ast.parse((REPO / "service" / "cli.py").read_text(encoding="utf-8"))
    imported = [n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module]
    imported += [a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names]
    assert not [m for m in imported if m == "eval" or m.startswith("eval.")]
    from service.cli import build_parser

    sub = next(a for a in build_parser()._actions if a.dest == "command").choices
    assert {"eval", "bench", "fuzz"} <= set(sub)
