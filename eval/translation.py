"""Translation quality: BLEU, chrF, chrF++ and TER through sacrebleu, with its signatures.

    lintas eval translation --hyp FILE --ref FILE [--src FILE]       # any system's output
    lintas eval translation --dataset ud-pud-news --system [--model M] [--limit N]
    lintas eval translation … --json | --out DIR                     # JSON + Markdown + PNG

The corpus scores are sacrebleu's own ``corpus_score`` (default settings: BLEU 13a, chrF n=6
β=2, chrF++ word order 2, TER); per-sentence chrF is ``CHRF().sentence_score``. Intervals:
seeded bootstrap over sentences (:mod:`eval.stats`, sacrebleu's procedure).

``--system`` runs lintas's own translator on the source first, through the product path: each
line becomes a paragraph, segmented, attributed (speakers are protected names), translated with
protection and the shipped glossary, the paragraph's sentences joined with a space.
"""

from __future__ import annotations

import datetime as _dt
import json
import logging
import re
from collections import Counter
from pathlib import Path

from .common import (DEFAULT_BOOTSTRAP, DEFAULT_SEED, SCHEMA, EvalDataError, fingerprint, run_signature,
                     scoring_setup, service_signature)
from .inputs import read_column
from .stats import bootstrap_interval

log = logging.getLogger(__name__)

METRICS = ("bleu", "chrf", "chrf++", "ter")
SRC_FIELDS = ("id", "src", "source", "indonesian")
REF_FIELDS = ("en", "ref", "reference", "target", "english")
HYP_FIELDS = ("hyp", "hypothesis", "translation", "output", "mt", "en")


def metric_objects() -> dict:
    from sacrebleu.metrics import BLEU, CHRF, TER

    return {"bleu": BLEU(), "chrf": CHRF(), "chrf++": CHRF(word_order=2), "ter": TER()}


def metric_stats(metric, hyps: list[str], refs: list[str]) -> list[list[float]]:
    """sacrebleu's per-sentence sufficient statistics (what its own bootstrap resamples)."""
    return metric._extract_corpus_statistics(hyps, [refs])


def metric_compute(metric):
    return lambda s: metric._compute_score_from_stats(s).score


def _check_pair(hyps: list[str], refs: list[str]) -> None:
    if not refs:
        raise EvalDataError("No reference segments to score.")
    if len(hyps) != len(refs):
        raise EvalDataError(f"{len(hyps)} hypotheses but {len(refs)} references: the files must align line by line.")


def score(hyps: list[str], refs: list[str], *, seed: int = DEFAULT_SEED, n_bootstrap: int = DEFAULT_BOOTSTRAP) -> dict:
    """Corpus scores (sacrebleu's 0–100 scale), 95% bootstrap intervals, sacrebleu signatures,
    and per-sentence chrF."""
    from sacrebleu.metrics import CHRF

    _check_pair(hyps, refs)
    scores, intervals, sigs = {}, {}, {}
    for name, m in metric_objects().items():
        scores[name] = m.corpus_score(hyps, [refs]).score
        sigs[name] = str(m.get_signature())
        intervals[name] = bootstrap_interval(metric_stats(m, hyps, refs), metric_compute(m), n_bootstrap, seed)
    chrf = CHRF()
    per = [chrf.sentence_score(h, [r]).score for h, r in zip(hyps, refs)]
    return {"scores": scores, "intervals": intervals, "metric_signatures": sigs, "sentence_chrf": per}


# ---- running lintas's translator -------------------------------------------------------------

def _article_of_lines(lines: list[str]):
    """One paragraph per line (no ingest: the lines are already clean segments)."""
    from service.article import Article, Paragraph
    from service.segment import segment

    clean = [re.sub(r"\s+", " ", line).strip() for line in lines]
    paras, pos = [], 0
    for i, line in enumerate(clean):
        paras.append(Paragraph(i, pos, pos + len(line)))
        pos += len(line) + 2
    return segment(Article(text="\n\n".join(clean), title_span=None, paragraphs=tuple(paras)))


