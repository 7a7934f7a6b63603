"""The attribution rules: small objects, each finding one kind of cue in a sentence.

A rule has a ``name`` and a ``find(ctx) -> list[Attribution]`` method; ``ctx`` is a
:class:`SentenceContext` (the article, the sentence, the article's quotes, the speakers of quotes
found so far, the extraction state, the source registry, and what earlier rules found in this
sentence). The :class:`~service.attribution.extract.Extractor` applies its rules in order, sentence
by sentence; :data:`DEFAULT_RULES` is the order used unless a caller passes its own:

1. :class:`QuoteWithCue` — a quote with a reporting verb after its closing mark
   (:class:`CueAfterQuote`: "”, kata X" / "”, ujarnya") or before its opening mark
   (:class:`CueBeforeQuote`: "X mengatakan, “…”" / "Menurut X, “…”"); every sentence the quote
   covers goes to that speaker.
2. :class:`VerbAfterSubject` — a reporting verb after its subject, outside quotes ("X mengatakan
   bahwa …"), skipping a statement venue ("dalam sebuah pernyataan di Facebook").
3. :class:`ClauseFinalCue` — a clause-final post verb with no quote ("…, kata dia." / "…, ujarnya.").
4. :class:`AccordingTo` — "menurut X" / "menurutnya".
5. :class:`MediaMarker` — "seperti dilansir dari X", "dikutip dari X", "mengutip X".
6. :class:`Passive` — "dikutuk oleh X", "dibantah Ketua DPRD X, Nama".
7. :class:`SpeakerIntro` — no attribution: "X juga angkat bicara." makes X the speaker whom the
   next "menurut dia" / "-nya" means.

(:class:`ArticleSource`, between 4 and 5, reads credit lines and "Berdasarkan …".)

Rules are not pure: they record quote speakers, the last speaker (for pronouns) and people, and
number attributions as they find them, so their order is part of the result.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Protocol

from ..article import Article, Attribution, Sentence
from .cues import (
    ADJUNCT_SEG,
    BARE_CLAUSE,
    CLAUSE_START,
    MEDIA,
    MENURUT,
    OFFICIAL_SITE,
    SITE_WORDS,
    PAREN_ACRONYM,
    PASSIVE,
    POLICE_REPORT,
    POST,
    POST_AFTER_QUOTE,
    PRE,
    STATEMENT_VENUE,
    ADDRESSEE,
    ExtractionState,
    claim_end,
    in_quote,
    make_attribution,
    phrase_after_verb,
    subject_before,
)
from .lexicon import BARE_CLAUSE_VERBS, CHANNELS, CLAUSE_ONLY_VERBS, MODALS, MONTHS, NEGATIONS, WEEKDAYS
from .names import Parsed, body_type, not_a_speaker, parse_subject
from .quotes import Quote
from .sources import SourceRegistry

# the speaker of a quote, by the quote's start: (speaker, cue, cue span)
QuoteSpeakers = dict[int, tuple[Parsed, str, "tuple[int, int] | None"]]

_PRE_BEFORE_QUOTE = re.compile(r"(" + PRE.pattern + r")(?:\s+(?:dengan|kepada|pada|di|dalam)\s[^,“\"]{0,60})?\s*[,:]?\s*$")
_MENURUT_BEFORE_QUOTE = re.compile(r"(?<![\w-])([Mm]enurut)\s+([^,“\"]{2,80}),\s*$")
_POST_AFTER_COMMA = re.compile(r",\s*(" + POST.pattern + r")\b", re.IGNORECASE)
# post verbs that are also ordinary words ("kisah kepahlawanan"): a cue only with a name right after
_AMBIGUOUS_POST = ("jelas", "tegas", "terang", "lanjut", "tambah", "aku", "klaim", "sebut", "tulis", "cerita", "kisah",
                   "tanya", "jawab", "seru")
_AFTER_POST_CUE = re.compile(r"[”\"]\s*,?\s*(?:" + POST.pattern + r")\s+[^,.”\"]{1,100}$", re.IGNORECASE)
_NYA_ADJUNCT = re.compile(r"\s+(?:dalam|melalui|lewat|saat|ketika|di|kepada|usai|seusai|pada|seperti|sebagaimana|sambil)\s", re.IGNORECASE)
_PASSIVE_AGENT = re.compile(r"(.{1,160}?)(?=\s+(?:karena|atas|sebagai|yang|pada|saat|sejak|setelah|kepada|bahwa)\s|[.;:]|$)")


# A subject phrase is read from at most this many characters before its verb: real ones are far
# shorter, and reading a whole 100,000-character sentence again for each of its verbs is quadratic.
SUBJECT_WINDOW = 1000

@dataclass
class SentenceContext:
    """What a rule sees: one sentence of an article, and the extraction so far."""

    article: Article
    sentence: Sentence
    quotes: list[Quote]
    quote_speaker: QuoteSpeakers
    state: ExtractionState
    registry: SourceRegistry
    found: list[Attribution] = field(default_factory=list)  # by earlier rules, in this sentence

    @property
    def text(self) -> str:
        return self.article.text

    @property
    def sentence_quotes(self) -> list[Quote]:
        s = self.sentence
        return [q for q in self.quotes if q.start < s.end and q.end > s.start]

    def parse(self, phrase: str, register: bool = True) -> Parsed | None:
        st = self.state
        return parse_subject(phrase, self.registry, st.people, st.last, self.sentence.index, register=register)

    def make(self, start: int, end: int, kind: str, cue: str, cue_span: tuple[int, int] | None, who: Parsed,
             confidence: float, sentence: Sentence | None = None, **kw) -> Attribution:
        return make_attribution(self.state, sentence or self.sentence, self.text, start, end, kind, cue, cue_span,
                                who, confidence, **kw)


class Rule(Protocol):
    name: str

    def find(self, ctx: SentenceContext) -> list[Attribution]: ...


# ---- 1. quotes with a cue ----------------------------------------------------------------------

@dataclass(frozen=True)
class QuoteCue:
    """A quote's cue: the speaker (None when the cue names nobody), the verb, its span."""

    who: Parsed | None
    cue: str
    span: tuple[int, int]


