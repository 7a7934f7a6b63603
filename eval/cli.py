"""``lintas eval …``: the evaluation commands (registered through the ``lintas.commands`` hook).

    lintas eval translation --hyp FILE --ref FILE [--src FILE] | --dataset NAME [--system …]
    lintas eval summary --hyp FILE --ref FILE --lang en|id | --reports FILE [--dataset NAME]
    lintas eval attribution [--labels FILE.jsonl …]
    lintas eval check [--data FILE] [--lexical] [--mt [--model M]]
    lintas eval alignment [--set NAME …] [--case CASE …]
    lintas eval compare A.json B.json
    lintas eval datasets

Each scoring command prints its scores (``--json``: the whole result) and, with ``--out DIR``,
writes ``TASK.json``, ``TASK.md`` and its plots there. Every result carries a run signature.
"""

from __future__ import annotations

import argparse
import json
import shlex
import sys

from service.argtypes import generation_options, positive_int  # shared with the runtime CLI

from .common import DEFAULT_BOOTSTRAP, DEFAULT_SEED


def _command() -> str:
    return "lintas " + " ".join(shlex.quote(a) for a in sys.argv[1:])


def _emit(result: dict, args, write, text) -> int:
    if args.out:
        for p in write(result, args.out):
            print(f"wrote {p}", file=sys.stderr)
    if args.json:
        sys.stdout.write(json.dumps(result, ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(text(result) + "\n")
    return 0


def cmd_translation(args) -> int:
    from . import translation

    res = translation.run(hyp=args.hyp, ref=args.ref, src=args.src, dataset=args.dataset, data_root=args.data_root,
                          system=args.system, model=args.model, backend=args.backend, generation=generation_options(args),
                          protect=not args.no_protect, glossary=args.glossary, hyp_field=args.hyp_field,
                          ref_field=args.ref_field, src_field=args.src_field, fmt=args.format, limit=args.limit,
                          seed=args.seed, n_bootstrap=args.bootstrap, label=args.label, command=_command())
    return _emit(res, args, translation.write, translation.text_summary)


def cmd_summary(args) -> int:
    from service.errors import ConfigError

    from . import summary

    lang = args.lang
    if lang is None:
        if not args.dataset:
            raise ConfigError("Say the summaries' language: --lang en (Porter stemming) or --lang id (no stemming).")
        from .datasets import get

        lang = get(args.dataset, "summary").lang or "en"
    res = summary.run(hyp=args.hyp, ref=args.ref, src=args.src, reports=args.reports, dataset=args.dataset,
                      data_root=args.data_root, lang=lang, hyp_field=args.hyp_field, ref_field=args.ref_field,
                      src_field=args.src_field, fmt=args.format, limit=args.limit, seed=args.seed,
                      n_bootstrap=args.bootstrap, label=args.label, command=_command(), system=args.system,
                      bullets=args.bullets, model=args.model, summary_model=args.summary_model)
    return _emit(res, args, summary.write, summary.text_summary)


def cmd_attribution(args) -> int:
    from . import attribution

    res = attribution.run(data_root=args.data_root, labels=args.labels, seed=args.seed, n_bootstrap=args.bootstrap, command=_command())
    return _emit(res, args, attribution.write, attribution.text_summary)


def cmd_check(args) -> int:
    from . import check

    mt = args.mt or args.model is not None
    res = check.run(data=args.data, lexical=args.lexical, model=args.model if mt else None, backend=args.backend,
                    generation=generation_options(args), seed=args.seed, n_bootstrap=args.bootstrap, command=_command(),
                    translator=_default_translator(args) if mt and args.model is None else None)
    return _emit(res, args, check.write, check.text_summary)


def cmd_alignment(args) -> int:
    from . import alignment

    res = alignment.run(data_root=args.data_root, seed=args.seed, sets=args.set, cases=args.case,
                        with_speed=not args.no_speed, command=_command())
    return _emit(res, args, alignment.write, alignment.text_summary)


def _default_translator(args):
    from service.translation import load_translator

    return load_translator(None, backend=args.backend, generation=generation_options(args))


def cmd_compare(args) -> int:
    from . import compare

    a, b = compare.load_result(args.a), compare.load_result(args.b)
    res = compare.compare(a, b)
    if args.json:
        sys.stdout.write(json.dumps(res, ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(compare.text(res, args.a, args.b) + "\n")
    return 0


def cmd_datasets(args) -> int:
    from .common import EvalDataError, data_root, sha256_file
    from .datasets import load_registry

    try:
        root = data_root(args.data_root)
    except EvalDataError:
        root = None
    rows = []
    for ds in load_registry().values():
        p = ds.file(root) if root or ds.root == "repo" else None
        state = "missing" if p is None or not p.is_file() else "ok" if sha256_file(p) == ds.sha256 else "changed"
        rows.append({"name": ds.name, "task": ds.task, "rows": ds.rows, "licence": ds.licence, "path": ds.path,
                     "sha256": ds.sha256, "state": state, "description": ds.description})
    if args.json:
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
    else:
        for r in rows:
            print(f"{r['name']:<22} {r['task']:<12} {r['rows']:>5} rows  {r['licence']:<13} {r['state']:<8} {r['path']}")
        print(f"data root: {root or 'not found (--data-root DIR or LINTAS_EVAL_DATA)'}")
    return 0


def _common(sp, data_root: bool = True) -> None:
    """Output, bootstrap and data-folder options of every scoring command."""
    sp.add_argument("--json", action="store_true", help="print the whole result as JSON")
    sp.add_argument("-o", "--out", default=None, metavar="DIR", help="write TASK.json, TASK.md and plots into DIR")
    sp.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"bootstrap seed (default {DEFAULT_SEED})")
    sp.add_argument("--bootstrap", type=positive_int, default=DEFAULT_BOOTSTRAP, help="bootstrap resamples (default 1000)")
    if data_root:
        sp.add_argument("--data-root", default=None, metavar="DIR",
                        help="the evaluation data folder (default LINTAS_EVAL_DATA or ../shared/data/eval)")


def _files(sp, what: str) -> None:
    """Hypotheses, references and sources as files or a named data set."""
    sp.add_argument("--hyp", default=None, help=f"the system's {what}: plain lines, .tsv (header) or .jsonl")
    sp.add_argument("--ref", default=None, help="references (same formats)")
    sp.add_argument("--src", default=None, help="sources (same formats)")
    sp.add_argument("--dataset", default=None, help="a data set from eval/datasets.toml (lintas eval datasets)")
    for role in ("hyp", "ref", "src"):
        sp.add_argument(f"--{role}-field", default=None, metavar="NAME", help=f"TSV column / JSONL field of --{role}")
    sp.add_argument("--format", default="auto", choices=["auto", "plain", "tsv", "jsonl"], help="input format (default: by extension)")
    sp.add_argument("--limit", type=positive_int, default=None, help="score only the first N rows")
    sp.add_argument("--label", default=None, help="a name for the system under test (recorded in the signature)")


def _model_opts(sp) -> None:
    sp.add_argument("--model", default=None, help="registry name, model directory or hub id (default: the registry's)")
    sp.add_argument("--backend", default="auto", choices=["auto", "transformers", "ctranslate2"])
    sp.add_argument("--beams", type=positive_int, default=None)
    sp.add_argument("--max-new-tokens", type=positive_int, default=None)


def register(sub) -> None:
    """The ``lintas.commands`` entry point (pyproject.toml: ``eval = "eval.cli:register"``): add
    ``eval`` and its subcommands to the ``lintas`` parser's subparsers (the object
    ``add_subparsers()`` returned). The runtime CLI loads the group; it needs no import of eval/."""
    ev = sub.add_parser("eval", help="score translations, summaries, attributions and checks (with signatures)",
                        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    es = ev.add_subparsers(dest="eval_command", required=True)
    t = es.add_parser("translation", help="BLEU, chrF, chrF++, TER (sacrebleu) with intervals and signature")
    _files(t, "translations")
    t.add_argument("--system", action="store_true", help="translate the source with lintas first, then score")
    _model_opts(t)
    t.add_argument("--no-protect", action="store_true", help="(--system) no protected names/numbers/glossary")
    t.add_argument("--glossary", default=None, help="(--system) glossary TSV/CSV merged over the shipped one")
    _common(t)
    t.set_defaults(func=cmd_translation)

    s = es.add_parser("summary", help="ROUGE-1/2/L, lengths; provenance and attribution shares from reports")
    _files(s, "summaries")
    s.add_argument("--reports", default=None, help="lintas reports (JSON, JSON list, JSONL or lintas batch output)")
    s.add_argument("--lang", default=None, choices=["en", "id"], help="language of the summaries: en stems, id does not")
    s.add_argument("--system", default=None, choices=["extractive", "lead", "seq2seq", "llm", "auto"],
                   help="summarise the sources (--src / the dataset's articles) with lintas first; lead = the first N "
                        "sentences (a baseline). With --lang id only extractive and lead (Indonesian summaries)")
    s.add_argument("--bullets", type=int, default=3, help="--system: bullets (sentences) per summary")
    s.add_argument("--model", default=None, help="--system with --lang en: the translation model")
    s.add_argument("--summary-model", default=None, help="--system seq2seq/llm: the summary model")
    _common(s)
    s.set_defaults(func=cmd_summary)

    a = es.add_parser("attribution", help="P/R/F1 of attribution detection, speaker accuracy (eval/data/attribution)")
    a.add_argument("--labels", action="append", default=None, metavar="JSONL",
                   help="score against these label files instead of eval/data/attribution (repeatable; format in its README)")
    _common(a)
    a.set_defaults(func=cmd_attribution)

    c = es.add_parser("check", help="verdict accuracy and confusion matrix of the source check (eval/data/check)")
    c.add_argument("--data", default=None, help="labelled pairs JSONL (default eval/data/check/pairs.jsonl)")
    c.add_argument("--lexical", action="store_true", help="the no-model similarity fallback")
    c.add_argument("--mt", action="store_true", help="translate the claims with lintas (default: oracle, the labels' claim_en)")
    _model_opts(c)
    _common(c, data_root=False)
    c.set_defaults(func=cmd_check)

    al = es.add_parser("alignment", help="sentence alignment of a given English text: bead P/R and exact mapping on "
                                         "parallel data with a perturbed English (merges, splits, drops, insertions)")
    al.add_argument("--set", action="append", default=None, help="a data set (ud-pud-news, tico19-news-wiki, nusax-test); repeatable")
    al.add_argument("--case", action="append", default=None,
                    help="a perturbation (clean, merge, split, merge+split, drop, insert, drop+insert, all); repeatable")
    al.add_argument("--no-speed", action="store_true", help="skip the timing of a ~21,000-word article")
    _common(al)
    al.set_defaults(func=cmd_alignment)

    cp = es.add_parser("compare", help="paired significance between two results; refuses different setups")
    cp.add_argument("a")
    cp.add_argument("b")
    cp.add_argument("--json", action="store_true")
    cp.set_defaults(func=cmd_compare)

    d = es.add_parser("datasets", help="the named data sets and whether their files are here and unchanged")
    d.add_argument("--data-root", default=None, metavar="DIR")
    d.add_argument("--json", action="store_true")
    d.set_defaults(func=cmd_datasets)


add_eval_parser = register  # the name service/cli.py imported before the entry-point hook


def _pass_through(sub, name: str, helptext: str, module: str, needs: str, routes: dict | None = None) -> None:
    """A subcommand whose arguments all belong to ``module``'s own ``main`` (loaded when run);
    ``routes``: a flag that sends them to another module's instead (``lintas bench --batch``)."""

    def run(args) -> int:
        import importlib

        from service.errors import ConfigError

        target = next((m for flag, m in (routes or {}).items() if flag in args.rest), module)
        try:
            main = importlib.import_module(target).main
        except ImportError as e:
            raise ConfigError(f"lintas {name} needs {needs} ({e})") from e
        return main(args.rest)

    sp = sub.add_parser(name, help=helptext, add_help=False)
    sp.add_argument("rest", nargs=argparse.REMAINDER)
    sp.set_defaults(func=run)


def register_bench(sub) -> None:
    """``lintas bench``: the speed benchmark (eval/bench.py), registered under ``lintas.commands``."""
    _pass_through(sub, "bench", "translation speed: transformers vs CTranslate2 (eval/bench.py); --batch: batch throughput, "
                  "local engine vs Ray (eval/bench_batch.py)", "eval.bench", "the eval package", {"--batch": "eval.bench_batch"})


def register_fuzz(sub) -> None:
    """``lintas fuzz``: property-based fuzzing (eval/fuzz.py), registered under ``lintas.commands``."""
    _pass_through(sub, "fuzz", "property-based fuzzing of ingest, segmentation, attribution and check (eval/fuzz.py)",
                  "eval.fuzz", 'hypothesis (pip install -e ".[dev]")')
