"""The settings object: precedence (defaults < config file < environment < arguments) with the
origin of every value, validation naming the variable, the modules taking their values from it,
and a check that no other module reads ``LINTAS_*`` variables itself."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from service import settings as S
from service.errors import ConfigError
from service.settings import Settings, SettingsError

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _no_stray_config(tmp_path, monkeypatch):
    """No lintas.toml of the developer's and no LINTAS_CONFIG: each test says what it loads."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("LINTAS_CONFIG", raising=False)


def _toml(tmp_path: Path, text: str) -> Path:
    p = tmp_path / "conf" / "lintas.toml"
    p.parent.mkdir(exist_ok=True)
    p.write_text(text, encoding="utf-8")
    return p


# ---------------------------------------------------------------- precedence and origins

def test_defaults_have_default_origin():
    s = Settings.load(env={})
    assert s.max_chars == 200_000 and s.port == 7860 and s.allow_url_fetch is False
    assert s.origins["max_chars"] == "default" and s.origins["port"] == "default"
    assert s.models == {} and s.model_paths == {} and s.offline is False


def test_precedence_default_file_env_argument(tmp_path):
    conf = _toml(tmp_path, "max_chars = 1000\nport = 8001\nfetch_timeout = 3.5\nallow_url_fetch = true\n")
    file_only = Settings.load(config=conf, env={})
    assert (file_only.max_chars, file_only.port, file_only.fetch_timeout, file_only.allow_url_fetch) == (1000, 8001, 3.5, True)
    assert file_only.origins["max_chars"] == f"file {conf}"
    assert file_only.origins["queue_seconds"] == "default"

    env = {"LINTAS_MAX_CHARS": "2000", "LINTAS_PORT": "8002"}
    with_env = Settings.load(config=conf, env=env)
    assert (with_env.max_chars, with_env.port, with_env.fetch_timeout) == (2000, 8002, 3.5)
    assert with_env.origins["max_chars"] == "env LINTAS_MAX_CHARS"
    assert with_env.origins["fetch_timeout"] == f"file {conf}"

    with_arg = Settings.load(config=conf, env=env, max_chars=3000, port=None)
    assert (with_arg.max_chars, with_arg.port) == (3000, 8002), "None leaves the lower layers' value"
    assert with_arg.origins["max_chars"] == "argument" and with_arg.origins["port"] == "env LINTAS_PORT"

    copy = with_arg.with_overrides(port=9000)
    assert copy.port == 9000 and copy.origins["port"] == "argument" and copy.max_chars == 3000


def test_config_named_by_env_and_found_in_working_directory(tmp_path):
    conf = _toml(tmp_path, "max_chars = 1234\n")
    assert Settings.load(env={"LINTAS_CONFIG": str(conf)}).max_chars == 1234
    (tmp_path / "lintas.toml").write_text("max_chars = 4321\n", encoding="utf-8")  # the working directory
    assert Settings.load(env={}).max_chars == 4321
    with pytest.raises(SettingsError, match="LINTAS_CONFIG"):
        Settings.load(env={"LINTAS_CONFIG": str(tmp_path / "missing.toml")})


