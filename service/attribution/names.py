"""Names in Indonesian news: parse a subject phrase into speaker (name, role, affiliation) and
source, track people mentioned so roles and surnames resolve to full names, find name variants.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .lexicon import (
    BODY_HEADS,
    COMPANY_TAILS,
    DEMONSTRATIVES,
    FIRST_PERSON,
    KIND_NOUNS,
    MONTHS,
    PERSON_NOUNS,
    PRODUCT_WORDS,
    WEEKDAYS,
    NOT_NAMES,
    PLACES,
    PRONOUNS,
    RANK_SET,
    ROLE_COMPLEMENTS,
    ROLE_WORDS,
    TITLE_ABBREVS,
    GOVERNMENT_HEADS,
    POST_VERBS,
    PRE_VERBS,
    UNNAMED_HEADS,
    WHOLE_BODY_NAMES,
)
from .sources import SourceMatch, SourceRegistry

_TOKEN = re.compile(r"[\w][\w'’.-]*")
_LEAD_CONNECTORS = re.compile(
    r"^(?:(?:namun|tetapi|sementara(?: itu)?|kemudian|lalu|selain itu|sedangkan|dan|dengan|adapun|"
    r"bahkan|sebelumnya|selanjutnya|di sisi lain|di lain pihak|oleh karena itu|karena itu|"
    r"menanggapi hal (?:itu|tersebut)|terkait hal (?:itu|tersebut)|secara terpisah|saat itu|ketika itu|waktu itu)[,\s]+)+",
    re.IGNORECASE,
)
_TRAIL_WORDS = (
    "juga", "pun", "kembali", "sebelumnya", "lebih lanjut", "telah", "sudah", "pernah", "akan", "tidak", "tak",
    "bahkan", "sendiri", "justru", "sempat", "masih", "secara terpisah", "dalam keterangannya",
    "dalam keterangan tertulisnya", "saat dikonfirmasi", "ketika dikonfirmasi",
)


def _strip_trailing_adverbs(phrase: str) -> str:
    """Drop adverbs between a subject and its verb ("Budi juga pun [mengatakan]"), word by word
    (a regex with a repeated alternation backtracks exponentially on long runs)."""
    changed = True
    while changed and phrase:
        changed = False
        low = phrase.casefold()
        for w in _TRAIL_WORDS:
            if low.endswith(" " + w) or low == w:
                phrase = phrase[: len(phrase) - len(w)].rstrip(" ,")
                changed = True
                break
    return phrase


DOCUMENT_HEADS = ("laporan", "data", "survei", "dokumen", "studi", "riset", "penelitian", "surat", "hasil survei", "hasil penelitian", "pernyataan", "keterangan", "rilis", "siaran pers")
_PARTICLES = {"bin", "binti", "van", "von", "de", "da", "al", "el", "der", "den", "la", "le", "di"}


def _is_cap(tok: str) -> bool:
    return bool(tok) and (tok[0].isupper() or (tok[0].isdigit() is False and tok[:2] in ("al", "el") and "-" in tok))


def _levenshtein(a: str, b: str) -> int:
    if a == b:
        return 0
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def _blend_of(short: str, full: str) -> bool:
    """A one-word short name made of the starts of the full name's words, from its first word on
    ("Jokowi" = Joko + Wi(dodo)): at least two words, two letters or more from each."""
    toks = [t.casefold() for t in full.split()]
    low = short.casefold()
    if len(toks) < 2 or len(low) < 5 or not low.startswith(toks[0][:2]):
        return False

    def fits(rest: str, i: int, used: int) -> bool:
        if not rest:
            return used >= 2
        if i >= len(toks):
            return False
        for k in range(min(len(toks[i]), len(rest)), 1, -1):
            if rest[:k] == toks[i][:k] and fits(rest[k:], i + 1, used + 1):
                return True
        return False

    return fits(low, 0, 0)


def similar_names(a: str, b: str) -> bool:
    """Two spellings of one name: one edit apart (two for long names), same length class."""
    if a == b or min(len(a), len(b)) < 5:
        return False
    d = _levenshtein(a.casefold(), b.casefold())
    return d == 1 or (d == 2 and min(len(a), len(b)) >= 9)


def variant_pairs(tokens) -> set[tuple[str, str]]:
    """Pairs of tokens that may be spellings of one name, found through shared deletion keys
    (symmetric-delete), so the cost grows with the number of tokens, not its square."""
    from itertools import combinations

    buckets: dict[str, set[str]] = {}
    for t in tokens:
        low = t.casefold()
        if len(low) < 5:
            continue
        keys = {low} | {low[:i] + low[i + 1 :] for i in range(len(low))}
        if len(low) >= 9:  # two edits allowed for long names
            keys |= {k[:j] + k[j + 1 :] for k in list(keys) for j in range(len(k))}
        for k in keys:
            buckets.setdefault(k, set()).add(t)
    pairs = set()
    for group in buckets.values():
        if 1 < len(group) <= 20:
            for a, b in combinations(sorted(group), 2):
                if similar_names(a, b):
                    pairs.add((a, b))
    return pairs


@dataclass
class Person:
    name: str
    role: str | None = None
    affiliation: str | None = None
    first_sentence: int = 0
    noun: str | None = None  # how the article introduced them: "seorang pria bernama …" → "pria"


@dataclass
class People:
    """People mentioned so far in the article, for resolving surnames, roles and pronouns."""

    persons: list[Person] = field(default_factory=list)
    bodies: dict[str, str] = field(default_factory=dict)  # name → source type, from the article's own words
    recent_bodies: list[tuple[str, str]] = field(default_factory=list)  # (name, type) as the article names them
    text: str = ""  # the whole article, for words a capitalised run shares with the rest of it

    def used_apart(self, words: list[str], nxt: str) -> bool:
        """``words`` stand elsewhere in the article without ``nxt`` after them, never as a speaker
        (no reporting verb right after or before them): a club's, company's or unit's name that a
        run "Pelatih Persipura Jayapura Wanderley Jr" carries before the person's name."""
        if not self.text:
            return False
        phrase = " ".join(words)
        apart = False
        for m in re.finditer(r"(?<![\w-])" + re.escape(phrase) + r"(?![\w-])", self.text):
            after = self.text[m.end() : m.end() + 40]
            if after.startswith(" " + nxt):
                continue
            if re.match(r"\s+(?:juga\s+|pun\s+)?(\w+)", after) and re.match(r"\s+(?:juga\s+|pun\s+)?(\w+)", after).group(1) in PRE_VERBS:
                return False
            before = self.text[max(0, m.start() - 30) : m.start()].split()
            if before and before[-1].strip(",").casefold() in POST_VERBS:
                return False
            apart = True
        return apart

    def note_body(self, name: str, typ: str) -> None:
        """A body the article has just named, for "Perusahaan tersebut" later."""
        self.recent_bodies.append((name, typ))

    def last_body(self, typ: str) -> str | None:
        """The body of this type named last."""
        return next((n for n, t in reversed(self.recent_bodies) if t == typ), None)

    def body_type(self, name: str) -> str | None:
        """The type the article gives a name ("Sega ialah perusahaan …" → company), by the name or
        its first word ("Sega Jepang")."""
        return self.bodies.get(name) or self.bodies.get(name.split()[0]) if name else None

    def add(self, name: str, role: str | None, affiliation: str | None, sentence: int) -> Person:
        existing = self.find(name)
        if existing is not None:
            if role and not existing.role:
                existing.role = role
            if affiliation and not existing.affiliation:
                existing.affiliation = affiliation
            return existing
        p = Person(name, role, affiliation, sentence)
        self.persons.append(p)
        return p

    def find(self, name: str) -> Person | None:
        """A known person this name refers to: same name, a surname or first name of a full
        name, or a one-letter misspelling of one (``Yokayev`` → ``Tokayev``)."""
        toks = name.split()
        for p in reversed(self.persons):
            if p.name == name:
                return p
        if len(toks) == 1:
            for p in reversed(self.persons):
                ptoks = p.name.split()
                if name in ptoks or name in p.name.split("-"):
                    return p
            for p in reversed(self.persons):
                if any(similar_names(name, t) for t in p.name.replace("-", " ").split()):
                    return p
            # a blend of the name's syllables ("Jokowi" for Joko Widodo), when only one person fits
            blended = [p for p in self.persons if _blend_of(name, p.name)]
            if len(blended) == 1:
                return blended[0]
            # a short form of a given name ("Sandi" for Sandiaga Uno), when only one person fits
            if len(name) >= 4 and name[:1].isupper():
                short = [p for p in self.persons if any(t.startswith(name) and len(t) > len(name) for t in p.name.split())]
                if len(short) == 1:
                    return short[0]
        else:
            for p in reversed(self.persons):
                ptoks = p.name.split()
                if len(ptoks) > len(toks) and ptoks[-len(toks):] == toks:
                    return p
        return None

    def by_role(self, role: str) -> Person | None:
        low = role.casefold().strip()
        for p in reversed(self.persons):
            if p.role and (low in p.role.casefold() or p.role.casefold().endswith(low)):
                return p
        return None


