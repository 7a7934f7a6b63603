"""Score attribution extraction against the hand-labelled set in eval/data/attribution/.

    python -m eval.attribution [--json] [--details] [--shared ../shared]

Prints precision, recall and F1 of attribution detection, speaker accuracy (on matched
attributions), kind accuracy, and trap precision (negative sentences left alone), for the
articles written for this repo and the real IndoSum articles separately, with a signature.

Matching: an attribution is located by its sentence (the gold ``sentence`` substring); within a
sentence, gold and predicted attributions are paired greedily, same speaker first.

Speaker accuracy is strict: the predicted name must be the labelled name (a person's full name,
a body's or outlet's name or registry key); a matching role, a surname alone or a shared last
word counts only in ``speaker_lenient`` (the score before issue #18). Source type accuracy
compares ``source.type`` with the label's ``source_type``; ``via`` (a relaying outlet) is
compared where either side gives one.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import platform
import re
import sys
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE / "data" / "attribution"
INDOSUM = Path("data") / "eval" / "indosum" / "derived_indosum_dev01_detok.jsonl"
# The repo's slice of IndoSum dev.01 holds every article the labels refer to (tests/data/PROVENANCE.md).
INDOSUM_SAMPLE = HERE.parent / "tests" / "data" / "eval" / "indosum" / "dev01_sample.jsonl"


def _norm(s: str | None) -> str:
    s = unicodedata.normalize("NFKC", s or "").casefold()
    return re.sub(r"[^\w\s]", " ", s).split().__str__() if False else " ".join(re.sub(r"[^\w\s-]", " ", s).split())


def speaker_matches(pred: dict, gold: dict, registry) -> bool:
    g = _norm(gold.get("speaker"))
    if not g:
        return False
    cands = [pred["speaker"].get("name"), pred["source"].get("name"), pred["speaker"].get("role")]
    ge = registry.lookup(gold.get("speaker") or "")
    for c in cands:
        c_n = _norm(c)
        if not c_n:
            continue
        if c_n == g or (len(c_n) > 3 and (c_n in g or g in c_n)):
            return True
        if c_n.split()[-1] == g.split()[-1] and len(g.split()[-1]) > 3:
            return True
        ce = registry.lookup(c or "")
        if ge is not None and ce is not None and ge.key == ce.key:
            return True
    if ge is not None and pred["source"].get("key") == ge.key:
        return True
    return False


def _bare(s: str | None) -> str:
    """A name without a parenthesised acronym ("Badan Pusat Statistik (BPS)")."""
    return _norm(re.sub(r"\s*\([^)]*\)", "", s or ""))


def speaker_strict(pred: dict, gold: dict, registry) -> bool:
    """The name must match: a person's full name as the label gives it (any form the article's
    people registry resolves to it is already the full name), a body's or outlet's name or
    registry key. A matching role alone, a surname alone or a shared last word is not a hit."""
    g = _bare(gold.get("speaker"))
    if not g:
        return False
    names = [pred["speaker"].get("name"), pred["source"].get("name")]
    if any(_bare(c) == g for c in names if c):
        return True
    ge = registry.lookup(gold.get("speaker") or "")
    if ge is not None and (pred["source"].get("key") == ge.key
                           or any((registry.lookup(c or "") or ge).key == ge.key and registry.lookup(c or "") for c in names)):
        return True
    if gold.get("source_type") == "unnamed":  # a phrase: the predicted phrase may be cut shorter
        return any(c and len(_norm(c)) > 3 and (_norm(c) in g or g in _norm(c)) for c in names)
    return False


def _locate(article, needle: str) -> int | None:
    """The index of the sentence holding ``needle`` (whitespace-insensitive)."""
    text = article.text
    pos = text.find(needle)
    if pos < 0:
        squeezed = re.sub(r"\s+", " ", needle.strip())
        pos = text.find(squeezed)
    if pos < 0:
        return None
    for s in article.sentences:
        if s.start <= pos < s.end:
            return s.index
    return None


def load_items(shared: Path | None, indosum: Path | None = None) -> list[dict]:
    """The labelled articles: the written set, and the IndoSum labels with their article text
    (from ``indosum``, else ``shared/data/eval/indosum/…``)."""
    items = []
    for line in (DATA / "written.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            items.append(json.loads(line))
    path = indosum if indosum is not None else shared / INDOSUM
    by_id = {}
    if path.is_file():
        for line in path.read_text(encoding="utf-8").splitlines():
            d = json.loads(line)
            by_id[d["id"]] = d
    for line in (DATA / "indosum_labels.jsonl").read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        d = json.loads(line)
        src = by_id.get(d["indosum_id"])
        if src is None:
            raise SystemExit(f"IndoSum article {d['indosum_id']} not found in {path}: pass --shared")
        if d.get("line", 0) > 150:
            raise SystemExit(f"{d['id']}: labels may only use the first 150 IndoSum articles (tuning set)")
        art = src["article"]
        d["text"] = art if "\n\n" in art else art.replace("\n", "\n\n")
        items.append(d)
    return items


_COUNTS = ("tp", "fp", "fn", "speaker_ok", "speaker_lenient_ok", "type_ok", "type_total", "via", "via_ok", "kind_ok", "neg", "neg_clean", "articles", "unlocated", "ambiguous_skipped")


def evaluate(items: list[dict]) -> dict:
    from service.attribution import Extractor

    sc = _Scorer(Extractor())
    for item in items:
        sc.score_article(item)
    results = {}
    total = dict.fromkeys(_COUNTS, 0)
    for name, g in list(sc.groups.items()) + [("all", None)]:
        if g is None:
            g = total
        else:
            for k in total:
                total[k] += g[k]
        results[name] = _rates(g)
    return {"results": results, "details": sc.details, "kind_confusion": sc.kinds, "per_article": sc.per_article}


def _rates(g: dict) -> dict:
    """One set's counts → its precision, recall, F1, speaker and kind accuracy, trap precision."""
    p = g["tp"] / max(g["tp"] + g["fp"], 1)
    r = g["tp"] / max(g["tp"] + g["fn"], 1)
    f = 2 * p * r / max(p + r, 1e-9)
    return {
        "articles": g["articles"], "gold": g["tp"] + g["fn"], "predicted": g["tp"] + g["fp"],
        "precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4),
        "speaker_accuracy": round(g["speaker_ok"] / max(g["tp"], 1), 4),
        "speaker_lenient": round(g["speaker_lenient_ok"] / max(g["tp"], 1), 4),
        "source_type_accuracy": round(g["type_ok"] / max(g["type_total"], 1), 4),
        "via_accuracy": round(g["via_ok"] / max(g["via"], 1), 4) if g["via"] else None,
        "kind_accuracy": round(g["kind_ok"] / max(g["tp"], 1), 4),
        "negatives": g["neg"], "trap_precision": round(g["neg_clean"] / max(g["neg"], 1), 4),
        "unlocated_gold": g["unlocated"], "ambiguous_predictions_skipped": g["ambiguous_skipped"],
    }


