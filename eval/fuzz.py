"""Fuzzing: hypothesis property tests over ingest, segmentation, attribution extraction and the
source check, with many more examples than the normal test run.

    python -m eval.fuzz                          # 10,000 examples per stage, all stages
    python -m eval.fuzz --stage segment --examples 2000 [--seed 1] [--json]
    lintas fuzz …                                # the same

Inputs mix Indonesian news fragments (names, titles, reporting verbs, quotes, numbers), English,
HTML and Markdown markup (scripts, frames, event handlers), control and zero-width characters,
bidi overrides and invalid UTF-8 bytes. The properties (shared with ``tests/test_fuzz.py``, which
runs them with few examples in CI):

- ingest: no exception but the documented ``InputError`` family; title and paragraph spans in
  bounds, ordered, trimmed; the cleaned text is exactly its blocks joined by blank lines; no
  control, zero-width or bidi-override characters left; for plain text, every input word is in
  the cleaned text or in the recorded removed lines.
- segment: every sentence is the text at its span, inside its paragraph, in order; the sentences
  and the gaps between them give the cleaned text back, and the gaps hold only whitespace and
  the title: every character is accounted for.
- attribution: claim and cue spans are in bounds, inside their sentence, equal to the text they
  span; ids unique; the same input gives the same result.
- check: every claim gets a verdict from the documented set; every piece of evidence is the
  source's text at its span; scores in [0, 1]; every sentence is translated; the report encodes
  as UTF-8 JSON and its Markdown holds no unescaped ``<``.

Prints, per stage, the number of examples run and of failures (with the falsifying example,
shrunk). Exit status 1 when any stage fails.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import unicodedata
from typing import Callable

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

# ---- strategies ------------------------------------------------------------------------------

ID_WORDS = """harga beras naik turun warga protes pemerintah polisi banjir rumah di yang dan tidak akan telah
sudah belum kemarin Senin Selasa pagi malam Jakarta Bekasi Surabaya Kazakhstan Almaty Rusia ribuan ratusan persen
juta miliar triliun pasukan militer kota desa kecamatan laporan bahwa itu ini kami mereka ia dia saya""".split()
NAMES = ["Joko Widodo", "Presiden Joko Widodo", "Kate Mallinson", "Dr. Ahmad Fauzi", "Kassym-Jomart Tokayev",
         "Nikol Pashinyan", "Sri Mulyani", "Kapolda Metro Jaya Irjen Fadil Imran", "juru bicara", "seorang sumber",
         "Susilo B. Yudhoyono", "dr. Widyastuti, M.Kes.", "Prof. Dr. Ir. H. Budi", "Ahmad", "Fauzi", "Jokowi"]
SOURCES = ["BBC", "Reuters", "Chatham House", "Kompas", "Antara", "CNN Indonesia", "Kementerian Luar Negeri", "AFP",
           "Kementerian Luar Negeri Rusia", "Tempo", "BPBD", "Facebook"]
CUES = ["mengatakan", "menyatakan", "menegaskan", "menjelaskan", "menambahkan", "ujarnya", "katanya", "kata", "ujar",
        "tutur", "menurut", "Menurut", "seperti dilansir", "dilansir dari", "dikutip dari", "mengutip",
        "dalam pernyataan di Facebook", "dibantah oleh", "membantah", "mengklaim", "melaporkan", "menurut saya", "jelas",
        "Ada laporan bahwa", "dikabarkan", "para ahli", "mengkonfirmasi", "mendesak", "berpendapat", "imbuhnya"]
NUMBERS = ["1.500", "3,5", "Rp 2 T", "20%", "2024", "12.30 WIB", "5/1/2024", "Rp1,2 triliun", "tiga", "ratusan",
           "No. 5", "hal. 1.", "1.", "2)", "0,5 persen", "+62 21 555", "10.000.000"]
PUNCT = [".", ",", "“", "”", '"', "'", "‘", "’", "?", "!", "...", "…", ":", ";", "–", "—", "(", ")", "-", "«", "»",
         "[", "]", "/", "@", "#", "*", "_", "|", "\\"]
MARKUP = ["<p>", "</p>", "<script>alert(1)</script>", "<iframe src=//x></iframe>", "<img src=x onerror=alert(1)>", "<b>",
          "</b>", "<br>", "&amp;", "&lt;script&gt;alert(1)&lt;/script&gt;", "<!-- x -->", "<div onclick='x()'>", "</div>",
          "# ", "## ", "**", "[tautan](http://x.id)", "- ", "> ", "```", "<style>p{color:red}</style>",
          "<a href='javascript:alert(1)'>", "</a>", "Baca juga: ", "Advertisement", "<html><body>", "</body></html>",
          "<h1>", "</h1>", "<", ">", "&", "<svg onload=alert(1)>", "</svg>", "<scr<script>ipt>", "<?xml ?>", "<![CDATA[x]]>",
          "---", "![img](x.png)", "<http://x.id>", "https://example.com/a.b?c=d", "user@example.com"]
CONTROL = ["\x00", "\x01", "\x07", "\x08", "\x0b", "\x0c", "\x1b", "\x1f", "\x7f", "\x85", "\x9f", "\u200b", "\u200c",
           "\u200d", "\u2060", "\ufeff", "\u00ad", "\u2028", "\u2029", "\u202e", "\u2066", "\u2069", "\r", "\r\n", "\t",
           "\n", "\n\n", "\u00a0", "\u3000", "\ufffd", "\u0301", "e\u0301", "\U0001f600", "\ud7ff", "\ud800", "\udfff", "\uffff", "\ufffe"]
ENGLISH = "The government said prices rose on Monday according to officials who told reporters that".split()
INVALID_BYTES = [b"\xff", b"\xfe\xff", b"\xc3\x28", b"\xed\xa0\x80", b"\xf0\x28\x8c\x28", b"\x80", b"\xe2\x82"]
SEPARATORS = [" ", " ", " ", "", "\n", "\n\n", " \n ", "\t"]

_word = st.sampled_from(ID_WORDS)
_plain_token = st.one_of(_word, _word, _word, st.sampled_from(NAMES), st.sampled_from(SOURCES), st.sampled_from(CUES),
                         st.sampled_from(NUMBERS), st.sampled_from([".", ",", "?", "!", "“", "”", "…", ":", ";", "(", ")"]))
_token = st.one_of(_plain_token, _plain_token, _plain_token, st.sampled_from(PUNCT), st.sampled_from(MARKUP),
                   st.sampled_from(CONTROL), st.sampled_from(ENGLISH), st.text(max_size=4))


def _clause() -> st.SearchStrategy[str]:
    return st.lists(st.one_of(_word, _word, st.sampled_from(NUMBERS), st.sampled_from(NAMES)), min_size=1, max_size=10).map(" ".join)


@st.composite
def attributed_sentence(draw) -> str:
    """A sentence shaped like the attributions newsrooms write (so the extractor has work)."""
    name, src, cue, clause = draw(st.sampled_from(NAMES)), draw(st.sampled_from(SOURCES)), draw(st.sampled_from(CUES)), draw(_clause())
    form = draw(st.integers(0, 6))
    return [
        f"{name} {cue} {clause}.",
        f"“{clause.capitalize()},” {cue} {name}.",
        f"“{clause.capitalize()},” {cue}.",
        f"Menurut {src}, {clause}.",
        f"{name}, pakar di {src}, {cue} bahwa {clause}.",
        f"Seperti dilansir {src}, {clause}.",
        f"{clause.capitalize()} {cue} {name} kepada {src}.",
    ][form]


def _join(parts: list[tuple[str, str]]) -> str:
    return "".join(a + b for a, b in parts)


plain_text = st.lists(st.tuples(st.one_of(_plain_token, attributed_sentence()), st.sampled_from(SEPARATORS)), max_size=80).map(_join)
"""Words, names, numbers and plain punctuation: no markup, no control characters."""

hostile_text = st.lists(st.tuples(st.one_of(_token, attributed_sentence()), st.sampled_from(SEPARATORS)), max_size=100).map(_join)
"""Everything: markup, control characters, bidi overrides, random code points."""

article_text = st.one_of(plain_text, hostile_text, hostile_text, st.text(max_size=300),
                         st.lists(attributed_sentence(), min_size=1, max_size=12).map(" ".join))


@st.composite
def _with_bad_bytes(draw) -> bytes:
    data = draw(article_text).encode("utf-8", errors="surrogatepass")
    for _ in range(draw(st.integers(1, 3))):
        i = draw(st.integers(0, len(data)))
        data = data[:i] + draw(st.sampled_from(INVALID_BYTES)) + data[i:]
    return data


article_input = st.one_of(article_text, article_text, article_text.map(lambda t: t.encode("utf-8", errors="surrogatepass")),
                          _with_bad_bytes(), st.binary(max_size=300))
"""What ingest may receive: str, UTF-8 bytes, bytes with invalid sequences, arbitrary binary."""

source_text = st.one_of(
    st.lists(st.one_of(attributed_sentence(), st.lists(st.sampled_from(ENGLISH), min_size=3, max_size=15).map(" ".join)),
             max_size=8).map(". ".join),
    hostile_text,
)

# ---- properties ------------------------------------------------------------------------------

_BANNED = {"\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u2060", "\ufeff", "\u00ad", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e",
           "\u2066", "\u2067", "\u2068", "\u2069"}


def _prepare_or_refused(data):
    """The article, or None when ingest refused the input with a documented InputError."""
    from service.api import prepare
    from service.errors import InputError

    try:
        return prepare(data)
    except InputError:
        return None


def check_ingest(data) -> None:
    from service.errors import InputError
    from service.ingest import ingest

    try:
        a = ingest(data)
    except InputError:
        return
    text = a.text
    blocks = ([a.title_span] if a.title_span else []) + [(p.start, p.end) for p in a.paragraphs]
    assert a.paragraphs, "an article has at least one paragraph"
    pos = 0
    for s, e in blocks:
        assert pos <= s < e <= len(text), (blocks, len(text))
        assert text[s:e] == text[s:e].strip() and "\n" not in text[s:e], repr(text[s:e])
        pos = e
    assert "\n\n".join(text[s:e] for s, e in blocks) == text
    for ch in text:
        assert ch == "\n" or unicodedata.category(ch) not in ("Cc", "Cs"), f"control character or surrogate {ch!r} left"
        assert ch not in _BANNED, f"invisible character {ch!r} left"


def check_ingest_keeps_words(text: str) -> None:
    """Plain text: every word of the input is in the cleaned text or in the removed lines."""
    from service.errors import InputError
    from service.ingest import ingest

    try:
        a = ingest(text)
    except InputError:
        assert not text.strip(), "plain text with words was refused"
        return
    if a.source_format != "text":
        return  # Markdown markup is meant to go (its words are kept, but "#"/"*" tokens are not)
    kept = set(a.text.split())
    for r in a.meta.removed:
        kept.update(r["text"].split())
    lost = [w for w in text.split() if w not in kept]
    assert not lost, f"words lost: {lost[:5]}"


def check_segment(data) -> None:
    article = _prepare_or_refused(data)
    if article is None:
        return
    text = article.text
    title = article.title_span
    pieces, pos = [], 0
    prev_par = 0
    for i, s in enumerate(article.sentences):
        assert s.index == i
        p = article.paragraphs[s.paragraph]
        assert s.paragraph >= prev_par
        prev_par = s.paragraph
        assert p.start <= s.start < s.end <= p.end, (s, p)
        assert s.text == text[s.start:s.end] and s.text.strip() == s.text
        gap = text[pos:s.start]
        if title and pos <= title[0] and title[1] <= s.start:  # the title lies in the first gap
            rest = text[pos:title[0]] + text[title[1]:s.start]
        else:
            rest = gap
        assert rest.strip() == "", f"characters outside every sentence: {rest.strip()[:80]!r}"
        pieces += [gap, s.text]
        pos = s.end
    tail = text[pos:]
    if title and not article.sentences:
        tail = text[:title[0]] + text[title[1]:]
    assert tail.strip() == "", f"characters after the last sentence: {tail.strip()[:80]!r}"
    assert "".join(pieces) + text[pos:] == text
    # each paragraph has at least one sentence: no paragraph is silently dropped
    assert {s.paragraph for s in article.sentences} == {p.index for p in article.paragraphs}


def check_attribution(data) -> None:
    from service.attribution import Extractor

    article = _prepare_or_refused(data)
    if article is None:
        return
    ex = Extractor()
    first, _ = ex.extract(article)
    second, _ = ex.extract(article)
    assert [x.to_dict() for x in first] == [x.to_dict() for x in second], "not deterministic"
    assert len({x.id for x in first}) == len(first), "duplicate ids"
    for x in first:
        assert 0 <= x.sentence < len(article.sentences)
        s = article.sentences[x.sentence]
        assert 0 <= s.start <= x.start < x.end <= s.end <= len(article.text), (x.start, x.end, s)
        assert article.text[x.start:x.end] == x.text
        if x.cue_start is not None:
            assert 0 <= x.cue_start < x.cue_end <= len(article.text), (x.cue_start, x.cue_end)
            if not x.continuation:  # a continued quote keeps the cue of the sentence that opened it
                assert s.start <= x.cue_start < x.cue_end <= s.end, (x.cue_start, x.cue_end, s)
        assert x.source.name and x.kind in ("direct_quote", "indirect", "according_to", "media_citation", "passive")
        assert 0.0 < x.confidence <= 1.0


class IdentityBackend:
    """'Translates' by returning the input (markers included): exercises protection, splitting,
    batching and alignment without a model."""

    max_input_tokens = 48
    info = {"task": "translation", "id": "identity", "revision": "0", "backend": "identity", "licence": "none"}

    def count_tokens(self, texts):
        return [len(t.split()) + 1 for t in texts]

    def translate_batch(self, texts):
        return list(texts)


VERDICTS = {"supported", "partly_supported", "not_found", "contradicted", "no_source"}
DIFFERENCES = {"number", "name", "date", "quote", "qualifier", "polarity"}
_tools: dict = {}


def _check_tools():
    if not _tools:
        from service.sourcecheck import Checker
        from service.sourcecheck.embed import LexicalSimilarity
        from service.translation import Translator

        _tools["translator"] = Translator(IdentityBackend())
        _tools["checker"] = Checker(similarity=LexicalSimilarity(), nli=None)
    return _tools["translator"], _tools["checker"]


def check_check(data, sources: dict[str, str]) -> None:
    from service import api
    from service.sourcecheck import load_source
    from service.errors import InputError

    translator, checker = _check_tools()
    try:
        report = api.check(data, sources, translator=translator, checker=checker)
    except InputError:
        assert _prepare_or_refused(data) is None, "check refused an article that ingest accepts"
        return
    a = report.article
    assert all(s.translation is not None for s in a.sentences), "an untranslated sentence"
    json.dumps(report.to_dict(), ensure_ascii=False).encode("utf-8")  # what the server and CLI write
    assert "<" not in report.to_markdown(), "unescaped markup in the Markdown report"
    docs = {}
    for name, text in sources.items():
        try:
            docs[name] = load_source(name, text)
        except InputError:
            pass
    used = {d["name"] for d in report.sources}
    assert used == set(docs), (used, set(docs))
    for x in a.attributions:
        c = x.check
        assert c is not None and c.verdict in VERDICTS, c
        for ev in c.evidence:
            doc = docs[ev.source]
            assert 0 <= ev.start < ev.end <= len(doc.article.text)
            assert doc.article.text[ev.start:ev.end] == ev.text
            assert -1e-6 <= ev.score <= 1 + 1e-6 and -1e-6 <= ev.semantic <= 1 + 1e-6
        for d in c.differences:
            assert d.type in DIFFERENCES, d
        if not docs:
            assert c.verdict == "no_source"


sources_strategy = st.dictionaries(st.sampled_from(SOURCES + ["", " ", "x"]), source_text, max_size=3)

# ---- the stages: (strategy, property) --------------------------------------------------------

STAGES: dict[str, tuple[st.SearchStrategy, Callable]] = {
    "ingest": (article_input, check_ingest),
    "ingest-words": (plain_text, check_ingest_keeps_words),
    "segment": (article_input, check_segment),
    "attribution": (article_input, check_attribution),
    "check": (st.tuples(article_input, sources_strategy), lambda args: check_check(*args)),
}


def run_stage(name: str, examples: int, seed: int | None = None) -> dict:
    """Run one stage's property over ``examples`` generated inputs; count them and the failures."""
    strategy, prop = STAGES[name]
    count = {"n": 0}

    def body(x):
        count["n"] += 1
        prop(x)

    test = settings(max_examples=examples, deadline=None, database=None, derandomize=seed is None,
                    phases=[Phase.generate, Phase.shrink], suppress_health_check=list(HealthCheck),
                    print_blob=False)(given(strategy)(body))
    if seed is not None:
        from hypothesis import seed as hseed

        test = hseed(seed)(test)
    t0 = time.perf_counter()
    failure = None
    try:
        test()
    except Exception as e:  # the property's failure, after shrinking: report it
        notes = "\n".join(getattr(e, "__notes__", []))  # hypothesis puts the falsifying example here
        failure = f"{type(e).__name__}: {str(e)[:2000]}\n{notes[:4000]}"
    return {"stage": name, "examples": count["n"], "failures": 0 if failure is None else 1, "failure": failure,
            "seconds": round(time.perf_counter() - t0, 1)}