@dataclass(frozen=True)
class CueAfterQuote:
    """A post verb right after the closing mark: "”, kata X" / "”, ujarnya"."""

    name: str = "cue_after_quote"

    def find(self, ctx: SentenceContext, q: Quote) -> QuoteCue | None:
        s, text = ctx.sentence, ctx.text
        if not (q.closed and s.start <= q.end <= s.end):
            return None
        after = text[q.end : s.end]
        m = POST_AFTER_QUOTE.match(after)
        if not m:
            return None
        verb = m.group(0).strip(" ,")
        span = (q.end + m.start(1), q.end + m.end(1))
        if verb.lower().endswith("nya") and verb.lower() not in ("tanya",):
            who = ctx.state.last
            if who is not None:
                who = replace(who, pronoun=True)
        else:
            who = phrase_after_verb(after[m.end() :], s.index, ctx.registry, ctx.state)
        return QuoteCue(who, text[span[0] : span[1]], span)


@dataclass(frozen=True)
class CueBeforeQuote:
    """A reporting verb right before the opening mark ("X mengatakan, “…”"), else "Menurut X, “…”"."""

    name: str = "cue_before_quote"

    def find(self, ctx: SentenceContext, q: Quote) -> QuoteCue | None:
        s, text = ctx.sentence, ctx.text
        if not s.start <= q.start:
            return None
        pre_start = max(s.start, q.start - 240)
        pre = text[pre_start : q.start]
        m = _PRE_BEFORE_QUOTE.search(pre)
        if m:
            span = (pre_start + m.start(1), pre_start + m.end(1))
            return QuoteCue(ctx.parse(subject_before(text[s.start : span[0]]) or ""), text[span[0] : span[1]], span)
        m2 = _MENURUT_BEFORE_QUOTE.search(pre)
        if m2:
            span = (pre_start + m2.start(1), pre_start + m2.end(1))
            return QuoteCue(ctx.parse(m2.group(2)), m2.group(1), span)
        return None


