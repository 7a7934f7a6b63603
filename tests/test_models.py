"""The model pool: every loaded model of a process in one object; two pools share nothing."""

from __future__ import annotations

import ast
import os
import threading
from pathlib import Path

import pytest

from service.models import ModelPool, default_pool
from service.settings import Settings

from .conftest import FAST, REPO


def _settings(**kw) -> Settings:
    return Settings.load(env={"HF_HUB_OFFLINE": "1"}, **kw)


def test_two_pools_with_different_settings_share_no_model_and_no_cache(tiny_marian):
    a, b = ModelPool(_settings(batch_window_ms=5)), ModelPool(_settings(batch_window_ms=50))
    ta = a.translator(str(tiny_marian), backend="transformers", generation=FAST)
    tb = b.translator(str(tiny_marian), backend="transformers", generation=FAST)
    assert ta is not tb and ta.backend is not tb.backend, "each pool loads its own model"
    assert a.translator(str(tiny_marian), backend="transformers", generation=FAST) is ta, "loaded once per pool"
    name = f"{ta.info['name']}|transformers"
    assert a.load_counts() == {name: 1} and b.load_counts() == {name: 1}

    assert ta.cache is not tb.cache
    first = ta.translate(["Harga beras naik."])
    assert tb.translate(["Harga beras naik."]) == first and tb.stats["cache_hits"] == 0, "b's cache never saw a's sentence"

    twin_a, twin_b = a.batched(ta), b.batched(tb)
    assert a.batched(ta) is twin_a, "one micro-batched twin per translator and pool"
    assert twin_a.backend.window == 0.005 and twin_b.backend.window == 0.05, "each pool's own batching settings"
    assert twin_a.cache is ta.cache and twin_a.model_lock is ta.model_lock
    assert twin_a.translate(["Harga beras naik."]) == first and twin_a.stats["cache_hits"] == 1


def test_clear_forgets_the_models_and_keeps_the_counts(tiny_marian):
    pool = ModelPool(_settings())
    tr = pool.translator(str(tiny_marian), backend="transformers", generation=FAST)
    pool.clear()
    again = pool.translator(str(tiny_marian), backend="transformers", generation=FAST)
    assert again is not tr
    assert pool.load_counts() == {f"{tr.info['name']}|transformers": 2}


def test_the_wrappers_use_the_default_pool(tiny_marian):
    from service.sourcecheck.embed import default_similarity
    from service.sourcecheck.nli import default_nli
    from service.translation import load_counts, load_translator
    from service.translation.batcher import batched

    pool = default_pool()
    tr = load_translator(str(tiny_marian), generation=FAST)
    assert pool.translator(str(tiny_marian), generation=FAST) is tr
    assert batched(tr) is pool.batched(tr)
    assert load_counts() == pool.load_counts()
    assert default_similarity() is pool.similarity() and default_nli() is pool.nli()


