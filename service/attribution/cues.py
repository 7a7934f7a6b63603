"""Cue patterns and the helpers the attribution rules share.

The patterns find reporting verbs before a claim (``mengatakan``), after one (``kata``,
``ujarnya``), ``menurut``, media markers (``seperti dilansir dari``) and passives (``dikutuk
oleh``). The helpers cut a sentence into the parts a rule needs: the subject before a verb, the
speaker after a post-quote verb, where a claim ends, and the :class:`ExtractionState` that carries
people and the last speaker from one sentence to the next.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..article import Attribution, Sentence, SourceRef, Speaker
from .lexicon import CLAUSE_AUX, MEDIA_MARKERS, PASSIVE_DIRECT, PASSIVE_VERBS, PLACES, POST_VERBS, PRE_VERBS
from .names import People, Parsed, parse_subject, role_prefix
from .quotes import Quote
from .sources import SourceRegistry

PRE_ALT = "|".join(sorted(PRE_VERBS, key=len, reverse=True))
PRE = re.compile(r"(?<![\w-])(" + PRE_ALT + r")(?![\w-])")
POST = re.compile(r"(?<![\w-])(" + "|".join(sorted(POST_VERBS, key=len, reverse=True)) + r")(nya)?(?![\w-])", re.IGNORECASE)
PASSIVE = re.compile(
    r"(?<![\w-])(?:(" + "|".join(sorted(PASSIVE_VERBS, key=len, reverse=True)) + r")\s+oleh\s+"
    r"|(" + "|".join(sorted(PASSIVE_DIRECT, key=len, reverse=True)) + r")\s+(?=(?-i:[A-Z])|(?:kepala|ketua|juru bicara|menteri|direktur|wakil|anggota|pakar|pengamat)\b)(?!Rp\b))",
    re.IGNORECASE,
)
MENURUT = re.compile(r"(?<![\w-])([Mm]enurut)(?:\s+|(?=nya\b))")
# the words for a site or an account, shared by "dilansir laman resmi X" and "berdasarkan … website resmi X"
SITE_WORDS = r"(?:situs\s+web|website|laman|situs|portal|web|blog|akun(?:\s+(?-i:Instagram|Twitter|Facebook|YouTube|TikTok))?)"
# "seperti dilansir dari laman resmi BMKG": an official site (or account) of the body named after it
OFFICIAL_SITE = re.compile(r"(?<![\w-])(" + SITE_WORDS + r"\s+(?:resmi|milik))\s*$",
                           re.IGNORECASE)
MEDIA = re.compile(
    r"(?:(?:[Ss]eperti|[Ss]ebagaimana|[Ss]ebagaimana\s+yang)\s+)?(?<![\w-])(" + "|".join(MEDIA_MARKERS + ("via",))
    + r")(?:\s+(?:dari|oleh|laman|situs|media|harian|surat\s+kabar|majalah|kantor\s+berita|stasiun\s+televisi|televisi|portal|akun"
    r"|situs\s+web|website|web|resmi|milik|(?-i:Instagram|Twitter|Facebook|YouTube|TikTok)(?=\s+(?:resmi|milik)\b)))*\s+(?=[A-Z\"“]|kumparan|detik)",
    re.IGNORECASE,
)
POLICE_REPORT = re.compile(r"\bmelaporkan\s+(?:perkara|kasus|dugaan|kejadian|tindak|pencurian|penipuan|penganiayaan|pelaku)\b|\bmelaporkan\b(?:\s+\S+){0,8}?\s+ke\s+(?:polisi|pihak\s+berwajib|kepolisian|Pol(?:res|da|sek|resta|restabes)|Bareskrim|KPK|Kejaksaan|Ombudsman|Propam|Komnas)", re.IGNORECASE)
CLAUSE_START = re.compile(r"^\s*(?:,\s*)?(?:bahwa\b|[“\"]|:)", re.IGNORECASE)
# a bare clause after a verb: a subject (a name or a pronoun) then a predicate word
# ("mengakui Real Madrid layak menang", "memastikan stok beras aman")
BARE_CLAUSE = re.compile(
    r"^\s*(?:[A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,3}|dia|ia|mereka|pihaknya|timnya|(?:ini|itu|tersebut|kami|mereka|kita)|(?!(?:dan|yang|untuk|bahwa)\b)[a-z][\w-]*(?:\s+(?!(?:dan|yang|untuk)\b)[a-z][\w-]*){0,3})"
    r"\s+(?:" + "|".join(CLAUSE_AUX) + r")\b"
)
STATEMENT_VENUE = re.compile(r"\s*(?:dalam|melalui|lewat|di)\s+(?:sebuah\s+|akun\s+)?(?:pernyataan|unggahan|cuitan|keterangan|konferensi|jumpa|siaran|wawancara|pidato|akun|media|laman|postingan)\b[^,“\"]*?(?=\s+bahwa\b|,|\s*[“\"]|$)", re.IGNORECASE)
# whom it was said to, right after the verb: "mengatakan kepada wartawan bahwa …", "kepada Reuters, …"
ADDRESSEE = re.compile(r"\s*kepada\s+(?:para\s+|sejumlah\s+|awak\s+)?(?:(?i:wartawan|jurnalis|media|pers)|"
                       r"[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*){0,3})\b[^,“\".]{0,60}?(?=\s+bahwa\b|,|\s*[“\"])")
STOP_AFTER_NAME = re.compile(r"\s+(?:di|kepada|saat|ketika|dalam|pada|usai|seusai|setelah|sebelum|dari|melalui|lewat|via|dengan|seperti|sebagaimana|sambil|yang|sembari|dilansir|dikutip|melansir|mengutip|diberitakan)\s.*$|,.*$|\s*\(.*$", re.IGNORECASE)
PAREN_ACRONYM = re.compile(r"\s*\([A-Z][A-Za-z]{1,10}\)")
ADJUNCT_SEG = re.compile(
    r"^(?:(?:dalam|melalui|lewat|saat|ketika|pada|di|usai|seusai|kepada|dikutip|seperti|sebagaimana|"
    r"Senin|Selasa|Rabu|Kamis|Jumat|Sabtu|Minggu)\b|\(?\d)",
    re.IGNORECASE,
)
# a post verb right after a closing quote mark: "”, kata X" / "”, ujarnya"
# ("”, demikian tulis Messi", "”, begitu kata X": a "thus" before the verb)
POST_AFTER_QUOTE = re.compile(r"\s*,?\s*(?:(?:demikian|begitu)\s+)?(" + POST.pattern + r")", re.IGNORECASE)


@dataclass
class ExtractionState:
    """What one article's extraction carries from sentence to sentence."""

    people: People
    last: Parsed | None = None
    counter: int = 0


