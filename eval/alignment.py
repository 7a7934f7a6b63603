"""``lintas eval alignment``: sentence-alignment accuracy on parallel data with a perturbed English.

Documents are runs of 20–40 consecutive sentence pairs (lengths drawn from the seed) of three
parallel sets: UD-PUD news (all 500 news pairs), TICO-19 (its Wikinews and ``wiki_*`` units, the
ones the word list was *not* built from) and NusaX-MT test (400 review/social-media pairs). The
English side of each document is perturbed by a seeded generator, one case at a time:

* ``clean``: untouched (all beads 1-1);
* ``merge``: ~10% of adjacent English sentences joined into one (gold 2-1);
* ``split``: ~10% of English sentences split at a comma or "and" (gold 1-2);
* ``merge+split``: both;
* ``drop``: ~10% of English sentences deleted (gold 1-0);
* ``insert``: ~10% unrelated English sentences (from another data set) inserted (gold 0-1);
* ``drop+insert`` and ``all`` (every perturbation).

Scores per data set and case: bead precision and recall (a bead is right when both its sides are
exactly the gold's) and ``exact``, the share of Indonesian sentences mapped to exactly the right
English sentences (an empty set for a dropped one). The parameters were tuned on UD-PUD news.
"""

from __future__ import annotations

import csv
import random
import re
import sys
import time
from pathlib import Path

DATASETS = {
    "ud-pud-news": ("ud_pud_id_en/derived_pud_id_en.tsv", lambda r: r["genre"] == "news", "id", "en"),
    "tico19-news-wiki": ("tico19_en_id/derived_tico19_en_id.tsv", lambda r: re.match(r"^(?:Wikinews|wiki)_", r["tuid"]) is not None,
                         "id", "en"),
    "nusax-test": ("nusax_mt/derived_nusax_id_en.tsv", lambda r: r["split"] == "test", "id", "en"),
}
CASES = ("clean", "merge", "split", "merge+split", "drop", "insert", "drop+insert", "all")
RATE = 0.1


def load_pairs(root: Path, name: str) -> tuple[list[tuple[str, str]], Path]:
    rel, keep, src, tgt = DATASETS[name]
    path = root / rel
    with path.open(encoding="utf-8", newline="") as f:
        rows = [r for r in csv.DictReader(f, delimiter="\t") if keep(r)]
    return [(r[src].strip(), r[tgt].strip()) for r in rows if r[src].strip() and r[tgt].strip()], path


def documents(pairs: list[tuple[str, str]], rng: random.Random) -> list[list[tuple[str, str]]]:
    docs, i = [], 0
    while len(pairs) - i >= 20:
        n = min(rng.randint(20, 40), len(pairs) - i)
        docs.append(pairs[i : i + n])
        i += n
    return docs


def _split_point(s: str) -> int | None:
    """Where to split an English sentence in two: a comma or " and " near the middle."""
    cands = [m.start() for m in re.finditer(r", | and ", s) if 0.25 * len(s) < m.start() < 0.75 * len(s)]
    return min(cands, key=lambda k: abs(k - len(s) / 2)) if cands else None


def perturb(doc: list[tuple[str, str]], case: str, rng: random.Random, foreign: list[str]):
    """(Indonesian sentences, English sentences, gold beads) for one document and case. Gold beads
    are (source indices, target indices) tuples."""
    src = [s for s, _ in doc]
    # each unit: (source indices, list of English sentences)
    units: list[tuple[tuple[int, ...], list[str]]] = [((i,), [e]) for i, (_, e) in enumerate(doc)]
    k = max(1, round(RATE * len(doc)))
    ops = {"merge": ["merge"], "split": ["split"], "merge+split": ["merge", "split"], "drop": ["drop"],
           "insert": ["insert"], "drop+insert": ["drop", "insert"], "all": ["merge", "split", "drop", "insert"]}.get(case, [])
    touched: set[int] = set()
    for op in ops:
        for _ in range(k):
            free = [u for u in range(len(units)) if u not in touched and len(units[u][0]) == 1 and len(units[u][1]) == 1]
            if op == "merge":
                cand = [u for u in free if u + 1 in free]
                if not cand:
                    continue
                u = rng.choice(cand)
                a, b = units[u][1][0], units[u + 1][1][0]
                units[u : u + 2] = [(units[u][0] + units[u + 1][0], [a.rstrip(".!?") + "; " + b])]
            elif op == "split":
                cand = [u for u in free if _split_point(units[u][1][0]) is not None]
                if not cand:
                    continue
                u = rng.choice(cand)
                s = units[u][1][0]
                p = _split_point(s)
                left, right = s[:p].rstrip(" ,") + ".", re.sub(r"^(?:, | and )", "", s[p:])
                units[u] = (units[u][0], [left, right[:1].upper() + right[1:]])
            elif op == "drop":
                if not free:
                    continue
                u = rng.choice(free)
                units[u] = (units[u][0], [])
            else:  # insert
                u = rng.randrange(len(units) + 1)
                units.insert(u, ((), [rng.choice(foreign)]))
                touched = {t + (t >= u) for t in touched}
            touched.add(u)
            touched = {t for t in touched if t < len(units)}
    tgt, gold = [], []
    for s_idx, ens in units:
        gold.append((s_idx, tuple(range(len(tgt), len(tgt) + len(ens)))))
        tgt.extend(ens)
    return src, tgt, gold


