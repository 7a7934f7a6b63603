"""The command line: a thin layer over the Python API (same operations, names and defaults).

    lintas translate FILE|- [--json | --markdown] [--model M] [--translations TSV]
    lintas attributions FILE|- [--json]
    lintas check FILE --source NAME=PATH [--source …] [--model M] [--translations TSV] [--json]
    lintas summarize FILE [--backend B] [--summary-model M] [--model M] [--translations TSV]
    lintas report FILE [--source NAME=PATH …] [--model M] [--translations TSV] [--summary-model M]
    lintas segment FILE|- [--json]
    lintas compare FILE --translations A --translations B [--model M] [--reference R] [--json | --markdown]
    lintas batch IN -o OUT [--engine local|ray] [--address A] [--workers N] [--operation OP] [--resume]
                 [--runtime-env-json JSON] [--articles-per-call N] [--calls-per-worker N]
    lintas config [--json]                                          (effective settings and their origin)
    lintas models list [--json] | pull TASK [--model NAME] | convert TASK | build-tiny TASK DIR [--family F]
    lintas models vmap translation --pairs TSV [--corpus TXT]      (CTranslate2 vocabulary map)
    lintas eval …   (registered by eval/cli.py under the ``lintas.commands`` entry points)

``--config FILE`` (before the command) reads settings from a TOML file; see service/settings.py.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from pathlib import Path

from .version import __version__
from .argtypes import generation_options, json_object, positive_int
from .errors import ConfigError, LintasError

log = logging.getLogger("service.cli")


def _read_source(path: str) -> bytes:
    if path == "-":
        return sys.stdin.buffer.read()
    from .fetch import fetch_url, is_url

    if is_url(path):  # public http(s) pages only: see service/fetch.py
        data = fetch_url(path).text()
        return data.encode("utf-8") if isinstance(data, str) else data
    p = Path(path)
    if not p.is_file():
        raise ConfigError(f"No such file: {path}")
    try:
        return p.read_bytes()
    except OSError as e:
        raise ConfigError(f"Cannot read {path}: {e.strerror or e}") from e


def _write(text: str, out: str | None) -> None:
    if out:
        tmp = Path(out).with_name(Path(out).name + ".tmp")
        try:
            tmp.write_text(text, encoding="utf-8")
            os.replace(tmp, out)
        except OSError as e:
            raise ConfigError(f"Cannot write {out}: {e.strerror or e}") from e
    else:
        sys.stdout.write(text)
        if not text.endswith("\n"):
            sys.stdout.write("\n")


def _progress_bar(enabled: bool):
    if not enabled:
        return None, None
    from tqdm import tqdm

    bar = tqdm(total=0, unit="piece", file=sys.stderr, desc="translating")

    def update(done: int, total: int) -> None:
        bar.total = total
        bar.n = done
        bar.refresh()

    return bar, update


def cmd_translate(args) -> int:
    from .api import translate

    bar, update = _progress_bar(args.progress if args.progress is not None else sys.stderr.isatty())
    try:
        report = translate(
            _read_source(args.file),
            model=args.model,
            backend=args.backend,
            translations=args.translations,
            generation=generation_options(args),
            format=args.format,
            max_chars=args.max_chars,
            progress=update,
            protect=not args.no_protect,
            glossary=args.glossary,
            checks=not args.no_checks,
            alternatives=args.alternatives,
            require_indonesian=args.require_indonesian,
            settings=_settings(args),
        )
    finally:
        if bar is not None:
            bar.close()
    _emit(report, args, report.to_text())
    issues = [i for i in report.article.issues if i.code != "translation_unavailable"]
    for issue in issues[:10]:
        log.warning("%s%s: %s", issue.code, f" [sentence {issue.sentence}]" if issue.sentence is not None else "", issue.message)
    if len(issues) > 10:
        log.warning("… and %d more issues (see --json)", len(issues) - 10)
    return 0


def _parse_sources(items: list[str]) -> dict[str, bytes]:
    out = {}
    for item in items or []:
        name, sep, path = item.partition("=")
        if not sep or not name.strip() or not path.strip():
            raise ConfigError(f"--source expects NAME=PATH, got {item!r}")
        out[name.strip()] = _read_source(path.strip())
    return out


def cmd_check(args) -> int:
    from .api import check

    report = check(
        _read_source(args.file),
        _parse_sources(args.source),
        model=args.model,
        translations=args.translations,
        generation=generation_options(args),
        format=args.format,
        max_chars=args.max_chars,
        all_pairs=args.all_pairs,
        glossary=args.glossary,
        require_indonesian=args.require_indonesian,
        settings=_settings(args),
    )
    _emit(report, args, _check_text(report))
    return 0


def _check_text(report) -> str:
    lines = []
    for x in report.article.attributions:
        who = x.speaker.name or x.speaker.role or "?"
        c = x.check
        lines.append(f"[{x.sentence}] {c.verdict.upper():<17} {who} → {x.source.name}: {x.text}")
        for d in c.differences:
            lines.append(f"      {d.type}: article {d.claim!r} vs source {d.source!r}")
        if c.evidence:
            lines.append(f"      evidence ({c.evidence[0].source}, {c.evidence[0].score:.2f}): {c.evidence[0].text}")
    return "\n".join(lines) or "No attributions found."


def _summary_text(report) -> str:
    s = report.article.summary
    if s is None:
        return ""
    lines = [s.headline, ""]
    for b in s.bullets:
        where = ", ".join(str(i) for i in b.supported_by) or "none"
        flags = f"  [{', '.join(b.flags)}]" if b.flags else ""
        lines.append(f"- {b.text}  (sentences {where}){flags}")
    if s.fallback:
        lines += ["", f"note: {s.fallback}"]
    return "\n".join(lines) + "\n"


def _notices(report) -> None:
    """One stderr line for each thing the reader must know (a test model, no translation model)."""
    for n in report.notices:
        print(f"warning: {n}", file=sys.stderr)


def _emit(report, args, text: str) -> None:
    if args.json:
        _write(json.dumps(report.to_dict(), ensure_ascii=False, indent=2), args.output)
    elif getattr(args, "markdown", False):
        _write(report.to_markdown(), args.output)
    else:
        _write(text, args.output)
    _notices(report)


def cmd_summarize(args) -> int:
    from .api import summarize

    report = summarize(
        _read_source(args.file),
        backend=args.backend,
        summary_model=args.summary_model,
        bullets=args.bullets,
        words=args.words,
        language=args.language,
        source_language=args.source_language,
        model=args.model,
        translations=args.translations,
        format=args.format,
        max_chars=args.max_chars,
        glossary=args.glossary,
        require_indonesian=args.require_indonesian,
        settings=_settings(args),
    )
    _emit(report, args, _summary_text(report))
    return 0


def cmd_report(args) -> int:
    from .api import full_report

    report = full_report(
        _read_source(args.file),
        _parse_sources(args.source),
        model=args.model,
        translations=args.translations,
        summary_backend=args.summary_backend,
        summary_model=args.summary_model,
        bullets=args.bullets,
        words=args.words,
        format=args.format,
        max_chars=args.max_chars,
        all_pairs=args.all_pairs,
        glossary=args.glossary,
        require_indonesian=args.require_indonesian,
        settings=_settings(args),
    )
    _emit(report, args, report.to_markdown())
    return 0


def cmd_attributions(args) -> int:
    from .api import attributions

    report = attributions(_read_source(args.file), format=args.format, max_chars=args.max_chars,
                          require_indonesian=args.require_indonesian, settings=_settings(args))
    if args.json:  # the full report, as the API returns it
        _write(json.dumps(report.to_dict(), ensure_ascii=False, indent=2), args.output)
    else:
        a = report.article
        lines = []
        for x in a.attributions:
            who = x.speaker.name or x.speaker.role or "?"
            extra = "; ".join(v for v in (x.speaker.role, x.speaker.affiliation) if v and v != who)
            lines.append(f"[{x.sentence}] {x.kind:<14} {x.cue!r:<16} {who}" + (f" ({extra})" if extra else "")
                         + f" → {x.source.name} [{x.source.type}]\n      {x.text}")
        for i in a.issues:
            lines.append(f"! {i.code}: {i.message}")
        _write("\n".join(lines) or "No attributions found.", args.output)
    return 0


def cmd_segment(args) -> int:
    from .prepare import prepare

    settings = _settings(args)
    article = prepare(_read_source(args.file), format=args.format,
                      max_chars=args.max_chars if args.max_chars is not None else settings.max_chars,
                      require_indonesian=args.require_indonesian if args.require_indonesian is not None
                      else settings.require_indonesian)
    if args.json:
        data = {
            "title": article.title,
            "format": article.source_format,
            "sentences": [s.to_dict() for s in article.sentences],
            "removed": list(article.meta.removed),
        }
        _write(json.dumps(data, ensure_ascii=False, indent=2), args.output)
    else:
        lines = ([f"# {article.title}"] if article.title else []) + [
            f"{s.index}\t{s.paragraph}\t{s.text}" for s in article.sentences
        ]
        _write("\n".join(lines), args.output)
    return 0


def cmd_models_list(args) -> int:
    from .registry import models_status

    rows = models_status()
    if args.json:
        _write(json.dumps(rows, indent=2), None)
        return 0
    head = f"{'task':<12} {'name':<26} {'licence':<18} {'present':<8} {'id@revision'}"
    lines = [head, "-" * len(head)]
    for r in rows:
        mark = "*" if r["default"] else " "
        lic = r["licence"] + ("" if r["commercial_use"] else " (NC)")
        present = "yes" if r["present"] else "no"
        rev = (r["revision"] or "")[:7]
        lines.append(f"{r['task']:<12}{mark}{r['name']:<26} {lic:<18} {present:<8} {r['id']}@{rev}")
    lines.append("* = the task's default. (NC) = non-commercial licence.")
    missing = [r for r in rows if not r["present"] and r["default"]]
    if missing:
        lines.append("Missing defaults; on a connected machine run: " + "; ".join(sorted({r["fetch"] for r in missing})))
    _write("\n".join(lines), None)
    return 0


def cmd_models_pull(args) -> int:
    from .registry import Registry, pull

    reg = Registry.load()
    spec = reg.get(args.model) if args.model else reg.default(args.task)
    if spec.task != args.task:
        raise ConfigError(f"{spec.name} is a {spec.task} model, not {args.task}")
    print(f"Downloading {spec.ref} ({spec.licence}, ~{spec.size_mb or '?'} MB)…", file=sys.stderr)
    path = pull(spec)
    print(path)
    return 0


def cmd_models_convert(args) -> int:
    from .registry import Registry
    from .translation.ct2 import convert
    from .translation.vmap import TARGET, map_meta

    if args.task != "translation":
        raise ConfigError(f"CTranslate2 conversion is available for translation models, not {args.task!r}")
    spec = Registry.load().resolve(args.task, args.model)
    print(f"Converting {spec.ref} to CTranslate2 ({args.quantization})…", file=sys.stderr)
    out = convert(spec, args.quantization, force=args.force)
    meta = map_meta(out)
    if meta and meta.get("kind") == TARGET:
        print(f"Target-side vocabulary map: {meta['rows']:,} of {meta['vocabulary']:,} output rows (used by default; "
              "LINTAS_CT2_TARGET_VMAP=0 turns it off)", file=sys.stderr)
    elif meta:
        print("This model keeps its vocabulary shortlist (lintas models vmap): no target-side map", file=sys.stderr)
    print(out)
    return 0


def cmd_models_vmap(args) -> int:
    from .registry import Registry
    from .translation.vmap import read_corpus, read_pairs
    from .translation.vmap_build import build_and_check

    if args.task != "translation":
        raise ConfigError(f"Vocabulary maps are for translation models, not {args.task!r}")
    if not args.pairs and not args.corpus:
        raise ConfigError("Give sentence pairs (--pairs TSV) and/or Indonesian text for the model to translate (--corpus TXT)")
    spec = Registry.load().resolve(args.task, args.model)
    pairs = [p for f in args.pairs for p in read_pairs(f)]
    corpus = [s for f in args.corpus for s in read_corpus(f)]
    res = build_and_check(spec, pairs, corpus, compute_type=args.quantization, per_token=args.per_token,
                          always=args.always, heldout=args.heldout)
    print(json.dumps(res, indent=2))
    print("Use it with LINTAS_CT2_VMAP=1 (reports then name the map); check the held-out agreement first. It replaces the "
          "model's target-side map: without LINTAS_CT2_VMAP=1 the model now decodes over its whole vocabulary.", file=sys.stderr)
    return 0


def cmd_models_build_tiny(args) -> int:
    from .testing.tiny import build_tiny

    families = {"translation": ("marian", "nllb"), "summary": ("bart",), "summary-llm": ("qwen2",)}
    if args.task not in families:
        raise ConfigError(f"No tiny model builder for task {args.task!r}; available: {', '.join(families)}")
    family = args.family or families[args.task][0]
    if family not in families[args.task]:
        raise ConfigError(f"A {args.task} model is of family {' or '.join(families[args.task])}, not {family}.")
    path = build_tiny(family, args.dir, seed=args.seed)
    print(path)
    return 0


def cmd_batch(args) -> int:
    from .batch import run

    ray_opts = {"address": args.address, "workers": args.workers, "cpus_per_worker": args.cpus_per_worker,
                "gpus_per_worker": args.gpus_per_worker, "articles_per_call": args.articles_per_call,
                "calls_per_worker": args.calls_per_worker, "runtime_env": args.runtime_env_json}
    if args.engine == "local":  # the local engine as it always ran: its settings are the process's
        bar, update = _progress_bar(args.progress if args.progress is not None else sys.stderr.isatty())
        try:
            counts = run(args.input, args.output, operation=args.operation, model=args.model, resume=args.resume,
                         progress=update, **ray_opts)
        finally:
            if bar is not None:
                bar.close()
        print(json.dumps(counts), file=sys.stderr)
        return 0 if counts["failed"] == 0 else 6
    bar, update = _progress_bar(args.progress if args.progress is not None else sys.stderr.isatty())
    try:
        counts = run(args.input, args.output, engine="ray", operation=args.operation, model=args.model,
                     resume=args.resume, settings=_settings(args), progress=update, **ray_opts)
    finally:
        if bar is not None:
            bar.close()
    st = counts["stats"]
    made = counts["ok"] + counts["failed"]
    print(f"{made} articles, {counts['failed']} failed, {counts['skipped']} skipped (already in the output), "
          f"{st['articles_per_s']} articles/s, {st['wall_s']} s on {st['workers']} workers, {len(st['nodes'])} nodes",
          file=sys.stderr)
    print(json.dumps(counts), file=sys.stderr)
    return 0 if counts["failed"] == 0 else 6


def cmd_serve(args) -> int:
    from .server import serve

    serve(host=args.host, port=args.port, settings=_settings(args))
    return 0


COMMAND_GROUP = "lintas.commands"


def _add_registered(sub) -> None:
    """Subcommands other packages register under the ``lintas.commands`` entry-point group
    (``lintas eval``, ``lintas bench`` and ``lintas fuzz`` from eval/cli.py): the runtime CLI never
    imports them by name."""
    from importlib.metadata import entry_points

    for ep in entry_points(group=COMMAND_GROUP):
        try:
            register = ep.load()
        except (ImportError, AttributeError) as e:
            _add_unavailable(sub, ep.name, str(e))
            continue
        register(sub)


def _add_unavailable(sub, name: str, why: str) -> None:
    def unavailable(args) -> int:
        raise ConfigError(f"lintas {name} is not available in this installation ({why}); run it from a checkout.")

    sp = sub.add_parser(name, help=f"(unavailable here: {why})", add_help=False)
    sp.add_argument("rest", nargs=argparse.REMAINDER)
    sp.set_defaults(func=unavailable)


def cmd_config(args) -> int:
    rows = _settings(args).describe()
    if args.json:
        _write(json.dumps(rows, indent=2, default=str), None)
        return 0
    width = max(len(r["name"]) for r in rows)
    lines = [f"{r['name']:<{width}}  {r['value']!s:<24} {r['origin']:<28} {r['env']}" for r in rows]
    _write("\n".join([f"{'setting':<{width}}  {'value':<24} {'from':<28} variable", *lines]), None)
    return 0


def _settings(args):
    """The run's settings: defaults < config file < environment < ``--set NAME=VALUE``."""
    from .settings import Settings

    overrides = {}
    for item in getattr(args, "set_values", None) or []:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise ConfigError(f"--set expects NAME=VALUE, got {item!r}")
        overrides[name.strip()] = value.strip()
    if getattr(args, "device", None):  # --device: the device setting for this run
        overrides["device"] = args.device
    return Settings.load(config=getattr(args, "config", None), **overrides)