def test_default_pool_is_one_pool_across_threads():
    seen = []
    threads = [threading.Thread(target=lambda: seen.append(default_pool())) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(p is seen[0] for p in seen) and seen[0] is default_pool()


def test_checking_models_are_per_pool():
    a, b = ModelPool(_settings()), ModelPool(_settings())
    assert a.similarity() is a.similarity() and a.similarity() is not b.similarity()
    assert a.nli() is b.nli() is None  # no NLI weights offline


def test_the_pool_settings_choose_the_conversion_folder(tiny_marian, tmp_path):
    """Settings reach the backends from the pool, not from the environment."""
    pytest.importorskip("ctranslate2")
    from service import Registry
    from service.translation.ct2 import convert

    with_conv = _settings(ct2_cache=tmp_path / "ct2")
    spec = Registry.load().resolve("translation", str(tiny_marian))
    convert(spec, "float32", settings=with_conv)
    assert "LINTAS_CT2_CACHE" not in os.environ
    assert ModelPool(with_conv).translator(str(tiny_marian), generation=FAST).info["backend"] == "ctranslate2"
    assert ModelPool(_settings(ct2_cache=tmp_path / "empty")).translator(str(tiny_marian), generation=FAST).info["backend"] == "transformers"


def test_a_refused_avx512_is_remembered_without_writing_a_lintas_variable(monkeypatch):
    from service.translation import threads

    monkeypatch.delenv("CT2_FORCE_CPU_ISA", raising=False)
    monkeypatch.setattr(threads, "_avx512_refused", False)
    monkeypatch.setattr(threads, "cpu_flags", lambda: set(threads.AVX512_FLAGS))
    calls = []

    def make():
        calls.append(os.environ.get("CT2_FORCE_CPU_ISA"))
        if len(calls) == 1:
            raise ValueError("unsupported CPU ISA AVX512")
        return "model"

    before = {k: v for k, v in os.environ.items() if k.startswith("LINTAS_")}
    assert threads.ct2_load(make, _settings()) == ("model", "auto")
    assert calls == ["AVX512", None]
    assert {k: v for k, v in os.environ.items() if k.startswith("LINTAS_")} == before
    assert threads.ct2_isa(set(threads.AVX512_FLAGS), _settings()) == "auto", "the process keeps CTranslate2's choice"


def _import_graph() -> dict[str, set[str]]:
    """service's modules → the service modules they import (inside functions too)."""
    mods = {}
    for f in (REPO / "service").rglob("*.py"):
        parts = list(f.relative_to(REPO).with_suffix("").parts)
        is_pkg = parts[-1] == "__init__"
        mods[".".join(parts[:-1] if is_pkg else parts)] = (f, is_pkg)

    def known(name: str) -> str | None:
        while name and name not in mods:
            name = name.rpartition(".")[0]
        return name or None

    def runtime_nodes(tree):
        """Every node but those under ``if TYPE_CHECKING:`` (annotations only: never imported)."""
        todo = [tree]
        while todo:
            node = todo.pop()
            yield node
            if isinstance(node, ast.If) and getattr(node.test, "id", getattr(node.test, "attr", None)) == "TYPE_CHECKING":
                todo.extend(node.orelse)
                continue
            todo.extend(ast.iter_child_nodes(node))

    graph: dict[str, set[str]] = {m: set() for m in mods}
    for m, (f, is_pkg) in mods.items():
        base = m.split(".") if is_pkg else m.split(".")[:-1]
        for node in runtime_nodes(ast.parse(f.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                graph[m].update(filter(None, (known(a.name) for a in node.names)))
            elif isinstance(node, ast.ImportFrom):
                target = ".".join(base[: len(base) - node.level + 1] + ([node.module] if node.module else [])) \
                    if node.level else node.module or ""
                for a in node.names:
                    sub = f"{target}.{a.name}"
                    graph[m].add(sub if sub in mods else known(target) or m)
        graph[m].discard(m)
    return graph


def test_no_import_cycles():
    graph = _import_graph()
    state: dict[str, int] = {}  # 1: on the path, 2: done
    path: list[str] = []

    def visit(m: str) -> None:
        state[m] = 1
        path.append(m)
        for n in sorted(graph[m]):
            if state.get(n) == 1:
                pytest.fail("import cycle: " + " → ".join(path[path.index(n):] + [n]))
            if n not in state:
                visit(n)
        path.pop()
        state[m] = 2

    for m in sorted(graph):
        if m not in state:
            visit(m)


def test_the_model_modules_read_no_lintas_variable():
    owned = [*Path(REPO / "service" / "translation").glob("*.py"), REPO / "service" / "models.py",
             REPO / "service" / "summary" / "__init__.py", REPO / "service" / "sourcecheck" / "embed.py",
             REPO / "service" / "sourcecheck" / "nli.py"]
    for f in owned:
        text = f.read_text(encoding="utf-8")
        assert "environ" not in text or f.name == "threads.py", f"{f.name} reads the environment"
    threads_py = (REPO / "service" / "translation" / "threads.py").read_text(encoding="utf-8")
    assert 'environ["LINTAS' not in threads_py and "environ.get(\"LINTAS" not in threads_py
