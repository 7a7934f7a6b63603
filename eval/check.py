"""Score the source check against labelled claim/source pairs (eval/data/check/pairs.jsonl).

    python -m eval.check [--json] [--details] [--lexical]

Prints verdict accuracy, a confusion matrix (rows: gold, columns: predicted), the accuracy of
the difference type on partly-supported pairs, and a signature. ``--lexical`` scores the no-model
fallback instead of the embeddings model.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import platform
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE / "data" / "check" / "pairs.jsonl"
LABELS = ("supported", "partly_supported", "not_found", "contradicted")


def load(path: Path = DATA) -> list[dict]:
    return [json.loads(l) for l in path.read_text(encoding="utf-8").splitlines() if l.strip()]


def evaluate(pairs: list[dict], checker) -> dict:
    from service.check import load_source

    confusion = {g: {p: 0 for p in LABELS + ("no_source",)} for g in LABELS}
    correct = diff_ok = diff_total = 0
    details = []
    for pair in pairs:
        doc = load_source(pair["source_name"], pair["source_text"], lang=pair.get("source_lang"))
        # as in Checker.check_article: a person's name is compared, an outlet's or body's is not
        entry = checker.registry.lookup(pair.get("speaker") or "")
        person = entry is None and pair["kind"] != "media_citation" and len((pair.get("speaker") or "").split()) >= 2
        speaker = None if person else pair.get("speaker")
        r = checker.check_claim(pair["claim"], pair.get("claim_en"), pair["kind"], [doc], speaker=speaker)
        confusion[pair["gold"]][r.verdict] += 1
        ok = r.verdict == pair["gold"]
        correct += ok
        if pair["gold"] == "partly_supported" and pair.get("difference"):
            diff_total += 1
            got = {d.type for d in r.differences}
            diff_ok += ok and pair["difference"]["type"] in got
        if not ok:
            details.append({"id": pair["id"], "gold": pair["gold"], "pred": r.verdict, "reason": r.reason,
                            "differences": [d.to_dict() for d in r.differences], "claim_en": pair.get("claim_en"),
                            "evidence": r.evidence[0].text if r.evidence else None})
    n = len(pairs)
    per_label = {}
    for g in LABELS:
        row = confusion[g]
        tp = row[g]
        pred_g = sum(confusion[x][g] for x in LABELS)
        per_label[g] = {"gold": sum(row.values()), "precision": round(tp / max(pred_g, 1), 3), "recall": round(tp / max(sum(row.values()), 1), 3)}
    return {"pairs": n, "accuracy": round(correct / max(n, 1), 4), "difference_type_accuracy": round(diff_ok / max(diff_total, 1), 4),
            "per_label": per_label, "confusion": confusion, "details": details}


def signature(checker, path: Path = DATA) -> dict:
    import service
    from service.check import CHECKER_VERSION

    b = path.read_bytes()
    return {"lintas": service.__version__, "checker": CHECKER_VERSION, "method": checker.method,
            "data": {path.name: {"sha256": hashlib.sha256(b).hexdigest()[:16], "rows": b.count(b"\n")}},
            "python": platform.python_version()}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default=str(DATA))
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--details", action="store_true")
    ap.add_argument("--lexical", action="store_true", help="no embeddings model: the lexical fallback")
    args = ap.parse_args(argv)
    from service.check import Checker
    from service.check.embed import LexicalSimilarity

    checker = Checker(similarity=LexicalSimilarity()) if args.lexical else Checker()
    path = Path(args.data)
    out = evaluate(load(path), checker)
    out["signature"] = signature(checker, path)
    if args.json:
        if not args.details:
            out.pop("details")
        print(json.dumps(out, indent=2, ensure_ascii=False))
        return 0
    print(f"pairs {out['pairs']}  verdict accuracy {out['accuracy']:.3f}  difference-type accuracy {out['difference_type_accuracy']:.3f}")
    cols = LABELS + ("no_source",)
    head = "gold / pred"
    print(f"{head:<18}" + "".join(f"{c[:12]:>14}" for c in cols))
    for g in LABELS:
        print(f"{g:<18}" + "".join(f"{out['confusion'][g][c]:>14}" for c in cols))
    sig = out["signature"]
    print(f"signature: lintas:{sig['lintas']}|checker:{sig['checker']}|method:{sig['method']}|"
          + "|".join(f"{k}:{v['sha256']}:{v['rows']}" for k, v in sig["data"].items()))
    if args.details:
        for d in out["details"]:
            print(json.dumps(d, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