@dataclass(frozen=True)
class Parsed:
    """A subject phrase, parsed."""

    name: str | None
    role: str | None
    affiliation: str | None
    source_name: str
    source_type: str
    source_key: str | None
    pronoun: bool = False
    unnamed: bool = False


_COMMON_OPENERS = frozenset(
    """kali hanya terlebih wanita pria penyerang perusahaan film tradisi setiap buku laporan data hasil
    pihak warga masyarakat kelompok tim partai organisasi lembaga sekolah rumah kota negara dunia
    pemain pelatih penonton pengamat mereka semua banyak sebagian sejumlah salah satu kedua ketiga""".split()
)


def _looks_like_name(token: str) -> bool:
    """A lone capitalised token opening a sentence: a name unless it is a common word."""
    return token.lower() not in _COMMON_OPENERS and not token.lower().startswith(("peng", "pem", "per", "ke"))


def clean_subject(phrase: str) -> str:
    phrase = phrase.strip(" ,;:–—-\"“”'")
    # "Direktur PT Asuransi Jiwa BCA (BCALife) Yannes Chandra": a bracketed short name closes the
    # body's name, and what follows is the person (an apposition); elsewhere it is dropped
    phrase = re.sub(r"\s*\([A-Z][A-Za-z-]{1,12}\)(?=\s+[A-Z])", ",", phrase)
    phrase = re.sub(r"\s*\([A-Z][A-Za-z-]{1,12}\)", "", phrase)  # "Badan Pusat Statistik (BPS)"
    phrase = re.sub(r"\s+yang\s+(?:enggan|tidak mau|tak mau|tak ingin|tidak ingin|minta)\b.*$", "", phrase)  # "…, yang enggan disebutkan namanya"
    phrase = _LEAD_CONNECTORS.sub("", phrase).strip(" ,")
    phrase = _strip_trailing_adverbs(phrase).strip(" ,")
    # "Ridwan Kamil di Bandung [mengatakan]": a place adjunct after the name
    phrase = re.sub(r"\s+(?:di|dari)\s+[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*$", "", phrase)
    return phrase


