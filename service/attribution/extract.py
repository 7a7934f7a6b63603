"""Rule-based attribution extraction for Indonesian news: who said what, citing whom.

Works on a segmented :class:`Article` with no model. Each sentence is scanned for cues — quotes
with a reporting verb before or after them, reporting verbs after a subject, "menurut X", media
markers ("seperti dilansir dari X"), passives ("dikutuk oleh X") — and the speaker is parsed from
the phrase the cue points at, resolved through the people mentioned so far (surnames, roles,
pronouns) and the source registry. Quotes that run over several sentences or paragraphs give
every sentence they cover to the same speaker.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ..article import Article, Attribution, Issue, Sentence, SourceRef, Speaker
from .lexicon import CLAUSE_ONLY_VERBS, HEDGES, MEDIA_MARKERS, PASSIVE_DIRECT, PASSIVE_VERBS, POST_VERBS, PRE_VERBS
from .names import People, Parsed, name_mentions, parse_subject, split_name, variant_pairs
from .quotes import Quote, find_quotes
from .sources import SourceRegistry, load_sources

EXTRACTOR_VERSION = "id-attrib-rules/1"

_PRE_ALT = "|".join(sorted(PRE_VERBS, key=len, reverse=True))
_PRE = re.compile(r"(?<![\w-])(" + _PRE_ALT + r")(?![\w-])")
_POST = re.compile(r"(?<![\w-])(" + "|".join(sorted(POST_VERBS, key=len, reverse=True)) + r")(nya)?(?![\w-])", re.IGNORECASE)
_PASSIVE = re.compile(
    r"(?<![\w-])(?:(" + "|".join(sorted(PASSIVE_VERBS, key=len, reverse=True)) + r")\s+oleh\s+"
    r"|(" + "|".join(sorted(PASSIVE_DIRECT, key=len, reverse=True)) + r")\s+(?=[A-Z]|(?:kepala|ketua|juru bicara|menteri|direktur|wakil|anggota|pakar|pengamat)\b)(?!Rp\b))",
    re.IGNORECASE,
)
_MENURUT = re.compile(r"(?<![\w-])([Mm]enurut)(?:\s+|(?=nya\b))")
_MEDIA = re.compile(
    r"(?:(?:[Ss]eperti|[Ss]ebagaimana|[Ss]ebagaimana\s+yang)\s+)?(?<![\w-])(" + "|".join(MEDIA_MARKERS)
    + r")(?:\s+(?:dari|oleh|laman|situs|media|harian|surat\s+kabar|majalah|kantor\s+berita|stasiun\s+televisi|televisi|portal|akun))*\s+(?=[A-Z\"“]|kumparan|detik)",
    re.IGNORECASE,
)
_POLICE_REPORT = re.compile(r"\bmelaporkan\s+(?:perkara|kasus|dugaan|kejadian|tindak|pencurian|penipuan|penganiayaan|pelaku)\b|\bmelaporkan\b(?:\s+\S+){0,8}?\s+ke\s+(?:polisi|pihak\s+berwajib|kepolisian|Pol(?:res|da|sek|resta|restabes)|Bareskrim|KPK|Kejaksaan|Ombudsman|Propam|Komnas)", re.IGNORECASE)
_CLAUSE_START = re.compile(r"^\s*(?:,\s*)?(?:bahwa\b|[“\"]|:)", re.IGNORECASE)
_STATEMENT_VENUE = re.compile(r"\s*(?:dalam|melalui|lewat|di)\s+(?:sebuah\s+|akun\s+)?(?:pernyataan|unggahan|cuitan|keterangan|konferensi|jumpa|siaran|wawancara|pidato|akun|media|laman|postingan)\b[^,“\"]*?(?=\s+bahwa\b|,|\s*[“\"]|$)", re.IGNORECASE)
_QUOTE_CHARS = "“”\"'’‘"
_STOP_AFTER_NAME = re.compile(r"\s+(?:di|kepada|saat|ketika|dalam|pada|usai|seusai|setelah|sebelum|dari|melalui|lewat|via|dengan|seperti|sebagaimana|sambil|yang|sembari)\s.*$|,.*$|\s*\(.*$", re.IGNORECASE)
_PAREN_ACRONYM = re.compile(r"\s*\([A-Z][A-Za-z]{1,10}\)")
_ADJUNCT_SEG = re.compile(
    r"^(?:(?:dalam|melalui|lewat|saat|ketika|pada|di|usai|seusai|kepada|dikutip|seperti|sebagaimana|"
    r"Senin|Selasa|Rabu|Kamis|Jumat|Sabtu|Minggu)\b|\(?\d)",
    re.IGNORECASE,
)


@dataclass
class _State:
    people: People
    last: Parsed | None = None
    counter: int = 0


def _speaker_source(p: Parsed) -> tuple[Speaker, SourceRef]:
    return Speaker(p.name, p.role, p.affiliation), SourceRef(p.source_name, p.source_type, p.source_key)


def _trim_claim(text: str, start: int, end: int) -> tuple[int, int]:
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


def _in_quote(pos: int, quotes: list[Quote]) -> Quote | None:
    for q in quotes:
        if q.start < pos < q.end:
            return q
    return None


class Extractor:
    def __init__(self, registry: SourceRegistry | None = None):
        self.registry = registry or load_sources()

    # -- per-article -------------------------------------------------------------------------

    def extract(self, article: Article) -> tuple[list[Attribution], list[Issue]]:
        text = article.text
        quotes = find_quotes(text, [(p.start, p.end) for p in article.paragraphs])
        state = _State(People())
        found: list[Attribution] = []
        quote_speaker: dict[int, tuple[Parsed, str, int, int]] = {}  # quote start -> (speaker, cue, cue span)
        for s in article.sentences:
            self._register_people(s, state)
            before = len(found)
            found.extend(self._sentence(article, s, quotes, quote_speaker, state))
            if len(found) == before:
                found.extend(self._continuation(article, s, quotes, quote_speaker, state))
        found = self._dedupe(found)
        issues = self._issues(article, found, state)
        return found, issues

    def _new_id(self, state: _State) -> str:
        state.counter += 1
        return f"a{state.counter}"

    def _make(self, state, s: Sentence, text: str, start: int, end: int, kind: str, cue: str,
              cue_span: tuple[int, int] | None, who: Parsed, confidence: float, continuation=False, nested_in=None):
        start, end = _trim_claim(text, start, end)
        if end <= start:
            start, end = s.start, s.end
        speaker, source = _speaker_source(who)
        if who.pronoun:
            confidence -= 0.1
        if who.unnamed:
            confidence -= 0.15
        return Attribution(
            id=self._new_id(state), sentence=s.index, start=start, end=end, text=text[start:end], kind=kind,
            cue=cue, speaker=speaker, source=source, confidence=max(0.05, min(1.0, confidence)),
            cue_start=cue_span[0] if cue_span else None, cue_end=cue_span[1] if cue_span else None,
            continuation=continuation, nested_in=nested_in,
        )

    def _register_people(self, s: Sentence, state: _State) -> None:
        """Remember "Presiden Kazakhstan, Kassym-Jomart Tokayev," and similar mentions."""
        for a, b, name in name_mentions(s.text):
            if self.registry.lookup(name) or any(m.alias == name for m in self.registry.find_all(name)):
                continue
            n, role = split_name(name)
            if not n or len(n.split()) < 2:
                continue
            left = s.text[max(0, a - 60) : a].rstrip(" ,")
            ctx_role = None
            m = re.search(r"([A-Za-z][\w\s-]{2,60})$", left)
            if m:
                cand = m.group(1).strip()
                words = cand.split()
                from .names import role_prefix

                for k in range(len(words)):
                    if role_prefix(words[k:]):
                        ctx_role = " ".join(words[k:])
                        break
            state.people.add(n, role or ctx_role, None, s.index)

    # -- one sentence ------------------------------------------------------------------------

    def _sentence(self, article, s: Sentence, quotes, quote_speaker, state) -> list[Attribution]:
        text = article.text
        off = s.start
        st = s.text
        out: list[Attribution] = []
        s_quotes = [q for q in quotes if q.start < s.end and q.end > s.start]

        # 1. quotes with a cue in this sentence (verb after the closing mark, or before the opening)
        for q in s_quotes:
            qs, qe = q.inner(text)
            words = len(text[max(qs, s.start) : min(qe, s.end)].split())
            if q.start in quote_speaker:
                continue
            who = cue = cspan = None
            # after: ”, kata X / ”, ujarnya
            if q.closed and s.start <= q.end <= s.end:
                after = text[q.end : s.end]
                m = re.match(r"\s*,?\s*(" + _POST.pattern + r")", after, re.IGNORECASE)
                if m:
                    verb = m.group(0).strip(" ,")
                    cspan = (q.end + m.start(1), q.end + m.end(1))
                    cue = text[cspan[0] : cspan[1]]
                    if verb.lower().endswith("nya") and verb.lower() not in ("tanya",):
                        who = state.last
                        if who is not None:
                            who = replace(who, pronoun=True)
                    else:
                        rest = after[m.end() :]
                        who = self._phrase_after_verb(rest, s.index, state)
            if who is None and s.start <= q.start:
                pre_start = max(s.start, q.start - 240)  # the cue stands right before the quote
                pre = text[pre_start : q.start]
                m = re.search(r"(" + _PRE.pattern + r")(?:\s+(?:dengan|kepada|pada|di|dalam)\s[^,“\"]{0,60})?\s*[,:]?\s*$", pre)
                if m:
                    cspan = (pre_start + m.start(1), pre_start + m.end(1))
                    cue = text[cspan[0] : cspan[1]]
                    who = parse_subject(self._subject_before(text[s.start : cspan[0]]) or "", self.registry, state.people, state.last, s.index)
                else:
                    m2 = re.search(r"(?<![\w-])([Mm]enurut)\s+([^,“\"]{2,80}),\s*$", pre)
                    if m2:
                        cspan = (pre_start + m2.start(1), pre_start + m2.end(1))
                        cue = m2.group(1)
                        who = parse_subject(m2.group(2), self.registry, state.people, state.last, s.index)
            if words < 4 and (who is None or (q.closed and q.end <= s.end and re.search(r"\w", text[q.end : s.end]) and not re.match(r"\s*,?\s*(" + _POST.pattern + r")", text[q.end : s.end], re.IGNORECASE))):
                continue  # scare quotes ("geng teroris"): part of a larger claim, not a quote
            if who is None:
                continue
            quote_speaker[q.start] = (who, cue, cspan)
            state.last = who if not who.unnamed else state.last
            # every sentence this quote covers, up to this one, belongs to the speaker
            for s2 in article.sentences:
                if s2.end <= q.start or s2.start >= q.end or s2.index > s.index:
                    continue
                a, b = max(qs, s2.start), min(qe, s2.end)
                if s2.index == s.index:
                    out.append(self._make(state, s2, text, a, b, "direct_quote", cue, cspan, who, 0.95))
                else:
                    out.append(self._make(state, s2, text, a, b, "direct_quote", cue, cspan, who, 0.85, continuation=True))

        # 2. reporting verbs after a subject (outside quotes)
        for m in _PRE.finditer(st):
            pos = off + m.start()
            if _in_quote(pos, quotes):
                continue
            verb = m.group(1)
            after = st[m.end() :]
            if verb == "melaporkan" and _POLICE_REPORT.search(st[m.start() :]):
                continue
            venue = _STATEMENT_VENUE.match(after)
            after_v = after[venue.end() :] if venue else after
            if verb in CLAUSE_ONLY_VERBS and not _CLAUSE_START.match(after_v):
                continue
            # a quote right after this verb was handled in step 1
            if re.match(r"\s*[,:]?\s*[“\"]", after_v):
                qpos = off + m.end() + (len(after) - len(after_v)) + (len(after_v) - len(after_v.lstrip(" ,:")))
                if qpos in quote_speaker:
                    continue
            subj_text = self._subject_before(st[: m.start()])
            if subj_text is None:
                continue
            who = parse_subject(subj_text, self.registry, state.people, state.last, s.index)
            if who is None:
                continue
            claim_start = off + m.end() + (len(after) - len(after_v))
            bm = re.match(r"\s*,?\s*(?:bahwa\s+)?", st[claim_start - off :])
            claim_start += bm.end() if bm else 0
            claim_end = self._claim_end(st, claim_start - off) + off
            out.append(self._make(state, s, article.text, claim_start, claim_end, "indirect", verb,
                                  (pos, pos + len(verb)), who, 0.9))
            if not who.unnamed:
                state.last = who

        # 3. clause-final post verbs without a quote: "…, kata dia." / "…, ujarnya."
        for m in re.finditer(r",\s*(" + _POST.pattern + r")\b", st, re.IGNORECASE):
            pos = off + m.start(1)
            if _in_quote(pos, quotes) or any(q.end <= pos and text[q.end:pos].strip(" ,") == "" for q in s_quotes):
                continue
            verb = m.group(1)
            rest = st[m.end() :]
            if verb.lower().endswith("nya"):
                if rest.strip(" .") and not re.match(r"\s*[.!?]?\s*$", rest):
                    continue
                who = state.last
                if who is None:
                    continue
                who = replace(who, pronoun=True)
            else:
                if verb.lower() in ("jelas", "tegas", "terang", "lanjut", "tambah", "aku", "klaim", "sebut", "tulis", "cerita", "kisah", "tanya", "jawab", "seru"):
                    # also ordinary words ("kisah kepahlawanan"): only with a name right after
                    if not re.match(r"\s*(?:[A-Z]|dia\b|ia\b|beliau\b|mereka\b)", rest):
                        continue
                who = self._phrase_after_verb(rest, s.index, state)
                if who is None:
                    continue
            out.append(self._make(state, s, text, s.start, pos, "indirect", verb, (pos, pos + len(verb)), who, 0.85))
            if not who.unnamed:
                state.last = who

        # 4. menurut X
        for m in _MENURUT.finditer(st):
            pos = off + m.start()
            q = _in_quote(pos, quotes)
            rest = st[m.end() :]
            if rest.startswith("nya"):
                if q is not None or state.last is None:
                    continue
                who = replace(state.last, pronoun=True)
                cue = st[m.start() : m.end() + 3]
                if st[: m.start()].strip(" ,“\"") == "":
                    claim = (off + m.end() + 3, s.end)
                else:
                    claim = (s.start, pos)
                out.append(self._make(state, s, text, claim[0], claim[1], "according_to", cue, (pos, pos + len(cue)), who, 0.85))
                continue
            xm = re.match(r"([^,.;:“\"]{1,120})", rest)
            if not xm:
                continue
            phrase = xm.group(1)
            if phrase.split()[0].lower() in ("saya", "kami", "kita", "aku"):
                continue
            if q is not None and phrase.split()[0].lower() in ("dia", "ia", "beliau"):
                continue
            who = parse_subject(phrase, self.registry, state.people, state.last, s.index)
            if who is None:
                continue
            phrase_end = m.end() + xm.end()
            if st[:m.start()].strip(" ,“\"") == "":
                claim = (off + phrase_end, s.end)
            else:
                claim = (s.start, pos)
            nested = None
            if q is not None:
                outer = quote_speaker.get(q.start)
                nested = next((a.id for a in out if a.kind == "direct_quote"), None) if outer else None
            out.append(self._make(state, s, text, claim[0], claim[1], "according_to", m.group(1),
                                  (pos, pos + len(m.group(1))), who, 0.9, nested_in=nested))

        # 5. media markers: seperti dilansir dari X, dikutip dari X, mengutip X
        for m in _MEDIA.finditer(st):
            pos = off + m.start(1)
            if _in_quote(pos, quotes):
                continue
            rest = st[m.end() :]
            match = self.registry.find_all(rest[:80])
            if match and match[0].start == 0:
                e = match[0].entry
                who = Parsed(match[0].alias, None, None, e.name, e.type, e.key)
                xend = match[0].end
            else:
                xm = re.match(r"([A-Z][\w.&'-]*(?:\s+[A-Z][\w.&'-]*){0,4})", rest)
                if not xm:
                    continue
                name = xm.group(1)
                who = Parsed(name, None, None, name, "media", None)
                xend = xm.end()
            marker_end = m.end() + xend
            if st[: m.start()].strip(" ,") == "" or st[: m.start()].strip().endswith(","):
                claim = (off + marker_end, s.end) if st[: m.start()].strip(" ,") == "" else (s.start, pos)
            else:
                claim = (s.start, pos)
            out.append(self._make(state, s, text, claim[0], claim[1], "media_citation", m.group(1),
                                  (pos, pos + len(m.group(1))), who, 0.9))

        # 6. passives: dikutuk oleh X / dibantah Ketua DPRD X, Nama
        for m in _PASSIVE.finditer(st):
            verb = m.group(1) or m.group(2)
            pos = off + m.start()
            if _in_quote(pos, quotes):
                continue
            rest = st[m.end() :]
            reg = self.registry.find_all(rest[:120])
            if reg and reg[0].start == 0:
                e = reg[0].entry
                who = Parsed(reg[0].alias, None, None, e.name, e.type, e.key)
            else:
                xm = re.match(r"(.{1,160}?)(?=\s+(?:karena|atas|sebagai|yang|pada|saat|sejak|setelah|kepada|bahwa)\s|[.;:]|$)", rest)
                if not xm:
                    continue
                agent = _PAREN_ACRONYM.sub("", xm.group(1))
                parts = [p.strip() for p in agent.split(",")]
                # keep "role, Name" appositions; drop trailing adjuncts
                keep = [parts[0]]
                for p in parts[1:]:
                    if p[:1].isupper() and not _ADJUNCT_SEG.match(p):
                        keep.append(p)
                    else:
                        break
                who = parse_subject(", ".join(keep), self.registry, state.people, state.last, s.index, register=True)
            if who is None:
                continue
            out.append(self._make(state, s, text, s.start, s.end, "passive", verb, (pos, pos + len(verb)), who, 0.8))
            if who.source_type == "person":
                state.last = who
        return out

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
                out.append(self._make(state, s, article.text, max(qs, s.start), min(qe, s.end), "direct_quote", cue, cspan,
                                      who, 0.95 if has_cue else 0.85, continuation=not has_cue))
            elif q.start >= s.start and (q.end - q.start) > 30 and state.last is not None and article.text[s.start:q.start].strip() == "":
                # a quote paragraph with no cue right after someone spoke: the same speaker
                prev = [a for a in article.sentences if a.index == s.index - 1]
                if prev and prev[0].paragraph >= s.paragraph - 1:
                    qs, qe = q.inner(article.text)
                    out.append(self._make(state, s, article.text, max(qs, s.start), min(qe, s.end), "direct_quote", "(continuation)", None, state.last, 0.6, continuation=True))
                    quote_speaker[q.start] = (state.last, "(continuation)", None)
        return out[:1]

    # -- helpers -----------------------------------------------------------------------------

    def _cue_after(self, article: Article, q: Quote, state: _State):
        """The reporting verb and speaker after a quote's closing mark, if any: (who, cue, span)."""
        end_sent = next((x for x in article.sentences if x.start <= q.end <= x.end), None)
        if end_sent is None:
            return None
        after = article.text[q.end : end_sent.end]
        m = re.match(r"\s*,?\s*(" + _POST.pattern + r")", after, re.IGNORECASE)
        if not m:
            return None
        cspan = (q.end + m.start(1), q.end + m.end(1))
        cue = article.text[cspan[0] : cspan[1]]
        if cue.lower().endswith("nya"):
            who = replace(state.last, pronoun=True) if state.last is not None else None
        else:
            who = self._phrase_after_verb(after[m.end() :], end_sent.index, state)
        return (who, cue, cspan) if who is not None else None

    def _phrase_after_verb(self, rest: str, sentence: int, state: _State) -> Parsed | None:
        """The speaker after a post-quote verb: "kata Kapolda Irjen Fadil Imran di Jakarta, Senin"."""
        from .names import role_prefix

        phrase = _PAREN_ACRONYM.sub("", rest.strip())
        phrase = re.sub(r"[.!?]+$", "", phrase)
        appos = ""
        m = re.match(r"([^,]+),\s*([^,]+)", phrase)
        if m and m.group(2)[:1].islower() and role_prefix(m.group(2).split()):
            phrase, appos = m.group(1), ", " + m.group(2).strip()  # "Rina, koordinator aksi"
        phrase = _STOP_AFTER_NAME.sub("", phrase).strip() + appos
        if not phrase:
            return None
        return parse_subject(phrase, self.registry, state.people, state.last, sentence)

    @staticmethod
    def _subject_before(left: str) -> str | None:
        """The subject phrase before a verb: the last clause, with its appositions
        ("Kate Mallinson, pakar …, [mengatakan]", "Kepala polisi kota, Kanat T., [mengatakan]")."""
        from .names import role_prefix

        segs = [p.strip() for p in left.rstrip().split(",")]
        while segs and not segs[-1]:
            segs.pop()
        if not segs:
            return None
        # "Seorang juru bicara, yang tak mau disebut namanya, [menyebutkan]": skip relative
        # clauses, venue and time adjuncts ("dalam pernyataan di Facebook", "Selasa malam") and a
        # lone place ("…, London, menilai")
        from .lexicon import PLACES

        while len(segs) >= 2 and (
            re.match(r"(?:yang|which|who)\b", segs[-1], re.IGNORECASE)
            or _ADJUNCT_SEG.match(segs[-1])
            or all(w in PLACES for w in segs[-1].split())
        ):
            segs.pop()
        # a dateline: "Jakarta (ANTARA) - Kementerian …"
        dm = re.search(r"\s[-–—]\s(?!.*\s[-–—]\s)", segs[-1])
        if dm and len(segs) == 1:
            segs[-1] = segs[-1][dm.end() :]
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

    @staticmethod
    def _claim_end(st: str, start: int) -> int:
        """The claim ends at the sentence end, or where a second speaker's clause begins."""
        m = re.search(r",\s*(?:dengan|sementara|sedangkan|sambil|dan)\s+(?:seorang|para|sejumlah|pihak)?\s*\S+\s+\S*\s*(?:" + _PRE_ALT + r")\b", st[start:])
        if m:
            return start + m.start()
        end = len(st)
        while end > start and st[end - 1] in ".!? ":
            end -= 1
        return end

    def _dedupe(self, found: list[Attribution]) -> list[Attribution]:
        """One attribution per (sentence, speaker, overlapping claim); prefer quotes and higher
        confidence."""
        rank = {"direct_quote": 0, "according_to": 1, "media_citation": 2, "indirect": 3, "passive": 4}
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
                if a.cue_start is not None and k.cue_start == a.cue_start:
                    dup = True
                    break
            if not dup:
                kept.append(a)
        kept.sort(key=lambda a: (a.sentence, a.start))
        return [replace(a, id=f"a{i + 1}") for i, a in enumerate(kept)]

    def _issues(self, article: Article, found: list[Attribution], state: _State) -> list[Issue]:
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
