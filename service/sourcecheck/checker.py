"""Check attributed claims against the text of the sources they cite.

For each claim: choose the supplied sources that can check it (the source it cites — speaker,
affiliation or outlet, through the source registry's aliases — and the outlet the article relays
the story through), find the best evidence passages (anchors shared across languages + semantic
similarity of the English claim), and decide a verdict with the differences that explain it.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, replace
from pathlib import Path

from ..article import Article, Attribution
from ..attribution.sources import SourceRegistry, load_sources
from . import anchors as A
from .content import coverage as content_coverage
from .content import (FRAME, cause_unknown, denied_in_passage, figure_addressed, figure_elsewhere, hedge_governs_predicate,
                      negated_in_passage, negation_about, not_done, number_noun, outcome_governs, predicate_covered,
                      predicate_part, proposition)
from .embed import LexicalSimilarity, content_words

log = logging.getLogger(__name__)

CHECKER_VERSION = "check/1"

from ..attribution.lexicon import PLACES as _PLACES  # noqa: E402
VERDICTS = ("supported", "partly_supported", "not_found", "contradicted", "no_source")


@dataclass(frozen=True)
class SourceDocument:
    """A source the user supplied, ingested and segmented like an article."""

    name: str
    article: Article
    lang: str
    key: str | None = None

    def passages(self) -> list[tuple[int, int, str]]:
        """Sentences and pairs of adjacent sentences, as spans into the cleaned text."""
        sents = self.article.sentences
        out = [(s.start, s.end, s.text) for s in sents]
        for a, b in zip(sents, sents[1:]):
            if a.paragraph == b.paragraph:
                out.append((a.start, b.end, self.article.text[a.start : b.end]))
        if self.article.title:
            ts, te = self.article.title_span
            out.append((ts, te, self.article.title))
        return out


_EN_HINTS = frozenset("the and of to is was were said that with for on by has have will".split())
_ID_HINTS = frozenset("yang dan di ke dari untuk dengan itu ini pada dalam adalah akan telah oleh bahwa mengatakan".split())
_SLASHED = re.compile(r"(\d[\d.,]*)\s*/\s*(\d[\d.,]*)")  # "18/5": a date or a ratio, not a figure of its own


def guess_lang(text: str) -> str:
    words = re.findall(r"[a-z]+", text.lower()[:5000])
    en = sum(w in _EN_HINTS for w in words)
    idn = sum(w in _ID_HINTS for w in words)
    return "id" if idn > en else "en"


def load_source(name: str, data: str | bytes | Path, *, format: str = "auto", lang: str | None = None,
                registry: SourceRegistry | None = None) -> SourceDocument:
    from ..prepare import prepare

    article = prepare(data, format=format, require_indonesian=False)  # sources may be in any language
    reg = registry or load_sources()
    entry = reg.lookup(name)
    return SourceDocument(name=name, article=article, lang=lang or guess_lang(article.text), key=entry.key if entry else None)


@dataclass(frozen=True)
class Evidence:
    source: str
    text: str
    start: int
    end: int
    score: float
    semantic: float
    anchors: float

    def to_dict(self) -> dict:
        return {"source": self.source, "text": self.text, "start": self.start, "end": self.end,
                "score": round(self.score, 3), "semantic": round(self.semantic, 3), "anchors": round(self.anchors, 3)}


@dataclass(frozen=True)
class Difference:
    type: str  # number | name | date | quote | qualifier | polarity
    claim: str
    source: str

    def to_dict(self) -> dict:
        return {"type": self.type, "claim": self.claim, "source": self.source}


@dataclass(frozen=True)
class Corroboration:
    """Another supplied source (not the one the claim cites) that supports or contradicts it."""

    source: str
    verdict: str
    evidence: Evidence | None = None

    def to_dict(self) -> dict:
        return {"source": self.source, "verdict": self.verdict,
                "evidence": self.evidence.to_dict() if self.evidence is not None else None}


@dataclass(frozen=True)
class CheckResult:
    verdict: str
    evidence: tuple[Evidence, ...] = ()
    differences: tuple[Difference, ...] = ()
    sources: tuple[str, ...] = ()
    method: str = ""
    reason: str = ""
    corroboration: tuple[Corroboration, ...] = ()

    def to_dict(self) -> dict:
        return {"verdict": self.verdict, "evidence": [e.to_dict() for e in self.evidence],
                "differences": [d.to_dict() for d in self.differences], "sources_checked": list(self.sources),
                "method": self.method, "reason": self.reason,
                "corroboration": [c.to_dict() for c in self.corroboration]}


@dataclass
class Thresholds:
    """Similarity levels (calibrated on eval/data/check; see eval/check.py)."""

    related_embed: float = 0.52
    related_lexical: float = 0.22
    anchor_weight: float = 0.4
    min_coverage: float = 0.3  # share of the claim's content stems the passage must hold…
    coverage_override: float = 0.72  # …unless the similarity alone is this high
    # content coverage (see content.coverage): a passage that holds less of the claim's
    # content than this does not state the claim, whatever numbers or names it shares with it
    partly_content: float = 0.45  # …to call a difference (partly supported / contradicted)
    support_content: float = 0.55  # …to call it supported
    content_candidates: int = 5  # without NLI, the evidence is the candidate passage that holds…
    content_margin: float = 0.1  # …most of the claim's content, among those this close to the best
    # without NLI, "supported" needs the claim's main predicate in the passage (content.predicate_covered)…
    predicate_override: float = 0.8  # …unless the passage as a whole is this close a paraphrase


def _norm_name(s: str | None) -> str:
    return re.sub(r"\W+", " ", (s or "").casefold()).strip()


class Checker:
    def __init__(self, similarity=None, nli="auto", registry: SourceRegistry | None = None, thresholds: Thresholds | None = None):
        """``nli="auto"`` uses the registry's NLI model when its files are present; None disables."""
        if similarity is None:
            from .embed import default_similarity

            similarity = default_similarity()
        if nli == "auto":
            from .nli import default_nli

            nli = default_nli()
        self.sim = similarity
        self.nli = nli
        self.registry = registry or load_sources()
        self.t = thresholds or Thresholds()
        self._lexical = LexicalSimilarity()
        self._cache: dict[int, tuple[SourceDocument, dict]] = {}

    @property
    def method(self) -> str:
        parts = ["anchors", getattr(self.sim, "name", "similarity")]
        if self.nli is not None:
            parts.append(getattr(self.nli, "name", "nli"))
        return "+".join(parts)

    # -- routing -----------------------------------------------------------------------------

    def _matches(self, doc: SourceDocument, names: list[str | None]) -> bool:
        dn = _norm_name(doc.name)
        for n in names:
            if not n:
                continue
            nn = f" {_norm_name(n)} "
            if _norm_name(n) == dn:
                return True
            if dn and f" {dn} " in nn:
                after = nn.split(f" {dn} ", 1)[1].split()[:1]
                if not (after and after[0].capitalize() in _PLACES):  # "… Luar Negeri Rusia": another country's
                    return True
            e = self.registry.lookup(n)
            if e is not None and doc.key is not None and e.key == doc.key:
                return True
            for m in self.registry.find_all(n):
                # "Kementerian Luar Negeri Rusia" is not Indonesia's ministry
                following = n[m.end :].split()[:1]
                if following and following[0].strip(",.") in _PLACES:
                    continue
                if doc.key is not None and m.entry.key == doc.key:
                    return True
        return False

    def route(self, article: Article, a: Attribution, docs: list[SourceDocument], all_pairs: bool = False) -> list[SourceDocument]:
        if all_pairs:
            return list(docs)
        cited = [d for d in docs if self._matches(d, [a.source.name, a.speaker.name, a.speaker.affiliation, a.speaker.role, a.source.key])]
        relays = [d for d in docs if self._matches(d, [r.source.name for r in self.relays(article, a)]
                                                   + ([a.via.name, a.via.key] if a.via is not None else []))]
        out = []
        for d in cited + relays:
            if d not in out:
                out.append(d)
        return out

    @staticmethod
    def relays(article: Article, a: Attribution) -> list[Attribution]:
        """Outlets the claim reached us through: a media citation near the top of the article
        (it relays the whole story) or in the claim's own sentence."""
        top = {s.index for s in article.sentences[:3]}
        return [r for r in article.attributions
                if r.kind in ("media_citation", "according_to") and r.source.type == "media" and r is not a
                and (r.sentence in top or r.sentence == a.sentence)]

    # -- one claim ---------------------------------------------------------------------------

    def check_claim(self, claim_id: str, claim_en: str | None, kind: str, docs: list[SourceDocument],
                    speaker: str | None = None) -> CheckResult:
        """Verdict for an Indonesian claim (with its English translation) against source docs.
        ``speaker``: who the claim is attributed to (not expected to be named in the evidence)."""
        if not docs:
            return CheckResult("no_source", method=self.method, reason="the cited source was not supplied")
        ca_id = A.extract(claim_id, "id", self.registry)
        ca_en = A.extract(claim_en, "en", self.registry) if claim_en else None
        best = self._rank_passages(claim_id, claim_en, ca_id, ca_en, docs)
        if not best:
            return CheckResult("not_found", sources=tuple(d.name for d in docs), method=self.method, reason="the sources have no text")
        skip = A.name_tokens({speaker}) if speaker else set()
        evidence = tuple(Evidence(d.name, p[2], p[0], p[1], sc, sem, anc) for sc, sem, anc, d, p in best[:3])
        score, sem, anc, doc, passage = best[0]
        srcs = tuple(d.name for d in docs)
        unrelated = self._unrelated(sem, anc, kind, claim_id, claim_en, ca_en, evidence, srcs)
        if unrelated is not None:
            return unrelated
        if self.nli is None:
            best = self._content_first(best, claim_id, claim_en, skip)
            evidence = tuple(Evidence(d.name, p[2], p[0], p[1], sc, sem, anc) for sc, sem, anc, d, p in best[:3])
            score, sem, anc, doc, passage = best[0]
        query = claim_en if (doc.lang == "en" and claim_en) else claim_id
        # coverage: the passage must hold the claim's substance, not just its topic and names
        cstems = {w for w in A.stems(query) if w not in {t[:5] for t in skip}}
        coverage = len(cstems & A.stems(passage[2])) / max(len(cstems), 1)
        if coverage < self.t.min_coverage and sem < self.t.coverage_override:
            return CheckResult("not_found", evidence, (), srcs, self.method,
                               f"the best passage shares {coverage:.0%} of the claim's words")
        content, missing = content_coverage(query, passage[2], doc.lang, skip)
        return self._judge(claim_id, claim_en, kind, ca_id, ca_en, doc, passage[2], query, skip,
                           coverage, sem, anc, evidence, srcs, content, missing)

    def _content_first(self, best: list, claim_id: str, claim_en: str | None, skip: set[str]) -> list:
        """Without NLI, the evidence is the passage that holds most of the claim's content among
        the close candidates (score within ``content_margin`` of the best, at most
        ``content_candidates``): the claim's figure can sit in a sentence that is less similar
        as a whole than one that shares its topic and names. What the claim says of its subject
        (``predicate_part``) comes first: a sentence that only describes the subject ("gempa
        bermagnitudo 5,8 mengguncang Pandeglang") is not the one that says it "could trigger a
        tsunami"."""
        top = best[0][0]
        cands = [b for b in best[: self.t.content_candidates] if b[0] >= top - self.t.content_margin]

        queries = {lang: claim_en if (lang == "en" and claim_en) else claim_id for lang in {b[3].lang for b in cands}}
        parts = {lang: predicate_part(q, lang) for lang, q in queries.items()}

        def key(b):
            lang = b[3].lang
            full = round(content_coverage(queries[lang], b[4][2], lang, skip)[0], 2)
            part = parts[lang]
            said = round(content_coverage(part, b[4][2], lang, skip)[0], 2) if part else full
            return (said, full, b[0])

        chosen = max(cands, key=key)
        return [chosen] + [b for b in best if b is not chosen]

    def _rank_passages(self, claim_id: str, claim_en: str | None, ca_id: A.Anchors, ca_en: A.Anchors | None,
                       docs: list[SourceDocument]) -> list[tuple[float, float, float, SourceDocument, tuple[int, int, str]]]:
        """Every passage of every source as (score, similarity, anchor overlap, source, passage),
        best first; the score mixes similarity and anchors by ``anchor_weight``."""
        best: list[tuple[float, float, float, SourceDocument, tuple[int, int, str]]] = []
        for d in docs:
            passages = d.passages()
            if not passages:
                continue
            query = claim_en if (d.lang == "en" and claim_en) else claim_id
            sims = self._similarities(query, d, passages)
            for idx, (p, sem) in enumerate(zip(passages, sims)):
                pa = self._passage_anchors(d, idx, p[2])
                anc = self._anchor_overlap(ca_id, pa, ca_en if d.lang == "en" else None, p[2])
                score = (1 - self.t.anchor_weight) * sem + self.t.anchor_weight * anc
                best.append((score, sem, anc, d, p))
        best.sort(key=lambda x: -x[0])
        return best

    def _unrelated(self, sem: float, anc: float, kind: str, claim_id: str, claim_en: str | None,
                   ca_en: A.Anchors | None, evidence: tuple[Evidence, ...], srcs: tuple[str, ...]) -> CheckResult | None:
        """The result when the best passage is not about the claim (None when it is): not found,
        or, for a direct quote of a speaker the source does quote, an invented quote."""
        related_at = self.t.related_lexical if isinstance(self.sim, LexicalSimilarity) else self.t.related_embed
        if not (sem < related_at and not (anc >= 0.6 and sem >= related_at - 0.12)):
            return None
        if kind == "direct_quote" and anc >= 0.5 and sem >= related_at - 0.15:
            # the speaker is quoted in the source, but not saying this: an invented quote
            q = (ca_en.quotes[0] if ca_en and ca_en.quotes else (claim_en or claim_id))[:120]
            return CheckResult("partly_supported", evidence, (Difference("quote", q, "(not in the source)"),), srcs,
                               self.method, "the source quotes the speaker, but not these words")
        return CheckResult("not_found", evidence, (), srcs, self.method, f"best passage similarity {sem:.3f} < {related_at:.3f}")

    def _judge(self, claim_id: str, claim_en: str | None, kind: str, ca_id: A.Anchors, ca_en: A.Anchors | None,
               doc: SourceDocument, passage: str, query: str, skip: set[str], coverage: float, sem: float,
               anc: float, evidence: tuple[Evidence, ...], srcs: tuple[str, ...], content: float = 1.0,
               missing: set[str] = frozenset()) -> CheckResult:
        """The verdict on a passage that is about the claim: contradicted, partly supported (with
        the differences), not found (the passage is on the topic but does not hold the claim's
        content; NLI: no entailment) or supported."""
        # negation, direction and hedges are judged on the clause that matches the claim's
        # proposition (its frame, "Dinas X mengatakan", would pick the source's sentence naming X)
        clause = A.best_clause(passage, proposition(query, doc.lang))
        pa = A.extract(passage, doc.lang, self.registry)
        pc = A.extract(clause, doc.lang, self.registry)
        rel_texts = A.relevant_clauses(passage, query)
        rel = [A.extract(c, doc.lang, self.registry) for c in rel_texts]
        if self.nli is None:
            _drop_ungoverned_outcomes([(pc, clause)] + list(zip(rel, rel_texts)), query, doc.lang)
        # NLI, when present, decides entailment/contradiction; anchors still explain differences
        nli = None
        if self.nli is not None:
            nli = self.nli.scores(passage, claim_en or claim_id)
        polarity = self._claim_polarity(ca_id, ca_en, pc, list(zip(rel, rel_texts)), doc.lang, coverage, sem, query)
        if nli is None and polarity is None:
            polarity = _reversed_roles(query, clause, doc.lang)
        if nli is None and polarity and polarity.claim == "negated" and not negated_in_passage(query, passage, doc.lang):
            polarity = None  # the passage says nothing of what the claim denies
        if nli is None and polarity and (polarity.claim, polarity.source) == ("negated", "affirmed") \
                and denied_in_passage(query, passage, doc.lang, self.registry):
            polarity = None  # another clause denies it too ("…, adding that there was no risk of a tsunami")
        undecided = (_cause_unknown(claim_id, doc, pa) or not_done(claim_id, query, passage, doc.lang)) if nli is None else None
        if undecided:
            return CheckResult("not_found", evidence, (), srcs, self.method, undecided)
        short = f"the best passage holds {content:.0%} of the claim's content (lacks {', '.join(sorted(missing)[:6])})"
        if nli is None and content < self.t.partly_content and not (polarity and polarity.claim in A.PREDICATE_WORDS):
            return CheckResult("not_found", evidence, (), srcs, self.method, short)
        if (nli and nli.get("contradiction", 0) > 0.6) or (polarity and not nli):
            diffs = (polarity,) if polarity else ()
            return CheckResult("contradicted", evidence, diffs, srcs, self.method, "the source says the opposite")
        # a hedge counts in the clause that says the rest of the claim, too ("api diduga berasal dari …")
        rest = [A.extract(c, doc.lang, self.registry) for c in A.rest_clauses(passage, query) if c not in rel_texts]
        diffs = self._differences(ca_id, ca_en, pa, claim_id, claim_en, kind, passage, doc, pc, skip, rel + rest, clause)
        diffs = _figure_differences(diffs, claim_id, query, passage, doc.lang, nli is None)
        if nli is None and any(d.type == "number" for d in diffs):
            why = self._figure_not_addressed(diffs, claim_id, ca_id, query, passage, doc.lang, sem)
            if why:
                return CheckResult("not_found", evidence, (), srcs, self.method, why)
        diffs = _governed_hedges(diffs, nli is not None, query, passage, doc.lang)
        if diffs:
            return CheckResult("partly_supported", evidence, tuple(diffs), srcs, self.method, "; ".join(f"{d.type} differs" for d in diffs))
        if nli and nli.get("entailment", 1) < 0.3 and nli.get("neutral", 0) > 0.6:
            return CheckResult("not_found", evidence, (), srcs, self.method, "NLI: the passage does not entail the claim")
        if nli is None and content < self.t.support_content:
            return CheckResult("not_found", evidence, (), srcs, self.method, short)
        if nli is None:
            why = self._support_unconfirmed(claim_id, query, passage, pa, doc.lang, sem)
            if why:
                return CheckResult("not_found", evidence, (), srcs, self.method, why)
        return CheckResult("supported", evidence, (), srcs, self.method, f"similarity {sem:.2f}, anchors {anc:.2f}")

    def _figure_not_addressed(self, diffs, claim_id: str, ca_id: A.Anchors, query: str, passage: str, lang: str,
                              sem: float) -> str | None:
        """Why a number difference is not one (no NLI): the passage gives its figure for something
        else ("500 workers" / "500 million crowns": the claim's quantity is not addressed at all,
        whatever else differs), or for another predicate. A day of the month ("5 Agustus") is a
        date, compared as one. None: the difference stands."""
        nums = [d for d in diffs if d.type == "number" and (number_noun(claim_id, d.claim) or "").lower() not in A.MONTH_OF]
        if not nums:
            return None
        pstems = A.stems(passage) | ({u[:5] for u in A.DURATION_UNITS} if A.CLOCK_DURATION.search(passage) else set())
        units = {n.text.strip(): n.unit for n in ca_id.numbers}
        # a rate or a sum counts nothing after it ("naik 35 persen dalam sebulan": no figure of months)
        nouns = [None if units.get(d.claim) else number_noun(query, d.claim) for d in nums]
        if all(n is not None and n[:5] not in pstems for n in nouns):
            return "the passage gives no figure for " + ", ".join(n for n in nouns if n)
        if not all(figure_addressed(query, _in_query(query, d.claim, claim_id), passage, lang) for d in nums):
            return "the passage gives a figure for something else than the claim's"
        if all(d.type == "number" for d in diffs) and sem < self.t.predicate_override:
            # a different figure is a difference only in the same statement: the claim's
            # predicate with another figure ("lend 500" / "loan of 300"), not another action
            # on the same things ("distribute rice to 2 million families" / "cut rice tariffs to 15%")
            held, pred = predicate_covered(query, passage, lang)
            if not held:
                return f"the passage gives a figure for another predicate than the claim's ({pred})"
        return None

    def _support_unconfirmed(self, claim_id: str, query: str, passage: str, pa: A.Anchors, lang: str, sem: float) -> str | None:
        """Why a passage with no difference still does not support the claim (no NLI): it states
        the claim's arguments with another predicate (another event), or the claim gives a figure
        and the passage none at all (figures of the proposition only, not of the frame; not a day
        of the month, nor a "(18/5)" date). None: supported."""
        held, pred = predicate_covered(query, passage, lang)
        if not held and sem < self.t.predicate_override:
            return f"the best passage does not state the claim's predicate ({pred})"
        prop = proposition(claim_id, "id")
        pvals = [n.value for n in pa.numbers]
        slashed = {x.rstrip(".,") for m in _SLASHED.finditer(prop) for x in m.groups()}  # "(18/5)": one pass
        absent = [t for t in (n.text.strip() for n in A.extract(prop, "id").numbers
                              if not any(abs(n.value - v) < 1e-6 for v in pvals))
                  if t not in slashed and (number_noun(prop, t) or "").lower() not in A.MONTH_OF]
        if absent:
            return "the passage gives no figure for the claim's " + ", ".join(absent)
        return None

    def _claim_polarity(self, ca_id: A.Anchors, ca_en: A.Anchors | None, clause: A.Anchors,
                        relevant_texts: list[tuple[A.Anchors, str]], lang: str, coverage: float, sem: float,
                        query: str) -> Difference | None:
        """An opposite polarity between the claim and the matching clause (or a relevant clause
        that denies what the claim affirms, its negation about the claim's terms), unless the
        passage is not clearly the same statement."""
        relevant = [r for r, _ in relevant_texts]
        polarity = self._polarity(ca_id, ca_en, clause, lang)
        ca = ca_en if lang == "en" and ca_en else ca_id
        if polarity and polarity.claim in ("negated", "affirmed") and any(
                _negation_agrees(ca, r) or _negation_agrees(r, ca) for r in [clause, *relevant]):
            polarity = None  # one negates a side of an opposite pair, the other says its other side ("tidak boleh" / "dilarang")
        if polarity is None and not ca.negated:
            # the claim affirms; a relevant clause of the source denies it
            if any(r.negated and not _negation_agrees(r, ca) and negation_about(query, t, lang) for r, t in relevant_texts):
                polarity = Difference("polarity", "affirmed", "negated")
        opposite = [_opposite_predicate(ca_id, ca_en, r, lang) for r in relevant]
        if polarity is None and not any(d is None and set(r.predicates) & set(ca.predicates) for d, r in zip(opposite, relevant)):
            # a relevant clause says the opposite of the claim's predicate ("the ban … will stay in
            # force"), and none says the claim's
            polarity = next((d for d in opposite if d), None)
        if polarity and coverage < 0.45 and sem < 0.75:
            polarity = None  # opposite-looking, but not clearly about the same statement
        return polarity

    # -- evidence details ----------------------------------------------------------------------

    def _similarities(self, query: str, doc: SourceDocument, passages) -> list[float]:
        """Similarity of the claim to each passage. Passage embeddings are computed once per
        document; Indonesian documents also get the lexical score (the embedding model is
        English), and the higher one counts."""
        texts = [p[2] for p in passages]
        if hasattr(self.sim, "encode"):
            cache = self._doc_cache(doc)
            if "emb" not in cache:
                cache["emb"] = self.sim.encode(texts)
            q = self.sim.encode([query])
            sims = (q @ cache["emb"].T).clamp(min=0.0)[0].tolist()
        else:
            sims = self.sim.similarity([query], texts)[0]
        if doc.lang == "id" and not isinstance(self.sim, LexicalSimilarity):
            lex = self._lexical.similarity([query], texts)[0]
            sims = [max(a, b) for a, b in zip(sims, lex)]
        return sims

    def _doc_cache(self, doc: SourceDocument) -> dict:
        """Per-source cache (embeddings, anchors). Keyed by identity; the entry holds the document
        so that its id cannot be reused by another one while cached."""
        entry = self._cache.get(id(doc))
        if entry is None or entry[0] is not doc:
            entry = (doc, {})
            self._cache[id(doc)] = entry
        return entry[1]

    def _document_words(self, doc: SourceDocument) -> tuple[set[str], set[str]]:
        """The name tokens of a source's capitalised words and its lower-case words, once per source."""
        cache = self._doc_cache(doc)
        if "words" not in cache:
            text = doc.article.text
            cache["words"] = (A.name_tokens(set(re.findall(r"[A-Z][\w'’-]+", text))),
                              set(re.findall(r"(?<![\w'’-])[a-z][\w'’-]*", text)))
        return cache["words"]

    def _document_acronyms(self, doc: SourceDocument) -> set[str]:
        """The initials of a source's runs of capitalised words, once per source."""
        cache = self._doc_cache(doc)
        if "acronyms" not in cache:
            cache["acronyms"] = _acronyms(doc.article.text)
        return cache["acronyms"]

    def _document_anchors(self, doc: SourceDocument) -> A.Anchors:
        """Anchors of a whole source, once per source (not once per claim)."""
        cache = self._doc_cache(doc)
        if "doc" not in cache:
            cache["doc"] = A.extract(doc.article.text, doc.lang, self.registry)
        return cache["doc"]

    def _passage_anchors(self, doc: SourceDocument, idx: int, text: str) -> A.Anchors:
        cache = self._doc_cache(doc)
        if idx not in cache:
            cache[idx] = A.extract(text, doc.lang, self.registry)
        return cache[idx]

    @staticmethod
    def _anchor_overlap(c: A.Anchors, p: A.Anchors, c_en: A.Anchors | None = None, passage: str = "") -> float:
        """Share of the claim's anchors (numbers, years, name tokens, quoted words) found in the
        passage."""
        cn = {round(n.value, 4) for n in c.numbers} | c.years
        pn = {round(n.value, 4) for n in p.numbers} | p.years
        ct = A.name_tokens(c.names | (c_en.names if c_en else set()))
        pt = A.name_tokens(p.names)
        hits = len(cn & pn) + len(ct & pt)
        total = len(cn) + len(ct)
        if c_en is not None and c_en.quotes:
            pw = set(content_words(passage))
            for q in c_en.quotes:
                qw = set(content_words(q))
                if qw:
                    total += 1
                    hits += len(qw & pw) / len(qw)
        if total == 0:
            return 0.0
        return hits / total

    @staticmethod
    def _polarity(c_id: A.Anchors, c_en: A.Anchors | None, p: A.Anchors, lang: str) -> Difference | None:
        ca = c_id if lang == "id" or c_en is None else c_en
        claim_neg = ca.negated
        if claim_neg != p.negated and not (_said_by_predicate(ca, p, lang) or _said_by_predicate(p, ca, lang)):
            return Difference("polarity", "negated" if claim_neg else "affirmed", "negated" if p.negated else "affirmed")
        cpoles = c_id.poles | (c_en.poles if c_en else set())
        if cpoles and p.poles and not (cpoles & p.poles):
            names = {0: "up", 1: "down"}
            return Difference("polarity", "/".join(names[x] for x in sorted(cpoles)), "/".join(names[x] for x in sorted(p.poles)))
        return _opposite_predicate(c_id, c_en, p, lang)

    def _differences(self, c: A.Anchors, c_en: A.Anchors | None, p: A.Anchors, claim_id: str, claim_en: str | None,
                     kind: str, passage: str, doc: SourceDocument, clause: A.Anchors | None = None,
                     speaker_tokens: set[str] = frozenset(), relevant: list[A.Anchors] | None = None,
                     clause_text: str | None = None) -> list[Difference]:
        """What the passage says differently from the claim, in this order: numbers, dates, names
        (people, then single place names), qualifiers, direct quotes. ``clause_text``: the clause
        that states the claim (found here when not given)."""
        clause = clause or p
        relevant = relevant or [clause]
        diffs = _number_differences(c, clause, p) + _date_differences(c, clause, p)
        doc_anchors = self._document_anchors(doc)
        claim_text = claim_en if doc.lang == "en" and claim_en else claim_id
        if clause_text is None:
            clause_text = A.best_clause(passage, proposition(claim_text, doc.lang))
        diffs += self._name_differences(c, c_en, p, doc, speaker_tokens, passage, claim_text, clause_text)
        diffs += _initials_differences(claim_id, claim_en, passage)
        if doc.lang == "en" and claim_en and not any(d.type == "name" for d in diffs):
            diffs += self._place_differences(claim_en, passage, doc, speaker_tokens)
        if not any(d.type == "name" for d in diffs):
            diffs += self._slot_place(claim_text, clause_text, doc.article.text, doc.lang)
        diffs += _qualifier_differences(c, c_en, p, clause, relevant)
        if kind == "direct_quote":
            diffs += _quote_differences(c, c_en, p, claim_id, claim_en, doc.lang, doc_anchors)
        return diffs

    def _name_differences(self, c: A.Anchors, c_en: A.Anchors | None, p: A.Anchors, doc: SourceDocument,
                          speaker_tokens: set[str], passage: str = "", claim_text: str = "",
                          clause: str = "") -> list[Difference]:
        """A person the claim names (two words or more) whom the source never names, where the
        passage names someone else; or whom the matching clause does not name where it names
        another in the claim's slot ("swore in X" / "swore in Y"), though X is named elsewhere.
        Compared in the source's language (the translation renders names of bodies in English);
        the speaker and cited outlets are not expected in the evidence."""
        from ..attribution.names import similar_names

        diffs: list[Difference] = []
        cnames = c_en.names if (doc.lang == "en" and c_en is not None) else c.names
        ptoks = A.name_tokens(p.names)
        # words the source writes capitalised, and in lower case: a body named as a common noun
        # ("the provincial health agency" for "Central Sulawesi Health Agency") is the same body
        all_tokens, lower_words = self._document_words(doc)
        for name in sorted(cnames):
            toks = [t for t in re.split(r"[\s-]+", name) if len(t) > 2]
            if len(toks) < 2 or self.registry.lookup(name) is not None:
                continue  # single words ("Kazakh") and known bodies are too weak to call
            head = toks[-1].lower().strip("'’")
            if head in speaker_tokens:
                continue
            rival = _slot_rival(claim_text, name, clause)
            if rival:
                diffs.append(Difference("name", name, rival))
                continue
            if head in ptoks or head in lower_words:
                continue
            if toks[-1].isupper() and toks[-1] in self._document_acronyms(doc):
                continue  # "KKP" for "Kementerian Kelautan dan Perikanan"
            given = {t.lower() for t in toks[:-1]}
            # the passage names another with the same first name or kind word ("Gilberto Ramos"
            # for "Gilberto Reyes", "Mount Shinmoedake" for "Mount Sakurajima"): a different name,
            # even where the claim's appears elsewhere in the source for something else
            same_slot = [o for o in p.names if len(o.split()) >= 2 and A.name_tokens({o}) & given
                         and A.name_tokens({o}) - given  # a part of the claim's name is not another name
                         and not any(similar_names(head, t) for t in A.name_tokens({o}))]
            if same_slot:
                diffs.append(Difference("name", " ".join(toks[-2:]), sorted(same_slot, key=len)[-1]))
                continue
            if head in all_tokens:
                continue
            if any(similar_names(head, u) for u in all_tokens):
                continue  # a spelling variant
            # the passage names someone else: a different person's name
            rivals = [o for o in p.names if len(o.split()) >= 2 and A.name_tokens({o}) & given]
            if not rivals and not (given & all_tokens):
                # titles come before a name in one capitalised run ("Wali Kota Bandung Arif
                # Nugraha", "Defence Secretary Gilberto Ramos"): the person is its last two words
                runs = re.findall(r"[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)+", passage)
                persons = {" ".join(o.split()[-2:]) for o in runs}
                rivals = [o for o in persons if self.registry.lookup(o) is None
                          and not (A.name_tokens({o}) & (A.name_tokens(cnames) | speaker_tokens))]
            if rivals:
                diffs.append(Difference("name", " ".join(toks[-2:]), sorted(rivals, key=len)[-1]))
        return diffs

    def _place_differences(self, claim_en: str, passage: str, doc: SourceDocument,
                           speaker_tokens: set[str]) -> list[Difference]:
        """Single proper names (places: "Mandalay" / "Monywa"), in English claims against English
        sources: absent from the evidence passage while its matching clause (or, naming none, the
        rest of the passage) names another."""
        from ..attribution.names import similar_names

        # single names only: a word of a longer name ("Armenian Prime Minister Nikol Pashinyan")
        # belongs to a person or body, compared as a whole by _name_differences
        def single(text: str) -> set[str]:
            # a run of capitalised words, "of" included ("Bank of England" is no place)
            runs = {m.group(0) for m in re.finditer(r"(?<![\w'’-])[A-Z][\w'’-]*(?:\s+(?:of\s+)?[A-Z][\w'’-]*)*", text)}
            # and a place named with its kind ("Port Dickson", "Mount Merapi", "Pulau Seribu")
            kinds = {r for r in runs if 2 <= len(r.split()) <= 3 and r.split()[0] in _PLACE_KINDS}
            # or its kind after it ("Garut Regency", "Bima Port"): the place is its name
            kinds |= {r.split()[0] for r in runs if len(r.split()) == 2 and r.split()[1] in _PLACE_SUFFIXES}
            return {w for w in re.findall(r"(?<=[a-z,] )([A-Z][a-z]{3,})\b", text) if w in runs} | kinds

        claim_caps = single(claim_en)
        clause_text = A.best_clause(passage, claim_en)
        clause_caps = {w for w in re.findall(r"(?<=[a-z,] )([A-Z][a-z]{3,})\b", clause_text)}
        # the claim's place missing from the evidence passage, which names another: a different
        # place, even where the claim's is named elsewhere in the source for something else (not
        # the clause: "floods in Semarang … residents of Genuk district" is the same event)
        doc_low = passage.lower()
        lost = [w for w in claim_caps if w.lower() not in doc_low and w.lower() not in speaker_tokens
                and w not in A.MONTH_NAMES
                and not any(similar_names(w, u) for u in clause_caps) and self.registry.lookup(w) is None]
        # the other place: a single name in the clause, else in the rest of the passage
        clause_single = single(clause_text)
        # or the name of one to three words in the claim's slot: after the same two words
        # ("between Batam and Port Klang" / "between Batam and Johor Bahru")
        slot = []
        for w in lost:
            before = claim_en[: claim_en.find(w)].split()[-2:]
            m = re.search(re.escape(" ".join(before)) + r"\s+([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2})", clause_text) if len(before) == 2 else None
            if m:
                slot.append(m.group(1))
        new = [w for w in slot + sorted(clause_single) + sorted(single(passage) - clause_single)
               if w.lower() not in claim_en.lower() and self.registry.lookup(w) is None and w not in A.MONTH_NAMES]
        return [Difference("name", lost[0], new[0])] if lost and new else []

    def _slot_place(self, claim_text: str, clause: str, text: str, lang: str) -> list[Difference]:
        """A place the source (``text``) names, but not in ``clause`` (the one that states the claim), which puts
        another place after the same preposition: "near the city of Cusco" / "near the Peruvian
        city of Arequipa … travelling to a festival in Cusco", "gudang di Kalideres" / "gudang di
        Cengkareng … Sehari sebelumnya, kebakaran juga terjadi di Kalideres". Another statement's
        place, not the claim's."""
        preps = _PLACE_PREPOSITIONS["en" if lang == "en" else "id"]
        for m in _PLACE_AFTER.finditer(claim_text):
            prep, place = m.group(1), m.group(2)
            if prep.lower() not in preps or place in clause or place not in text or self.registry.lookup(place):
                continue  # the source must name the claim's place: "ke Bali" / "ke Pulau Dewata" is one place
            rival = next((r.group(2) for r in _PLACE_AFTER.finditer(clause) if r.group(1).lower() == prep.lower()
                          and r.group(2) not in claim_text and not self.registry.lookup(r.group(2))), None)
            if rival:
                return [Difference("name", place, rival)]
        return []

    def corroborate(self, claim_id: str, claim_en: str | None, kind: str, others: list[SourceDocument],
                    speaker: str | None) -> tuple[Corroboration, ...]:
        """Every other supplied source checked on its own: those that support (fully or partly) or
        contradict the claim. The verdict against the cited source is not changed by them."""
        out = []
        for d in others:
            r = self.check_claim(claim_id, claim_en, kind, [d], speaker=speaker)
            if r.verdict in ("supported", "partly_supported", "contradicted"):
                out.append(Corroboration(d.name, r.verdict, r.evidence[0] if r.evidence else None))
        return tuple(out)

    # -- whole article -------------------------------------------------------------------------

    def check_article(self, article: Article, docs: list[SourceDocument], all_pairs: bool = False) -> Article:
        out = []
        for a in article.attributions:
            targets = self.route(article, a, docs, all_pairs)
            s = article.sentences[a.sentence]
            claim_en = a.text_en or s.translation
            # a person's own name is checked too (a different spokesperson is a difference); an
            # outlet or body cited is not expected to be named in its own text
            speaker = None if a.source.type == "person" else a.source.name
            res = self.check_claim(a.text, claim_en, a.kind, targets, speaker=speaker)
            others = [d for d in docs if d not in targets]
            corr = self.corroborate(a.text, claim_en, a.kind, others, speaker)
            if not targets and docs:
                # incidental evidence: the best passage in any supplied source, shown, not judged
                inc = self.check_claim(a.text, claim_en, a.kind, docs, speaker=speaker)
                res = replace(res, evidence=inc.evidence[:1])
                if corr:
                    res = replace(res, reason="the cited source was not supplied; corroborated by "
                                  + ", ".join(f"{c.source} ({c.verdict})" for c in corr))
            out.append(replace(a, check=replace(res, corroboration=corr)))
        return replace(article, attributions=tuple(out))