def test_model_tables_file_env_argument(tmp_path):
    conf = _toml(tmp_path, '[models]\ntranslation = "nllb-200-distilled-600m"\nsummary = "distilbart-cnn-12-6"\n'
                           '[model_paths]\nopus-mt-id-en = "/models/opus"\n')
    s = Settings.load(config=conf, env={})
    assert s.model_for("translation") == "nllb-200-distilled-600m"
    assert s.model_path("opus-mt-id-en") == "/models/opus"
    assert s.origins["models.TRANSLATION"] == f"file {conf}"
    assert s.origins["model_paths.OPUS_MT_ID_EN"] == f"file {conf}"

    env = {"LINTAS_MODEL_TRANSLATION": "opus-mt-id-en", "LINTAS_MODEL_PATH_OPUS_MT_ID_EN": "/env/opus"}
    s = Settings.load(config=conf, env=env)
    assert s.model_for("translation") == "opus-mt-id-en" and s.model_for("summary") == "distilbart-cnn-12-6"
    assert s.model_path("opus-mt-id-en") == "/env/opus"
    assert s.origins["models.TRANSLATION"] == "env LINTAS_MODEL_TRANSLATION"
    assert s.origins["model_paths.OPUS_MT_ID_EN"] == "env LINTAS_MODEL_PATH_OPUS_MT_ID_EN"
    assert "LINTAS_MODEL_PATH_OPUS_MT_ID_EN" not in {f"LINTAS_MODEL_{k}" for k in s.models}, "a path is not a task"

    s = Settings.load(config=conf, env=env, models={"translation": "/my/model"}, model_paths={"opus-mt-id-en": "/arg"})
    assert s.model_for("translation") == "/my/model" and s.model_path("opus-mt-id-en") == "/arg"
    assert s.origins["models.TRANSLATION"] == "argument"
    names = {row["name"]: row for row in s.describe()}
    assert names["models.translation"]["env"] == "LINTAS_MODEL_TRANSLATION"
    assert names["model_paths.opus_mt_id_en"]["env"] == "LINTAS_MODEL_PATH_OPUS_MT_ID_EN"


def test_offline_from_hf_hub_offline_or_no_download():
    assert Settings.load(env={"HF_HUB_OFFLINE": "1"}).offline
    assert Settings.load(env={"LINTAS_NO_DOWNLOAD": "yes"}).offline
    assert not Settings.load(env={"HF_HUB_OFFLINE": "0"}).offline


def test_secrets_are_not_shown():
    s = Settings.load(env={"LINTAS_API_TOKEN": "s3cret", "LINTAS_AUTH": "me:pw"})
    shown = {row["name"]: row["value"] for row in s.describe()}
    assert shown["api_token"] == "***" and shown["auth"] == "***" and "s3cret" not in repr(s.describe())


# ---------------------------------------------------------------- bad values

@pytest.mark.parametrize("var,value", [
    ("LINTAS_MAX_CHARS", "abc"),
    ("LINTAS_MAX_CHARS", "0"),
    ("LINTAS_PORT", "70000"),
    ("LINTAS_MAX_UPLOAD", "lots"),
    ("LINTAS_FETCH_TIMEOUT", "soon"),
    ("LINTAS_REQUIRE_INDONESIAN", "maybe"),
    ("LINTAS_AUTH", "nocolon"),
])
def test_bad_env_value_names_the_variable(var, value):
    with pytest.raises(SettingsError, match=var) as e:
        Settings.load(env={var: value})
    assert isinstance(e.value, ConfigError) and e.value.exit_code == 2
    if var != "LINTAS_AUTH":
        assert repr(value) in str(e.value)
    else:
        assert value not in str(e.value), "a secret's value is not echoed"


def test_bad_file_values_name_the_key(tmp_path):
    conf = _toml(tmp_path, "max_chars = 100\nmax_chars_typo = 5\n")
    with pytest.raises(SettingsError, match="max_chars_typo") as e:
        Settings.load(config=conf, env={})
    assert str(conf) in str(e.value)
    conf = _toml(tmp_path, 'port = "high"\n')
    with pytest.raises(SettingsError, match="port in"):
        Settings.load(config=conf, env={})
    conf = _toml(tmp_path, "models = 3\n")
    with pytest.raises(SettingsError, match=r"\[models\]"):
        Settings.load(config=conf, env={})
    conf = _toml(tmp_path, "max_chars = \n")
    with pytest.raises(SettingsError, match="TOML"):
        Settings.load(config=conf, env={})


def test_bad_argument_names_the_option():
    with pytest.raises(SettingsError, match="--max-chars"):
        Settings.load(env={}, max_chars="many")
    with pytest.raises(SettingsError, match="no_such_setting"):
        Settings.load(env={}, no_such_setting=1)


# ---------------------------------------------------------------- the modules use the settings