@dataclass(frozen=True)
class QuoteWithCue:
    """A quote in this sentence with its cue in this sentence: the first of ``cues`` that names a
    speaker gives it. Every sentence the quote covers, up to this one, goes to that speaker.
    Short quotes with no cue of their own ("geng teroris") are scare quotes and are skipped."""

    cues: tuple = (CueAfterQuote(), CueBeforeQuote())
    name: str = "quote_with_cue"

    def find(self, ctx: SentenceContext) -> list[Attribution]:
        out: list[Attribution] = []
        for q in ctx.sentence_quotes:
            if q.start in ctx.quote_speaker:
                out.extend(self._cue_sentence(ctx, q))
                continue
            hit = None
            for finder in self.cues:
                hit = finder.find(ctx, q)
                if hit is not None and hit.who is not None:
                    break
            who = hit.who if hit is not None else None
            if self._scare_quote(ctx, q, who) or who is None:
                continue
            ctx.quote_speaker[q.start] = (who, hit.cue, hit.span)
            ctx.state.last = who if not who.unnamed else ctx.state.last
            out.extend(self._covered(ctx, q, hit))
        return out

    @staticmethod
    def _cue_sentence(ctx: SentenceContext, q: Quote) -> list[Attribution]:
        """The sentence holding the cue of a quote whose speaker was found from an earlier
        sentence ("“… babak pertama … / Jadi, kami …,” kata Buffon"): it gets the quote too."""
        who, cue, span = ctx.quote_speaker[q.start]
        s = ctx.sentence
        if span is None or not (s.start <= span[0] < s.end) or q.start >= s.start:
            return []
        qs, qe = q.inner(ctx.text)
        return [ctx.make(max(qs, s.start), min(qe, s.end), "direct_quote", cue, span, who, 0.95)]

    @staticmethod
    def _scare_quote(ctx: SentenceContext, q: Quote, who: Parsed | None) -> bool:
        s, text = ctx.sentence, ctx.text
        qs, qe = q.inner(text)
        words = len(text[max(qs, s.start) : min(qe, s.end)].split())
        if words >= 4:
            return False
        return bool(who is None or (q.closed and q.end <= s.end and re.search(r"\w", text[q.end : s.end])
                                    and not POST_AFTER_QUOTE.match(text[q.end : s.end])))

    @staticmethod
    def _covered(ctx: SentenceContext, q: Quote, hit: QuoteCue) -> list[Attribution]:
        s = ctx.sentence
        qs, qe = q.inner(ctx.text)
        out = []
        for s2 in ctx.article.sentences:
            if s2.end <= q.start or s2.start >= q.end or s2.index > s.index:
                continue
            a, b = max(qs, s2.start), min(qe, s2.end)
            if s2.index == s.index:
                out.append(ctx.make(a, b, "direct_quote", hit.cue, hit.span, hit.who, 0.95, sentence=s2))
            else:
                out.append(ctx.make(a, b, "direct_quote", hit.cue, hit.span, hit.who, 0.85, sentence=s2,
                                    continuation=True))
        return out


# ---- 2. reporting verb after its subject -------------------------------------------------------

