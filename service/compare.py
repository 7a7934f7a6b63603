"""Compare translations of one article, sentence by sentence, for an editor.

Each translation (a whole English text, aligned with the article; a TSV or pairs; or a model's
output) is put beside the article's sentences. Where a translation merges sentences, the
sentences it merges are compared as one unit in every translation. Per unit, the disagreements
that matter to an editor:

* ``number``: the translations carry different numbers;
* ``name``: a name (a capitalised word) is in one translation and missing from another;
* ``quote``: one translation marks more quotations than another;
* ``negation`` / ``hedge``: a negation ("denied", "not") or a hedge ("reportedly", "allegedly",
  "may") is in one translation only;
* ``omission``: one translation has no English for the unit.

Each disagreement names the translations at fault: those that differ from the Indonesian
(its numbers, its names, its quotations, its own negations and hedges) or, when the Indonesian
cannot tell, those that differ from the others. With a reference translation, chrF per unit and
per translation (sacrebleu).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Sequence

from .article import Article
from .report import md_escape

KINDS = ("number", "name", "quote", "negation", "hedge", "omission")


@dataclass(frozen=True)
class Disagreement:
    kind: str
    systems: tuple[str, ...]  # the translations at fault
    detail: dict

    def to_dict(self) -> dict:
        return {"kind": self.kind, "systems": list(self.systems), **self.detail}


@dataclass(frozen=True)
class Unit:
    """One or more article sentences (more when a translation merged them) and each
    translation's English for them."""

    sentences: tuple[int, ...]
    text: str
    english: dict[str, str]
    disagreements: tuple[Disagreement, ...] = ()
    chrf: dict[str, float] | None = None
    reference: str | None = None

    def to_dict(self) -> dict:
        d = {"sentences": list(self.sentences), "text": self.text, "english": dict(self.english),
             "disagreements": [x.to_dict() for x in self.disagreements]}
        if self.reference is not None:
            d["reference"] = self.reference
            d["chrf"] = {k: round(v, 2) for k, v in (self.chrf or {}).items()}
        return d


@dataclass(frozen=True)
class Comparison:
    systems: tuple[str, ...]
    units: tuple[Unit, ...]
    models: tuple[dict, ...] = ()
    chrf: dict[str, float] | None = None
    issues: dict[str, list[dict]] = field(default_factory=dict)

    @property
    def counts(self) -> dict[str, dict[str, int]]:
        out = {s: {k: 0 for k in KINDS} for s in self.systems}
        for u in self.units:
            for d in u.disagreements:
                for s in d.systems:
                    out[s][d.kind] += 1
        return out

    def summary_line(self) -> str:
        parts = []
        for s, c in self.counts.items():
            n = sum(c.values())
            what = ", ".join(f"{v} {k}" for k, v in c.items() if v) or "none"
            parts.append(f"{s}: {n} disagreement(s) ({what})")
        return "; ".join(parts)

    def to_dict(self) -> dict:
        return {"schema": "lintas.compare/1", "systems": list(self.systems), "units": [u.to_dict() for u in self.units],
                "counts": self.counts, "summary": self.summary_line(),
                "chrf": None if self.chrf is None else {k: round(v, 2) for k, v in self.chrf.items()},
                "alignment_issues": self.issues, "models": list(self.models)}

    def to_markdown(self) -> str:
        head = "| # | Indonesian | " + " | ".join(md_escape(s) for s in self.systems) + " | disagreements |"
        lines = [head, "|" + "---|" * (len(self.systems) + 3)]
        for u in self.units:
            idx = ",".join(str(i) for i in u.sentences)
            dis = "; ".join(f"{d.kind} ({', '.join(d.systems)}): {_short(d.detail)}" for d in u.disagreements)
            cells = [md_escape(u.english.get(s, "")) for s in self.systems]
            lines.append(f"| {idx} | {md_escape(u.text)} | " + " | ".join(cells) + f" | {md_escape(dis)} |")
        lines += ["", f"**Summary:** {md_escape(self.summary_line())}"]
        if self.chrf is not None:
            lines.append("**chrF:** " + ", ".join(f"{md_escape(k)} {v:.1f}" for k, v in self.chrf.items()))
        return "\n".join(lines) + "\n"

    def to_text(self) -> str:
        lines = []
        for u in self.units:
            if not u.disagreements:
                continue
            lines.append(f"[{','.join(str(i) for i in u.sentences)}] {u.text}")
            for s in self.systems:
                lines.append(f"  {s}: {u.english.get(s, '')}")
            for d in u.disagreements:
                lines.append(f"  ! {d.kind} ({', '.join(d.systems)}): {_short(d.detail)}")
        lines.append(self.summary_line())
        if self.chrf is not None:
            lines.append("chrF: " + ", ".join(f"{k} {v:.1f}" for k, v in self.chrf.items()))
        return "\n".join(lines)