def test_current_follows_the_environment(monkeypatch):
    from service.ingest import max_chars_default, require_indonesian_default

    monkeypatch.delenv("LINTAS_MAX_CHARS", raising=False)
    assert max_chars_default() == 200_000
    monkeypatch.setenv("LINTAS_MAX_CHARS", "1500")
    assert S.current().max_chars == 1500 and max_chars_default() == 1500
    monkeypatch.setenv("LINTAS_REQUIRE_INDONESIAN", "1")
    assert require_indonesian_default() is True
    monkeypatch.setenv("LINTAS_MAX_CHARS", "abc")
    with pytest.raises(SettingsError, match="LINTAS_MAX_CHARS"):
        max_chars_default()


def test_modules_take_an_explicit_settings(tmp_path, monkeypatch):
    from service import InputTooLargeError
    from service.attribution.sources import load_sources
    from service.fetch import _limits, fetch_allowed
    from service.ingest import ingest
    from service.registry import Registry, _offline
    from service.summary.prompts import prompts_dir

    monkeypatch.delenv("LINTAS_ALLOW_URL_FETCH", raising=False)
    extra = tmp_path / "extra.toml"
    extra.write_text('schema = 1\n[sources.kc]\nname = "Koran Contoh"\ntype = "media"\naliases = ["KC"]\n')
    s = Settings.load(env={}, max_chars=20, allow_url_fetch=True, fetch_max_bytes=100, sources=str(extra),
                      prompts=str(tmp_path), no_download=True, models={"translation": "nllb-200-distilled-600m"},
                      model_paths={"opus-mt-id-en": str(tmp_path)})
    with pytest.raises(InputTooLargeError):
        ingest("Harga beras naik lagi di pasar tradisional kota itu.", settings=s)
    assert fetch_allowed(s) is True and fetch_allowed(Settings.load(env={})) is False
    assert _limits(None, None, s) == (100, 10.0) and _limits(5, 1.0, s) == (5, 1.0)
    assert load_sources(s).lookup("KC").name == "Koran Contoh"
    assert prompts_dir(s) == tmp_path
    assert _offline(s) is True and _offline(Settings.load(env={})) is False
    reg = Registry.load(settings=s)
    assert reg.resolve("translation").name == "nllb-200-distilled-600m"
    assert reg.resolve("translation", "opus-mt-id-en").local_path == str(tmp_path.resolve())
    assert Registry.load(settings=Settings.load(env={})).resolve("translation").name == "opus-mt-id-en"


# ---------------------------------------------------------------- nobody else reads LINTAS_*

ENV_GETTERS = {"get", "getenv"}  # environ.get(K), os.getenv(K), getenv(K)
ENV_READ_IF_USED = {"setdefault", "pop"}  # a read only when the returned value is used


def _is_environ(node: ast.AST) -> bool:
    return (isinstance(node, ast.Attribute) and node.attr == "environ") or (isinstance(node, ast.Name) and node.id == "environ")


def _guarded_key(node: ast.AST | None, consts: dict[str, str]) -> str | None:
    """The variable name when ``node`` is a LINTAS_* / HF_HUB_OFFLINE key (a string, a module
    constant holding one, an f-string or a ``"LINTAS_" + x`` starting with LINTAS_), else None."""
    if isinstance(node, ast.Name) and node.id in consts:
        value = consts[node.id]
    elif isinstance(node, ast.Constant) and isinstance(node.value, str):
        value = node.value
    elif isinstance(node, ast.JoinedStr) and node.values and isinstance(node.values[0], ast.Constant):
        value = str(node.values[0].value) + "…"
    elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return _guarded_key(node.left, consts)
    else:
        return None
    return value if value.startswith("LINTAS_") or value == "HF_HUB_OFFLINE" else None