class _Scorer:
    """Counts per set (an item's ``origin``), the misses and spurious cases (``details``), the kind
    confusion on matched attributions and one row of counts per article."""

    def __init__(self, extractor):
        self.ex = extractor
        self.groups: dict[str, dict] = {}
        self.details: list[dict] = []
        self.kinds: dict[str, dict[str, int]] = {}  # gold kind → predicted kind, on matched attributions
        self.per_article: list[dict] = []

    def score_article(self, item: dict) -> None:
        import service

        g = self.groups.setdefault(item["origin"], dict.fromkeys(_COUNTS, 0))
        g["articles"] += 1
        before = {k: g[k] for k in ("tp", "fp", "fn", "speaker_ok")}
        article = service.prepare(item["text"])
        preds, _ = self.ex.extract(article)
        gold_by_sent = self._gold_by_sentence(item, article, g)
        pred_by_sent = self._predictions_by_sentence(item, article, [p.to_dict() for p in preds], gold_by_sent, g)
        for si in sorted(set(gold_by_sent) | set(pred_by_sent)):
            self._score_sentence(item, article, si, gold_by_sent.get(si, []), pred_by_sent.get(si, []), g)
        neg0 = (g["neg"], g["neg_clean"])
        for neg in item.get("negatives", []):
            si = _locate(article, neg["sentence"])
            if si is None:
                continue  # headline traps: the headline is the title, never scanned for attributions
            g["neg"] += 1
            g["neg_clean"] += si not in pred_by_sent
        self.per_article.append({"id": item["id"], "origin": item["origin"], **{k: g[k] - before[k] for k in before},
                                 "neg": g["neg"] - neg0[0], "neg_clean": g["neg_clean"] - neg0[1]})

    def _gold_by_sentence(self, item: dict, article, g: dict) -> dict[int, list[dict]]:
        gold_by_sent: dict[int, list[dict]] = {}
        for ga in item["attributions"]:
            si = _locate(article, ga["sentence"])
            if si is None:
                g["unlocated"] += 1
                g["fn"] += 1
                self.details.append({"article": item["id"], "type": "unlocated", "gold": ga})
                continue
            gold_by_sent.setdefault(si, []).append(ga)
        return gold_by_sent

    @staticmethod
    def _predictions_by_sentence(item: dict, article, preds: list[dict], gold_by_sent: dict, g: dict) -> dict[int, list[dict]]:
        # sentences the labeller marked ambiguous (e.g. cue-less continuations of reported speech)
        # are scored neither way
        ambiguous = {_locate(article, a["sentence"]) for a in item.get("ambiguous", [])} - {None}
        pred_by_sent: dict[int, list[dict]] = {}
        for p in preds:
            if p["sentence"] in ambiguous and p["sentence"] not in gold_by_sent:
                g["ambiguous_skipped"] += 1
                continue
            pred_by_sent.setdefault(p["sentence"], []).append(p)
        return pred_by_sent

    def _pairs(self, gs: list[dict], ps: list[dict]) -> list[tuple[dict, dict]]:
        """Gold and predicted attributions of one sentence paired, the same speaker first; what is
        left unpaired stays in ``gs`` / ``ps``."""
        pairs = []
        for match in (speaker_strict, speaker_matches):
            self._pair_by(match, gs, ps, pairs)
        while gs and ps:
            pairs.append((gs.pop(0), ps.pop(0)))
        return pairs

    def _pair_by(self, match, gs: list[dict], ps: list[dict], pairs: list) -> None:
        for ga in list(gs):
            for p in ps:
                if match(p, ga, self.ex.registry):
                    pairs.append((ga, p))
                    gs.remove(ga)
                    ps.remove(p)
                    break

    def _score_sentence(self, item: dict, article, si: int, gold: list[dict], predicted: list[dict], g: dict) -> None:
        gs, ps = list(gold), list(predicted)
        text = article.sentences[si].text
        for ga, p in self._pairs(gs, ps):
            g["tp"] += 1
            ok = speaker_strict(p, ga, self.ex.registry)
            g["speaker_ok"] += ok
            g["speaker_lenient_ok"] += speaker_matches(p, ga, self.ex.registry)
            if ga.get("source_type"):
                g["type_total"] += 1
                g["type_ok"] += p["source"]["type"] == ga["source_type"]
                if p["source"]["type"] != ga["source_type"]:
                    self.details.append({"article": item["id"], "type": "wrong_source_type", "sentence": si, "gold": ga["source_type"],
                                         "speaker": ga["speaker"], "pred": p["source"]["type"], "text": text})
            if ga.get("via") or p.get("via"):
                g["via"] += 1
                g["via_ok"] += bool(ga.get("via") and p.get("via") and _norm(ga["via"]) == _norm(p["via"]["name"]))
            g["kind_ok"] += p["kind"] == ga["kind"]
            row = self.kinds.setdefault(ga["kind"], {})
            row[p["kind"]] = row.get(p["kind"], 0) + 1
            if not ok:
                self.details.append({"article": item["id"], "type": "wrong_speaker", "sentence": si, "gold": ga["speaker"],
                                     "pred": [p["speaker"]["name"], p["source"]["name"]], "text": text})
        for ga in gs:
            g["fn"] += 1
            self.details.append({"article": item["id"], "type": "missed", "sentence": si, "gold": ga, "text": text})
        for p in ps:
            g["fp"] += 1
            self.details.append({"article": item["id"], "type": "spurious", "sentence": si,
                                 "pred": [p["kind"], p["cue"], p["speaker"]["name"], p["source"]["name"]], "text": text})