def _roles_by_first_word() -> dict[str, tuple[tuple[str, ...], ...]]:
    """Each role's words, grouped by its first word, in ROLE_WORDS' order (the first match wins)."""
    out: dict[str, list[tuple[str, ...]]] = {}
    for role in ROLE_WORDS:
        words = tuple(role.split())
        if words:
            out.setdefault(words[0], []).append(words)
    return {k: tuple(v) for k, v in out.items()}


_ROLES_BY_FIRST = _roles_by_first_word()
_LONGEST_ROLE = max(len(r) for group in _ROLES_BY_FIRST.values() for r in group)


def role_prefix(words: list[str]) -> int:
    """How many leading words of ``words`` form a role ("Perdana Menteri", "Kepala polisi kota").
    Only the first words that a role can span are read (a caller may pass a long tail)."""
    if not words:
        return 0
    candidates = _ROLES_BY_FIRST.get(words[0].casefold().rstrip("."))
    if not candidates:
        return 0
    low = tuple(w.casefold().rstrip(".") for w in words[:_LONGEST_ROLE])
    for rw in candidates:
        if low[: len(rw)] == rw:
            return len(rw)
    return 0


# roles followed by their jurisdiction: "Bupati Sambas Atbah Romin Suhaili"
_JURISDICTION_ROLES = frozenset("bupati gubernur camat lurah kapolda kapolres kapolresta kapolsek kajati kajari".split() + ["kota"])
# regional bodies, named with their place ("Kepala BPBD Sidoarjo Dwijo Prawito", "Kepala Dinkes Garut
# …"): the capitalised word after one, before a name of two words or more, is its place
_REGIONAL_BODIES = frozenset("""bpbd dprd bappeda dinkes disdik dishub dlh satpol polres polresta polsek kejari pemkab
    pemkot pemprov kpud disdukcapil rsud pdam damkar diskominfo disperindag""".split())
JURISDICTION_HEADS = _JURISDICTION_ROLES | _REGIONAL_BODIES


def without_jurisdiction(toks: list[str], word_before: str | None) -> list[str]:
    """A capitalised run without the place of the regional body or role that stands before it (or
    opens it), when a name of two words or more follows: "BPBD | Sidoarjo Dwijo Prawito" and
    "Dinkes Garut Leli Yuliani" → the name. A name of three words with no place loses its first."""
    head = word_before is not None and word_before.casefold() in JURISDICTION_HEADS
    if len(toks) >= 4 and toks[0].casefold() in JURISDICTION_HEADS:
        toks, head = toks[1:], True
    return toks[1:] if head and len(toks) >= 3 else toks