def _input_opts(sp) -> None:
    sp.add_argument("file", help="article file (.txt, .md, .html), - for standard input, or an http(s) URL")
    sp.add_argument("--format", default="auto", choices=["auto", "text", "markdown", "html"])
    sp.add_argument("--max-chars", type=positive_int, default=None, help="input limit (default: the max_chars setting, 200,000)")
    sp.add_argument("-o", "--output", default=None, help="write here instead of standard output")
    sp.add_argument("--require-indonesian", action=argparse.BooleanOptionalAction, default=None,
                    help="refuse a non-Indonesian article (exit 2) instead of warning (default: the require_indonesian setting)")


def _translation_opts(sp, *, generation: bool = True) -> None:
    """The same translation options on every command that translates."""
    sp.add_argument("--model", default=None, help="translation model: registry name, local model directory, or hub id")
    sp.add_argument("--translations", default=None,
                    help="given English, used instead of the model: a TSV of (Indonesian, English) sentence pairs, or a whole "
                         "English text (.txt, .md, .html) aligned sentence by sentence")
    sp.add_argument("--oracle", dest="translations", default=None, help=argparse.SUPPRESS)  # old name, one release
    sp.add_argument("--glossary", default=None, help="TSV/CSV of Indonesian term → English term (merged over the shipped one)")
    sp.add_argument("--device", default=None, choices=["cpu", "cuda"], help="where the translation model runs (default: the device setting, cpu)")
    if generation:
        sp.add_argument("--beams", type=positive_int, default=None, help="beam size (default from the registry)")
        sp.add_argument("--max-new-tokens", type=positive_int, default=None)