# the first word of a place's name that says what kind of place it is
_PLACE_SUFFIXES = frozenset("""Regency Province Prefecture District City Village Island Islands Port Harbour Harbor River Strait
    Bay Lake""".split())
_PLACE_KINDS = frozenset("""Port Mount Lake Cape Bay Gulf Fort Saint St New North South East West Gunung Pulau Danau
    Teluk Tanjung Kota Kabupaten Kampung Desa Bandar Kuala Sungai Selat Kepulauan Pelabuhan""".split())


def _in_query(query: str, number_text: str, claim_id: str) -> str:
    """The claim's figure as the query writes it: differences quote the Indonesian claim, the
    query of an English source is the translation (same value, another spelling)."""
    if number_text in query:
        return number_text
    lang = "en" if query != claim_id else "id"
    for n in A.numbers(claim_id, "id"):
        if n.text.strip() == number_text.strip():
            same = [m.text for m in A.numbers(query, lang) if abs(m.value - n.value) < 1e-6]
            if same:
                return same[0]
    return number_text


# -- differences that need no checker state --------------------------------------------------------

def _number_differences(c: A.Anchors, clause: A.Anchors, p: A.Anchors) -> list[Difference]:
    """A claim number the matching clause lacks, where it gives another number (the nearest,
    preferring the same unit)."""
    diffs = []
    pvals = [n for n in clause.numbers] or [n for n in p.numbers]
    for n in c.numbers:
        if any(abs(n.value - q.value) < 1e-6 for q in pvals):
            continue
        same_unit = [q for q in pvals if q.unit == n.unit] or pvals
        if same_unit:
            q = min(same_unit, key=lambda q: abs(q.value - n.value))
            diffs.append(Difference("number", n.text.strip(), q.text.strip()))
    return diffs