def split_name(phrase: str) -> tuple[str | None, str | None]:
    """``"Perdana Menteri Armenia Nikol Pashinyan"`` → (``"Nikol Pashinyan"``, ``"Perdana Menteri Armenia"``).

    The name is the last run of capitalised tokens that are not titles, role words, places or
    function words; the role is what stands before it."""
    toks = phrase.split()
    if not toks:
        return None, None
    # mark tokens that can be part of a name
    ok: list[bool] = []
    i = 0
    in_role = False  # right after a role word, its complements ("Menteri Perdagangan") follow
    while i < len(toks):
        n = role_prefix(toks[i:])
        if n:
            ok.extend([False] * n)
            in_role = True
            i += n
            continue
        t = toks[i].strip(",.;:()\"“”")
        bare = t.rstrip(".")
        jurisdiction = (in_role and i > 0 and toks[i - 1].casefold() in JURISDICTION_HEADS and _is_cap(t)
                        and len(toks) - i >= 3 and all(_is_cap(x) for x in toks[i + 1 : i + 3]))
        if in_role and (t in ROLE_COMPLEMENTS or t in PLACES or (t.isupper() and len(t) <= 6) or t in WHOLE_BODY_NAMES
                        or t.casefold() in _REGIONAL_BODIES
                        or not _is_cap(t) or jurisdiction):
            ok.append(False)
            i += 1
            continue
        in_role = False
        cap = _is_cap(t) and t not in NOT_NAMES and t not in TITLE_ABBREVS and bare not in TITLE_ABBREVS
        if t.isupper() and len(t) <= 5 and i < len(toks) - 1:
            cap = False  # acronyms inside roles ("Ketua KPK …")
        if t.casefold() in _PARTICLES and ok and ok[-1]:
            cap = True
        ok.append(cap)
        i += 1
    # the last run of ok tokens
    end = None
    for j in range(len(toks) - 1, -1, -1):
        if ok[j]:
            end = j + 1
            break
    if end is None:
        return None, phrase.strip() or None
    start = end - 1
    while start > 0 and ok[start - 1]:
        start -= 1
    name_toks = [t.strip(",.;:()\"“”") for t in toks[start:end]]
    # leading particle or a trailing particle is not part of a name
    while name_toks and name_toks[-1].casefold() in _PARTICLES:
        name_toks.pop()
    name = " ".join(name_toks) or None
    role = " ".join(toks[:start]).strip(" ,") or None
    return name, role


def _bounded(phrase: str) -> str:
    """A long phrase cut to its last 16 words (the subject stands right before the verb)."""
    if len(phrase.casefold().split()) > 16:
        return " ".join(phrase.split()[-16:])
    return phrase


def _is_pronoun(low: str, words: list[str]) -> bool:
    """"Ia", "Kali ini dia", "pihaknya": a short phrase opening or ending with a pronoun."""
    return bool(words) and (words[0] in PRONOUNS or words[-1] in PRONOUNS or low in {"pihaknya", "dirinya"}) and len(words) <= 3


def _as_pronoun(last_speaker: Parsed | None) -> Parsed | None:
    """The last speaker, marked as referred to by a pronoun."""
    if last_speaker is None:
        return None
    return Parsed(last_speaker.name, last_speaker.role, last_speaker.affiliation,
                  last_speaker.source_name, last_speaker.source_type, last_speaker.source_key, pronoun=True)


def _split_apposition(phrase: str) -> tuple[str, str | None]:
    """(the part holding the name, the roles in apposition): "Kate Mallinson, pakar … di Chatham
    House" (name, then a lower-case role) or "Kepala polisi kota, Kanat Taimerdenov" (role, name)."""
    name_part, appos = phrase, None
    parts = [p.strip() for p in phrase.split(",") if p.strip()]
    if len(parts) >= 2:
        if parts[1][:1].islower() and role_prefix(parts[1].split()) and split_name(parts[0])[0]:
            name_part, appos = parts[0], ", ".join(parts[1:])
        elif (len(parts) == 2 and role_prefix(parts[1].split()) and len((split_name(parts[0])[0] or "").split()) >= 2
              and len((split_name(parts[1])[0] or "").split()) <= 1):
            # "AKP Boby Kusumawardhana, Kapolsek Tambun": a name, then its role (with a jurisdiction)
            name_part, appos = parts[0], parts[1]
        else:
            name_part = parts[-1]
            roles = [p for p in parts[:-1] if role_prefix(p.split())]
            appos = ", ".join(roles) or None
    return name_part, appos


def _org_match(phrase: str, registry: SourceRegistry) -> SourceMatch | None:
    """The last registry body named in the phrase. "Kementerian Luar Negeri Rusia" is Russia's
    ministry, not the registry's Indonesian one: a match followed by a place does not count."""
    matches = [m for m in registry.find_all(phrase)
               if not (phrase[m.end :].split()[:1] and phrase[m.end :].split()[0].strip(",.") in PLACES)]
    return matches[-1] if matches else None


def _known_source(name: str, role: str | None, org_match: SourceMatch | None, registry: SourceRegistry) -> Parsed | None:
    """The name is a known outlet or body, not a person."""
    if org_match and (org_match.alias == name or name in org_match.alias or org_match.alias.endswith(name)):
        e = org_match.entry
        return Parsed(org_match.alias, role if role and role.casefold() not in org_match.alias.casefold() else None,
                      None, e.name, e.type, e.key)
    e = registry.lookup(name)
    if e:
        return Parsed(name, role, None, e.name, e.type, e.key)
    return None