def _output_opts(sp, *, markdown: bool = True, help_json: str = "the full report as JSON") -> None:
    g = sp.add_mutually_exclusive_group()
    g.add_argument("--json", action="store_true", help=help_json)
    if markdown:
        g.add_argument("--markdown", action="store_true", help="a side-by-side Markdown report")


def _summary_opts(sp, prefix: str = "") -> None:
    backend = "--summary-backend" if prefix else "--backend"
    sp.add_argument(backend, default="auto", choices=["auto", "extractive", "seq2seq", "llm"],
                    help="auto: the summary model if present, else extractive (no model)")
    sp.add_argument("--summary-model", default=None, help="summary model: registry name or directory")
    sp.add_argument("--bullets", type=positive_int, default=3, help="number of bullets (default 3)")
    sp.add_argument("--words", type=positive_int, default=None, help="word budget for the bullets")


def _add_translate(sub) -> None:
    t = sub.add_parser("translate", help="translate an article, sentence-aligned")
    _input_opts(t)
    _output_opts(t)
    _translation_opts(t)
    t.add_argument("--backend", default="auto", choices=["auto", "transformers", "ctranslate2", "oracle"],
                   help="auto: CTranslate2 when a converted model is present, else transformers")
    t.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None, help="progress bar on stderr")
    t.add_argument("--no-protect", action="store_true", help="do not protect names, numbers and glossary terms")
    t.add_argument("--no-checks", action="store_true", help="skip the model-free MT checks")
    t.add_argument("--alternatives", type=int, default=0, metavar="N", help="also give the N best translations of each sentence")
    t.set_defaults(func=cmd_translate)