def score_doc(pred, gold, n_src: int) -> dict:
    P = {(tuple(b.source), tuple(b.target)) for b in pred}
    G = {(tuple(s), tuple(t)) for s, t in gold if s or t}
    to_pred = {i: tuple(b.target) for b in pred for i in b.source}
    to_gold = {i: tuple(t) for s, t in gold for i in s}
    exact = sum(1 for i in range(n_src) if to_pred.get(i) == to_gold.get(i))
    return {"tp": len(P & G), "pred": len(P), "gold": len(G), "exact": exact, "n": n_src}


def evaluate(root: Path, seed: int, sets=tuple(DATASETS), cases=CASES) -> tuple[dict, dict, list]:
    from service.translation.align import align

    loaded = {name: load_pairs(root, name) for name in sets}
    results: dict = {}
    items = []
    seconds, sentences = 0.0, 0
    for name in sets:
        pairs = loaded[name][0]
        # unrelated sentences come from the other sets
        foreign = [e for other, (ps, _) in loaded.items() if other != name for _, e in ps] or [e for _, e in pairs[::-1]]
        docs = documents(pairs, random.Random(f"{seed}:{name}"))
        for case in cases:
            rng = random.Random(f"{seed}:{name}:{case}")
            tot = {"tp": 0, "pred": 0, "gold": 0, "exact": 0, "n": 0}
            for d, doc in enumerate(docs):
                src, tgt, gold = perturb(doc, case, rng, foreign)
                t0 = time.perf_counter()
                pred = align(src, tgt)
                seconds += time.perf_counter() - t0
                sentences += len(src)
                s = score_doc(pred, gold, len(src))
                for k in tot:
                    tot[k] += s[k]
                items.append({"set": name, "case": case, "doc": d, "stats": {"exact": [s["exact"], s["n"]]}})
            results.setdefault(name, {})[case] = {
                "documents": len(docs), "sentences": tot["n"],
                "precision": tot["tp"] / tot["pred"] if tot["pred"] else 0.0,
                "recall": tot["tp"] / tot["gold"] if tot["gold"] else 0.0,
                "exact": tot["exact"] / tot["n"] if tot["n"] else 0.0,
            }
    files = {name: loaded[name][1] for name in sets}
    return results, {"files": files, "seconds": seconds, "sentences": sentences}, items


def speed(words: int = 21_000, seed: int = 7) -> dict:
    """Seconds to align a synthetic ~``words``-word article (UD-PUD-like sentences repeated, with
    the English perturbed: merges, splits, a drop and an insertion) with its English."""
    from service.translation.align import align

    rng = random.Random(seed)
    root = _root(None)
    pairs, _ = load_pairs(root, "ud-pud-news")
    doc = []
    while sum(len(s.split()) for s, _ in doc) < words:
        doc.extend(pairs)
    doc = doc[: next(i for i in range(len(doc)) if sum(len(s.split()) for s, _ in doc[: i + 1]) >= words) + 1]
    src, tgt, _ = perturb(doc, "all", rng, [e for _, e in load_pairs(root, "nusax-test")[0]])
    t0 = time.perf_counter()
    align(src, tgt)
    return {"words": sum(len(s.split()) for s in src), "sentences": len(src), "english_sentences": len(tgt),
            "seconds": round(time.perf_counter() - t0, 3)}