def signature(shared: Path) -> dict:
    import service
    from service.attribution import EXTRACTOR_VERSION
    from service.segment import SEGMENTER_VERSION

    files = {}
    for p in (DATA / "written.jsonl", DATA / "indosum_labels.jsonl", shared / INDOSUM):
        if p.is_file():
            b = p.read_bytes()
            files[p.name] = {"sha256": hashlib.sha256(b).hexdigest()[:16], "rows": b.count(b"\n")}
    return {"lintas": service.__version__, "extractor": EXTRACTOR_VERSION, "segmenter": SEGMENTER_VERSION,
            "data": files, "python": platform.python_version()}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", default=str(HERE.parent.parent / "shared"), help="the shared/ folder (for IndoSum)")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--details", action="store_true", help="list every miss, spurious and wrong speaker")
    args = ap.parse_args(argv)
    shared = Path(args.shared)
    out = evaluate(load_items(shared))
    out["signature"] = signature(shared)
    if args.json:
        print(json.dumps(out if args.details else {k: v for k, v in out.items() if k != "details"}, ensure_ascii=False, indent=2))
        return 0
    print(f"{'set':<10} {'art':>4} {'gold':>5} {'pred':>5} {'P':>6} {'R':>6} {'F1':>6} {'spk':>6} {'spk~':>6} {'type':>6} {'kind':>6} {'traps':>6}")
    for name, r in out["results"].items():
        print(f"{name:<10} {r['articles']:>4} {r['gold']:>5} {r['predicted']:>5} {r['precision']:>6.3f} {r['recall']:>6.3f} "
              f"{r['f1']:>6.3f} {r['speaker_accuracy']:>6.3f} {r['speaker_lenient']:>6.3f} {r['source_type_accuracy']:>6.3f} "
              f"{r['kind_accuracy']:>6.3f} {r['trap_precision']:>6.3f}")
    sig = out["signature"]
    print("signature: " + "|".join([f"lintas:{sig['lintas']}", f"extractor:{sig['extractor']}", f"segmenter:{sig['segmenter']}"]
                                   + [f"{k}:{v['sha256']}:{v['rows']}" for k, v in sig["data"].items()]))
    if args.details:
        for d in out["details"]:
            print(json.dumps(d, ensure_ascii=False))
    return 0