def _add_check_summary_report(sub) -> None:
    ck = sub.add_parser("check", help="check attributed claims against the sources they cite")
    _input_opts(ck)
    ck.add_argument("--source", action="append", default=[], metavar="NAME=PATH",
                    help="a source document (text, Markdown or HTML; a file or an http(s) URL), e.g. --source BBC=bbc.txt; repeatable")
    _translation_opts(ck)
    ck.add_argument("--all-pairs", action="store_true", help="check every claim against every source")
    _output_opts(ck)
    ck.set_defaults(func=cmd_check)

    sm = sub.add_parser("summarize", help="a headline and bullets in English, each traced to its sentences")
    _input_opts(sm)
    _summary_opts(sm)
    sm.add_argument("--language", default="en", choices=["en", "id"], help="id: an Indonesian extractive summary (no translation)")
    sm.add_argument("--source-language", default="en", choices=["en", "id"],
                    help="llm backend: summarise the translation (en) or straight from the Indonesian (id)")
    _translation_opts(sm, generation=False)
    sm.add_argument("--translation-model", dest="model", default=None, help=argparse.SUPPRESS)  # old name, one release
    _output_opts(sm, help_json="the full report as JSON (its summary field)")
    sm.set_defaults(func=cmd_summarize)

    rp = sub.add_parser("report", help="everything: translation, attributions, check against sources, summary")
    _input_opts(rp)
    rp.add_argument("--source", action="append", default=[], metavar="NAME=PATH", help="a source document; repeatable")
    _translation_opts(rp, generation=False)
    _summary_opts(rp, prefix="summary")
    rp.add_argument("--all-pairs", action="store_true")
    _output_opts(rp)
    rp.set_defaults(func=cmd_report)