def translate_lines(translator, lines: list[str], *, protect: bool = True, glossary=None, progress=None) -> tuple[list[str], list]:
    """Each line translated through the product path; returns (translations, MT-check issues)."""
    from service.attribution import attribute
    from service.translation.protect import load_glossary

    article = attribute(_article_of_lines(lines))
    terms = load_glossary(glossary) if protect else None
    article = translator.translate_article(article, progress=progress, protect=protect, glossary=terms, checks=True)
    out = []
    for p in article.paragraphs:
        out.append(" ".join(s.translation for s in article.sentences_of(p.index) if s.translation))
    return out, list(article.issues)


def model_notes(info: dict) -> list[str]:
    """Say when the model is a test model (random weights) or not pinned to a revision."""
    notes = []
    ident = str(info.get("id") or "")
    p = Path(ident)
    cfg = p / "config.json"
    if cfg.is_file():
        try:
            d_model = json.loads(cfg.read_text(encoding="utf-8")).get("d_model")
        except (OSError, ValueError):
            d_model = None
        from service.testing.tiny import TEST_MODEL_MARKER

        if (p / TEST_MODEL_MARKER).is_file() or (isinstance(d_model, int) and d_model < 128):
            notes.append(f"The model ({ident}) is a test model with random weights (lintas models build-tiny): "
                         "its scores are meaningless; only the pipeline and the report are real.")
    if not info.get("revision") and info.get("backend") != "oracle":
        notes.append("The model has no pinned revision (a local directory): record where it came from.")
    return notes