# a preposition and the place after it ("in Cusco", "city of Arequipa", "di Kecamatan Astambul": the name after its kind)
_PLACE_PREPOSITIONS = {"en": ("in", "near", "at", "to"), "id": ("di", "ke", "dekat")}
_PLACE_AFTER = re.compile(r"\b(in|near|at|to|di|ke|dekat)\s+(?:(?:the\s+)?(?:[A-Z][a-z]+\s+)?(?:city|town|village|district|regency|province)\s+of\s+|"
                          r"(?:Kecamatan|Kabupaten|Kota|Desa|Kelurahan|Provinsi)\s+)?([A-Z][a-z]{3,}(?:\s+[A-Z][a-z]{3,})?)")


def _figure_differences(diffs: list, claim_id: str, query: str, passage: str, lang: str, lexical: bool) -> list:
    """The differences left once figures that are not differences are dropped: the claim's
    figure is in the passage for something else (``figure_elsewhere``), or (no NLI) the passage
    does not speak of what a figure measures while something else in it does differ ("menimbun
    14 rumah dan memaksa 230 warga mengungsi" against "menimbun 9 rumah": the 9 is the difference,
    the evacuees are another sentence's). When only unaddressed figures differ, they stay, for
    ``_figure_not_addressed`` to call the passage another statement."""
    diffs = [d for d in diffs if not (d.type == "number" and figure_elsewhere(d.claim, d.source, claim_id, query, passage, lang))]
    if not lexical:
        return diffs
    unaddressed = [d for d in diffs if d.type == "number" and not figure_addressed(query, _in_query(query, d.claim, claim_id), passage, lang)]
    addressed = any(d.type == "number" and d not in unaddressed for d in diffs)
    return [d for d in diffs if d not in unaddressed] if addressed else diffs


