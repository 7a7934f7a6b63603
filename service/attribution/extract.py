"""Rule-based attribution extraction for Indonesian news: who said what, citing whom.

Works on a segmented :class:`Article` with no model. Each sentence goes through an ordered list of
rule objects (:data:`~service.attribution.rules.DEFAULT_RULES`, see :mod:`.rules`): quotes with a
reporting verb before or after them, reporting verbs after a subject, clause-final verbs ("…,
ujarnya"), "menurut X", media markers ("seperti dilansir dari X"), passives ("dikutuk oleh X").
Each rule parses the speaker from the phrase its cue points at, resolved through the people
mentioned so far (surnames, roles, pronouns) and the source registry. Pass ``rules=`` to
:class:`Extractor` to add, drop or reorder rules. Quotes that run over several sentences or
paragraphs give every sentence they cover to the same speaker; a sentence no rule attributes may
continue a quote whose cue comes later. Overlapping attributions of one speaker are then merged.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..article import Article, Attribution, Issue, Sentence
from .cues import POST_AFTER_QUOTE, ExtractionState, make_attribution, phrase_after_verb
from .lexicon import HEDGES, PERSON_NOUNS
from .names import (People, body_type, learn_bodies, name_mentions, role_prefix, split_name, trim_name, variant_pairs,
                    without_jurisdiction)
from .quotes import Quote, find_quotes
from .rules import DEFAULT_RULES, QuoteSpeakers, Rule, SentenceContext
from .sources import SourceRegistry, load_sources

EXTRACTOR_VERSION = "id-attrib-rules/3"


class Extractor:
    """Applies ``rules`` in order to every sentence of an article (see :mod:`.rules`)."""

    def __init__(self, registry: SourceRegistry | None = None, rules: tuple[Rule, ...] = DEFAULT_RULES):
        self.registry = registry or load_sources()
        self.rules = tuple(rules)

    # -- per-article -------------------------------------------------------------------------

    def extract(self, article: Article) -> tuple[list[Attribution], list[Issue]]:
        text = article.text
        quotes = find_quotes(text, [(p.start, p.end) for p in article.paragraphs])
        state = ExtractionState(People(text=text))
        found: list[Attribution] = []
        quote_speaker: QuoteSpeakers = {}  # quote start -> (speaker, cue, cue span)
        for s in article.sentences:
            self._register_people(s, state)
            before = len(found)
            found.extend(self._sentence(article, s, quotes, quote_speaker, state))
            if len(found) == before:
                found.extend(self._continuation(article, s, quotes, quote_speaker, state))
        found = self._dedupe(self._relays(found))
        issues = self._issues(article, found, state)
        return found, issues

    def _register_people(self, s: Sentence, state: ExtractionState) -> None:
        """Remember "Presiden Kazakhstan, Kassym-Jomart Tokayev," and similar mentions."""
        learn_bodies(s.text, state.people)
        for a, b, name in name_mentions(s.text):
            if self.registry.lookup(name) or any(m.alias == name for m in self.registry.find_all(name)):
                continue
            if body_type(name, state.people) is not None:
                continue  # "Sega Jepang", "Badan Pusat Statistik", "Sega World Drivers Championship"
            toks = name.split()
            if (s.text[:a].strip(" “\"'") == "" and len(toks) >= 2 and state.people.find(name) is None
                    and state.people.find(" ".join(toks[1:])) is not None):
                continue  # "Impian Buffon untuk …": a sentence-opening noun before a known name
            prev = re.search(r"(\S+)\s*$", s.text[max(0, a - 40) : a])  # bounded: a sentence may be huge
            name = " ".join(without_jurisdiction(toks, prev.group(1) if prev else None))
            n, role = split_name(name)
            n = trim_name(n, state.people) if n else n
            if not n or len(n.split()) < 2:
                continue
            left = s.text[max(0, a - 60) : a].rstrip(" ,")
            ctx_role = None
            m = re.search(r"([A-Za-z][\w\s-]{2,60})$", left)
            if m:
                cand = m.group(1).strip()
                words = cand.split()
                for k in range(len(words)):
                    if role_prefix(words[k:]):
                        ctx_role = " ".join(words[k:])
                        break
            person = state.people.add(n, role or ctx_role, None, s.index)
            noun = next((w for w in left.casefold().split()[-3:] if w in PERSON_NOUNS), None)
            if noun and not person.noun:
                person.noun = noun  # "seorang pria bernama Herman Situmorang" → "Pria asal … itu" later

    # -- one sentence ------------------------------------------------------------------------

    def _sentence(self, article, s: Sentence, quotes, quote_speaker: QuoteSpeakers, state) -> list[Attribution]:
        ctx = SentenceContext(article, s, quotes, quote_speaker, state, self.registry)
        for rule in self.rules:
            ctx.found.extend(rule.find(ctx))
        return ctx.found

    def _continuation(self, article, s: Sentence, quotes, quote_speaker, state) -> list[Attribution]:
        """A sentence inside a quote whose cue comes later (or earlier) in the article."""
        out = []
        for q in quotes:
            if not (q.start < s.end and q.end > s.start):
                continue
            found = quote_speaker.get(q.start)
            if found is None and q.closed:
                found = self._cue_after(article, q, state)
                if found is not None:
                    quote_speaker[q.start] = found
                    if not found[0].unnamed:
                        state.last = found[0]
            if found is not None:
                who, cue, cspan = found
                qs, qe = q.inner(article.text)
                has_cue = cspan is not None and s.start <= cspan[0] < s.end
                out.append(make_attribution(state, s, article.text, max(qs, s.start), min(qe, s.end), "direct_quote", cue, cspan,
                                      who, 0.95 if has_cue else 0.85, continuation=not has_cue))
            elif (q.start >= s.start and (q.end - q.start) > 30 and article.text[s.start:q.start].strip() == ""
                  and (ahead := self._speaker_ahead(article, q, quotes, state)) is not None):
                # a stand-alone quote paragraph right before a quote whose cue names the speaker
                qs, qe = q.inner(article.text)
                out.append(make_attribution(state, s, article.text, max(qs, s.start), min(qe, s.end), "direct_quote",
                                            "(continuation)", None, ahead, 0.6, continuation=True))
                quote_speaker[q.start] = (ahead, "(continuation)", None)
            elif q.start >= s.start and (q.end - q.start) > 30 and state.last is not None and article.text[s.start:q.start].strip() == "":
                # a quote paragraph with no cue right after someone spoke: the same speaker
                prev = [a for a in article.sentences if a.index == s.index - 1]
                if prev and prev[0].paragraph >= s.paragraph - 1:
                    qs, qe = q.inner(article.text)
                    out.append(make_attribution(state, s, article.text, max(qs, s.start), min(qe, s.end), "direct_quote", "(continuation)", None, state.last, 0.6, continuation=True))
                    quote_speaker[q.start] = (state.last, "(continuation)", None)
        return out[:1]

    # -- helpers -----------------------------------------------------------------------------

    def _speaker_ahead(self, article: Article, q: Quote, quotes: list[Quote], state: ExtractionState):
        """The named speaker of the next quote, when it opens the next paragraph right after this
        quote and its cue follows it ("“Ini adalah kekecewaan besar …” / “Kami …,” kata Buffon")."""
        if not q.closed:
            return None
        nxt = next((x for x in quotes if x.start >= q.end), None)
        if nxt is None or not nxt.closed or article.text[q.end : nxt.start].strip() != "":
            return None
        found = self._cue_after(article, nxt, state)
        if found is None or found[0].pronoun or found[0].source_type != "person":
            return None
        return found[0]

    @staticmethod
    def _relays(found: list[Attribution]) -> list[Attribution]:
        """A media citation right after a speaker's cue ("…,” kata Buffon seperti dikutip dari
        Football Italia") relays that speaker: the speaker's attributions (every sentence of the
        quote) carry the outlet as ``via``; the citation stays as the outlet's own attribution (the
        labels give such a sentence two entries: the speaker's and the outlet's)."""
        out = list(found)
        for m in found:
            if m.kind != "media_citation" or m.cue_start is None:
                continue
            cued = [a for a in found if a is not m and a.sentence == m.sentence and a.cue_end is not None
                    and a.kind in ("direct_quote", "indirect") and 0 <= m.cue_start - a.cue_end <= 60]
            if not cued:
                continue
            span = (cued[0].cue_start, cued[0].cue_end)
            out = [replace(a, via=m.source) if (a.cue_start, a.cue_end) == span else a for a in out]
        return out

    def _cue_after(self, article: Article, q: Quote, state: ExtractionState):
        """The reporting verb and speaker after a quote's closing mark, if any: (who, cue, span)."""
        end_sent = next((x for x in article.sentences if x.start <= q.end <= x.end), None)
        if end_sent is None:
            return None
        after = article.text[q.end : end_sent.end]
        m = POST_AFTER_QUOTE.match(after)
        if not m:
            return None
        cspan = (q.end + m.start(1), q.end + m.end(1))
        cue = article.text[cspan[0] : cspan[1]]
        if cue.lower().endswith("nya"):
            who = replace(state.last, pronoun=True) if state.last is not None else None
        else:
            who = phrase_after_verb(after[m.end() :], end_sent.index, self.registry, state)
        return (who, cue, cspan) if who is not None else None

    def _dedupe(self, found: list[Attribution]) -> list[Attribution]:
        """One attribution per (sentence, speaker, overlapping claim); prefer quotes and higher
        confidence."""
        rank = {"direct_quote": 0, "according_to": 1, "article_source": 2, "media_citation": 2, "indirect": 3, "passive": 4}
        kept: list[Attribution] = []
        for a in sorted(found, key=lambda a: (a.sentence, rank[a.kind], -a.confidence)):
            dup = False
            for k in kept:
                if k.sentence != a.sentence:
                    continue
                overlap = min(k.end, a.end) - max(k.start, a.start)
                same = (k.source.name == a.source.name) or (k.speaker.name and k.speaker.name == a.speaker.name)
                if same and overlap > 0:
                    dup = True
                    break
                if a.cue_start is not None and k.cue_start == a.cue_start and not (a.kind == k.kind == "article_source"):
                    dup = True
                    break
            if not dup:
                kept.append(a)
        kept.sort(key=lambda a: (a.sentence, a.start))
        return [replace(a, id=f"a{i + 1}") for i, a in enumerate(kept)]

    def _issues(self, article: Article, found: list[Attribution], state: ExtractionState) -> list[Issue]:
        issues: list[Issue] = []
        # name variants: capitalised tokens one letter apart ("Tokayev" / "Yokayev")
        tokens: dict[str, list[int]] = {}
        for s in article.sentences:
            for m in re.finditer(r"(?<![\w-])([A-Z][a-z]+(?:-[A-Z][a-z]+)?)(?![\w-])", s.text):
                tokens.setdefault(m.group(1), []).append(s.index)
        person_tokens = {t for p in state.people.persons for t in p.name.replace("-", " ").split()}
        person_tokens |= {t for a in found if a.speaker.name for t in a.speaker.name.replace("-", " ").split()}
        spoken = {t for a in found if a.cue_start for t in article.text[max(0, a.cue_start - 40) : a.cue_start].split()}
        # only names of people and speakers are compared, through deletion keys (linear)
        cands = [t for t in tokens if t in person_tokens or t in spoken]
        for a, b in sorted(variant_pairs(cands)):
            major, minor = (a, b) if len(tokens[a]) >= len(tokens[b]) else (b, a)
            sents = tuple(sorted(set(tokens[a] + tokens[b])))
            issues.append(Issue(
                "name_variant",
                f"“{minor}” may be a misspelling of “{major}” ({len(tokens[minor])}× vs {len(tokens[major])}×).",
                sentence=tokens[minor][0], sentences=sents,
                data={"names": [major, minor], "canonical": major},
            ))
        attributed = {a.sentence for a in found}
        for s in article.sentences:
            low = s.text.casefold()
            for h in HEDGES:
                if h in low and (s.index not in attributed or h in ("ada laporan bahwa", "dikabarkan")):
                    issues.append(Issue("unattributed_claim", f"Hedged claim with no named source (“{h}”).", sentence=s.index, data={"hedge": h}))
                    break
        for a in found:
            if a.source.type == "unnamed":
                issues.append(Issue("unnamed_source", f"Statement attributed to an unnamed source (“{a.source.name}”).", sentence=a.sentence, data={"attribution": a.id}))
        return issues


def attribute(article: Article, extractor: Extractor | None = None) -> Article:
    """The article with ``attributions`` set and attribution issues added."""
    ex = extractor or Extractor()
    found, issues = ex.extract(article)
    return replace(article, attributions=tuple(found), issues=article.issues + tuple(issues))