@dataclass(frozen=True)
class VerbAfterSubject:
    """A reporting verb outside quotes with its subject before it: "X mengatakan (bahwa) …". A
    statement venue after the verb is not the claim; "melaporkan … ke polisi" is not a cue; clause
    verbs ("menyebut") need a clause ("bahwa", a quote, a colon) after them."""

    name: str = "verb_after_subject"

    def find(self, ctx: SentenceContext) -> list[Attribution]:
        out: list[Attribution] = []
        st, off = ctx.sentence.text, ctx.sentence.start
        for m in PRE.finditer(st):
            pos = off + m.start()
            if in_quote(pos, ctx.quotes):
                continue
            verb = m.group(1)
            after = st[m.end() :]
            if verb == "melaporkan" and POLICE_REPORT.search(st[m.start() :]):
                continue
            venue = STATEMENT_VENUE.match(after) or ADDRESSEE.match(after)
            after_v = after[venue.end() :] if venue else after
            if verb in CLAUSE_ONLY_VERBS and not CLAUSE_START.match(after_v) and not (
                    verb in BARE_CLAUSE_VERBS and BARE_CLAUSE.match(after_v)):
                continue
            before_words = [w.casefold() for w in st[max(0, m.start() - 40) : m.start()].split()]
            while len(before_words) > 1 and before_words[-1] in _VERB_ADVERBS:
                if before_words[-1] == "hanya" and before_words[-2] in NEGATIONS:
                    break  # "tidak hanya mengatakan": not only said — said
                before_words.pop()  # "akan segera mengumumkan", "masih belum menyampaikan"
            if before_words and (before_words[-1] in MODALS or before_words[-1] in NEGATIONS):
                continue  # "ingin memastikan", "untuk menyampaikan": an intention, not a statement;
                # "belum menyampaikan identitas": a statement not made
            if self._quote_already_given(ctx, m, after, after_v):
                continue
            if _AFTER_POST_CUE.search(st[max(0, m.start() - 120) : m.start()]):
                continue  # "…,” ujar Bupati X menyampaikan …": the quote's speaker, already given
            subj_text = subject_before(st[max(0, m.start() - SUBJECT_WINDOW) : m.start()])
            if subj_text is None:
                continue
            who = ctx.parse(subj_text)
            if who is None:
                continue
            claim_start = off + m.end() + (len(after) - len(after_v))
            bm = re.match(r"\s*,?\s*(?:bahwa\s+)?", st[claim_start - off :])
            claim_start += bm.end() if bm else 0
            end = claim_end(st, claim_start - off) + off
            out.append(ctx.make(claim_start, end, "indirect", verb, (pos, pos + len(verb)), who, 0.9))
            if not who.unnamed:
                ctx.state.last = who
        return out

    @staticmethod
    def _quote_already_given(ctx: SentenceContext, m: re.Match, after: str, after_v: str) -> bool:
        """A quote right after this verb whose speaker the quote rule found."""
        if not re.match(r"\s*[,:]?\s*[“\"]", after_v):
            return False
        qpos = ctx.sentence.start + m.end() + (len(after) - len(after_v)) + (len(after_v) - len(after_v.lstrip(" ,:")))
        return qpos in ctx.quote_speaker


# Adverbs that may stand between a modal or negation and the verb ("akan segera", "masih belum")
_VERB_ADVERBS = frozenset("segera juga pun masih hanya langsung sempat".split())


# ---- 3. clause-final post verb -----------------------------------------------------------------

@dataclass(frozen=True)
class ClauseFinalCue:
    """A post verb ending a clause with no quote: "…, kata dia." / "…, ujarnya." The claim is
    the sentence before the verb."""

    name: str = "clause_final_cue"

    def find(self, ctx: SentenceContext) -> list[Attribution]:
        out: list[Attribution] = []
        s, text = ctx.sentence, ctx.text
        s_quotes = ctx.sentence_quotes
        for m in _POST_AFTER_COMMA.finditer(s.text):
            pos = s.start + m.start(1)
            if in_quote(pos, ctx.quotes) or any(q.end <= pos and text[q.end:pos].strip(" ,") == "" for q in s_quotes):
                continue
            verb = m.group(1)
            who = self._speaker(ctx, verb, s.text[m.end() :])
            if who is None:
                continue
            out.append(ctx.make(s.start, pos, "indirect", verb, (pos, pos + len(verb)), who, 0.85))
            if not who.unnamed:
                ctx.state.last = who
        return out

    @staticmethod
    def _speaker(ctx: SentenceContext, verb: str, rest: str) -> Parsed | None:
        if verb.lower().endswith("nya"):
            # "ujarnya": the last speaker, when nothing but the sentence end or an adjunct follows
            # ("…, katanya dalam keterangan tertulis yang dikutip Kamis (17/3/2022).")
            if rest.strip(" .") and not re.match(r"\s*[.!?]?\s*$", rest) and not _NYA_ADJUNCT.match(rest):
                return None
            who = ctx.state.last
            return replace(who, pronoun=True) if who is not None else None
        if verb.lower() in _AMBIGUOUS_POST and not re.match(r"\s*(?:[A-Z]|dia\b|ia\b|beliau\b|mereka\b)", rest):
            return None
        return phrase_after_verb(rest, ctx.sentence.index, ctx.registry, ctx.state)


