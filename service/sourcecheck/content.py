"""What a claim says, apart from who says it: the attribution frame ("X said that …",
"Menurut X, …", "…, demikian disampaikan X", "“…,” kata X") is cut off, so that the words left
are the reported proposition (its predicate and arguments) that one evidence passage must hold.

Used by the check without an NLI model: a passage that shares only the frame (the speaker, their
role, their organisation) with a claim is on the same topic, it does not state the claim.
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache

from . import abbreviations
from .anchors import CLOCK_DURATION, DURATION_UNITS

# Reporting verbs that carry no content of their own (a neutral frame). "confirmed", "denied",
# "warned", "claimed" are left in: they are part of what is reported and can be contradicted.
_EN_VERBS = r"(?:said|says|say|told(?:\s+(?:reporters|lawmakers|journalists|parliament|the\s+\w+))?|stated|states|reported|reports|announced|explained|added|noted|wrote)"
_ID_VERBS = (r"(?:mengatakan|menyatakan|menyebutkan|menyebut|melaporkan|menegaskan|menjelaskan|mengungkapkan|"
             r"memaparkan|menuturkan|menerangkan|mengumumkan|memberitakan)")

_LEAD = {
    "en": [re.compile(r"^\s*(?:according\s+to|as\s+(?:reported|quoted|cited|stated)\s+(?:by|from|in)|citing|quoting)\s[^,]{1,120},\s*", re.I),
           re.compile(rf"^\s*[^,“\"]{{0,140}}?(?:,[^,“\"]{{0,80}}){{0,2}},?[^,“\"]{{0,60}}?\b{_EN_VERBS}\b(?:\s+(?:on|in)\s+\w+)?(?:\s+that)?\s+", re.I)],
    "id": [re.compile(r"^\s*(?:menurut|seperti\s+(?:dilaporkan|diberitakan|dikutip\s+dari|dilansir(?:\s+dari)?|disampaikan)|"
                      r"dikutip\s+dari|dilansir\s+dari|melansir|mengutip)\s[^,]{1,120},\s*", re.I),
           re.compile(rf"^\s*[^,“\"]{{0,140}}?(?:,[^,“\"]{{0,80}}){{0,2}},?[^,“\"]{{0,60}}?\b{_ID_VERBS}\b(?:\s+bahwa)?\s+", re.I)],
}
_TRAIL = {
    "en": re.compile(rf",\s*(?:[^,“”\"]{{0,100}}?\b{_EN_VERBS}\b|according\s+to\b)[^“”\"]*$", re.I),
    "id": re.compile(r",\s*(?:demikian\s+|sebagaimana\s+(?:yang\s+)?|seperti\s+yang\s+)?(?:(?:di)?sampaikan|dikatakan|"
                     r"disebutkan|dinyatakan|diumumkan|kata|ujar|tutur|jelas|menurut)\b[^“”\"]*$", re.I),
}
# a passive frame in the middle: "was said by police to", "disebut oleh Kementerian X"
_PASSIVE = {
    "en": re.compile(r"\s(?:was|were|is|are)\s+(?:said|reported|described)\s+by\s+[^,]{1,60}?\s+to\s+", re.I),
    "id": re.compile(r"\s(?:disebut|dikatakan|diumumkan|dilaporkan|disampaikan|dinyatakan)\s+oleh\s+(?:[A-Z][\w–-]*\s*)+"),
}
# a frame between commas in the middle: "Tahun ini, menurut BPS, harga naik" keeps "Tahun ini"
_MID = {
    "en": re.compile(r",\s*(?:according\s+to|as\s+(?:reported|quoted|cited|stated)\s+(?:by|from|in)|citing|quoting)\s[^,“”\"]{1,120},", re.I),
    "id": re.compile(r",\s*(?:menurut|seperti\s+(?:dilaporkan|diberitakan|dikutip\s+dari|dilansir(?:\s+dari)?|disampaikan)|"
                     r"dikutip\s+dari|dilansir\s+dari|melansir|mengutip)\s[^,“”\"]{1,120},", re.I),
}
TRAIL_CHARS = 400
_QUOTE = re.compile(r"[“\"]([^”\"]{12,400})[”\"]")


def proposition(text: str, lang: str) -> str:
    """The claim without its attribution frame. A direct quote is its quoted words; otherwise the
    leading ("X said that", "Menurut X,") and trailing (", X said on Monday") frames are cut, as
    long as the rest keeps at least a third of the sentence, and a frame between commas ("Tahun
    ini, menurut BPS, harga naik …") is taken out."""
    q = _QUOTE.search(text)
    if q and len(q.group(1).split()) >= 3:
        return q.group(1).strip(" ,.")
    lang = "id" if lang == "id" else "en"
    out = _PASSIVE[lang].sub(" ", text)
    for rx in _LEAD[lang] if out == text else ():
        m = rx.match(out)
        if m and len(out) - m.end() >= len(text) / 3:
            out = out[m.end():]
            break
    # a trailing frame is short: looked for in the last TRAIL_CHARS only (linear in the claim's length)
    tail = max(0, len(out) - TRAIL_CHARS)
    m = _TRAIL[lang].search(out, tail)
    if m and m.start() >= len(text) / 3:
        out = out[: m.start()]
    return _MID[lang].sub(",", out).strip(" ,.")


# -- content coverage -------------------------------------------------------------------------

# Words of the attribution frame, not of the claim's content ("X said that …", "menurut X, …").
FRAME = frozenset("""said says say saying told tells according reported reports report reporting stated states
statement added adding announced explained spokesperson spokesman spokeswoman quoted citing cited reporters news
agency mengatakan menurut kata ujar ujarnya katanya menyatakan menyebutkan menyebut dilansir dikutip mengutip
seperti dilaporkan melaporkan juru bicara menjelaskan menegaskan tuturnya tutur jelasnya pihaknya keterangan
pernyataan diberitakan melansir demikian""".split())
# Units, scales and approximations: a figure is compared as a number (anchors), not as words.
SCALE_WORDS = frozenset("""ribu juta miliar milyar triliun thousand million billion trillion persen percent per cent rp
rupiah us dollars dollar dolar sekitar about around more than lebih dari nearly hampir almost some""".split())
# Function words that carry no content of their own (English and Indonesian): quantifiers,
# prepositions, auxiliaries, aspect markers. Numbers, dates and hedges are compared elsewhere.
_FUNCTION = frozenset("""least less over under after before while during since until up out again also all every
each any there its them these those who which when where into onto then such very only just still already
number amount total can could should must being been do does did got get gets per via within without
sebanyak sedikitnya setidaknya sampai hingga sejak selama saat ketika setelah sebelum masih sudah akan para sang
secara bagi kepada terhadap tersebut setiap semua seluruh jumlah serta pun lagi ada mulai menjadi sebesar
mencapai tercatat sekitar yakni yaitu antara lain kini saat sebagai
because due thanks karena lantaran reached reaching reach reaches totalled totaled totalling amounted stood""".split())

_ID_PREFIX = ("memper", "menge", "meng", "meny", "mem", "men", "me", "diper", "di", "ber", "ter", "per", "peng",
              "peny", "pem", "pen", "pe", "ke", "se")
_ID_SUFFIX = ("kannya", "annya", "nya", "kan", "an", "lah", "i")
_EN_SUFFIX = ("ations", "ation", "ings", "ing", "ied", "ies", "ure", "ed", "es", "e", "s", "ly")


def _roots(w: str) -> set[str]:
    """Candidate roots of a word (English suffixes; Indonesian prefixes and suffixes), each at
    least four letters, cut to six."""
    out = {w[:6]}
    for suf in _EN_SUFFIX:
        if w.endswith(suf) and len(w) - len(suf) >= 3:  # "urg" of urged / urging
            out.add(w[: len(w) - len(suf)][:6])
    core, lost = w, ""
    for pre in _ID_PREFIX:
        if core.startswith(pre) and len(core) - len(pre) >= 4:
            core = core[len(pre):]
            # meN-/peN- drop the root's first consonant before a vowel: menutup, penutupan <
            # tutup; memakai < pakai; mengirim < kirim; menyewa < sewa
            if core[0] in "aeiou":
                lost = {"men": "t", "pen": "t", "mem": "p", "pem": "p", "meng": "k", "peng": "k",
                        "meny": "s", "peny": "s"}.get(pre, "")
            break
    for suf in _ID_SUFFIX:
        if core.endswith(suf) and len(core) - len(suf) >= 4:
            core = core[: len(core) - len(suf)]
            break
    for c in {core, lost + core} if lost else {core}:
        if len(c) >= 4:
            out.add(c[:6])
    return out


def _synonym_groups() -> tuple[dict[str, frozenset[int]], dict[int, tuple[str, ...]]]:
    """Words of one direction or one side of an opposite pair, in either language, are the same
    predicate: "naik" = "meningkat" = "rose" = "increased"; "dilarang" = "banned"; and so are the
    words of one group of the news synonym table ("lend" = "loan", "terjebak" = "terperangkap").
    Returns the groups of each word and the phrases of each group ("set aside")."""
    from . import anchors as A

    groups: list[set[str]] = []
    for idw, enw in A.POLES:
        groups.append(idw | enw)
    for ida, ena, idb, enb in A.PREDICATES:
        groups += [ida | ena, idb | enb]
    for idw, enw in A.SYNONYMS:
        groups.append(idw | enw)
    out: dict[str, set[int]] = {}
    phrases: dict[int, list[str]] = {}
    for g, words in enumerate(groups):
        for w in words:
            if " " in w:
                phrases.setdefault(g, []).append(w)
            elif w not in _FUNCTION:
                out.setdefault(w, set()).add(g)
    return {w: frozenset(gs) for w, gs in out.items()}, {g: tuple(ps) for g, ps in phrases.items()}


_SYNONYMS, _PHRASES = _synonym_groups()


def _covered(word: str, passage_words: set[str], passage_roots: set[str], passage_text: str = "") -> bool:
    """Whether the passage holds the word: itself, a form of it (a shared root), or a word or
    phrase of one of its synonym groups (``passage_text``, lower-cased, for the phrases)."""
    if word in passage_words:
        return True
    groups = _SYNONYMS.get(word)
    if groups and any(_SYNONYMS.get(p, frozenset()) & groups for p in passage_words):
        return True
    if groups and passage_text and any(re.search(rf"\b{re.escape(ph)}\b", passage_text)
                                       for g in groups for ph in _PHRASES.get(g, ())):
        return True
    rs = _roots(word)
    if rs & passage_roots:
        return True
    # a root that begins a longer word ("clos" / "closure") or sits inside one ("tutup" in
    # "ketutupan")
    return any(any(p.startswith(r) if len(r) == 4 else (len(r) >= 5 and r in p) for p in passage_words) for r in rs)


def content_terms(query: str, lang: str, skip: set[str] = frozenset()) -> list[str]:
    """The claim's content words: its proposition (the frame cut off) without function words,
    figures, units or the speaker's name tokens."""
    from .similarity import content_words

    from . import anchors as A

    skip5 = {t[:5] for t in skip}
    words = content_words(proposition(query, lang))
    # hedges ("expected", "diperkirakan") are compared as qualifiers, not as content
    hedges = set(A.QUALIFIERS["id"]) | set(A.QUALIFIERS["en"])
    return [w for w in dict.fromkeys(words)
            if w not in FRAME and w not in SCALE_WORDS and w not in _FUNCTION and w not in hedges
            and not w.isdigit() and w[:5] not in skip5]


# Auxiliaries, modals and aspect markers: the claim's main predicate is the first content word
# after one ("would *lend*", "were *deported*", "akan *dibangun*", "telah *ditetapkan*").
_AUX = {
    "en": frozenset("will would shall should can could may might must is are was were be been being has have had "
                    "do does did".split()),
    # not "tengah" (Jawa Tengah) nor "baru" (new): as aspect markers they are rare, as words common
    "id": frozenset("akan telah sudah sedang masih belum tidak tak pernah segera bakal dapat bisa "
                    "harus perlu ingin hendak berhasil sempat".split()),
}
_COPULA = frozenset("is are was were be been being".split())
_DETERMINERS = frozenset("the a an its their his her this that these those one".split())
# Indonesian words with a verb prefix that are not verbs (nouns, prepositions, superlatives)
_ID_NOT_VERBS = frozenset("""direktur dinas digital diskon diare disiplin diesel dirut terakhir tertinggi terendah terbesar
terbanyak terkecil terdekat terhadap termasuk tersebut berdasarkan bersama berupa berbagai bersamaan bertepatan
beberapa berikut berikutnya melalui menurut mengenai menjadi merupakan""".split())
# English past forms that are not "-ed" (the common verbs of wire copy), and "-ed" words that
# introduce a comparison or a source rather than state the predicate
_EN_IRREGULAR = frozenset("""fell rose grew sank hit struck won lost left fled took gave sent sold bought built held cut
shot broke began met paid spent kept led brought made found caught stole fought threw drove rode flew swept
tore froze shut split quit""".split())
_EN_NOT_PREDICATE = frozenset("compared based related alleged so-called including according".split())
# Light verbs: "Penangkapan … dilakukan di Batam", "The arrest … was made in Batam": the predicate is
# the action noun they carry (the subject's head), not the verb
_LIGHT_VERBS = frozenset("""dilakukan melakukan dilaksanakan melaksanakan made carried conducted performed
undertaken""".split())
# an event said to take place: the noun is the event ("the crash happened", "laga itu akan berlangsung")
_EVENT_VERBS = frozenset({"terjadi", "happened", "occurred", "berlangsung", "digelar", "diadakan", "dilangsungkan",
                          "diselenggarakan"})
_PASSIVE_EVENTS = frozenset({"played", "held", "staged"})  # "the match will be played": said of an event
_ACTIVE_LIGHT_ID = frozenset({"melakukan", "melaksanakan"})  # "polisi melakukan penangkapan": the noun follows


# words that give a measure of the subject before a figure ("gempa bermagnitudo 5,8"), not a predicate
# ("bertambah 2.100 orang" is one)
_MEASURES = frozenset("""bermagnitudo berkekuatan berusia berdiameter berkapasitas berkedalaman berukuran berbobot
berketinggian berpenduduk berjarak berdaya""".split())


@lru_cache(maxsize=4096)
def main_predicate(query: str, lang: str) -> str | None:
    """The claim's main predicate: the first content term after an auxiliary or modal ("would
    *lend*", "akan *membangun*"); without one, the first past-tense English word ("*laundered*")
    or Indonesian word with a verb prefix ("*menjalankan*"), not the verb of a relative clause
    ("yang *diajukan*"). None when there is no such word."""
    lang = "id" if lang == "id" else "en"
    prop = proposition(query, lang)
    terms = set(content_terms(prop, lang))
    # "May" (the month) is no modal
    toks = [t.lower() if t != "May" else "may_" for t in re.findall(r"[A-Za-z0-9']+", prop)]
    if lang == "id" and ({"adalah", "merupakan", "ialah"} & set(toks)):
        return None  # a copular sentence ("X adalah ulah Y") has a noun, not a verb, for predicate
    for i, t in enumerate(toks):
        if t in _AUX[lang]:
            if t in _COPULA and i + 1 < len(toks) and toks[i + 1] in _DETERMINERS:
                return None  # "was the work of …", "is a sign of …": a noun predicate, said many ways
            j, w = next(((j, w) for j, w in enumerate(toks[i + 1:], i + 1) if w in terms), (None, None))
            if w in _LIGHT_VERBS:  # "was made", "telah dilakukan": the action noun before it
                return _action_noun(toks[:j], terms) or w
            if w in _EVENT_VERBS or (w in _PASSIVE_EVENTS and _COPULA & set(toks[i:j])):  # "akan berlangsung", "will be played"
                return _event_predicate(toks, i, j, terms) or w
            return w
    for i, t in enumerate(toks):
        if t not in terms or (i and toks[i - 1] in ("yang", "that", "which", "who")):
            continue  # a relative clause's verb ("gugatan yang diajukan X ditolak") is not the main one
        if t in _MEASURES and i + 1 < len(toks) and toks[i + 1][:1].isdigit():
            continue  # "gempa bermagnitudo 5,8", "pria berusia 45": what the subject has, not what it does
        if (lang == "en" and (len(t) > 4 and t.endswith("ed") or t in _EN_IRREGULAR) and t not in _EN_NOT_PREDICATE
                or lang == "id" and len(t) >= 6 and t.startswith(("me", "di", "ber", "ter")) and t not in _ID_NOT_VERBS):
            if t in _LIGHT_VERBS:  # "dilakukan" after its subject; "melakukan penangkapan", "conducted a raid"
                active = t in _ACTIVE_LIGHT_ID or lang == "en"
                return _action_noun(toks[i + 1:] if active else toks[:i], terms) or t
            if t in _EVENT_VERBS:  # "the crash happened", "kecelakaan itu terjadi": the event is its subject
                return _event_predicate(toks, i, i, terms) or t
            return t
    return None


def predicate_part(query: str, lang: str) -> str | None:
    """What the claim says of its subject: its proposition from the main predicate on ("gempa …
    yang mengguncang Pandeglang *berpotensi memicu tsunami di pesisir selatan Banten*"), not the
    words that only say which subject it is. None without a predicate or when that part is under
    three words."""
    pred = main_predicate(query, lang)
    if not pred:
        return None
    prop = proposition(query, lang)
    # the predicate's own place, not a relative clause's same verb before it ("banjir yang merendam Bekasi … kini merendam")
    m = next((m for m in re.finditer(rf"(?i)(?<![\w-]){re.escape(pred)}(?![\w-])", prop)
              if not re.search(r"(?i)\b(?:yang|that|which|who)\s+$", prop[: m.start()])), None)
    part = prop[m.start():] if m else ""
    return part if len(part.split()) >= 3 else None


def _event_predicate(toks: list[str], start: int, verb: int, terms: set[str]) -> str | None:
    """What a claim says of an event that takes place: its complement when one follows the verb
    ("berlangsung ricuh", "was held peacefully" say how it went), else the event noun before it
    ("laga itu akan berlangsung di GBK", "the crash happened because …")."""
    if verb + 1 < len(toks) and toks[verb + 1] in terms and toks[verb + 1] not in _EVENT_LINKS:
        return toks[verb + 1]
    return _action_noun(toks[:start], terms)


# words after an event verb that give its cause or time, not how it went ("terjadi akibat rem blong")
_EVENT_LINKS = frozenset("akibat karena lantaran setelah sebelum selama saat ketika sejak usai menjelang because due after "
                         "before during when while since following amid".split())


def _action_noun(before: list[str], terms: set[str]) -> str | None:
    """The action a light verb carries: the first content word before it ("penangkapan", "arrest")."""
    return next((w for w in before if w in terms and w not in _LIGHT_VERBS), None)


def predicate_covered(query: str, passage: str, lang: str) -> tuple[bool, str | None]:
    """Whether the passage holds the claim's main predicate (its word, a form of it or a news
    synonym): a passage that gives the claim's arguments with another predicate ("arrested" for
    "deported", "will inspect three pumps" for "will build three pumps") does not state it."""
    from .similarity import content_words

    pred = main_predicate(query, lang)
    if pred is None:
        return True, None
    pwords = set(content_words(passage))
    proots = {r for w in pwords for r in _roots(w)}
    return _covered(pred, pwords, proots, passage.lower()) or _negated_side_said(query, pred, passage, lang), pred


def _negated_side_said(query: str, pred: str, passage: str, lang: str) -> bool:
    """Whether the claim's predicate is one side of an opposite pair that the passage says too,
    one of them by negating the other side: "tidak boleh memberikan" is said by "dilarang
    menyediakan", "menolak permohonan" by "tidak mengabulkan permohonan"."""
    from . import anchors as A

    ca, pa = A.extract(proposition(query, lang), lang), A.extract(passage, lang)
    said_c, said_p = A.sides_said(ca), A.sides_said(pa)
    for i, (ida, ena, idb, enb) in enumerate(A.PREDICATES):
        if pred not in ((ida | idb) if lang == "id" else (ena | enb)):
            continue
        negated = i in ca.negated_sides or i in pa.negated_sides
        if negated and len(said_c.get(i, ())) == 1 and said_c.get(i) == said_p.get(i):
            return True
    return False


_COMPLEMENT_END = {
    "en": re.compile(r",|;|\s(?:and|but|while|saying|adding|as)\s"),
    "id": re.compile(r",|;|\s(?:dan|tetapi|namun|sementara|seraya|sambil)\s"),
}


def outcome_governs(query: str, clause: str, lang: str) -> bool:
    """Whether the negative outcome words of a clause ("postponed", "turned down", "ditunda")
    apply to the claim's main predicate: they do unless the clause states that predicate
    elsewhere than in the six words after them ("approved 20 permits and cancelled five others"
    approves; "turned down a request to extradite" does not extradite)."""
    from . import anchors as A

    pred = main_predicate(query, lang)
    if pred is None:
        return True
    lang = "id" if lang == "id" else "en"
    low = clause.lower()
    toks = [(m.group(0), m.start()) for m in re.finditer(r"[a-z0-9']+", low)]
    starts = [st for _, st in toks]
    governed: set[int] = set()
    for o in A.OUTCOMES[lang]:
        for m in re.finditer(rf"\b{re.escape(o)}\b", low):
            i = bisect.bisect_left(starts, m.start())  # the outcome's first word, then six more
            governed.update(range(i, min(i + len(o.split()) + 6, len(toks))))
    for o in A.DENIAL_VERBS[lang]:
        # a denial governs what it denies, up to the end of its complement ("dismissed reports
        # that the road had been delayed until May" / "dismissed reports of a delay and said …")
        for m in re.finditer(rf"\b{re.escape(o)}\b", low):
            end = _COMPLEMENT_END[lang].search(low, m.end())
            stop = bisect.bisect_left(starts, end.start()) if end else len(toks)
            governed.update(range(bisect.bisect_left(starts, m.start()), stop))
    free = {w for i, (w, _) in enumerate(toks) if i not in governed}
    return not _covered(pred, free, {r for w in free for r in _roots(w)}, " ".join(free))


def hedge_governs_predicate(query: str, passage: str, lang: str) -> bool:
    """Whether a hedging verb of the passage ("considering", "mempertimbangkan") is followed,
    within three words, by the claim's main predicate (a form or a synonym): "is considering
    providing $5 million" hedges "will provide"; "considering all options" hedges nothing the
    claim says."""
    from . import anchors as A

    pred = main_predicate(query, lang)
    if pred is None:
        return False
    low = passage.lower()
    for h in A.VERB_HEDGES:
        for m in re.finditer(rf"\b{h}\b((?:\W+\w+){{1,3}})", low):
            after = set(re.findall(r"[a-z0-9]+", m.group(1)))
            if _covered(pred, after, {r for w in after for r in _roots(w)}, m.group(1)):
                return True
    return False


def number_noun(text: str, number_text: str) -> str | None:
    """The noun a number counts: the first content word after it that is not a unit or scale, in
    the same phrase ("Rp 6,8 triliun, demikian disampaikan …" counts no "demikian")."""
    if re.match(r"(?:Rp|US\$|S\$|\$|€|£)", number_text.strip()):
        return None  # a sum of money counts money ("Rp 75 miliar disiapkan untuk …")
    after = _words_after(text, number_text)[:4]  # the next words only
    # a verb is not what a figure counts ("Rp 75 miliar disiapkan untuk …": the budget is prepared)
    return next((w for w in after if w not in SCALE_WORDS and not w.isdigit() and not _id_verb(w)), None)


_VERB_LOOKALIKES = frozenset("menteri direksi diskusi direktori dimensi distribusi destinasi".split())


def _id_verb(w: str) -> bool:
    """An Indonesian verb with a di-/me- prefix and a -kan/-i suffix: "disiapkan", "memperbaiki"."""
    return (len(w) >= 8 and w.startswith(("di", "me")) and w.endswith(("kan", "i")) and w not in _ID_NOT_VERBS
            and w not in _VERB_LOOKALIKES)


def _abbreviated(missing: set[str], query: str, passage: str) -> set[str]:
    """The missing claim words that one side says by abbreviation: the passage's abbreviation
    stands for them, spelt out in the claim ("PDB" for "produk domestik bruto"; not "RS" for any
    "rumah"), or the claim's abbreviation is spelt out in the passage ("APBN" / "anggaran
    pendapatan dan belanja negara")."""
    said = set()
    for abbr, words in abbreviations.in_text(passage):
        if abbreviations.spelt_out(abbr, query):
            said |= missing & words
    for abbr, _ in abbreviations.in_text(query):
        if abbr.lower() in missing and abbreviations.spelt_out(abbr, passage):
            said.add(abbr.lower())
    return said


def coverage(query: str, passage: str, lang: str, skip: set[str] = frozenset()) -> tuple[float, set[str]]:
    """Share of the claim's content terms that one passage holds, and the terms it lacks. A
    figure counts as content through the noun it counts: "500 workers" needs "workers"."""
    from .similarity import content_words

    terms = content_terms(query, lang, skip)
    pwords = set(content_words(passage))
    proots = {r for w in pwords for r in _roots(w)}
    # a figure that is in the passage but for something else leaves its noun missing: nothing to add
    low = passage.lower()
    missing = {w for w in terms if not _covered(w, pwords, proots, low)}
    missing -= _abbreviated(missing, query, passage)
    if CLOCK_DURATION.search(passage):  # "in 2:17:45" gives the hours, minutes and seconds
        missing -= DURATION_UNITS
    return 1 - len(missing) / max(len(terms), 1), missing


# words that only link a figure to its subject ("mencapai 78 persen", "worth Rp 4 trillion"): not what it measures
_FIGURE_LINKS = frozenset("mencapai sebesar senilai sebanyak berjumlah reached reach reaches reaching worth totalling totaling "
                          "amounting amounted".split())


# nouns that only say a figure counts people ("420.000 orang" / "380,000 passengers")
_PERSONS = frozenset("people persons individuals orang jiwa".split())


def figure_addressed(query: str, number_text: str, passage: str, lang: str) -> bool:
    """Whether the passage speaks of what the claim's figure measures: the claim's content terms
    nearest to the figure (the one before it, usually the predicate — "evacuated 27", "lend
    500", "anggaran Rp 300" — and the one after it, usually the noun it counts) are all in the
    passage. A passage that gives another figure for something else does not address it."""
    from .similarity import content_words

    prop = proposition(query, lang)
    i = prop.find(number_text)
    if i < 0:
        return True
    terms = set(content_terms(prop, lang))
    before = [w for w in content_words(prop[:i]) if w in terms and w not in _FIGURE_LINKS][-1:]
    after = [w for w in content_words(prop[i + len(number_text):]) if w in terms and w not in _FIGURE_LINKS][:1]
    after = [w for w in after if w not in _PERSONS]  # "420.000 orang": people, whatever they are called there
    pwords = set(content_words(passage))
    proots = {r for w in pwords for r in _roots(w)}
    low = passage.lower()
    given = DURATION_UNITS if CLOCK_DURATION.search(passage) else frozenset()  # "2:17:45": hours, minutes, seconds
    return all(w in given or _covered(w, pwords, proots, low) for w in before + after)


def _negation_ends(text: str, lang: str) -> list[int]:
    """Where each negation word of ``text`` ends."""
    from . import anchors as A

    low = text.lower()
    return [m.end() for n in A.NEGATIONS["id" if lang == "id" else "en"] for m in re.finditer(rf"\b{re.escape(n)}\b", low)]


def _negation_scope(query: str, lang: str) -> list[str] | None:
    """The (up to three) content terms after the claim's negation; None: the claim negates nothing."""
    from .similarity import content_words

    prop = proposition(query, lang)
    negs = _negation_ends(prop, lang)
    if not negs:
        return None
    terms = set(content_terms(prop, lang))
    return [w for w in content_words(prop[min(negs):]) if w in terms][:3]


def denied_in_passage(query: str, passage: str, lang: str, registry=None) -> bool:
    """Whether a clause of the passage that speaks of what the claim negates negates it too:
    "posed no tsunami threat" / "…, adding that there was no risk of a tsunami"."""
    from . import anchors as A
    from .similarity import content_words

    scope = _negation_scope(query, lang)
    for clause in A.clauses(passage) if scope else ():
        words = set(content_words(clause))
        roots = {r for w in words for r in _roots(w)}
        if any(_covered(w, words, roots, clause.lower()) for w in scope) and A.extract(clause, lang, registry).negated:
            return True
    return False


def negation_about(query: str, clause: str, lang: str) -> bool:
    """Whether a clause's negation is about the claim: one of the (up to three) content words
    after one of its negations, before a place or time, is a term of the claim ("stok vaksin
    masih cukup" is not denied by "anak yang *belum lengkap imunisasinya*"). A clause without a
    negation word found here: True."""
    from .similarity import content_words

    negs = _negation_ends(clause, lang)
    if not negs:
        return True
    terms = content_terms(query, lang)
    for at in negs:
        rest = re.split(r"\b(?:ke|di|dari|pada|in|at|on|from)\b", clause[at:].lower(), maxsplit=1)[0]
        after = content_words(rest)[:3]  # up to a place or time ("belum lengkap imunisasinya | ke puskesmas")
        words = set(after)
        roots = {r for w in words for r in _roots(w)}
        if any(_covered(t, words, roots, " ".join(after)) for t in terms):
            return True
    return False


def negated_in_passage(query: str, passage: str, lang: str) -> bool:
    """Whether the passage speaks of what the claim negates: one of the (up to three) content
    terms after the claim's negation is in the passage. "No tsunami potential" is not
    contradicted by a passage about the quake that says nothing of a tsunami."""
    from .similarity import content_words

    scope = _negation_scope(query, lang)
    if not scope:
        return True
    pwords = set(content_words(passage))
    proots = {r for w in pwords for r in _roots(w)}
    passage_low = passage.lower()
    return any(_covered(w, pwords, proots, passage_low) for w in scope)


_DONE = re.compile(r"\b(?:sudah|telah)\b")
_TARGET = re.compile(r"\b(?:menargetkan|ditargetkan|targetkan|target|targets|targeted|targeting|targetnya|sasaran|"
                     r"aims?\s+to|aiming\s+to|berencana|direncanakan|merencanakan|plans?\s+to|planning\s+to)\b")
# a proposal, a matter still under discussion: nothing is decided yet
_PROPOSAL = re.compile(r"\b(?:usul|usulan|mengusulkan|diusulkan|masih\s+dibahas|belum\s+diputuskan|akan\s+diputuskan|"
                       r"proposed|proposal|proposes|propose|under\s+discussion|still\s+being\s+discussed|"
                       r"yet\s+to\s+be\s+decided|not\s+yet\s+decided|will\s+be\s+decided)\b")


# a claim that gives a cause, and a source that says the cause is not known yet
_CAUSE_GIVEN = re.compile(r"\b(?:akibat|disebabkan|penyebab|karena|lantaran|dipicu)\b")
_CAUSE_UNKNOWN = re.compile(
    r"\bpenyebab\w*\s+(?:\w+\s+){0,4}?(?:belum\s+diketahui|masih\s+(?:diselidiki|didalami|diinvestigasi|dalam\s+penyelidikan))"
    r"|\bbelum\s+(?:diketahui|dapat\s+dipastikan)\s+(?:apa\s+)?penyebab"
    r"|\bcause\s+(?:\w+\s+){0,6}?(?:is|was|remains|remained)\s+(?:still\s+)?(?:under\s+investigation|unknown|unclear|"
    r"not\s+(?:yet\s+)?(?:known|determined|clear))"
    r"|\b(?:not\s+yet|yet\s+to)\s+(?:determined?|establish(?:ed)?|identif(?:y|ied))\s+(?:what|which|the\s+cause)")


def cause_unknown(claim_id: str, document: str) -> bool:
    """Whether the claim gives a cause that the source says is not known yet ("the cause … was
    still under investigation", "had not yet determined which activities were driving it",
    "penyebabnya masih diselidiki")."""
    return bool(_CAUSE_GIVEN.search(proposition(claim_id, "id").lower()) and _CAUSE_UNKNOWN.search(document.lower()))


def not_done(claim_id: str, query: str, passage: str, lang: str) -> str | None:
    """Why the source does not say what the claim says happened or was decided: the claim states
    as done ("sudah berkurang 200 ton") what the source's matching clause gives as a target or plan
    ("menargetkan … dapat mengurangi 200 ton pada akhir tahun"), or states as decided what the
    clause gives as a proposal still discussed ("usulan tersebut masih dibahas dan belum
    diputuskan"). None: neither."""
    from . import anchors as A

    prop = proposition(claim_id, "id").lower()
    claim_frames = _TARGET.search(prop) or _PROPOSAL.search(prop) or _PROPOSAL.search((query or "").lower())
    if claim_frames:
        return None
    clause = A.best_clause(passage, proposition(query, lang)).lower()
    if _PROPOSAL.search(clause) and not _DECIDED.search(clause):
        return "the source gives it as a proposal, not decided"
    target = _TARGET.search(clause)
    if _DONE.search(prop) and target and _governs_figure(target.end(), clause, query, lang):
        return "the source gives it as a target or plan; the claim says it is done"
    return None


# a proposal decided on, either way: "menyetujui usulan …", "approved a proposal to …", "menolak
# usulan …", "turned down the proposal"
_DECIDED = re.compile(r"\b(?:menyetujui|disetujui|mengesahkan|disahkan|approved|approves|adopted|passed|accepted|"
                      r"menolak|ditolak|rejected|rejects|turned\s+down|turns\s+down|vetoed|voted\s+down)\b")


def _governs_figure(at: int, clause: str, query: str, lang: str) -> bool:
    """Whether a claim figure comes after position ``at`` of the (lower-cased) clause, or the claim
    gives none: "menargetkan … dapat mengurangi 200 ton" sets the target of the claim's 200
    tonnes; "turun 40 persen, melampaui target penurunan 25 persen" reports the 40 as done."""
    from . import anchors as A

    values = {round(n.value, 6) for n in A.extract(proposition(query, lang), lang).numbers}
    if not values:
        return True
    return any(round(n.value, 6) in values for n in A.extract(clause[at:], lang).numbers)


def figure_elsewhere(claim_number: str, source_number: str, claim_id: str, query: str, passage: str, lang: str) -> bool:
    """Whether a claim figure that the matching clause lacks is the claim's other half, in another
    sentence of the passage, rather than a different figure: the clause's figure it was paired
    with counts another thing ("empat rumah" for the claim's "tiga hari"), and the passage gives
    the claim's figure with the claim's words after it, or words of the same sense ("hujan tiga
    hari berturut-turut"; "sekitar 450 jiwa" for "sekitar 450 orang"). The same figure for another
    thing ("45 rumah rusak ringan" for the claim's "45 rumah rusak berat") is no match, nor a rate
    or a sum ("3 percent last year" of inflation, not of poverty): they say nothing of what they
    measure."""
    from . import anchors as A

    n = next((n for n in A.extract(claim_id, "id").numbers if n.text.strip() == claim_number), None)
    if n is None or n.unit is not None:
        return False
    ours = [m.text.strip() for m in A.extract(query, lang).numbers if abs(m.value - n.value) < 1e-6]
    theirs = [m.text.strip() for m in A.extract(passage, lang).numbers if abs(m.value - n.value) < 1e-6]
    want = _words_after(query, ours[0])[:3] if ours else []
    paired = _words_after(passage, source_number)[:1]
    if not want or (paired and _covered(want[0], set(paired), {r for w in paired for r in _roots(w)})):
        return False  # the clause's figure counts the same thing: a different figure for it
    for t in theirs:
        after = _words_after(passage, t)[:5]
        roots = {r for w in after for r in _roots(w)}
        if all(_covered(w, set(after), roots) for w in want):
            return True
    return False


def _words_after(text: str, number_text: str) -> list[str]:
    """The content words after a figure, to the end of its phrase."""
    from .similarity import content_words

    i = text.find(number_text)
    if i < 0:
        return []
    phrase = re.split(r"[,;.!?](?:\s|$)", text[i + len(number_text):i + len(number_text) + 400], maxsplit=1)[0]
    return content_words(phrase)
