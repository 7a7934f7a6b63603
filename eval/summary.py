"""Summary quality: ROUGE-1/2/L against reference summaries, length statistics, and — from lintas
reports — the share of bullets with provenance and of attributed claims that keep their source.

    lintas eval summary --hyp HYP --ref REF [--src SRC] --lang en|id
    lintas eval summary --reports reports.jsonl [--ref REF | --dataset indosum-dev01-unseen] --lang id

ROUGE is rouge-score's (Google's reimplementation of ROUGE-1.5.5), F1 on a 0–100 scale, averaged
over documents, with a seeded bootstrap interval. ``en``: its default tokenizer with the Porter
stemmer (as published English ROUGE). ``id``: no stemmer (Porter is English), and a Unicode
tokenizer, because rouge-score's default keeps only ``[a-z0-9]`` and would cut letters such as
é out of words; otherwise it splits the same way (case-folded, non-alphanumerics separate).

Reports (``Report.to_dict()``, one JSON object, a JSON list, JSONL, or ``lintas batch`` output)
carry ``summary.bullets`` with ``supported_by`` (sentence indexes) and ``attributed_to``
(names). A bullet *has provenance* when ``supported_by`` is non-empty and every index is a
sentence of the article. An *attributed claim* is a (bullet, attribution) pair where the
attribution's sentence supports the bullet; it *keeps its source* when a name in the bullet's
``attributed_to`` matches the attribution's speaker, affiliation or source (case-folded; equal,
one name's words inside the other's, or the same surname).
"""

from __future__ import annotations

import datetime as _dt
import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from .common import (DEFAULT_BOOTSTRAP, DEFAULT_SEED, SCHEMA, EvalDataError, fingerprint, package_versions,
                     run_signature, scoring_setup)
from .inputs import read_column
from .stats import AGGREGATORS, bootstrap_interval

ROUGE_TYPES = ("rouge1", "rouge2", "rougeL")
LANGS = ("en", "id")


class UnicodeTokenizer:
    """rouge-score's tokenization, for any script: case-folded, NFKC, runs of letters/digits."""

    _WORD = re.compile(r"[^\W_]+")

    def tokenize(self, text: str) -> list[str]:
        return self._WORD.findall(unicodedata.normalize("NFKC", text).casefold())


def scorer(lang: str):
    from rouge_score import rouge_scorer

    if lang not in LANGS:
        raise EvalDataError(f"Unknown summary language {lang!r}; use one of {', '.join(LANGS)}.")
    if lang == "en":
        return rouge_scorer.RougeScorer(list(ROUGE_TYPES), use_stemmer=True)
    return rouge_scorer.RougeScorer(list(ROUGE_TYPES), use_stemmer=False, tokenizer=UnicodeTokenizer())


def rouge_settings(lang: str) -> dict:
    return {"types": list(ROUGE_TYPES), "lang": lang, "stemmer": "porter" if lang == "en" else None,
            "tokenizer": "rouge-score default ([a-z0-9]+)" if lang == "en" else "unicode [^\\W_]+ casefold NFKC",
            "aggregate": "mean F1 over documents, x100"}


def rouge(hyps: list[str], refs: list[str], lang: str, *, seed: int = DEFAULT_SEED,
          n_bootstrap: int = DEFAULT_BOOTSTRAP) -> dict:
    """ROUGE-1/2/L of ``hyps`` against ``refs`` (same length, aligned), for ``lang`` "en" or "id".

    Returns ``{"scores": {rouge1: F1, …}, "precision": {…}, "recall": {…}, "intervals":
    {rouge1: {low, high, mean}, …}, "per_document": [{rouge1: F1, …}, …], "settings": {…},
    "seed", "bootstrap"}`` — F1, precision and recall on a 0–100 scale, averaged over documents.
    """
    if len(hyps) != len(refs):
        raise EvalDataError(f"{len(hyps)} summaries but {len(refs)} references: they must align one to one.")
    if not refs:
        raise EvalDataError("No reference summaries to score.")
    sc = scorer(lang)
    per = [sc.score(r, h) for h, r in zip(hyps, refs)]  # rouge-score: score(target, prediction)
    n = len(per)
    out = {"scores": {}, "precision": {}, "recall": {}, "intervals": {}, "settings": rouge_settings(lang),
           "seed": seed, "bootstrap": n_bootstrap,
           "per_document": [{t: 100 * p[t].fmeasure for t in ROUGE_TYPES} for p in per]}
    for t in ROUGE_TYPES:
        out["scores"][t] = 100 * sum(p[t].fmeasure for p in per) / n
        out["precision"][t] = 100 * sum(p[t].precision for p in per) / n
        out["recall"][t] = 100 * sum(p[t].recall for p in per) / n
        stats = [[100 * p[t].fmeasure, 1.0] for p in per]
        out["intervals"][t] = bootstrap_interval(stats, AGGREGATORS["mean"], n_bootstrap, seed)
    return out