# ---- 4. menurut X ------------------------------------------------------------------------------

# discourse connectives that may open a sentence before "menurut X, …"
_CONNECTIVE = re.compile(r"(?i:sementara\s+itu|namun|tetapi|akan\s+tetapi|di\s+sisi\s+lain|selain\s+itu|meski\s+demikian|"
                         r"meskipun\s+demikian|walau\s+demikian|oleh\s+karena\s+itu|karena\s+itu|dengan\s+demikian|"
                         r"sedangkan|adapun|lebih\s+lanjut|sebelumnya|kemudian|selanjutnya|bahkan|padahal)")


@dataclass(frozen=True)
class AccordingTo:
    """"Menurut X, …" / "…, menurut X." / "menurutnya". Inside a quote whose speaker is known, the
    attribution is nested in the quote's."""

    name: str = "according_to"

    def find(self, ctx: SentenceContext) -> list[Attribution]:
        out: list[Attribution] = []
        st, off = ctx.sentence.text, ctx.sentence.start
        for m in MENURUT.finditer(st):
            pos = off + m.start()
            q = in_quote(pos, ctx.quotes)
            if st[m.end() :].startswith("nya"):
                a = self._menurutnya(ctx, m, q)
            else:
                a = self._menurut_x(ctx, m, q, out)
            if a is not None:
                out.append(a)
        return out

    @staticmethod
    def _claim(ctx: SentenceContext, m: re.Match, cue_end: int) -> tuple[int, int]:
        """After the cue when it opens the sentence (a connective before it aside: "Sementara itu,
        menurut BMKG, gempa …"); the whole sentence when a short adverbial comes first and a
        clause after ("Tahun ini, menurut BPS, harga naik 5 persen": the year is part of the
        claim); else before it ("Harga naik, menurut BPS.")."""
        s = ctx.sentence
        head = s.text[: m.start()].strip(" ,“\"")
        if head == "" or _CONNECTIVE.fullmatch(head):
            return s.start + cue_end, s.end
        tail = s.text[cue_end:].strip(" ,.;:!?”\"")
        if s.text[: m.start()].rstrip().endswith(",") and len(head.split()) <= 4 and len(tail.split()) >= 3:
            return s.start, s.end
        return s.start, s.start + m.start()

    def _menurutnya(self, ctx: SentenceContext, m: re.Match, q: Quote | None) -> Attribution | None:
        if q is not None or ctx.state.last is None:
            return None
        who = replace(ctx.state.last, pronoun=True)
        pos = ctx.sentence.start + m.start()
        cue = ctx.sentence.text[m.start() : m.end() + 3]
        claim = self._claim(ctx, m, m.end() + 3)
        return ctx.make(claim[0], claim[1], "according_to", cue, (pos, pos + len(cue)), who, 0.85)

    def _menurut_x(self, ctx: SentenceContext, m: re.Match, q: Quote | None,
                   out: list[Attribution]) -> Attribution | None:
        xm = re.match(r"([^,.;:“\"]{1,120})", ctx.sentence.text[m.end() :])
        if not xm:
            return None
        phrase = xm.group(1)
        if phrase.split()[0].lower() in ("saya", "kami", "kita", "aku"):
            return None
        if q is not None and phrase.split()[0].lower() in ("dia", "ia", "beliau"):
            return None
        who = ctx.parse(phrase)
        if who is None:
            return None
        claim = self._claim(ctx, m, m.end() + xm.end())
        nested = None
        if q is not None:
            outer = ctx.quote_speaker.get(q.start)
            earlier = ctx.found + out
            nested = next((a.id for a in earlier if a.kind == "direct_quote"), None) if outer else None
        pos = ctx.sentence.start + m.start()
        return ctx.make(claim[0], claim[1], "according_to", m.group(1), (pos, pos + len(m.group(1))), who, 0.9,
                        nested_in=nested)