def _add_model_free(sub) -> None:
    at = sub.add_parser("attributions", help="who said what: attributed statements (no model)")
    _input_opts(at)
    at.add_argument("--json", action="store_true")
    at.set_defaults(func=cmd_attributions)

    s = sub.add_parser("segment", help="clean and split an article into sentences (no model)")
    _input_opts(s)
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=cmd_segment)

    cf = sub.add_parser("config", help="the effective settings and where each value came from")
    cf.add_argument("--json", action="store_true")
    cf.set_defaults(func=cmd_config)


def _add_batch_serve(sub) -> None:
    bt = sub.add_parser("batch", help="process a JSONL file of articles (one per line)")
    bt.add_argument("input", help="JSONL: {\"id\", \"text\"[, \"sources\"][, \"translations\"]} per line (ray: also a folder "
                                  "of .jsonl or .parquet files, or a glob)")
    bt.add_argument("-o", "--output", required=True, help="JSONL of results, one per input line (ray: .parquet writes a folder of parts)")
    bt.add_argument("--operation", default="translate", choices=["translate", "attributions", "check", "summarize", "report"])
    bt.add_argument("--model", default=None, help="translation model")
    bt.add_argument("--resume", action="store_true", help="continue an interrupted run: skip records already in the output")
    bt.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None)
    _ray_opts(bt)
    bt.set_defaults(func=cmd_batch)

    sv = sub.add_parser("serve", help="the web UI and REST API (same as python app.py)")
    sv.add_argument("--host", default=None, help="default: the host setting, 127.0.0.1")
    sv.add_argument("--port", type=positive_int, default=None, help="default: the port setting, 7860")
    sv.set_defaults(func=cmd_serve)