def trim_claim(text: str, start: int, end: int) -> tuple[int, int]:
    """Strip spaces and clause punctuation, and quote marks left without their partner."""
    while True:
        before = (start, end)
        while start < end and (text[start].isspace() or text[start] in ",;:–—-"):
            start += 1
        while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:."):
            end -= 1
        claim = text[start:end]
        if claim and claim[0] in "“\"" and (claim.count("”") + claim.count('"')) < (2 if claim[:1] == '"' else 1):
            start += 1
        claim = text[start:end]
        if claim and claim[-1] in "”\"" and (claim.count("“") + claim.count('"')) < (2 if claim[-1:] == '"' else 1):
            end -= 1
        if (start, end) == before:
            return start, end


def make_attribution(state: ExtractionState, s: Sentence, text: str, start: int, end: int, kind: str, cue: str,
                     cue_span: tuple[int, int] | None, who: Parsed, confidence: float, continuation=False,
                     nested_in=None) -> Attribution:
    """An attribution of ``text[start:end]`` (trimmed; the whole sentence if nothing is left) in
    sentence ``s`` to ``who``, with the next id; pronouns and unnamed sources lower confidence."""
    start, end = trim_claim(text, start, end)
    if end <= start:
        start, end = s.start, s.end
    speaker = Speaker(who.name, who.role, who.affiliation)
    source = SourceRef(who.source_name, who.source_type, who.source_key)
    if who.pronoun:
        confidence -= 0.1
    if who.unnamed:
        confidence -= 0.15
    state.counter += 1
    return Attribution(
        id=f"a{state.counter}", sentence=s.index, start=start, end=end, text=text[start:end], kind=kind,
        cue=cue, speaker=speaker, source=source, confidence=max(0.05, min(1.0, confidence)),
        cue_start=cue_span[0] if cue_span else None, cue_end=cue_span[1] if cue_span else None,
        continuation=continuation, nested_in=nested_in,
    )


