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
    from service.sourcecheck import load_source

    confusion = {g: {p: 0 for p in LABELS + ("no_source",)} for g in LABELS}
    correct = diff_ok = diff_total = 0
    details = []
    per_pair = []
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
        per_pair.append({"id": pair["id"], "gold": pair["gold"], "pred": r.verdict, "ok": ok})
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
            "per_label": per_label, "confusion": confusion, "details": details, "per_pair": per_pair}


def signature(checker, path: Path = DATA) -> dict:
    import service
    from service.sourcecheck import CHECKER_VERSION

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
    from service.sourcecheck import Checker
    from service.sourcecheck.embed import LexicalSimilarity

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


# ---- lintas eval check: the same scores as a result with signature, JSON/Markdown/PNG -----------

def run(*, data: str | None = None, lexical: bool = False, model: str | None = None, backend: str = "auto",
        generation: dict | None = None, translator=None, checker=None, seed: int | None = None,
        n_bootstrap: int | None = None, command: str = "") -> dict:
    """Verdict accuracy. Oracle mode (the default): claims in English are the labels' reference
    translations (``claim_en``), so the check is measured apart from the translator. With
    ``model`` (or ``translator``), the claims are translated by lintas first, as in the product."""
    import datetime as _dt

    from .common import (DEFAULT_BOOTSTRAP, DEFAULT_SEED, SCHEMA, EvalDataError, fingerprint, run_signature,
                         scoring_setup, service_signature)
    from .stats import AGGREGATORS, bootstrap_interval

    seed = DEFAULT_SEED if seed is None else seed
    n_bootstrap = DEFAULT_BOOTSTRAP if n_bootstrap is None else n_bootstrap
    path = Path(data) if data else DATA
    if not path.is_file():
        raise EvalDataError(f"No such file: {path}")
    try:
        pairs = load(path)
    except (ValueError, UnicodeDecodeError) as e:
        raise EvalDataError(f"{path} is not JSONL of labelled pairs: {e}") from e
    missing = [k for k in ("id", "claim", "kind", "gold", "source_name", "source_text") if pairs and k not in pairs[0]]
    if not pairs or missing:
        raise EvalDataError(f"{path}: no labelled pairs" + (f" (missing fields: {', '.join(missing)})" if missing else "") + ".")
    bad = sorted({p["gold"] for p in pairs} - set(LABELS))
    if bad:
        raise EvalDataError(f"{path}: unknown gold verdicts {bad}; known: {', '.join(LABELS)}.")
    notes = []
    if model is not None or translator is not None:
        from .translation import model_notes, translate_lines

        if translator is None:
            from service.translation import load_translator

            translator = load_translator(model, backend=backend, generation=generation)
        claims_en, _ = translate_lines(translator, [p["claim"] for p in pairs])
        pairs = [{**p, "claim_en": c} for p, c in zip(pairs, claims_en)]
        translation = {"mode": "model", "models": service_signature([translator.info])["models"]}
        notes += model_notes(translator.info)
    else:
        translation = {"mode": "oracle", "source": "claim_en (reference translations in the labels)"}
        notes.append("Oracle mode: claims use the labels' reference translations, so the check is measured apart from the translator.")
    if checker is None:
        from service.sourcecheck import Checker
        from service.sourcecheck.embed import LexicalSimilarity

        checker = Checker(similarity=LexicalSimilarity()) if lexical else Checker()
    out = evaluate(pairs, checker)
    items = [{"id": p["id"], "gold": p["gold"], "pred": p["pred"], "stats": {"accuracy": [int(p["ok"]), 1]}} for p in out["per_pair"]]
    from service.sourcecheck import CHECKER_VERSION

    svc = service_signature()
    system = {"checker": CHECKER_VERSION, "method": checker.method, "lintas": svc["lintas"], "segmenter": svc["segmenter"],
              "packages": svc["packages"]}
    setup = {"data": {"pairs": fingerprint(path, rows=len(pairs))}, "translation": translation,
             **scoring_setup(seed, n_bootstrap)}
    return {"schema": SCHEMA, "task": "check",
            "scores": {"accuracy": out["accuracy"], "difference_type_accuracy": out["difference_type_accuracy"]},
            "intervals": {"accuracy": bootstrap_interval([it["stats"]["accuracy"] for it in items], AGGREGATORS["ratio"], n_bootstrap, seed)},
            "summary": {"pairs": out["pairs"], "per_label": out["per_label"], "confusion": out["confusion"]},
            "aggregators": {"accuracy": "ratio"}, "signature": run_signature("check", system, setup), "notes": notes,
            "items": items, "details": out["details"],
            "created": _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"), "command": command}


def write(result: dict, out_dir) -> list[Path]:
    from . import outputs

    cols = LABELS + ("no_source",)
    conf = result["summary"]["confusion"]
    body = ["## Confusion matrix (rows: gold, columns: predicted)", "", "| gold → predicted | " + " | ".join(cols) + " |",
            "|---|" + "---|" * len(cols)]
    body += [f"| {g} | " + " | ".join(str(conf[g][c]) for c in cols) + " |" for g in LABELS]
    body += ["", "## Per label", "", "| label | gold | precision | recall |", "|---|---|---|---|"]
    body += [f"| {k} | {v['gold']} | {v['precision']:.3f} | {v['recall']:.3f} |" for k, v in result["summary"]["per_label"].items()]
    body.append("")
    plots = {"Verdict confusion matrix": ("check_confusion.png", outputs.confusion_plot(conf, "Source check: verdicts"))}
    return outputs.write(result, out_dir, "check", "Source-check evaluation", plots, body, digits=3)


def text_summary(result: dict) -> str:
    iv = result["intervals"]["accuracy"]
    lines = [f"pairs {result['summary']['pairs']}  verdict accuracy {result['scores']['accuracy']:.3f}"
             + (f"  [{iv['low']:.3f}, {iv['high']:.3f}]" if iv else "")
             + f"  difference-type accuracy {result['scores']['difference_type_accuracy']:.3f}"]
    cols = LABELS + ("no_source",)
    lines.append(f"{'gold / pred':<18}" + "".join(f"{c[:12]:>14}" for c in cols))
    for g in LABELS:
        lines.append(f"{g:<18}" + "".join(f"{result['summary']['confusion'][g][c]:>14}" for c in cols))
    lines += [f"note: {n}" for n in result["notes"]]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