def _reversed_roles(query: str, clause: str, lang: str) -> Difference | None:
    """The same contest won by the other side, or the same payment made the other way round."""
    roles = A.reversed_roles(query, clause, lang)
    if roles:
        return Difference("polarity", f"{roles[0]} beat {roles[1]}", f"{roles[1]} beat {roles[0]}")
    payment = A.reversed_payment(query, clause, lang)
    if payment:
        return Difference("polarity", f"{payment[0]} pays {payment[1]}", f"{payment[1]} pays {payment[0]}")
    return None


def _cause_unknown(claim_id: str, doc: SourceDocument, pa: A.Anchors) -> str | None:
    """Why the passage does not state the claim's cause: the source says it is not known yet, and
    the passage does not give it as a guess either (a hedge, "diduga berasal dari korsleting", is a
    difference, not an absence)."""
    if not pa.qualifiers and cause_unknown(claim_id, doc.article.text):
        return "the source says the cause is not known yet"
    return None


def _negation_agrees(neg: A.Anchors, other: A.Anchors) -> set[int]:
    """The opposite pairs where ``neg`` negates one side and ``other`` says only the other side,
    unnegated: the same statement ("may no longer give" / "banned from providing")."""
    if not neg.negated or other.negated:
        return set()
    return {i for i, side in neg.negated_sides.items() if other.predicates.get(i) == ({"a", "b"} - {side})}


