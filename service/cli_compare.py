"""``lintas compare ARTICLE --translations A --translations B [--model M] [--reference R]``: the
article sentence by sentence with each translation beside it and what they disagree on
(service/compare.py); ``--json`` / ``--markdown`` for the whole comparison.

service/cli.py adds the command and hands over its shared helpers (input and output options,
reading the article, writing the result, the run's settings), so this module imports nothing of it.
"""

from __future__ import annotations

import json
from typing import Callable


def add_compare(sub, *, input_opts: Callable, output_opts: Callable, read: Callable, write: Callable,
                settings: Callable) -> None:
    def cmd_compare(args) -> int:
        from .compare import compare_translations

        res = compare_translations(read(args.file), args.translations, labels=args.label or None, model=args.model,
                                   reference=args.reference, format=args.format, max_chars=args.max_chars,
                                   settings=settings(args))
        if args.json:
            write(json.dumps(res.to_dict(), ensure_ascii=False, indent=2), args.output)
        elif args.markdown:
            write(res.to_markdown(), args.output)
        else:
            write(res.to_text(), args.output)
        return 0

    c = sub.add_parser("compare", help="compare translations of an article sentence by sentence: numbers, names, quotes, "
                                       "negations, hedges, omissions")
    input_opts(c)
    c.add_argument("--translations", action="append", default=[], metavar="FILE",
                   help="a translation: an English text (.txt, .md, .html; aligned) or a TSV of pairs; repeat for each")
    c.add_argument("--label", action="append", default=[], help="a name for each --translations, in order (default: file names)")
    c.add_argument("--model", default=None, help="also compare the model's translation (registry name, directory or hub id)")
    c.add_argument("--reference", default=None, help="a reference translation (same forms): chrF per sentence and per translation")
    output_opts(c, help_json="the whole comparison as JSON")
    c.set_defaults(func=cmd_compare)
