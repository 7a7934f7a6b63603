"""Indonesian sentence segmentation over character offsets.

Rule-based and deterministic. A boundary is a run of terminal punctuation (``. ! ? …``),
optionally followed by closing quotes or brackets, then whitespace, then something that can start
a sentence (an upper-case letter, a digit, an opening quote or bracket). A boundary is vetoed when
the period belongs to an abbreviation (``Dr.``, ``Jl.``, ``dll.`` …), an initial (``B.``), or a
dotted acronym (``S.H.``), and when the next word is lower case (so ``“Kami siap.” ujarnya.`` stays
one sentence). Numbers such as ``1.500`` and ``3,5`` never contain whitespace after the mark, so
they never break.

``segment_text`` returns ``(start, end)`` spans. Concatenating the spans and the whitespace gaps
between them gives the input back: nothing is lost.
"""

from __future__ import annotations

import re
from dataclasses import replace

from .article import Article, Sentence

SEGMENTER_VERSION = "id-rules/1"

# Abbreviations that are never the end of a sentence when followed by more text
# (titles, ranks, address and reference words). Compared case-insensitively, without the dot(s).
TITLE_ABBREVIATIONS = frozenset(
    """
    dr drs dra prof ir h hj kh rp tn ny nn sdr sdri bpk bp yth st
    jl jln gg kec kel kab prov ds rt rw
    kol letjen mayjen brigjen jend jen laksma laksdya laksda marsma marsda marsdya kapt
    lettu letda serka sertu pelda akbp akp kompol iptu ipda aiptu aipda bripka brigpol
    bripda briptu irjen kombes pol
    mr mrs ms messrs sen gen lt col maj capt gov rep
    sh se mm msi mh mpd spd skom mt mkom mba mag phd ba bsc msc lc
    an up yg dgn utk krn sbb
    """.split()
)
# Abbreviations that often end a sentence ("… dan lain-lain, dll."): a boundary after them is
# kept when the next word is capitalised.
TERMINAL_ABBREVIATIONS = frozenset("dll dsb dst etc tbk inc ltd co corp dkk tsb".split())
# Abbreviations that precede a number ("No. 5", "hlm. 12"); "hal" is also the word "matter".
NUMBER_ABBREVIATIONS = frozenset("no hlm hal tgl pk ps psl vol ed nr th thn".split())
# Words that open a new sentence; after an acronym or degree ("…, M.Kes. Ia menambahkan") they
# mark a boundary that the abbreviation would otherwise hide.
SENTENCE_OPENERS = frozenset(
    """Ia Dia Mereka Kami Kita Saya Hal Namun Tetapi Sementara Saat Pada Kini Sebelumnya Selain Setelah
    Sedangkan Kemudian Lalu Akibatnya Menurut Polisi Presiden Pemerintah Warga Sebanyak Hingga Adapun
    Oleh Dalam Di Ketika Meski Meskipun Bahkan Selanjutnya Itu Ini""".split()
)
# A capital letter after these is a label ("Grup A", "Gen Z", "vitamin C"), not an initial.
LETTER_LABELS = frozenset("grup group gen generasi vitamin tipe type kelas blok pool seri kategori zona rt rw pasal ayat huruf opsi plan".split())
MONTHS = frozenset("jan feb mar apr jun jul agu agt ags aug sep sept okt oct nov des dec".split())

_OPEN_QUOTES = "“‘\"'«(["
_CLOSE_QUOTES = "”’\"'»)]"
_TERMINALS = ".!?…"

# terminal run, closing marks, whitespace; the next char is inspected separately. A run starts
# where the terminals start: a run not followed by whitespace is scanned once, not from each of its
# characters (and one character class, not "\.{3}|…|[.!?]", which split a run of dots in
# exponentially many ways before failing).
_BOUNDARY = re.compile(r"(?<![.!?…])[.!?…]+[" + re.escape(_CLOSE_QUOTES) + r"]*(?=\s)")
_WORD_BEFORE = re.compile(r"(?<![\w.'-])([\w.'-]+)$")
# characters of context read either side of a candidate boundary (the word before it, the word
# after it): a bound, so that n candidates cost n × _CONTEXT, not n × the length of the paragraph
_CONTEXT = 256