def _opposite_predicate(c_id: A.Anchors, c_en: A.Anchors | None, p: A.Anchors, lang: str) -> Difference | None:
    """The claim says one side of an opposite pair (lifted) where ``p`` says only the other (stays
    in force), each with its negated sides read as the other side ("tidak boleh" is "dilarang")."""
    c_pred = A.sides_said(c_en if (lang == "en" and c_en is not None) else c_id)
    p_pred = A.sides_said(p)
    for i, sides in c_pred.items():
        ps = p_pred.get(i, set())
        if len(sides) == 1 and len(ps) == 1 and sides != ps:
            return Difference("polarity", A.predicate_word(i, sides, lang), A.predicate_word(i, ps, lang))
    return None


def _said_by_predicate(a: A.Anchors, b: A.Anchors, lang: str) -> bool:
    """Whether ``a``'s negation is only a predicate that ``b`` states too, in other words: "the
    judge rejected the lawsuit" and "the judge dismissed the lawsuit" both say the one thing
    (PREDICATES' side of rejecting), though only "rejected" is a negation word."""
    if not a.negated or not a.negations:
        return False
    shared = [i for i, sides in a.predicates.items() if b.predicates.get(i) == sides]
    words = set()
    for i in shared:
        ida, ena, idb, enb = A.PREDICATES[i]
        side = a.predicates[i]
        words |= ((ida if lang == "id" else ena) if "a" in side else set()) | ((idb if lang == "id" else enb) if "b" in side else set())
    return bool(words) and a.negations <= words