def _common_noun(name: str, role: str | None, phrase: str, words: list[str], people: People) -> bool:
    """A one-token "name" that is a capitalised common word opening the sentence ("Perusahaan
    itu", "Film ini") rather than a person."""
    demonstrative = len(words) > 1 and words[1] in ("itu", "ini", "tersebut")
    if len(name.split()) == 1 and not role and people.find(name) is None and (
        phrase.split()[0] == name and (demonstrative or name.lower() == words[0])
    ):
        return not _looks_like_name(name) or demonstrative
    return False


def _person(name: str, role: str | None, affiliation: str | None, people: People, sentence: int,
            register: bool) -> Parsed:
    """A person: a known one (full name, role and affiliation filled in), else a new one."""
    person = people.find(name)
    if person is not None:
        full = person.name
        if register and role and (not person.role or person.role.casefold() in role.casefold()):
            person.role = role  # "AKP Boby Kusumawardhana, Kapolsek Tambun" → "kata Kapolsek" later
        role = role or person.role
        affiliation = affiliation or person.affiliation
    else:
        full = name
        if register:
            people.add(full, role, affiliation, sentence)
    return Parsed(full, role, affiliation, full, "person", None)


def _nameless(phrase: str, low: str, words: list[str], affiliation: str | None, org_match: SourceMatch | None,
              people: People) -> Parsed | None:
    """A phrase with no name: a body, a known person by role, a government, an unnamed source or a
    document — or nobody."""
    if org_match is not None:  # an outlet/body named in the phrase ("Departemen Luar Negeri AS")
        e = org_match.entry
        return Parsed(org_match.alias, None, None, e.name, e.type, e.key)
    # role only ("Presiden", "Kepala polisi kota"): the person with that role, if known
    as_role = phrase.rstrip(".")  # "… kata Kapolsek." at the end of a sentence
    if as_role and role_prefix(as_role.split()):
        p = people.by_role(as_role)
        if p is not None:
            return Parsed(p.name, as_role, p.affiliation, p.name, "person", None)
    bare = re.sub(r"^(?:sang|para|pihak)\s+", "", low)
    if bare != low and role_prefix(bare.split()):
        p = people.by_role(bare)
        if p is not None:
            return Parsed(p.name, p.role or bare, p.affiliation, p.name, "person", None)
    for head in GOVERNMENT_HEADS:
        if low.startswith(head) and len(words) <= 8:
            return Parsed(None, None, affiliation, phrase, "government", None)
    for head in UNNAMED_HEADS:
        if low.startswith(head) or low.startswith("seorang " + head) or low.startswith("para " + head) or low.startswith("sejumlah " + head):
            return Parsed(None, phrase, affiliation, phrase, "unnamed", None, unnamed=True)
    for head in DOCUMENT_HEADS:
        if low.startswith(head) and len(words) <= 8:
            return Parsed(None, None, affiliation, phrase, "document", None)
    head = phrase.split()[0]
    for typ, heads in BODY_HEADS.items():
        if head in heads and len(words) <= 8:
            return Parsed(None, None, affiliation, phrase, typ, None)
    if len(words) <= 3 and words[-1] in DEMONSTRATIVES:
        # "Perusahaan tersebut", "Lembaga itu": the body of that kind named last
        for typ, nouns in KIND_NOUNS.items():
            if " ".join(words[:-1]) in nouns and (earlier := people.last_body(typ)) is not None:
                return Parsed(earlier, None, None, earlier, typ, None, pronoun=True)
    if len(words) <= 4 and words[-1] in ("itu", "tersebut") and words[0] not in ("hal", "ini", "itu"):
        # "Perusahaan itu", "Lembaga tersebut": a body named earlier
        return Parsed(None, phrase, affiliation, phrase, "unnamed", None, unnamed=True)
    if role_prefix(phrase.split()) and len(words) <= 6:
        return Parsed(None, phrase, affiliation, phrase, "unnamed", None, unnamed=True)
    return None


def trim_name(name: str, people: People | None = None) -> str:
    """A person's name without the role complements, bodies and places a capitalised run drags in
    ("Negeri Kementerian Perdagangan Larasati Kusumadewi" → "Larasati Kusumadewi"): cut after the
    last such word while two words remain. With ``people`` (and its article text), words the
    article uses apart from this run count too ("Persipura Jayapura Wanderley Jr" → "Wanderley
    Jr" where the article speaks of "Persipura" alone; see :meth:`People.used_apart`)."""
    toks = name.split()
    cut = 0
    for i, t in enumerate(toks[:-2] if len(toks) > 2 else []):
        bare = t.strip(",.()")
        if (bare in ROLE_COMPLEMENTS or bare in PLACES or any(bare in h for h in BODY_HEADS.values()) or bare in NOT_NAMES
                or (people is not None and bare in COMPANY_TAILS)):
            cut = i + 1
        elif people is not None and _is_cap(bare) and (people.used_apart([t], toks[i + 1])
                                                       or people.used_apart(toks[cut : i + 1], toks[i + 1])):
            cut = i + 1
    return " ".join(toks[cut:])