def run(*, hyp: str | None = None, ref: str | None = None, src: str | None = None, dataset: str | None = None,
        data_root: str | None = None, system: bool = False, model: str | None = None, backend: str = "auto",
        generation: dict | None = None, protect: bool = True, glossary: str | None = None, translator=None,
        hyp_field: str | None = None, ref_field: str | None = None, src_field: str | None = None,
        fmt: str = "auto", limit: int | None = None, seed: int = DEFAULT_SEED,
        n_bootstrap: int = DEFAULT_BOOTSTRAP, label: str | None = None, command: str = "") -> dict:
    """Score a translation run; the result object (``lintas.eval/1``) with its signature."""
    import sacrebleu

    _check_sources(hyp, ref, src, dataset, system)
    refs, src_lines, ids, data = _references_and_sources(dataset, data_root, ref, src, ref_field, src_field, fmt, limit)
    notes: list[str] = []
    issues: list = []
    if system:
        hyps, issues, sys_sig, notes = _system_translations(src_lines, translator, model, backend, generation,
                                                            protect, glossary, label)
    else:
        hyps, how = read_column(hyp, hyp_field, fmt, role="hyp", defaults=HYP_FIELDS)
        hyps = hyps[:limit] if limit else hyps
        sys_sig = {"kind": "file", "label": label, "hypotheses": fingerprint(hyp, rows=len(hyps), **how)}
    _check_pair(hyps, refs)
    res = score(hyps, refs, seed=seed, n_bootstrap=n_bootstrap)
    setup = {"data": data, "limit": limit, "metrics": res["metric_signatures"],
             **scoring_setup(seed, n_bootstrap, "sacrebleu")}
    setup["packages"]["sacrebleu"] = sacrebleu.__version__
    per = res["sentence_chrf"]
    summary = {"segments": len(hyps), "empty_hypotheses": sum(1 for h in hyps if not h.strip()),
               "sentence_chrf_mean": sum(per) / len(per), "sentence_chrf_median": sorted(per)[len(per) // 2]}
    if system:
        summary["mt_check_issues"] = dict(Counter(getattr(x, "code", str(x)) for x in issues))
    return {
        "schema": SCHEMA,
        "task": "translation",
        "scores": res["scores"],
        "intervals": res["intervals"],
        "summary": summary,
        "signature": run_signature("translation", sys_sig, setup),
        "notes": notes,
        "items": _items(hyps, refs, src_lines, ids, per),
        "created": _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"),
        "command": command,
    }


def _check_sources(hyp, ref, src, dataset, system: bool) -> None:
    if system and hyp:
        raise EvalDataError("Give either --hyp (score a file) or --system (run lintas's translator), not both.")
    if not system and not hyp:
        raise EvalDataError("Nothing to score: give --hyp FILE, or --system to translate the source with lintas.")
    if dataset and (ref or src):
        raise EvalDataError("Give either --dataset NAME or --ref/--src files, not both.")


def _references_and_sources(dataset, data_root, ref, src, ref_field, src_field, fmt, limit) -> tuple:
    """(references, sources or None, ids or None, data fingerprints) from a named data set or files."""
    data: dict = {}
    if dataset:
        from .datasets import get

        cols, fp = get(dataset, "translation").load(data_root, limit)
        data["dataset"] = fp
        return cols["ref"], cols["src"], cols["id"], data
    if not ref:
        raise EvalDataError("No references: give --ref FILE or --dataset NAME.")
    refs, how = read_column(ref, ref_field, fmt, role="ref", defaults=REF_FIELDS)
    refs = refs[:limit] if limit else refs
    data["ref"] = fingerprint(ref, rows=len(refs), **how)
    src_lines = None
    if src:
        src_lines, how = read_column(src, src_field, fmt, role="src", defaults=SRC_FIELDS)
        src_lines = src_lines[:limit] if limit else src_lines
        data["src"] = fingerprint(src, rows=len(src_lines), **how)
        if len(src_lines) != len(refs):
            raise EvalDataError(f"{len(src_lines)} source segments but {len(refs)} references.")
    return refs, src_lines, None, data


def _system_translations(src_lines, translator, model, backend, generation, protect: bool, glossary, label) -> tuple:
    """lintas translates the source: (hypotheses, MT-check issues, system signature, notes)."""
    if src_lines is None:
        raise EvalDataError("--system translates the source: give --src FILE or --dataset NAME.")
    if translator is None:
        from service.translation import load_translator

        translator = load_translator(model, backend=backend, generation=generation)
    hyps, issues = translate_lines(translator, src_lines, protect=protect, glossary=glossary)
    info = translator.info
    svc = service_signature([info])
    sys_sig = {"kind": "lintas", "label": label, "models": svc["models"], "model": info,
               "protect": protect, "glossary": fingerprint(glossary) if glossary else "shipped" if protect else None,
               "lintas": svc["lintas"], "segmenter": svc["segmenter"], "extractor": svc["extractor"],
               "packages": {**svc["packages"], **_runtime_packages(info)}, "python": svc["python"]}
    return hyps, issues, sys_sig, model_notes(info)


def _items(hyps: list[str], refs: list[str], src_lines, ids, chrf: list[float]) -> list[dict]:
    items = []
    for i, (h, r) in enumerate(zip(hyps, refs)):
        item = {"id": ids[i] if ids else str(i), "hyp": h, "ref": r, "chrf": chrf[i]}
        if src_lines is not None:
            item["src"] = src_lines[i]
        items.append(item)
    return items


def _runtime_packages(info: dict) -> dict:
    from .common import package_versions

    return package_versions("ctranslate2") if info.get("backend") == "ctranslate2" else {}


def write(result: dict, out_dir: str | Path) -> list[Path]:
    from . import outputs

    md = outputs.md_escape
    worst = sorted(result["items"], key=lambda x: x["chrf"])[:5]
    body = ["## Summary", ""] + [f"- {k.replace('_', ' ')}: {outputs.fmt(v)}" for k, v in result["summary"].items()] + [""]
    if worst:
        body += ["## Lowest sentence chrF", "", "| id | chrF | hypothesis | reference |", "|---|---|---|---|"]
        body += [f"| {md(w['id'])} | {w['chrf']:.1f} | {md(w['hyp'][:200])} | {md(w['ref'][:200])} |" for w in worst]
        body.append("")
    plots = {"Per-sentence chrF": ("translation_chrf_hist.png",
                                   outputs.histogram([x["chrf"] for x in result["items"]], "Per-sentence chrF", "chrF"))}
    return outputs.write(result, out_dir, "translation", "Translation evaluation", plots, body)


def text_summary(result: dict) -> str:
    s = result["scores"]
    iv = result["intervals"]
    lines = [f"{k:<7} {s[k]:6.2f}" + (f"  [{iv[k]['low']:.2f}, {iv[k]['high']:.2f}]" if iv.get(k) else "") for k in METRICS]
    lines += [f"{k}: {v}" for k, v in result["signature"]["setup"]["metrics"].items()]
    lines += [f"note: {n}" for n in result["notes"]]
    return "\n".join(lines)