def env_reads(source: str) -> list[tuple[int, str]]:
    """(line, variable) of every read of a LINTAS_* variable or HF_HUB_OFFLINE in ``source``.

    Reads: ``os.environ.get(K)``, ``environ.get(K)``, ``os.getenv(K)``, ``os.environ[K]`` as a
    value, ``K in os.environ`` / ``not in``, and ``os.environ.setdefault(K, …)`` / ``.pop(K)`` when
    their value is used. Not reads: writes meant for child processes or libraries
    (``os.environ[K] = v``, ``del os.environ[K]``, a bare ``os.environ.setdefault("HF_HUB_OFFLINE",
    "1")`` statement) and handing the whole environment on (``env={**os.environ, K: v}`` for a
    subprocess): the module decides nothing from the value. A key given as a module-level string
    constant is followed; other indirection (iterating ``os.environ.items()``) is not detected."""
    tree = ast.parse(source)
    consts = {t.id: n.value.value for n in tree.body if isinstance(n, ast.Assign)
              and isinstance(n.value, ast.Constant) and isinstance(n.value.value, str)
              for t in n.targets if isinstance(t, ast.Name)}
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    found = []
    for node in ast.walk(tree):
        key = None
        if isinstance(node, ast.Call) and node.args:
            f = node.func
            name = f.attr if isinstance(f, ast.Attribute) else (f.id if isinstance(f, ast.Name) else None)
            on_environ = isinstance(f, ast.Attribute) and _is_environ(f.value)
            if name == "getenv" or (name == "get" and on_environ):
                key = _guarded_key(node.args[0], consts)
            elif name in ENV_READ_IF_USED and on_environ and not isinstance(parents.get(node), ast.Expr):
                key = _guarded_key(node.args[0], consts)
        elif isinstance(node, ast.Subscript) and isinstance(node.ctx, ast.Load) and _is_environ(node.value):
            key = _guarded_key(node.slice, consts)
        elif isinstance(node, ast.Compare) and any(isinstance(op, (ast.In, ast.NotIn)) for op in node.ops) \
                and any(_is_environ(c) for c in node.comparators):
            key = _guarded_key(node.left, consts)
        if key:
            found.append((node.lineno, key))
    return sorted(found)


def test_env_read_detector():
    src = '''
import os
from os import environ, getenv
KEY = "LINTAS_FROM_CONST"
a = os.environ.get("LINTAS_A")
b = os.environ["LINTAS_B"]
c = os.getenv("HF_HUB_OFFLINE")
d = "LINTAS_D" in os.environ
e = environ.get(f"LINTAS_MODEL_{name}")
f = getenv("LINTAS_" + name)
g = os.environ.get(KEY)
h = os.environ.setdefault("LINTAS_H", "1")
os.environ["LINTAS_W"] = "1"
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.pop("LINTAS_P", None)
del os.environ["LINTAS_DEL"]
env = {**os.environ, "LINTAS_CHILD": "1"}
x = os.environ.get("HOME")
y = settings.get("LINTAS_NOT_ENV")
'''
    assert env_reads(src) == [(5, "LINTAS_A"), (6, "LINTAS_B"), (7, "HF_HUB_OFFLINE"), (8, "LINTAS_D"),
                              (9, "LINTAS_MODEL_…"), (10, "LINTAS_"), (11, "LINTAS_FROM_CONST"), (12, "LINTAS_H")]


def _env_readers() -> dict[str, list[tuple[int, str]]]:
    out = {}
    for top in ("service", "eval"):
        for path in sorted((REPO / top).rglob("*.py")):
            rel = path.relative_to(REPO).as_posix()
            if rel == "service/settings.py":
                continue
            reads = env_reads(path.read_text(encoding="utf-8"))
            if reads:
                out[rel] = reads
    return out


def test_only_settings_reads_lintas_variables():
    """Every LINTAS_* variable (and HF_HUB_OFFLINE) is read in service/settings.py and nowhere
    else under service/ or eval/; the other modules receive a Settings."""
    readers = _env_readers()
    assert not readers, "read LINTAS_* / HF_HUB_OFFLINE outside service/settings.py:\n" + "\n".join(
        f"  {f}: " + ", ".join(f"line {n} {k}" for n, k in reads) for f, reads in readers.items())


def test_converted_modules_read_no_variables():
    """The modules already converted stay converted (this one is not expected to fail)."""
    readers = _env_readers()
    converted = ["service/ingest.py", "service/fetch.py", "service/registry.py", "service/attribution/sources.py",
                 "service/summary/prompts.py", "service/sourcecheck/checker.py", "service/testing/tiny.py"]
    assert not {f: readers[f] for f in converted if f in readers}