_DOC_SPEAKER = re.compile(r"^(?:" + "|".join(sorted(("laporan", "data", "survei", "dokumen", "studi", "riset", "penelitian", "surat", "hasil survei", "hasil penelitian", "siaran pers", "rilis", "keterangan tertulis", "putusan"), key=len, reverse=True)) + r")\s+\S", re.IGNORECASE)
_BODY_RUN = re.compile(r"(?<![\w-])((?:" + "|".join(sorted({h for hs in BODY_HEADS.values() for h in hs}, key=len, reverse=True))
                       + r")(?:\s+(?:[A-Z][\w.&'-]*|dan|&|\([A-Z][\w-]*\)))*)\s*$")


def _clean_person(name: str | None) -> bool:
    """Two or more words, none of them a role complement, place or body word."""
    if not name:
        return False
    toks = trim_name(name).split()
    return len(toks) >= 2 and not any(t in ROLE_COMPLEMENTS or t in PLACES or any(t in h for h in BODY_HEADS.values())
                                      for t in toks)


def not_a_speaker(name: str) -> bool:
    """A date, weekday, month, number or place alone is never a speaker."""
    toks = [t.strip(",.;:()") for t in re.split(r"[\s/]+", name) if t.strip(",.;:()")]
    return not toks or all(t in WEEKDAYS or t in MONTHS or t in PLACES or not re.search(r"[A-Za-z]", t) for t in toks)


def body_type(name: str, people: People | None = None) -> str | None:
    """The type of source a name makes from its own words — government (Badan …, Polda …, KPK),
    organisation (Universitas …, Yayasan …), company (PT …, … Tbk, … Group), a product or event
    (``"product"``: never a speaker) — or what the article said it is; None for a person's name."""
    toks = [t.strip(",.;:()") for t in name.split()]
    if not toks:
        return None
    if people is not None and people.body_type(name):
        return people.body_type(name)
    for typ, heads in BODY_HEADS.items():
        if toks[0] in heads:
            return typ
    if toks[-1] in COMPANY_TAILS:
        return "company"
    if any(t in PRODUCT_WORDS for t in toks[1:]) or any(re.fullmatch(r"\d{2,4}", t) for t in toks[1:]):
        return "product"
    if len(toks) >= 2 and toks[-1] in PLACES and toks[0] not in PLACES:
        return "organisation"  # "Sega Jepang", "Toyota Indonesia": a body's branch, not a person
    return None


def _after_role(left: str) -> bool:
    """The text before a kind noun ends with a role word ("Presiden klub …", "CEO perusahaan …")."""
    words = left.split()[-3:]
    return any(role_prefix(words[k:]) == len(words) - k for k in range(len(words)))


def learn_bodies(sentence: str, people: People) -> None:
    """Names the article itself types: "perusahaan X", "X ialah perusahaan …", "situs X"."""
    name = r"([A-Z][\w.&'-]*(?:\s+[A-Z][\w.&'-]*){0,4})"
    for typ, nouns in KIND_NOUNS.items():
        alt = "|".join(re.escape(n) for n in nouns)
        # "perusahaan X", "perusahaan asal Jepang X", and at a sentence start "Pengembang asal Jepang,
        # X," (a capitalised noun only with "asal" or a comma, so "Tim Cook" stays a name)
        low = r"(?:" + alt + r")\s+(?:asal\s+\w+\s+)?"
        cap = r"(?:" + "|".join(re.escape(n[:1].upper() + n[1:]) for n in nouns) + r")(?:\s+asal\s+\w+)?,\s*"
        cap_asal = r"(?:" + "|".join(re.escape(n[:1].upper() + n[1:]) for n in nouns) + r")\s+asal\s+\w+\s+"
        for m in re.finditer(r"(?<![\w-])(?:" + low + "|" + cap + "|" + cap_asal + r")" + name, sentence):
            if _after_role(sentence[: m.start()]):
                continue  # "Presiden klub Kyle Krause": the role's holder, not the club
            people.bodies.setdefault(m.group(1), typ)
            people.note_body(m.group(1), typ)
        for m in re.finditer(name + r"\s+(?:ialah|adalah|merupakan)\s+(?:sebuah\s+|salah\s+satu\s+)?(?:" + alt + r")\b", sentence):
            people.bodies.setdefault(m.group(1).split()[0] if len(m.group(1).split()) > 1 and m.start() == 0 else m.group(1), typ)