def _ray_opts(bt) -> None:
    """``--engine ray`` and its options (service/batch_ray.py; pip install "lintas[ray]")."""
    g = bt.add_argument_group("engine", "where the articles run (Ray: a local Ray, or a cluster with --address)")
    g.add_argument("--engine", default="local", choices=["local", "ray"],
                   help="local: this process, one article after another (default); ray: a pool of Ray workers")
    g.add_argument("--address", default=None, help="ray: an existing cluster (auto, ray://HOST:10001); default: a local Ray")
    g.add_argument("--workers", type=positive_int, default=None, help="ray: worker actors (default: CPUs / --cpus-per-worker)")
    g.add_argument("--cpus-per-worker", type=float, default=None, help="ray: CPUs per worker (default 1)")
    g.add_argument("--gpus-per-worker", type=float, default=None, help="ray: GPUs per worker (default 0; > 0 runs the model on CUDA)")
    g.add_argument("--articles-per-call", type=positive_int, default=None,
                   help="ray: articles one worker call runs together, their sentences sharing model batches (default 4)")
    g.add_argument("--calls-per-worker", type=positive_int, default=None,
                   help="ray: calls a worker runs at once, their sentences sharing its model's batches (default 2)")
    g.add_argument("--runtime-env-json", type=json_object, default=None, metavar="JSON",
                   help="ray: Ray's runtime environment for the job, as for `ray job submit` (env_vars, pip, "
                        "working_dir…); the offline setting's HF_HUB_OFFLINE=1 is kept")