# ---- 5. media markers --------------------------------------------------------------------------

@dataclass(frozen=True)
class MediaMarker:
    """"Seperti dilansir dari X", "dikutip dari X", "mengutip X": X from the registry, else the
    capitalised words after the marker, as a media source."""

    name: str = "media_marker"

    def find(self, ctx: SentenceContext) -> list[Attribution]:
        out: list[Attribution] = []
        s = ctx.sentence
        st, off = s.text, s.start
        for m in MEDIA.finditer(st):
            pos = off + m.start(1)
            if in_quote(pos, ctx.quotes) or any(a.cue_start == pos for a in ctx.found):
                continue
            outlet = self._outlet(ctx, st[m.end() :])
            if outlet is None:
                continue
            who, xend = outlet
            if m.group(1).casefold() == "via" and not self._relay(ctx, pos, who):
                continue
            who = self._official_site(st[m.start(1) : m.end()], who)
            marker_end = m.end() + xend
            head = st[: m.start()]
            if head.strip(" ,") == "" or head.strip().endswith(","):
                claim = (off + marker_end, s.end) if head.strip(" ,") == "" else (s.start, off + m.start())
            else:
                claim = (s.start, off + m.start())  # up to "seperti dilansir", not into it
            out.append(ctx.make(claim[0], claim[1], "media_citation", m.group(1), (pos, pos + len(m.group(1))),
                                who, 0.9))
        return out

    @staticmethod
    def _official_site(marker: str, who: Parsed) -> Parsed:
        """"dikutip dari laman resmi Kementerian Kesehatan": the source is the body's official site
        (named as the article names it, the body as its affiliation, typed ``website``, keyed to the
        body when the registry knows it, so that the body's supplied text is checked)."""
        site = OFFICIAL_SITE.search(marker.rstrip())
        if site is None or who.name is None:
            return who
        name = f"{' '.join(site.group(1).split())} {who.name}"
        return Parsed(name, None, who.name, name, "website", who.source_key)

    @staticmethod
    def _relay(ctx: SentenceContext, pos: int, who: Parsed) -> bool:
        """"via X" relays only right after a speaker's cue ("…,” ujar Pecchia via Sky Sport Italia"),
        and never a channel the speaker used ("via Instagram", "via Zoom")."""
        if who.name is None or who.name.split()[0] in CHANNELS or who.source_type not in ("media", "website"):
            return False
        return any(a.cue_end is not None and a.kind in ("direct_quote", "indirect") and 0 <= pos - a.cue_end <= 60
                   for a in ctx.found)

    @staticmethod
    def _outlet(ctx: SentenceContext, rest: str) -> tuple[Parsed, int] | None:
        match = ctx.registry.find_all(rest[:80])
        if match and match[0].start == 0:
            e = match[0].entry
            return Parsed(match[0].alias, None, None, e.name, e.type, e.key), match[0].end
        xm = re.match(r"([A-Z][\w.&'-]*(?:\s+[A-Z][\w.&'-]*){0,4})", rest)
        if not xm:
            return None
        name = xm.group(1).rstrip(".,;:")
        if not_a_speaker(name) or name.split()[0] in WEEKDAYS or name.split()[0] in MONTHS:
            return None  # "yang dikutip Kamis (17/3/2022)": a date, not an outlet
        return Parsed(name, None, None, name, "media", None), xm.start() + len(name)


# ---- article-level sources -------------------------------------------------------------------