def _definite(phrase: str, words: list[str], people: People, last_speaker: Parsed | None) -> Parsed | None:
    """A definite description of a person named earlier — "mantan kiper Parma ini", "politisi PDI-P
    tersebut", "pria asal Bandung itu" — resolved when one earlier person fits: the one whose role or
    affiliation shares the description's words, else the only person, else the last speaker."""
    if not (2 <= len(words) <= 9 and words[-1] in DEMONSTRATIVES):
        return None
    desc = [w for w in words[:-1] if w not in ("sang", "si")]
    if not desc or not (desc[0] in PERSON_NOUNS or role_prefix(desc)):
        return None
    if not people.persons:
        return None
    keys = {w.strip(",.") for w in desc if len(w) > 3 and w not in ("mantan", "asal")}
    scored = []
    for p in people.persons:
        known = f"{p.role or ''} {p.affiliation or ''} {p.noun or ''}".casefold()
        scored.append((sum(k in known for k in keys), p))
    best = max(s for s, _ in scored)
    fits = [p for s, p in scored if s == best and s > 0]
    if len(fits) == 1:
        person = fits[0]
    elif len(people.persons) == 1:
        person = people.persons[0]
    elif last_speaker is not None and last_speaker.source_type == "person" and last_speaker.name:
        person = people.find(last_speaker.name)
    else:
        return None
    if person is None:
        return None
    role = " ".join(phrase.split()[:-1]).strip(" ,")
    return Parsed(person.name, role or person.role, person.affiliation, person.name, "person", None, pronoun=True)


def _document(phrase: str, words: list[str]) -> Parsed | None:
    """"Siaran pers Kementerian ESDM di Jakarta", "Laporan polisi bernomor … itu": the document as named."""
    if not (_DOC_SPEAKER.match(phrase) and len(words) <= 12):
        return None
    doc = re.sub(r"\s+yang\s.*$", "", phrase)
    doc = re.sub(r"\s+(?:di|pada)\s+[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*$|\s+(?:itu|tersebut|ini)$", "", doc)
    return Parsed(None, None, None, doc, "document", None)


def _rank_then_name(toks: list[str]) -> bool:
    """A police or military rank followed only by capitalised name words ("Komisaris Besar Rina",
    "AKBP Yudhistira"): the run ends in a person's name."""
    for k in range(len(toks)):
        n = role_prefix(toks[k:])
        if n and " ".join(t.casefold().rstrip(".") for t in toks[k : k + n]) in RANK_SET:
            rest = toks[k + n :]
            if 1 <= len(rest) <= 4 and all(_is_cap(t) and t not in NOT_NAMES for t in rest):
                return True
    return False


def _role_body_person(before: list[str], toks: list[str]) -> bool:
    """A role word, a body named whole by one word (or a regional body), maybe a place, then a
    person's name of one to four capitalised words ("Kepala BNPB Suharyanto", "Kepala BPBD
    Sidoarjo Dwijo Prawito", "Ketua DPRD Jawa Timur Kusnadi")."""
    if not before or not (toks[0] in WHOLE_BODY_NAMES or toks[0].casefold() in _REGIONAL_BODIES):
        return False
    if not any(role_prefix(before[i:]) == len(before) - i for i in range(len(before))):
        return False
    rest = toks[1:]
    while rest and rest[0] in PLACES:
        rest = rest[1:]
    return 1 <= len(rest) <= 4 and all(
        _is_cap(t) and t not in NOT_NAMES and t not in ROLE_COMPLEMENTS and t not in PLACES
        and not any(t in h for h in BODY_HEADS.values()) for t in rest)


_INSIDER = re.compile(r"^(?:(?:seorang|para|sejumlah|beberapa|dua|tiga)\s+)?(sumber|pejabat|diplomat|pegawai|staf)"
                      r"((?:\s+(?:senior|tinggi|resmi))?)\s+(?:(?:di|dari)\s+(?:lingkungan|internal|kalangan|dalam)?\s*|internal\s+)?(\S.*)$",
                      re.IGNORECASE)


def _anonymous_insider(phrase: str, registry: SourceRegistry) -> Parsed | None:
    """"Sumber di lingkungan Istana", "seorang sumber di internal KPK", "seorang pejabat Kementerian
    Keuangan yang enggan disebut namanya": an unnamed insider of a body, never the body itself
    (an editor must not read it as the Palace's word). The phrase as written is the source, the
    body its affiliation; a person's name after the body ("Pejabat KPK Ali Fikri") is not this."""
    m = _INSIDER.match(phrase)
    if m is None:
        return None
    rest = re.sub(r"\s+yang\s.*$", "", m.group(3)).strip(" ,")
    matches = registry.find_all(rest)
    if matches and matches[0].start == 0:
        body = matches[0].entry.name
    elif rest.split() and any(rest.split()[0] in h for h in BODY_HEADS.values()):
        body = rest
    else:
        return None
    covered = {i for mt in matches for i in range(mt.start, mt.end)}
    for tok in re.finditer(r"\S+", rest) if matches else ():
        # a capitalised word outside the registry's body that is no body word, place or acronym: a name
        t = tok.group()
        if _is_cap(t) and tok.start() not in covered and not (
                t in PLACES or t.isupper() or t in ROLE_COMPLEMENTS or any(t in h for h in BODY_HEADS.values())):
            return None
    return Parsed(None, phrase.strip(), body, phrase.strip(), "unnamed", None, unnamed=True)