def _slot_rival(claim_text: str, name: str, clause: str) -> str | None:
    """Another name where the passage's matching ``clause`` has the words before the claim's name
    ("swore in Dedi Kurniawan" / "swore in Rudi Hartono, the head of …"; "appointed X as" /
    "appointed Y as"): the clause puts someone else in the claim's slot. The slot: the two
    lower-case words before the name, else the one (a verb: five letters or more, not a word of
    the attribution frame). None: no such slot, or the same name in it."""
    at = claim_text.find(name)
    words = claim_text[:at].split() if at > 0 else []
    if name in clause:
        return None
    slots = [words[-2:]] if len(words) >= 2 and all(re.fullmatch(r"[a-z]+", w) for w in words[-2:]) else []
    if words and re.fullmatch(r"[a-z]{5,}", words[-1]) and words[-1] not in FRAME:
        slots.append(words[-1:])
    for slot in slots:
        m = re.search(r"\b" + re.escape(" ".join(slot)) + r"\s+((?:[A-Z][\w'’-]+\s+){1,4}[A-Z][\w'’-]+)", clause)
        if m:
            return None if A.name_tokens({m.group(1)}) & A.name_tokens({name}) else m.group(1)
    return None


def _acronyms(text: str) -> set[str]:
    """The initials of each run of capitalised words ("Kementerian Kelautan dan Perikanan" → KKP;
    "dan", "of", "and" are skipped, as acronyms skip them)."""
    runs = re.findall(r"[A-Z][\w'’-]*(?:\s+(?:dan|and|of|&)?\s*[A-Z][\w'’-]*)+", text)
    return {"".join(w[0] for w in r.split() if w[0].isupper()) for r in runs}