def length_stats(hyps: list[str], refs: list[str] | None, srcs: list[str] | None) -> dict:
    def words(t: str) -> int:
        return len(t.split())

    hw = [words(h) for h in hyps]
    out = {"documents": len(hyps), "hyp_words_mean": sum(hw) / max(len(hw), 1),
           "hyp_words_median": sorted(hw)[len(hw) // 2] if hw else 0, "empty_summaries": sum(1 for w in hw if w == 0)}
    if refs:
        rw = [words(r) for r in refs]
        out["ref_words_mean"] = sum(rw) / len(rw)
        out["hyp_to_ref_length"] = sum(hw) / max(sum(rw), 1)
    if srcs:
        sw = [words(s) for s in srcs]
        out["source_words_mean"] = sum(sw) / len(sw)
        out["compression"] = sum(hw) / max(sum(sw), 1)
    return out


# ---- lintas reports ---------------------------------------------------------------------------

def load_reports(path: str | Path) -> tuple[list[dict], int]:
    """Reports from a JSON object/list, JSONL, or ``lintas batch`` output; and how many batch
    records failed (skipped)."""
    p = Path(path)
    if not p.is_file():
        raise EvalDataError(f"No such file: {p}")
    text = p.read_text(encoding="utf-8-sig")
    try:
        whole = json.loads(text)
        objs = whole if isinstance(whole, list) else [whole]
    except json.JSONDecodeError:
        objs = []
        for n, line in enumerate(text.splitlines(), 1):
            if line.strip():
                try:
                    objs.append(json.loads(line))
                except json.JSONDecodeError as e:
                    raise EvalDataError(f"{p}:{n}: not JSON ({e.msg}).") from e
    reports, failed = [], 0
    for i, o in enumerate(objs):
        if isinstance(o, dict) and "ok" in o and ("report" in o or "error" in o):  # lintas batch record
            if not o["ok"]:
                failed += 1
                continue
            o = o["report"]
        if not isinstance(o, dict) or "summary" not in o:
            raise EvalDataError(f"{p}: record {i + 1} is not a lintas report (no 'summary' field).")
        reports.append(o)
    return reports, failed


def _words(name: str | None) -> list[str]:
    return UnicodeTokenizer().tokenize(name or "")


def names_match(a: str | None, b: str | None) -> bool:
    wa, wb = _words(a), _words(b)
    if not wa or not wb:
        return False
    if wa == wb or set(wa) <= set(wb) or set(wb) <= set(wa):
        return True
    return wa[-1] == wb[-1] and len(wa[-1]) > 3


def report_stats(report: dict) -> dict:
    """Bullets, bullets with provenance, attributed claims, claims that keep their source."""
    summ = report.get("summary") or {}
    bullets = summ.get("bullets") or []
    n_sent = len((report.get("article") or {}).get("sentences") or [])
    by_sentence: dict[int, list[dict]] = {}
    for a in report.get("attributions") or []:
        by_sentence.setdefault(a.get("sentence"), []).append(a)
    st = {"bullets": len(bullets), "with_provenance": 0, "invalid_indexes": 0, "claims": 0, "kept": 0}
    for b in bullets:
        sup = [i for i in (b.get("supported_by") or []) if isinstance(i, int)]
        bad = [i for i in sup if not 0 <= i < n_sent]
        st["invalid_indexes"] += len(bad)
        if sup and not bad:
            st["with_provenance"] += 1
        names = [x.get("name") for x in (b.get("attributed_to") or []) if isinstance(x, dict)]
        names += [x.get("affiliation") for x in (b.get("attributed_to") or []) if isinstance(x, dict)]
        for i in dict.fromkeys(sup):
            for a in by_sentence.get(i, []):
                st["claims"] += 1
                cands = [(a.get("speaker") or {}).get("name"), (a.get("speaker") or {}).get("affiliation"),
                         (a.get("source") or {}).get("name")]
                if any(names_match(n, c) for n in names for c in cands):
                    st["kept"] += 1
    return st


def summary_text(report: dict) -> str:
    summ = report.get("summary") or {}
    return "\n".join(b.get("text", "") for b in summ.get("bullets") or [])


def _system_of_reports(reports: list[dict]) -> dict:
    """The summariser (backend, model, prompt version) and the translation models the reports used."""
    keys = ("backend", "model", "prompt_version")
    distinct = sorted({json.dumps({k: (r.get("summary") or {}).get(k) for k in keys}, sort_keys=True) for r in reports})
    summarisers = [json.loads(d) for d in distinct]
    tr = {m for r in reports for m in (r.get("signature") or {}).get("models", [])}
    return {"summarisers": summarisers[0] if len(summarisers) == 1 else summarisers,
            "translation_models": sorted(tr),
            "oracle_translation": bool(tr) and all(m.startswith("oracle:") for m in tr)}


def run_system(srcs: list[str], system: str, lang: str, bullets: int, model: str | None,
               summary_model: str | None) -> tuple[list[str], dict]:
    """Summaries of ``srcs`` written by lintas (or the lead-N baseline), and the system signature."""
    from service.api import attributions, summarize
    from service.errors import ConfigError
    from service.summary.extractive import RANKER_VERSION

    if lang == "id" and system not in ("extractive", "lead"):
        raise ConfigError("Indonesian summaries come from the extractive backend or the lead baseline only.")
    hyps, models = [], set()
    for text in srcs:
        if system == "lead":
            art = attributions(text).article
            picked = [s for s in art.sentences][:bullets]
            hyps.append(" ".join(s.text if lang == "id" else (s.translation or "") for s in picked))
            continue
        r = summarize(text, backend=system, language=lang, bullets=bullets, model=model, summary_model=summary_model)
        s = r.article.summary
        hyps.append(" ".join(b.text for b in s.bullets))
        models.update(f"{m.get('id')}@{m.get('revision') or '-'}|{m.get('backend')}" for m in r.models)
        models.add(f"summary:{s.backend}:{(s.model or {}).get('id')}")
    sig = {"kind": "system", "backend": system, "bullets": bullets, "language": lang, "models": sorted(models),
           "ranker": RANKER_VERSION if system in ("extractive", "auto") else None}
    return hyps, sig


@dataclass
class _Scoring:
    """What a summary evaluation collects before it becomes a result (the dicts keep their
    insertion order: the result's JSON depends on it)."""

    hyps: list[str]
    system: dict
    scores: dict = field(default_factory=dict)
    intervals: dict = field(default_factory=dict)
    items: list[dict] = field(default_factory=list)
    summary: dict = field(default_factory=dict)
    aggregators: dict = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


def run(*, hyp: str | None = None, ref: str | None = None, src: str | None = None, reports: str | None = None,
        dataset: str | None = None, data_root: str | None = None, lang: str = "en", hyp_field: str | None = None,
        ref_field: str | None = None, src_field: str | None = None, fmt: str = "auto", limit: int | None = None,
        seed: int = DEFAULT_SEED, n_bootstrap: int = DEFAULT_BOOTSTRAP, label: str | None = None,
        command: str = "", system: str | None = None, bullets: int = 3, model: str | None = None,
        summary_model: str | None = None) -> dict:
    hyp = _check_sources(hyp, ref, src, reports, dataset, system)
    refs, srcs, ids, data = _references_and_sources(dataset, data_root, ref, src, ref_field, src_field, fmt, limit)
    if reports:
        sc = _score_reports(reports, limit, label, seed, n_bootstrap)
    elif system:
        sc = _system_summaries(srcs, system, lang, bullets, model, summary_model, label)
    else:
        hyps, how = read_column(hyp, hyp_field, fmt, role="hyp", defaults=("summary", "hyp", "hypothesis", "output"))
        hyps = hyps[:limit] if limit else hyps
        sc = _Scoring(hyps, {"kind": "file", "label": label, "hypotheses": fingerprint(hyp, rows=len(hyps), **how)})
    if srcs is not None and len(srcs) != len(sc.hyps):
        raise EvalDataError(f"{len(sc.hyps)} summaries but {len(srcs)} source articles.")
    setup = {"data": data, "limit": limit, **scoring_setup(seed, n_bootstrap, "rouge-score", "nltk")}
    if refs is not None:
        _add_rouge(sc, refs, ids, lang, seed, n_bootstrap, setup)
    elif not reports:
        raise EvalDataError("ROUGE needs reference summaries: give --ref FILE or --dataset NAME.")
    sc.summary["length"] = length_stats(sc.hyps, refs, srcs)
    setup["lang"] = lang
    setup["packages"].update(package_versions("rouge-score"))
    return {"schema": SCHEMA, "task": "summary", "scores": sc.scores, "intervals": sc.intervals, "summary": sc.summary,
            "aggregators": sc.aggregators, "signature": run_signature("summary", sc.system, setup), "notes": sc.notes,
            "items": sc.items, "created": _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"),
            "command": command}


def _check_sources(hyp, ref, src, reports, dataset, system) -> str | None:
    """Refuses contradictory inputs; the hypothesis source (``<system>`` when lintas writes them)."""
    if system and (hyp or reports):
        raise EvalDataError("--system writes the summaries itself: give no --hyp or --reports with it.")
    if system:
        hyp = "<system>"
    if hyp and reports:
        raise EvalDataError("Give either --hyp (summaries as text) or --reports (lintas reports), not both.")
    if not hyp and not reports:
        raise EvalDataError("Nothing to score: give --hyp FILE or --reports FILE.")
    if dataset and (ref or src):
        raise EvalDataError("Give either --dataset NAME or --ref/--src files, not both.")
    return hyp


def _references_and_sources(dataset, data_root, ref, src, ref_field, src_field, fmt, limit) -> tuple:
    """(references, sources, ids, data fingerprints) from a named data set or from files (each
    ``None`` when not given)."""
    data: dict = {}
    refs = srcs = ids = None
    if dataset:
        from .datasets import get

        cols, fp = get(dataset, "summary").load(data_root, limit)
        refs, srcs, ids = cols["ref"], cols["src"], cols["id"]
        data["dataset"] = fp
        return refs, srcs, ids, data
    if ref:
        refs, how = read_column(ref, ref_field, fmt, role="ref", defaults=("summary", "ref", "reference"))
        refs = refs[:limit] if limit else refs
        data["ref"] = fingerprint(ref, rows=len(refs), **how)
    if src:
        srcs, how = read_column(src, src_field, fmt, role="src", defaults=("article", "src", "source", "text"))
        srcs = srcs[:limit] if limit else srcs
        data["src"] = fingerprint(src, rows=len(srcs), **how)
    return refs, srcs, ids, data


def _score_reports(reports: str, limit: int | None, label: str | None, seed: int, n_bootstrap: int) -> _Scoring:
    """lintas reports: their summaries, and the shares of bullets with provenance and of
    attributions kept, with intervals."""
    reps, failed = load_reports(reports)
    reps = reps[:limit] if limit else reps
    if not reps:
        raise EvalDataError(f"{reports} holds no usable reports.")
    sc = _Scoring([summary_text(r) for r in reps],
                  {"kind": "reports", "label": label, "reports": fingerprint(reports, rows=len(reps)), **_system_of_reports(reps)})
    per = [report_stats(r) for r in reps]
    tot = {k: sum(p[k] for p in per) for k in per[0]}
    sc.summary.update({"reports": len(reps), "failed_records_skipped": failed, **tot})
    sc.scores["bullets_with_provenance"] = tot["with_provenance"] / max(tot["bullets"], 1)
    sc.scores["attributions_kept"] = tot["kept"] / tot["claims"] if tot["claims"] else None
    sc.aggregators.update({"bullets_with_provenance": "ratio", "attributions_kept": "ratio"})
    for i, p in enumerate(per):
        sc.items.append({"id": str(i), "stats": {"bullets_with_provenance": [p["with_provenance"], p["bullets"]],
                                                  "attributions_kept": [p["kept"], p["claims"]]}})
    for k in ("bullets_with_provenance", "attributions_kept"):
        st = [it["stats"][k] for it in sc.items]
        if sum(s[1] for s in st):
            sc.intervals[k] = bootstrap_interval(st, AGGREGATORS["ratio"], n_bootstrap, seed)
    if not tot["claims"]:
        sc.notes.append("No bullet is supported by a sentence with an attribution: the attribution share is undefined.")
    if sc.system["oracle_translation"]:
        sc.notes.append("Oracle mode: the reports were made with reference translations, so this measures the "
                        "summary apart from the translator.")
    return sc


def _system_summaries(srcs, system: str, lang: str, bullets: int, model, summary_model, label) -> _Scoring:
    if srcs is None:
        raise EvalDataError("--system needs the articles to summarise: --src FILE or --dataset NAME.")
    hyps, sys_sig = run_system(srcs, system, lang, bullets, model, summary_model)
    sys_sig["label"] = label
    sc = _Scoring(hyps, sys_sig)
    if lang == "id":
        sc.notes.append("Indonesian summaries (extractive sentences of the article) scored against Indonesian "
                        "references, without stemming: this measures sentence selection, not English output.")
    return sc


def _add_rouge(sc: _Scoring, refs: list[str], ids, lang: str, seed: int, n_bootstrap: int, setup: dict) -> None:
    """ROUGE against the references: its scores and intervals go first, per-document F1 into the items."""
    r = rouge(sc.hyps, refs, lang, seed=seed, n_bootstrap=n_bootstrap)
    sc.scores = {**r["scores"], **sc.scores}
    sc.intervals = {**r["intervals"], **sc.intervals}
    sc.summary["precision"] = r["precision"]
    sc.summary["recall"] = r["recall"]
    setup["rouge"] = r["settings"]
    sc.aggregators.update({t: "mean" for t in ROUGE_TYPES})
    if not sc.items:
        sc.items = [{"id": ids[i] if ids else str(i), "stats": {}} for i in range(len(sc.hyps))]
    for i, d in enumerate(r["per_document"]):
        sc.items[i]["stats"].update({t: [d[t], 1.0] for t in ROUGE_TYPES})
        if ids:
            sc.items[i]["id"] = ids[i]


def write(result: dict, out_dir: str | Path) -> list[Path]:
    from . import outputs

    s = result["summary"]
    body = ["## Summary", ""]
    for k, v in s.items():
        if isinstance(v, dict):
            body.append(f"- {k.replace('_', ' ')}: " + ", ".join(f"{a} {outputs.fmt(b)}" for a, b in v.items()))
        else:
            body.append(f"- {k.replace('_', ' ')}: {outputs.fmt(v)}")
    body.append("")
    plots = {}
    per = [it["stats"]["rougeL"][0] for it in result["items"] if "rougeL" in it["stats"]]
    if per:
        plots["Per-document ROUGE-L F1"] = ("summary_rougeL_hist.png", outputs.histogram(per, "Per-document ROUGE-L F1", "ROUGE-L F1"))
    return outputs.write(result, out_dir, "summary", "Summary evaluation", plots, body, digits=3)


def text_summary(result: dict) -> str:
    lines = []
    for k, v in result["scores"].items():
        iv = result["intervals"].get(k)
        lines.append(f"{k:<24} {'n/a' if v is None else f'{v:.3f}'}" + (f"  [{iv['low']:.3f}, {iv['high']:.3f}]" if iv else ""))
    lines += [f"note: {n}" for n in result["notes"]]
    return "\n".join(lines)