# ---- lintas eval attribution: the same scores as a result with signature, JSON/Markdown/PNG ----

def load_label_files(paths: list[Path], indosum: Path | None) -> list[dict]:
    """Other JSONL label files in the same format: each row has ``attributions`` (and optional
    ``negatives``, ``ambiguous``) and either its ``text`` or an ``indosum_id`` (the article is
    then read from the IndoSum file)."""
    from .common import EvalDataError

    items: list[dict] = []
    by_id: dict | None = None
    for path in paths:
        if not path.is_file():
            raise EvalDataError(f"No such file: {path}")
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                d = json.loads(line)
            except json.JSONDecodeError as e:
                raise EvalDataError(f"{path}:{n}: not JSON ({e.msg}).") from e
            if not isinstance(d, dict) or "attributions" not in d or not ("text" in d or "indosum_id" in d):
                raise EvalDataError(f"{path}:{n}: a label row needs 'attributions' and 'text' (or 'indosum_id').")
            d.setdefault("id", f"{path.stem}-{n}")
            d.setdefault("origin", path.stem)
            if "text" not in d:
                if by_id is None:
                    if indosum is None or not indosum.is_file():
                        raise EvalDataError(f"{path}:{n} refers to IndoSum, but the IndoSum file is missing "
                                            f"({indosum or 'no data root'}): pass --data-root DIR.")
                    by_id = {x["id"]: x for x in map(json.loads, indosum.read_text(encoding="utf-8").splitlines())}
                src = by_id.get(d["indosum_id"])
                if src is None:
                    raise EvalDataError(f"{path}:{n}: IndoSum article {d['indosum_id']!r} not found in {indosum}.")
                art = src["article"]
                d["text"] = art if "\n\n" in art else art.replace("\n", "\n\n")
            items.append(d)
    return items