# a person named by initials only, as Indonesian police news does ("sopir berinisial AS", "a
# driver identified by the initials AS")
_INITIALS = re.compile(r"\b(?:berinisial|inisial|initials?)\s+([A-Z]{1,4})\b")


def _initials_differences(claim_id: str, claim_en: str | None, passage: str) -> list[Difference]:
    """Initials in the claim that the passage gives otherwise for its person ("AS" / "HM")."""
    c = _INITIALS.search(claim_id) or (_INITIALS.search(claim_en) if claim_en else None)
    got = {m.group(1) for m in _INITIALS.finditer(passage)}
    if c and got and c.group(1) not in got:
        return [Difference("name", c.group(1), sorted(got)[0])]
    return []


def _date_differences(c: A.Anchors, clause: A.Anchors, p: A.Anchors) -> list[Difference]:
    """Years, months or days given on both sides with none in common."""
    diffs = []
    for attr in ("years", "months", "days"):
        cv, pv = getattr(c, attr), (getattr(clause, attr) or getattr(p, attr))
        if cv and pv and not (cv & pv):
            diffs.append(Difference("date", ", ".join(map(str, sorted(cv))), ", ".join(map(str, sorted(pv)))))
    return diffs


def _qualifier_differences(c: A.Anchors, c_en: A.Anchors | None, p: A.Anchors, clause: A.Anchors,
                           relevant: list[A.Anchors]) -> list[Difference]:
    """A hedge on one side only."""
    c_q = c.qualifiers | (c_en.qualifiers if c_en else set())
    rq = set().union(*(r.qualifiers for r in relevant))
    if rq and not c_q:
        return [Difference("qualifier", "(none)", ", ".join(sorted(rq)))]
    if c_q and not clause.qualifiers and not p.qualifiers:
        return [Difference("qualifier", ", ".join(sorted(c_q)), "(none)")]
    return []