def _root(given):
    from .common import data_root

    return data_root(given)


def run(*, data_root: str | None = None, seed: int | None = None, sets=None, cases=None, with_speed: bool = True,
        command: str = "") -> dict:
    import datetime as _dt

    from service.translation import align as A

    from .common import DEFAULT_SEED, SCHEMA, fingerprint, run_signature, scoring_setup, service_signature

    seed = DEFAULT_SEED if seed is None else seed
    root = _root(data_root)
    results, info, items = evaluate(root, seed, tuple(sets or DATASETS), tuple(cases or CASES))
    scores = {}
    for name, by_case in results.items():
        for case, r in by_case.items():
            scores[f"{name}/{case}/exact"] = r["exact"]
    svc = service_signature()
    p = A.DEFAULT
    system = {"aligner": A.ALIGNER_VERSION, "lintas": svc["lintas"], "word_list": fingerprint(A.WORDS_FILE),
              "params": {"ratio": p.ratio, "var": p.var, "beta": p.beta, "d0": p.d0, "skip": p.skip,
                         "prior": {f"{a}-{b}": v for (a, b), v in p.prior.items()}, "band": p.band}}
    setup = {"data": {name: fingerprint(path) for name, path in info["files"].items()},
             "documents": "consecutive pairs, 20-40 per document (lengths from the seed)",
             "perturbation": f"rate {RATE} of the document's sentences per operation; cases {', '.join(cases or CASES)}",
             **scoring_setup(seed, 0)}
    notes = [f"aligned {info['sentences']} Indonesian sentences in {info['seconds']:.2f} s"]
    summary = {"by_set": results}
    if with_speed:
        summary["speed"] = speed()
        notes.append(f"speed: {summary['speed']['words']} words ({summary['speed']['sentences']} sentences) aligned in "
                     f"{summary['speed']['seconds']} s")
    return {"schema": SCHEMA, "task": "alignment", "scores": scores, "intervals": {}, "summary": summary,
            "signature": run_signature("alignment", system, setup), "notes": notes, "items": items,
            "created": _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"), "command": command}


def write(result: dict, out_dir) -> list[Path]:
    from . import outputs

    body = ["## By data set and perturbation", "", "| set | case | docs | sentences | bead P | bead R | exact |",
            "|---|---|---|---|---|---|---|"]
    for name, by_case in result["summary"]["by_set"].items():
        for case, r in by_case.items():
            body.append(f"| {name} | {case} | {r['documents']} | {r['sentences']} | {r['precision']:.3f} | {r['recall']:.3f} "
                        f"| {r['exact']:.3f} |")
    return outputs.write(result, out_dir, "alignment", "Alignment evaluation", None, body, digits=3)


def text_summary(result: dict) -> str:
    lines = [f"{'set':<18} {'case':<12} {'docs':>4} {'sents':>5} {'beadP':>6} {'beadR':>6} {'exact':>6}"]
    for name, by_case in result["summary"]["by_set"].items():
        for case, r in by_case.items():
            lines.append(f"{name:<18} {case:<12} {r['documents']:>4} {r['sentences']:>5} {r['precision']:>6.3f} "
                         f"{r['recall']:>6.3f} {r['exact']:>6.3f}")
    lines += result["notes"]
    sig = result["signature"]["system"]
    lines.append(f"signature: {sig['aligner']}|words:{sig['word_list']['sha256'][:12]}|lintas:{sig['lintas']}|seed:"
                 f"{result['signature']['setup']['seed']}")
    return "\n".join(lines)


def main(argv=None) -> int:
    import argparse

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data-root", default=None)
    ap.add_argument("--seed", type=int, default=None)
    ap.add_argument("--set", action="append", default=None, choices=list(DATASETS))
    ap.add_argument("--case", action="append", default=None, choices=list(CASES))
    ap.add_argument("--no-speed", action="store_true")
    args = ap.parse_args(argv)
    print(text_summary(run(data_root=args.data_root, seed=args.seed, sets=args.set, cases=args.case,
                           with_speed=not args.no_speed)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