def run(*, data_root: str | None = None, labels: list[str] | None = None, seed: int | None = None,
        n_bootstrap: int | None = None, command: str = "") -> dict:
    """Score attribution extraction against the repo's labels (default) or ``labels`` files."""
    import datetime as _dt

    from .common import (DEFAULT_BOOTSTRAP, DEFAULT_SEED, SCHEMA, EvalDataError, data_root as _root, fingerprint,
                         run_signature, scoring_setup, service_signature)
    from .stats import AGGREGATORS, bootstrap_interval

    seed = DEFAULT_SEED if seed is None else seed
    n_bootstrap = DEFAULT_BOOTSTRAP if n_bootstrap is None else n_bootstrap
    if labels:
        try:
            indosum = _root(data_root) / "indosum" / INDOSUM.name
        except EvalDataError:
            indosum = None  # only needed by rows that refer to IndoSum
        label_paths = [Path(x) for x in labels]
        items = load_label_files(label_paths, indosum)
        if not items:
            raise EvalDataError("The label files hold no rows.")
        data = {p.stem: fingerprint(p) for p in label_paths}
        if indosum is not None and indosum.is_file() and any("indosum_id" in it for it in items):
            data["indosum"] = fingerprint(indosum)
    else:
        indosum = _root(data_root) / "indosum" / INDOSUM.name
        if not indosum.is_file() and data_root is None:
            indosum = INDOSUM_SAMPLE  # the labelled articles, in the repo
        if not indosum.is_file():
            raise EvalDataError(f"The IndoSum articles the labels refer to are missing: {indosum}. "
                                "Pass --data-root DIR (the shared evaluation bundle).")
        items = load_items(None, indosum)
        data = {"written": fingerprint(DATA / "written.jsonl"), "labels": fingerprint(DATA / "indosum_labels.jsonl"),
                "indosum": fingerprint(indosum)}
    out = evaluate(items)
    res = out["results"]
    scores = {"f1": res["all"]["f1"], "precision": res["all"]["precision"], "recall": res["all"]["recall"],
              "speaker_accuracy": res["all"]["speaker_accuracy"]}
    for origin in ("indosum", "written"):
        if origin in res:
            scores[f"{origin}_f1"] = res[origin]["f1"]
            scores[f"{origin}_speaker_accuracy"] = res[origin]["speaker_accuracy"]
    scores["speaker_lenient"] = res["all"]["speaker_lenient"]
    scores["source_type_accuracy"] = res["all"]["source_type_accuracy"]
    scores["kind_accuracy"] = res["all"]["kind_accuracy"]
    scores["trap_precision"] = res["all"]["trap_precision"]
    items = [{"id": a["id"], "origin": a["origin"],
              "stats": {"f1": [a["tp"], a["fp"], a["fn"]], "speaker_accuracy": [a["speaker_ok"], a["tp"]],
                        "trap_precision": [a["neg_clean"], a["neg"]]}} for a in out["per_article"]]
    aggregators = {"f1": "f1", "speaker_accuracy": "ratio", "trap_precision": "ratio"}
    intervals = {k: bootstrap_interval([it["stats"][k] for it in items], AGGREGATORS[agg], n_bootstrap, seed)
                 for k, agg in aggregators.items()}
    import service.attribution as _sa

    svc = service_signature()
    system = {"extractor": svc["extractor"], "segmenter": svc["segmenter"], "lintas": svc["lintas"],
              "sources": fingerprint(Path(_sa.__file__).parent / "sources.toml")}
    setup = {"data": data,
             "translation": "none: attribution runs on the Indonesian text, before translation",
             "matching": "sentence located by substring; pairs greedy, same speaker first; speaker strict (name must match)",
             **scoring_setup(seed, n_bootstrap)}
    return {"schema": SCHEMA, "task": "attribution", "scores": scores, "intervals": intervals,
            "summary": {"by_set": res, "kind_confusion": out["kind_confusion"]}, "aggregators": aggregators,
            "signature": run_signature("attribution", system, setup), "notes": [], "items": items,
            "details": out["details"], "created": _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"),
            "command": command}


def write(result: dict, out_dir) -> list[Path]:
    from . import outputs

    md = outputs.md_escape
    body = ["## By set", "", "| set | articles | gold | predicted | P | R | F1 | speaker | kind | traps left alone |",
            "|---|---|---|---|---|---|---|---|---|---|"]
    for name, r in result["summary"]["by_set"].items():
        body.append(f"| {md(name)} | {r['articles']} | {r['gold']} | {r['predicted']} | {r['precision']:.3f} | {r['recall']:.3f} "
                    f"| {r['f1']:.3f} | {r['speaker_accuracy']:.3f} | {r['kind_accuracy']:.3f} | {r['trap_precision']:.3f} |")
    body += ["", f"{len(result['details'])} misses, spurious and wrong-speaker cases are listed in attribution.json (details).", ""]
    kc = result["summary"]["kind_confusion"]
    plots = {"Attribution kind (matched attributions)": ("attribution_kind_confusion.png",
                                                          outputs.confusion_plot(kc, "Attribution kind: gold vs predicted"))} if kc else {}
    return outputs.write(result, out_dir, "attribution", "Attribution evaluation", plots, body, digits=3)


def text_summary(result: dict) -> str:
    return "\n".join(f"{k:<26} {v:.3f}" + (f"  [{result['intervals'][k]['low']:.3f}, {result['intervals'][k]['high']:.3f}]"
                                          if result["intervals"].get(k) else "") for k, v in result["scores"].items())


if __name__ == "__main__":
    sys.exit(main())