def _short(detail: dict) -> str:
    return "; ".join(f"{k}: {v}" for k, v in detail.items())


# ----------------------------------------------------------------------------- finding disagreements

_NAME = re.compile(r"(?<![\w'’-])[A-Z][\w'’-]*")
_QUOTED = re.compile(r"[“\"]([^”\"]{2,})[”\"]")


def _numbers(text: str, lang: str) -> list[float]:
    from .sourcecheck.anchors import numbers

    return sorted(round(n.value, 6) for n in numbers(text, lang))


def _names(text: str) -> set[str]:
    from .translation.align import EN_STOP

    out = set()
    for m in _NAME.finditer(text):
        w = _bare(m.group(0))
        before = text[: m.start()].rstrip()
        if not before or before[-1] in ".!?“\"":  # sentence-initial: not a name by its capital
            continue
        if w.lower() not in EN_STOP and len(w) > 1:
            out.add(w)
    return out


def _bare(word: str) -> str:
    """A word without its possessive ("Russia's" → "Russia")."""
    return re.sub(r"['’]s?$", "", word)


def _words(text: str, vocab: tuple[str, ...]) -> set[str]:
    low = text.lower()
    toks = set(re.findall(r"[a-z']+", low))
    return {v for v in vocab if (" " in v and v in low) or v in toks or (v == "n't" and "n't" in low)}


def _blame(values: dict[str, Any], source_value: Any | None) -> tuple[str, ...]:
    """The translations whose value differs from the source's, else from the most common one."""
    if source_value is not None:
        wrong = tuple(s for s, v in values.items() if v != source_value)
        if wrong and len(wrong) < len(values):
            return wrong
    counts: dict[Any, int] = {}
    for v in values.values():
        key = repr(v)
        counts[key] = counts.get(key, 0) + 1
    top = max(counts.values())
    if list(counts.values()).count(top) > 1:
        return tuple(values)  # no majority: every translation is in the disagreement
    best = next(k for k, c in counts.items() if c == top)
    return tuple(s for s, v in values.items() if repr(v) != best)


def disagreements(source: str, english: dict[str, str]) -> list[Disagreement]:
    """What the translations of one unit disagree on (see the module's docstring)."""
    from .sourcecheck.anchors import NEGATIONS, QUALIFIERS

    out: list[Disagreement] = []
    present = {s: t for s, t in english.items() if t.strip()}
    missing = tuple(s for s in english if s not in present)
    if missing and present:
        out.append(Disagreement("omission", missing, {"missing_in": list(missing)}))
    if len(present) < 2:
        return out
    nums = {s: _numbers(t, "en") for s, t in present.items()}
    if len({tuple(v) for v in nums.values()}) > 1:
        out.append(Disagreement("number", _blame(nums, _numbers(source, "id")), {"values": nums}))
    # a name one translation has (by its capital) and another lacks altogether (in any case:
    # "President" opens a sentence in one and follows "and" in another)
    names = {s: _names(t) for s, t in present.items()}
    words = {s: {_bare(w) for w in re.findall(r"[\w'’-]+", t.lower())} for s, t in present.items()}
    union = set().union(*names.values())
    lacking = {n: {s for s in present if n.lower() not in words[s]} for n in union}
    differing = sorted(n for n in union if lacking[n])
    if differing:
        low_src = source.lower()
        at_fault: set[str] = set()
        for n in differing:
            at_fault |= lacking[n] if n.lower() in low_src else set(present) - lacking[n]
        out.append(Disagreement("name", tuple(s for s in present if s in at_fault),
                                {"names": {s: sorted(n for n in differing if s not in lacking[n]) for s in present}}))
    quotes = {s: len(_QUOTED.findall(t)) for s, t in present.items()}
    if len(set(quotes.values())) > 1:
        out.append(Disagreement("quote", _blame(quotes, len(_QUOTED.findall(source))), {"quotations": quotes}))
    for kind, vocab in (("negation", NEGATIONS), ("hedge", QUALIFIERS)):
        found = {s: sorted(_words(t, vocab["en"])) for s, t in present.items()}
        if len({tuple(v) for v in found.values()}) > 1:
            in_src = bool(_words(source, vocab["id"]))
            # the Indonesian has one: those without are at fault; it has none: those with one
            fault = tuple(s for s, v in found.items() if bool(v) != in_src)
            if not fault or len(fault) == len(found):
                fault = _blame({s: tuple(v) for s, v in found.items()}, None)
            out.append(Disagreement(kind, fault, {"words": found}))
    return out


