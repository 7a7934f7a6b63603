"""``lintas compare ARTICLE --translations A --translations B [--model M] [--reference R]``: the
article sentence by sentence with each translation beside it and what they disagree on
(service/compare.py); ``--json`` / ``--markdown`` for the whole comparison."""

from __future__ import annotations

import json


def cmd_compare(args) -> int:
    from .cli import _read_source, _settings, _write
    from .compare import compare_translations

    res = compare_translations(_read_source(args.file), args.translations, labels=args.label or None, model=args.model,
                               reference=args.reference, format=args.format, max_chars=args.max_chars,
                               settings=_settings(args))
    if args.json:
        _write(json.dumps(res.to_dict(), ensure_ascii=False, indent=2), args.output)
    elif args.markdown:
        _write(res.to_markdown(), args.output)
    else:
        _write(res.to_text(), args.output)
    return 0


def add_compare(sub) -> None:
    from .cli import _input_opts, _output_opts

    c = sub.add_parser("compare", help="compare translations of an article sentence by sentence: numbers, names, quotes, "
                                       "negations, hedges, omissions")
    _input_opts(c)
    c.add_argument("--translations", action="append", default=[], metavar="FILE",
                   help="a translation: an English text (.txt, .md, .html; aligned) or a TSV of pairs; repeat for each")
    c.add_argument("--label", action="append", default=[], help="a name for each --translations, in order (default: file names)")
    c.add_argument("--model", default=None, help="also compare the model's translation (registry name, directory or hub id)")
    c.add_argument("--reference", default=None, help="a reference translation (same forms): chrF per sentence and per translation")
    _output_opts(c, help_json="the whole comparison as JSON")
    c.set_defaults(func=cmd_compare)