def _body_run(phrase: str, registry: SourceRegistry, people: People | None = None) -> Parsed | None:
    """A run of words naming a body ("Badan Pusat Statistik", "PT Sega Jepang"), not a person."""
    run = _BODY_RUN.search(phrase)
    if run is None or "," in phrase or len(run.group(1).split()) < 2:
        return None
    body = run.group(1)
    if _rank_then_name(body.split()):
        return None  # "… Polda Jatim Ajun Komisaris Besar Polisi Yudhistira": a ranked officer, not a body
    if _role_body_person(phrase[: run.start()].split(), body.split()):
        return None  # "Kepala BNPB Suharyanto": the head of a body, named by one word
    person = trim_name(body, people) if people is not None else body
    if person != body and _clean_person(person) and people.used_apart(body[: -len(person)].split(), person.split()[0]):
        return None  # "Direktur PT Sigap Prima Astrea Agus Pramono": the company the article names apart, then a person
    if not (body.split()[0] in BODY_HEADS["company"] | BODY_HEADS["organisation"] or not _clean_person(split_name(body)[0])):
        return None
    e = registry.lookup(body)
    if e is not None:
        return Parsed(body, None, None, e.name, e.type, e.key)
    return Parsed(body, None, None, body, body_type(body) or "organisation", None)


def parse_subject(
    phrase: str,
    registry: SourceRegistry,
    people: People,
    last_speaker: Parsed | None,
    sentence: int,
    register: bool = True,
) -> Parsed | None:
    """Who a subject phrase names, or None when it names nobody (then no attribution).

    Steps: clean and bound the phrase; a pronoun is the last speaker, a first person nobody;
    split off appositions; find a registry body; split name and role; a name that is a known
    source is that source, a place or a common word is no name; a name is a person (registered
    in ``people`` when ``register``); a phrase with no name is judged by :func:`_nameless`."""
    phrase = _bounded(clean_subject(phrase))
    if not phrase:
        return None
    low = phrase.casefold()
    words = low.split()
    if _is_pronoun(low, words):
        return _as_pronoun(last_speaker)
    if words and words[0] in FIRST_PERSON:
        return None
    anonymous = _anonymous_insider(phrase, registry)
    if anonymous is not None:
        return anonymous
    definite = _definite(phrase, words, people, last_speaker)
    if definite is not None:
        return definite
    document_or_body = _document(phrase, words) or _body_run(phrase, registry, people)
    if document_or_body is not None:
        return document_or_body
    name_part, appos = _split_apposition(phrase)
    org_match = _org_match(phrase, registry)
    affiliation = org_match.entry.name if org_match is not None else None
    name, role = split_name(name_part)
    if appos:
        role = (appos if not role else f"{role}, {appos}")
    if name:
        known = _known_source(name, role, org_match, registry)
        if known is not None:
            return known
        if name in PLACES or not_a_speaker(name):
            return None
        typ = body_type(name, people)
        if typ == "product":
            return None  # a game or an event does not speak
        if typ is not None:
            people.note_body(name, typ)
            return Parsed(name, None, None, name, typ, None)
        if _common_noun(name, role, phrase, words, people):
            name = None  # judged below as a body, document or unnamed source
    if name:
        return _person(trim_name(name, people), role, affiliation, people, sentence, register)
    return _nameless(phrase, low, words, affiliation, org_match, people)


def name_mentions(text: str) -> list[tuple[int, int, str]]:
    """Candidate personal names in a sentence: runs of two or more capitalised tokens."""
    out = []
    toks = list(_TOKEN.finditer(text))
    i = 0
    while i < len(toks):
        j = i
        while j < len(toks) and _is_cap(toks[j].group()) and toks[j].group() not in NOT_NAMES and toks[j].group() not in PLACES and not toks[j].group().isupper():
            if j > i and text[toks[j - 1].end() : toks[j].start()].strip():
                break  # a comma or bracket between tokens ends the name
            j += 1
        if j - i >= 2:
            out.append((toks[i].start(), toks[j - 1].end(), text[toks[i].start() : toks[j - 1].end()]))
        i = max(j, i + 1)
    return out