# ----------------------------------------------------------------------------- the comparison

def _label(given: Any, k: int) -> str:
    from .options import EnglishText

    if isinstance(given, EnglishText) and given.name != "<text>":
        return given.name
    if isinstance(given, Path) or (isinstance(given, str) and "\n" not in given and len(given) < 300):
        return Path(given).name
    return chr(ord("A") + k)


def _units(article: Article, systems: dict[str, Article]) -> list[tuple[int, ...]]:
    """Groups of sentences that no translation splits: a merge in any translation joins them."""
    n = len(article.sentences)
    parent = list(range(n))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a in systems.values():
        for s in a.sentences:
            for k in s.merged_with:
                parent[find(k)] = find(s.index)
    groups: dict[int, list[int]] = {}
    for i in range(n):
        groups.setdefault(find(i), []).append(i)
    return sorted(tuple(g) for g in groups.values())


def _english_of(a: Article, group: tuple[int, ...]) -> str:
    parts = [a.sentences[i].translation or "" for i in group]
    return " ".join(dict.fromkeys(p for p in parts if p.strip()))


def compare_articles(article: Article, systems: dict[str, Article], reference: Article | None = None,
                     models: Sequence[dict] = ()) -> Comparison:
    """The comparison of the translated copies of ``article`` (label → translated article)."""
    everyone = dict(systems)
    if reference is not None:
        everyone["<reference>"] = reference
    units = []
    for g in _units(article, everyone):
        text = " ".join(article.sentences[i].text for i in g)
        english = {s: _english_of(a, g) for s, a in systems.items()}
        ref = _english_of(reference, g) if reference is not None else None
        chrf = None
        if ref is not None:
            from sacrebleu.metrics import CHRF

            m = CHRF()
            chrf = {s: m.sentence_score(t, [ref]).score for s, t in english.items()}
        units.append(Unit(g, text, english, tuple(disagreements(text, english)), chrf, ref))
    corpus = None
    if reference is not None:
        from sacrebleu.metrics import CHRF

        refs = [u.reference or "" for u in units]
        corpus = {s: CHRF().corpus_score([u.english[s] for u in units], [refs]).score for s in systems}
    issues = {s: [i.to_dict() for i in a.issues if i.code in ("omitted_in_translation", "added_in_translation",
                                                              "weak_alignment", "translation_mismatch")]
              for s, a in everyone.items()}
    return Comparison(tuple(systems), tuple(units), tuple(models), corpus, issues)


def compare_translations(source, translations: Sequence[Any], *, labels: Sequence[str] | None = None,
                         model: str | Path | None = None, reference: Any = None, generation: dict | None = None,
                         format: str = "auto", max_chars: int | None = None, settings=None, pool=None) -> Comparison:
    """The article sentence by sentence with each translation beside it, and what they disagree
    on. ``translations``: English texts (paths ending .txt/.md/.html, :class:`EnglishText`) or
    pairs (a TSV path, a mapping); ``model``: also the model's translation; ``reference``: a
    reference translation for chrF (same forms)."""
    from .errors import InputError
    from .options import InputOptions, TranslationOptions
    from .pipeline import Builder, Pipeline
    from .settings import current

    if len(translations) + (model is not None) < 2:
        raise InputError("Compare needs two translations or more (--translations A --translations B, or one and --model).")
    settings = settings or current()
    article = Pipeline([], settings, InputOptions(format, max_chars)).prepare(source)
    b = Builder(settings, pool)
    names = list(labels) if labels else [_label(t, k) for k, t in enumerate(translations)]
    if len(set(names)) < len(names):
        names = [f"{chr(ord('A') + k)}:{n}" for k, n in enumerate(names)]
    systems: dict[str, Article] = {}
    models = []
    for name, given in zip(names, translations):
        tr = b.load_translator(TranslationOptions(translations=given))
        systems[name] = tr.translate_article(article, protect=False, checks=False)
        models.append({"label": name, **tr.info})
    if model is not None:
        tr = b.load_translator(TranslationOptions(model=model, generation=generation))
        label = f"model:{tr.info.get('name') or tr.info.get('id')}"
        systems[label] = tr.translate_article(article, checks=False)
        models.append({"label": label, **tr.info})
    ref = None
    if reference is not None:
        rt = b.load_translator(TranslationOptions(translations=reference))
        ref = rt.translate_article(article, protect=False, checks=False)
    return compare_articles(article, systems, ref, models)