_CREDIT_LINE = re.compile(r"^\s*(?:Via|Sumber|Source|Dikutip\s+dari|Disadur\s+dari|Diolah\s+dari)\s*:?\s+(.{2,160}?)\s*\.?\s*$")
_BERDASARKAN = re.compile(r"^\s*(Berdasarkan)\s+([^,]{3,160}),\s*\S")
# lower-case words inside outlets' names ("Gazzetta dello Sport", "The Voice of America")
_NAME_PARTICLES = frozenset("dello della del dei degli de di da do dos das du des van von der den of the la le el al".split())
_WEB_WORDS = re.compile(r"(?<![\w-])(website|situs|laman|blog)(?![\w-])", re.IGNORECASE)
_OFFICIAL_WEB = re.compile(r"(?<![\w-])((?i:" + SITE_WORDS + r"\s+resmi))\s+([A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)*)")


def _credit_type(name: str) -> str:
    """A credited source's type: a public-relations office speaks for its body ("Humas Polres
    Tanjung Rawa", "Humas Pemkot …": government); a domain name is a website; else an outlet."""
    hm = re.match(r"(?:Biro\s+|Bagian\s+|Divisi\s+)?Humas\s+(\S.*)", name)
    if hm:
        return body_type(hm.group(1)) or "government"
    return "website" if re.search(r"\.[a-z]{2,3}\b", name) else "media"


@dataclass(frozen=True)
class ArticleSource:
    """Where the article itself got its material: a credit line ("Via Arcade Heroes & Eurogamer.",
    "Sumber: Reuters", "Dikutip dari Kompas.com") — one attribution per source named — or
    "Berdasarkan info yang ada di website, …" (the source of the clause after the comma)."""

    name: str = "article_source"

    def find(self, ctx: SentenceContext) -> list[Attribution]:
        s = ctx.sentence
        if ctx.sentence_quotes:
            return []
        m = _CREDIT_LINE.match(s.text)
        if m and all(w[:1].isupper() or w in ("dan", "and", "&") or w in _NAME_PARTICLES or "." in w
                     for w in m.group(1).split()):
            return self._credits(ctx, m)
        b = _BERDASARKAN.match(s.text)
        if b:
            who = self._basis(ctx, b.group(2))
            if who is not None:
                pos = s.start + b.start(1)
                return [ctx.make(s.start + b.end(2) + 1, s.end, "article_source", b.group(1), (pos, pos + len(b.group(1))),
                                 who, 0.8)]
        return []

    @staticmethod
    def _credits(ctx: SentenceContext, m: re.Match) -> list[Attribution]:
        s = ctx.sentence
        out = []
        cue = s.text[: m.start(1)].strip(" :")
        cpos = s.start + s.text.find(cue)
        for part in re.finditer(r"[^,&/]+", m.group(1)):
            raw = re.sub(r"^\s*(?:dan|and)\s+|\s+(?:dan|and)\s*$", "", part.group(0)).strip(" .")
            for name in re.split(r"\s+(?:dan|and)\s+", raw):
                name = name.strip(" .")
                if not name or not name[:1].isupper() or not_a_speaker(name):
                    continue
                e = ctx.registry.lookup(name)
                who = (Parsed(name, None, None, e.name, e.type, e.key) if e is not None
                       else Parsed(name, None, None, name, _credit_type(name), None))
                out.append(ctx.make(s.start, s.end, "article_source", cue, (cpos, cpos + len(cue)), who, 0.8))
        return out

    @staticmethod
    def _basis(ctx: SentenceContext, phrase: str) -> Parsed | None:
        official = _OFFICIAL_WEB.search(phrase)
        if official:  # "website resmi Nusantara Play": the owner's official site, keyed to the owner if known
            site, owner = " ".join(official.group(1).split()), official.group(2)
            e = ctx.registry.lookup(owner)
            return Parsed(f"{site} {owner}", None, owner, f"{site} {owner}", "website", e.key if e is not None else None)
        reg = ctx.registry.find_all(phrase)
        if reg:
            e = reg[-1].entry
            return Parsed(reg[-1].alias, None, None, e.name, e.type, e.key)
        web = _WEB_WORDS.search(phrase)
        if web:
            after = re.match(r"\s+([A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)*)", phrase[web.end() :])
            name = after.group(1) if after else web.group(1)  # "website Polygon" → Polygon
            return Parsed(name, None, None, name, "website", None)
        low = phrase.casefold()
        for head in ("data", "laporan", "survei", "hasil survei", "hasil penelitian", "penelitian", "riset", "studi",
                     "dokumen", "catatan", "keterangan", "rilis", "siaran pers", "putusan", "surat"):
            if low.startswith(head + " ") or low == head:
                return Parsed(phrase, None, None, phrase, "document", None)
        who = ctx.parse(phrase, register=False)
        return who if who is not None and who.source_type != "person" and not who.unnamed else None