def _quote_differences(c: A.Anchors, c_en: A.Anchors | None, p: A.Anchors, claim_id: str, claim_en: str | None,
                       lang: str, doc_anchors: A.Anchors) -> list[Difference]:
    """A direct quote whose words the source does not quote (the passage's quotes, else the
    whole source's)."""
    q_en = (c_en.quotes if c_en and c_en.quotes else []) or ([claim_en] if claim_en else [])
    src_quotes = p.quotes or doc_anchors.quotes
    if lang == "id":
        q_en = c.quotes or [claim_id]
    diffs = []
    for q in q_en[:1]:
        qw = set(content_words(q))
        ok = any(len(qw & set(content_words(s))) >= 0.6 * max(len(qw), 1) for s in src_quotes)
        if not ok:
            diffs.append(Difference("quote", q[:120], (p.quotes[0][:120] if p.quotes else "(not quoted in the source)")))
    return diffs


def _drop_ungoverned_outcomes(clauses: list[tuple[A.Anchors, str]], query: str, lang: str) -> None:
    """A negative outcome word ("postponed", "cancelled") or a denial ("dismissed reports of …")
    negates only what it governs: a clause negated by such words alone that do not govern the
    claim's predicate is not negated."""
    lang = "id" if lang == "id" else "en"
    outcomes = set(A.OUTCOMES[lang]) | set(A.DENIAL_VERBS[lang])
    for anchors_, text in clauses:
        if anchors_.negated and anchors_.negations <= outcomes and not outcome_governs(query, text, lang):
            anchors_.negated = False


def _governed_hedges(diffs, with_nli: bool, query: str, passage: str, lang: str) -> list:
    """A hedging verb is a difference only on the claim's own predicate ("considering providing
    aid" hedges "will provide aid"; "considering all options" hedges no ban, "mempertimbangkan
    kurs" takes the exchange rate into account); not judged with NLI (those differences dropped)."""
    def verb_hedge(d) -> bool:
        return d.type == "qualifier" and set(d.source.split(", ")) <= A.VERB_HEDGES

    if any(verb_hedge(d) for d in diffs) and (with_nli or not hedge_governs_predicate(query, passage, lang)):
        return [d for d in diffs if not verb_hedge(d)]
    return list(diffs)