def in_quote(pos: int, quotes: list[Quote]) -> Quote | None:
    """The quote whose marks enclose ``pos``, if any."""
    for q in quotes:
        if q.start < pos < q.end:
            return q
    return None


def phrase_after_verb(rest: str, sentence: int, registry: SourceRegistry, state: ExtractionState) -> Parsed | None:
    """The speaker after a post-quote verb: "kata Kapolda Irjen Fadil Imran di Jakarta, Senin"."""
    phrase = PAREN_ACRONYM.sub("", rest.strip())
    phrase = re.sub(r"[.!?]+$", "", phrase)
    appos = ""
    m = re.match(r"([^,]+),\s*([^,]+)", phrase)
    if m and m.group(2)[:1].islower() and role_prefix(m.group(2).split()):
        phrase, appos = m.group(1), ", " + m.group(2).strip()  # "Rina, koordinator aksi"
    phrase = STOP_AFTER_NAME.sub("", phrase).strip() + appos
    if not phrase:
        return None
    return parse_subject(phrase, registry, state.people, state.last, sentence)


def _subject_segments(left: str) -> list[str]:
    """The comma segments before a verb, without trailing relative clauses, venue and time
    adjuncts ("dalam pernyataan di Facebook", "Selasa malam") and a lone place ("…, London,")."""
    segs = [p.strip() for p in left.rstrip().split(",")]
    while segs and not segs[-1]:
        segs.pop()
    if not segs:
        return segs
    # "Dalam suratnya, saat itu Novanto [mengaku]": a time adverb before the subject
    segs[-1] = re.sub(r"^(?:saat|ketika|waktu)\s+itu\s+(?=\S)", "", segs[-1], flags=re.IGNORECASE)
    # "Fernando Ruiz, juga [mengakui]": an adverb alone after the subject's comma
    while len(segs) >= 2 and segs[-1].casefold() in ("juga", "pun", "pula", "kembali", "lalu", "kemudian", "sendiri"):
        segs.pop()
    # "Seorang juru bicara, yang tak mau disebut namanya, [menyebutkan]"
    while len(segs) >= 2 and (
        re.match(r"(?:yang|which|who)\b", segs[-1], re.IGNORECASE)
        or ADJUNCT_SEG.match(segs[-1])
        or all(w in PLACES for w in segs[-1].split())
    ):
        segs.pop()
    # a dateline: "Jakarta (ANTARA) - Kementerian …"
    dm = re.search(r"\s[-–—]\s(?!.*\s[-–—]\s)", segs[-1])
    if dm and len(segs) == 1:
        segs[-1] = segs[-1][dm.end() :]
    return segs


def subject_before(left: str) -> str | None:
    """The subject phrase before a verb: the last clause, with its appositions
    ("Kate Mallinson, pakar …, [mengatakan]", "Kepala polisi kota, Kanat T., [mengatakan]")."""
    segs = _subject_segments(left)
    if not segs:
        return None
    last = segs[-1]
    subj = last
    if len(segs) >= 2:
        prev = segs[-2]
        if last[:1].islower() and role_prefix(last.split()) and prev.split() and prev.split()[-1][:1].isupper():
            # Name, role… — the name is the segment before (its own leading adjuncts dropped)
            subj = prev + ", " + last
        elif last[:1].isupper():
            # role, Name — keep the role part of the previous segment ("Pada hari Rabu ketua CSTO")
            words = prev.split()
            for k in range(len(words)):
                if role_prefix(words[k:]) and len(words) - k <= 8:
                    subj = " ".join(words[k:]) + ", " + last
                    break
    subj = subj.strip(" ,")
    if not subj or subj[-1] in "”\"":
        return None
    return subj


def claim_end(st: str, start: int) -> int:
    """The claim ends at the sentence end, or where a second speaker's clause begins."""
    m = re.search(r",\s*(?:dengan|sementara|sedangkan|sambil|dan)\s+(?:seorang|para|sejumlah|pihak)?\s*\S+\s+\S*\s*(?:" + PRE_ALT + r")\b", st[start:])
    if m:
        return start + m.start()
    end = len(st)
    while end > start and st[end - 1] in ".!? ":
        end -= 1
    return end