# ---- 6. passives -------------------------------------------------------------------------------

@dataclass(frozen=True)
class Passive:
    """"Dikutuk oleh X", "dibantah Ketua DPRD X, Nama": the agent after the passive verb; the
    whole sentence is the claim."""

    name: str = "passive"

    def find(self, ctx: SentenceContext) -> list[Attribution]:
        out: list[Attribution] = []
        s = ctx.sentence
        for m in PASSIVE.finditer(s.text):
            verb = m.group(1) or m.group(2)
            pos = s.start + m.start()
            if in_quote(pos, ctx.quotes):
                continue
            who = self._agent(ctx, s.text[m.end() :])
            if who is None:
                continue
            out.append(ctx.make(s.start, s.end, "passive", verb, (pos, pos + len(verb)), who, 0.8))
            if who.source_type == "person":
                ctx.state.last = who
        return out

    @staticmethod
    def _agent(ctx: SentenceContext, rest: str) -> Parsed | None:
        reg = ctx.registry.find_all(rest[:120])
        if reg and reg[0].start == 0:
            e = reg[0].entry
            return Parsed(reg[0].alias, None, None, e.name, e.type, e.key)
        xm = _PASSIVE_AGENT.match(rest)
        if not xm:
            return None
        agent = PAREN_ACRONYM.sub("", xm.group(1))
        parts = [p.strip() for p in agent.split(",")]
        # keep "role, Name" appositions; drop trailing adjuncts
        keep = [parts[0]]
        for p in parts[1:]:
            if p[:1].isupper() and not ADJUNCT_SEG.match(p):
                keep.append(p)
            else:
                break
        return ctx.parse(", ".join(keep), register=True)


# "Ketua DPRD juga angkat bicara.": a speaker introduced, what they said comes next
_SPEAKS_UP = re.compile(r"\s+(?:(?:juga|pun|turut|ikut|akhirnya)\s+)?(?:angkat\s+bicara|buka\s+suara|ikut\s+berkomentar|"
                        r"memberikan\s+tanggapan|menanggapi\s+(?:hal\s+(?:itu|ini|tersebut)|kasus\s+(?:itu|ini|tersebut)))\s*\.?\s*$",
                        re.IGNORECASE)


@dataclass(frozen=True)
class SpeakerIntro:
    """"Ketua DPRD Lubuk Sirih juga angkat bicara." makes no attribution but introduces the
    speaker whom the next sentence's "menurut dia" or "-nya" means (it meant the speaker before)."""

    name: str = "speaker_intro"

    def find(self, ctx: SentenceContext) -> list[Attribution]:
        st = ctx.sentence.text
        m = _SPEAKS_UP.search(st)
        if m is None or ctx.sentence_quotes or ctx.found:
            return []
        subj = subject_before(st[: m.start()])
        who = ctx.parse(subj) if subj else None
        if who is not None:
            ctx.state.last = who
        return []


DEFAULT_RULES: tuple[Rule, ...] = (
    QuoteWithCue(),
    VerbAfterSubject(),
    ClauseFinalCue(),
    AccordingTo(),
    ArticleSource(),
    MediaMarker(),
    Passive(),
    SpeakerIntro(),
)