def _is_abbreviation(word: str, next_text: str, prev_word: str = "") -> bool:
    """``word`` is the token before the final period, without that period."""
    if not word:
        return False
    bare = word.rstrip(".")
    low = bare.lower()
    nxt_word = (next_text.split(None, 1) or [""])[0]
    opener = nxt_word.strip("“\"'(") in SENTENCE_OPENERS
    # a single letter: an initial ("Susilo B. Yudhoyono"), unless it is a label ("Grup A.",
    # "vitamin C.", "Rp 2 T.") or a new sentence clearly starts
    if len(bare) == 1 and bare.isalpha():
        prev = prev_word.lower().rstrip(".,") if prev_word else ""
        if prev in LETTER_LABELS or (prev[:1].isdigit()) or (opener and bare.isupper() and prev and not prev[:1].isupper()):
            return False
        return True
    if low in TITLE_ABBREVIATIONS:
        # "ketua RT. Polisi …", "gelar MM. Setelah itu": an acronym ending a sentence
        return not (opener and bare.isupper() and len(bare) >= 2)
    # dotted acronyms and degrees: S.H., M.Si., a.n., U.S., Ph.D.
    if "." in bare and re.fullmatch(r"(?:[A-Za-z]{1,4}\.)+[A-Za-z]{1,4}", bare):
        nxt = next_text.lstrip()
        # a capitalised word after a degree usually continues a name list; a quote or a clear
        # sentence opener ("…, M.Kes. Ia menambahkan") starts a new sentence
        return not (nxt[:1] in "“\"" or opener)
    if (
        (low in MONTHS or low in NUMBER_ABBREVIATIONS)
        and re.match(r"\s*\d", next_text)
        and not re.match(r"\s*\d{1,2}\.\s+[A-Z“\"]", next_text)  # "… hal. 1. Harga …": a list label
    ):
        return True
    if low in TERMINAL_ABBREVIATIONS:
        nxt = next_text.lstrip()
        # "PT Telkom Tbk. (TLKM) naik" continues; "… Tbk. Sahamnya naik" ends
        return not (nxt[:1].isupper() or nxt[:1] in "“‘\"'")
    return False


def _starts_sentence(rest: str) -> bool:
    """Whether the text after a candidate boundary (whitespace stripped) can open a sentence."""
    if not rest:
        return True
    c = rest[0]
    if c in _OPEN_QUOTES:
        inner = rest[1:2]
        return not inner or inner.isupper() or inner.isdigit() or inner in _OPEN_QUOTES
    if c.isdigit():
        return True
    if c.isupper():
        return True
    if c in "-–—•*":  # list items and dashes after a full stop
        return True
    return not c.isalpha() and not c.isspace() and c not in ",;:"


def segment_text(text: str) -> list[tuple[int, int]]:
    """Split one paragraph of text into sentence spans (whitespace trimmed)."""
    spans: list[tuple[int, int]] = []
    start = 0
    n = len(text)
    for m in _BOUNDARY.finditer(text):
        end = m.end()
        after = end
        while after < n and text[after].isspace():
            after += 1
        rest = text[after : after + 2]  # _starts_sentence reads two characters
        if not _starts_sentence(rest):
            continue
        mark = m.group(0)
        if mark.startswith(".") and not mark.startswith("..."):
            lo = max(start, m.start() - _CONTEXT)
            before = text[lo : m.start()]
            wm = _WORD_BEFORE.search(before)
            word = wm.group(1) if wm else ""
            # the token must stand right before the period; a URL or path is never an abbreviation
            chunk = before.rsplit(None, 1)[-1] if before.strip() else ""
            prev_words = before[: wm.start()].rsplit(None, 1) if wm else []
            prev_word = prev_words[-1] if prev_words else ""
            if wm and "/" not in chunk and "@" not in chunk and _is_abbreviation(word, text[m.end() : after + _CONTEXT], prev_word):
                continue
            # a list label "1." opening a sentence: "1. Harga naik."
            if word.isdigit() and len(word) <= 2 and before.strip() == word and not text[start:lo].strip():
                continue
        spans.append((start, end))
        start = after
    if start < n:
        spans.append((start, n))
    return trim_spans(text, spans)


def trim_spans(text: str, spans) -> list[tuple[int, int]]:
    """Each span without the whitespace at its ends; spans left empty are dropped."""
    out = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return out


def split_sentences(text: str) -> list[str]:
    """Convenience: the sentence strings of one paragraph."""
    return [text[s:e] for s, e in segment_text(text)]


def segment(article: Article) -> Article:
    """Fill ``article.sentences``: each a span into ``article.text``, numbered across the body."""
    sentences: list[Sentence] = []
    for p in article.paragraphs:
        ptext = article.text[p.start : p.end]
        for s, e in segment_text(ptext):
            sentences.append(
                Sentence(
                    index=len(sentences),
                    paragraph=p.index,
                    start=p.start + s,
                    end=p.start + e,
                    text=ptext[s:e],
                )
            )
    return replace(article, sentences=tuple(sentences))