def main(argv: list[str] | None = None) -> int:
    import logging
    import os

    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    ap = argparse.ArgumentParser(prog="python -m eval.fuzz", description=__doc__.split("\n\n")[0])
    ap.add_argument("--examples", type=int, default=10_000, help="examples per stage (default 10,000)")
    ap.add_argument("--stage", default="all", choices=["all", *STAGES])
    ap.add_argument("--seed", type=int, default=None, help="random seed (default: derandomized, reproducible)")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    stages = list(STAGES) if args.stage == "all" else [args.stage]
    results = []
    logging.disable(logging.WARNING)  # the inputs are meant to provoke warnings: thousands of them
    try:
        for name in stages:
            r = run_stage(name, args.examples, args.seed)
            results.append(r)
            if not args.json:
                status = "ok" if not r["failures"] else "FAILED"
                print(f"{name:<13} {r['examples']:>7,} examples  {r['failures']} failures  {r['seconds']:>7.1f} s  {status}",
                      flush=True)
                if r["failure"]:
                    print("    " + r["failure"].replace("\n", "\n    "), flush=True)
    finally:
        logging.disable(logging.NOTSET)
    from service.report import signature

    sig = signature([])
    out = {"results": results, "signature": {"lintas": sig["lintas"], "segmenter": sig["segmenter"], "extractor": sig["extractor"],
                                             "python": sig["python"], "examples_per_stage": args.examples,
                                             "seed": args.seed if args.seed is not None else "derandomized"}}
    if args.json:
        print(json.dumps(out, indent=2))
    else:
        print("signature: " + json.dumps(out["signature"]))
    return 1 if any(r["failures"] for r in results) else 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