def _add_models(sub) -> None:
    m = sub.add_parser("models", help="list, download or build models")
    msub = m.add_subparsers(dest="models_command", required=True)
    ml = msub.add_parser("list", help="registry models, licences, and whether present here")
    ml.add_argument("--json", action="store_true")
    ml.set_defaults(func=cmd_models_list)
    mp = msub.add_parser("pull", help="download a task's model at its pinned revision (needs network)")
    mp.add_argument("task")
    mp.add_argument("--model", default=None, help="registry name (default: the task's default)")
    mp.set_defaults(func=cmd_models_pull)
    mc = msub.add_parser("convert", help="convert a task's model to CTranslate2 (the fast backend)")
    mc.add_argument("task")
    mc.add_argument("--model", default=None, help="registry name, local directory or hub id (default: the task's)")
    mc.add_argument("--quantization", default="int8", help="int8 (default on CPU), float16 (GPU), float32 …")
    mc.add_argument("--force", action="store_true", help="convert again even if a conversion exists")
    mc.set_defaults(func=cmd_models_convert)
    _add_models_vmap(msub)
    mb = msub.add_parser("build-tiny", help="build a tiny random-weight model in the real format (offline)")
    mb.add_argument("task")
    mb.add_argument("dir")
    mb.add_argument("--family", default=None, choices=["marian", "nllb", "bart", "qwen2"],
                    help="default: marian (translation), bart (summary), qwen2 (summary-llm)")
    mb.add_argument("--seed", type=int, default=0)
    mb.set_defaults(func=cmd_models_build_tiny)


def _add_models_vmap(msub) -> None:
    mv = msub.add_parser("vmap", help="build a CTranslate2 vocabulary map (faster decoding; measured on held-out sentences)")
    mv.add_argument("task")
    mv.add_argument("--model", default=None, help="registry name, local directory or hub id (default: the task's)")
    mv.add_argument("--pairs", action="append", default=[], help="TSV of Indonesian<TAB>English pairs (or columns named id, en)")
    mv.add_argument("--corpus", action="append", default=[], help="Indonesian sentences, one a line: the model's own translations")
    mv.add_argument("--per-token", type=positive_int, default=30, help="candidates per source token (default 30)")
    mv.add_argument("--always", type=positive_int, default=1000, help="most frequent target tokens always allowed (default 1000)")
    mv.add_argument("--heldout", type=int, default=100, help="last N sentences kept out of the build to measure it (default 100)")
    mv.add_argument("--quantization", default=None, help="which conversion to measure with (default: the preferred one)")
    mv.set_defaults(func=cmd_models_vmap)


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="lintas", description="Indonesian news into English, sentence-aligned.")
    p.add_argument("--version", action="version", version=f"lintas {__version__}")
    p.add_argument("-v", "--verbose", action="count", default=0, help="more logging (-vv for debug)")
    p.add_argument("--config", default=None, help="a TOML settings file (default: LINTAS_CONFIG, else ./lintas.toml if present)")
    p.add_argument("--set", action="append", default=[], metavar="NAME=VALUE", dest="set_values",
                   help="override one setting for this run, e.g. --set max_chars=50000 (see lintas config); repeatable")
    sub = p.add_subparsers(dest="command", required=True)
    _add_translate(sub)
    _add_check_summary_report(sub)
    _add_model_free(sub)
    _add_batch_serve(sub)
    _add_registered(sub)
    _add_models(sub)
    from .cli_compare import add_compare  # lintas compare (service/compare.py)

    add_compare(sub, input_opts=_input_opts, output_opts=_output_opts, read=_read_source, write=_write, settings=_settings)
    return p


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    raw = list(sys.argv[1:] if argv is None else argv)
    cmd_at = next((i for i, a in enumerate(raw) if not a.startswith("-")), None)
    if cmd_at is not None and raw[cmd_at] in ("bench", "fuzz"):
        # pass-through commands: everything after the name is theirs (argparse's REMAINDER
        # refuses a first argument that looks like an option)
        args = parser.parse_args(raw[: cmd_at + 1])
        args.rest = raw[cmd_at + 1 :]
    else:
        args = parser.parse_args(raw)
    level = logging.WARNING - 10 * min(args.verbose, 2)
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr)
    if args.verbose < 2:
        os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
        if args.func is not cmd_models_pull:  # a download keeps its progress bar
            os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    if args.verbose < 1:  # the hub library's retry warnings: one error line says it all
        for name in ("huggingface_hub", "transformers"):
            logging.getLogger(name).setLevel(logging.ERROR)
    try:
        return args.func(args)
    except LintasError as e:
        print(f"error: {e}", file=sys.stderr)
        return e.exit_code
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as e:  # a bug or a model failing mid-run: one clear line, the traceback with -vv
        if args.verbose >= 2:
            raise
        log.debug("internal error", exc_info=True)
        print(f"error: internal error ({type(e).__name__}: {str(e)[:300]}); run with -vv for the traceback, "
              "and report it if it persists", file=sys.stderr)
        return 70


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
