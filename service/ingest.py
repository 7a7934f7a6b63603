"""Ingest: text, Markdown or HTML in; a cleaned :class:`Article` (title + paragraphs, offsets) out.

Steps: decode and normalise (NFC, line endings, zero-width and control characters), convert the
format to plain paragraphs (HTML through trafilatura, Markdown by unwrapping its markup), then
remove page furniture — app banners, menu words, "Baca juga" links, a repeated headline — and pick
the title. Every removed line is recorded in ``article.meta.removed`` so nothing disappears
silently.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from functools import lru_cache

from . import settings as _settings
from .article import Article, ArticleMeta, Issue, Paragraph
from .errors import EmptyInputError, InputError, InputTooLargeError, NotIndonesianError
from .settings import Settings

log = logging.getLogger(__name__)

DEFAULT_MAX_CHARS = 200_000
FORMATS = ("auto", "text", "markdown", "html")

# zero-width characters, soft hyphen, and bidi marks/overrides (they can make displayed text read
# differently from what is stored: "Trojan Source")
_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
                                     "\u2066\u2067\u2068\u2069"), None)
# line-breaking controls become line breaks (Word's manual break is VT), not glue
_BREAKS = dict.fromkeys(map(ord, "\x0b\x0c\x1c\x1d\x1e\x85"), "\n")
# C0/C1 controls except tab and newline; tab becomes a space below
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")

# Lines that are page furniture wherever they stand (only short lines: see _is_furniture).
_FURNITURE = re.compile(
    r"""^(?:
        (?:\S+\s+)?(?:dapatkan|unduh|download)\s+(?:aplikasi|app)\b.*
      | .{0,60}\b(?:play\s*store|app\s*store|google\s*play)\s*$
      | baca(?:\s+(?:juga|pula|selengkapnya))?\s*[:：].*
      | (?:lihat|simak|tonton|cek)\s+(?:juga|pula|selengkapnya|video|foto)\s*[:：].*
      | baca\s+(?:juga|selengkapnya)\b.*
      | (?:advertisement|iklan|scroll\s+to\s+(?:continue|resume)(?:\s+with\s+content)?|ads)
      | (?:bagikan|share)(?:\s+(?:artikel|berita|this|ini))?\s*[:：]?
      | (?:copyright|hak\s+cipta)\s*(?:©|\(c\)|\d{4}|dilindungi).* | ©.*
      | (?:ikuti|follow)\s+(?:kami|us|berita\w*)\s+(?:di|on)\b.*
      | (?:editor|penyunting|sumber\s+foto|foto|ilustrasi)\s*[:：].{0,60}
      | (?:berita\s+terkait|artikel\s+terkait|related(?:\s+articles?)?|terpopuler|trending)
    )$""",
    re.IGNORECASE | re.VERBOSE,
)


def _is_furniture(line: str) -> bool:
    """Short, single-statement lines only: a paragraph of prose is never furniture."""
    if len(line.split()) > 15 or len(re.findall(r"[.!?](?:\s|$)", line)) > 1:
        return False
    return bool(_FURNITURE.match(line))


_TERMINAL_END = re.compile(r"[.!?…][”’\"')\]]*$")


def max_chars_default(settings: Settings | None = None) -> int:
    """The ``max_chars`` setting (LINTAS_MAX_CHARS; default 200,000): the longest article accepted.
    A bad value is a :class:`~service.settings.SettingsError` naming the variable."""
    return (settings or _settings.current()).max_chars


def decode(data: bytes | str) -> tuple[str, list[Issue]]:
    """Bytes to text: UTF-8 (with or without BOM); invalid bytes are replaced, with a warning."""
    if isinstance(data, str):
        if _SURROGATE.search(data):  # lone surrogates (e.g. from a JSON "\\ud800" escape): not text
            n = len(_SURROGATE.findall(data))
            return _SURROGATE.sub("\ufffd", data), [
                Issue("invalid_unicode", f"The text held {n} lone surrogate code point(s), replaced with U+FFFD.")]
        return data, []
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as e:
        text = data.decode("utf-8", errors="replace")
        bad = text.count("\ufffd")
        return text, [
            Issue(
                "invalid_utf8",
                f"The input is not valid UTF-8 (first bad byte at offset {e.start}); "
                f"{bad} undecodable byte sequence(s) were replaced with U+FFFD.",
            )
        ]


_SURROGATE = re.compile("[\ud800-\udfff]")
# characters XML (and so lxml) refuses: C0 controls but tab/newline/CR, surrogates, U+FFFE/U+FFFF
_XML_INVALID = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n")
    text = text.translate(_ZERO_WIDTH).translate(_BREAKS)
    text = _CONTROL.sub("", text)
    return "\n".join(_SPACES.sub(" ", line).strip() for line in text.split("\n"))


_BLOCK_HTML = re.compile(
    r"<(?:!doctype\s+html|html|body|head|p|div|article|section|br|h[1-6]|table|tr|ul|ol|li|blockquote|figure|"
    r"figcaption|nav|aside|header|footer|main|center|pre|form|meta|link|title)\b[^>]*>",
    re.I,
)
_INLINE_HTML = re.compile(r"<(?:span|script|iframe|a|b|i|em|strong|img|style|noscript|font|svg|object|embed|input)\b[^>]*>", re.I)


def _has_tag(pattern: re.Pattern, text: str) -> re.Match | None:
    """``pattern.search(text)`` for a pattern ending in ``[^>]*>``, searched only up to the last
    ">": no tag ends after it, and a tag name with no ">" after it was otherwise scanned to the end
    of the text from every "<" (n² steps for "<b " × n)."""
    return pattern.search(text, 0, text.rfind(">") + 1)


def detect_format(text: str) -> str:
    head = text[:20_000]
    if _has_tag(_BLOCK_HTML, head):
        return "html"
    if _has_tag(_INLINE_HTML, head) and not re.search(r"\n\s*\n", head):
        return "html"  # a fragment of inline markup, with no paragraph layout of its own
    # otherwise: text (with stray tags stripped in _strip_stray_markup), keeping its paragraphs.
    # A list item's indent is read on its own line ("^[^\S\n]*", not "^\s*": that crossed every
    # following blank line from every line start, n² steps for n newlines).
    if re.search(r"^#{1,6}\s+\S|\[[^\]\n]+\]\([^)\s]+\)|^[^\S\n]*[-*]\s+\S.*\n\s*[-*]\s+\S|\*\*[^*\n]+\*\*", head, re.M):
        return "markdown"
    return "text"


# ---- format converters: each returns (title or None, text with one paragraph per line/block)

_DANGEROUS = ("script", "style", "iframe", "noscript", "template", "object", "svg")
_DANGEROUS_BLOCK = re.compile(r"<(" + "|".join(_DANGEROUS) + r")\b[^>]*>.*?</\1\s*>", re.I | re.S)
# _DANGEROUS_BLOCK.sub without its n² cases: an opening tag with no closing tag after it was
# scanned to the end of the text from every such opening tag ("<script>" × n). Here a name whose
# closing tag is not found is left out of the search from then on (no later opening tag of it can
# have one either), and no tag is looked for after the last ">".
_DANGEROUS_CLOSE = {name: re.compile(r"</" + name + r"\s*>", re.I) for name in _DANGEROUS}


@lru_cache(maxsize=None)
def _dangerous_open(names: tuple[str, ...]) -> re.Pattern:
    return re.compile(r"<(" + "|".join(names) + r")\b[^>]*>", re.I)


def _drop_dangerous_blocks(text: str, drop) -> str:
    """``_DANGEROUS_BLOCK.sub(drop, text)`` in steps linear in the text (``drop`` is given the
    opening tag's match)."""
    out: list[str] = []
    alive = _DANGEROUS
    pos = done = 0
    limit = text.rfind(">") + 1
    while alive:
        m = _dangerous_open(alive).search(text, pos, limit)
        if m is None:
            break
        name = m.group(1).lower()
        c = _DANGEROUS_CLOSE[name].search(text, m.end())
        if c is None:
            alive = tuple(n for n in alive if n != name)
            pos = m.start()  # other names may still match here
            continue
        out.append(text[done : m.start()])
        out.append(drop(m))
        pos = done = c.end()
    out.append(text[done:])
    return "".join(out)
_TAG = re.compile(r"</?[A-Za-z][\w-]*(?:\s[^<>]*)?/?>")


def _strip_stray_markup(text: str) -> tuple[str, int]:
    """Plain text with a few tags in it (pasted from a page): scripts, styles and frames go with
    their content, other tags go, the words and the paragraph layout stay."""
    n = 0

    def drop(m: re.Match) -> str:
        nonlocal n
        n += 1
        return " "

    text = _drop_dangerous_blocks(text, drop)
    text = _TAG.sub(drop, text)
    return text, n


def _html_to_text(html: str) -> tuple[str | None, str]:
    import trafilatura

    doc = trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, include_tables=True, include_images=False,
        favor_recall=True,
    )
    if doc is not None and doc.text and doc.text.strip():
        # trafilatura writes list items as "- item": the bullet is not article text
        text = re.sub(r"(?m)^\s*[-*•]\s+", "", doc.text)
        return (doc.title or None), text
    # Short fragments (a few <p>) are below trafilatura's thresholds: parse them with lxml,
    # dropping scripts, styles and embedded frames, one paragraph per block element.
    return None, _html_fragment_text(html)


_BLOCK_TAGS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "blockquote", "section", "article", "header", "footer", "pre", "td", "th", "dd", "dt", "figcaption"}


def _html_fragment_text(html: str) -> str:
    import lxml.html

    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except Exception as e:  # lxml raises several types for junk input
        raise InputError(f"The HTML could not be parsed: {e}") from e
    for bad in root.xpath("//script|//style|//iframe|//noscript|//template|//object|//embed|//svg|//head"):
        bad.drop_tree()
    parts: list[str] = []

    def walk(el):
        if not isinstance(el.tag, str):
            return  # comments and processing instructions: nothing of the article (tails are kept by the parent)
        tag = el.tag
        if tag in _BLOCK_TAGS:
            parts.append("\n")
        if el.text:
            parts.append(el.text)
        for child in el:
            walk(child)
            if child.tail:
                parts.append(child.tail)
        if tag in _BLOCK_TAGS:
            parts.append("\n")

    walk(root)
    return "".join(parts)


# Inline Markdown is read within bounds (link text and emphasis up to 500 characters, a link
# target up to 2,000): unbounded, a line of 40,000 "[" or "*a " took seconds (each opening mark
# scanned the rest of the line), a 200,000-character one minutes.
_MD_IMAGE = re.compile(r"!\[[^\]]{0,500}\]\([^)]{0,2000}\)")
_MD_LINK = re.compile(r"\[([^\]]{1,500})\]\([^)]{0,2000}\)")
# emphasis only at word edges (CommonMark: no underscore emphasis inside words)
_MD_EMPH = re.compile(r"(?<![\w*_~`])(\*\*|__|\*|_|~~|`)(?=\S)(.{1,500}?)(?<=\S)\1(?![\w*_~`])")
_MD_TAG = re.compile(r"</?[A-Za-z][\w-]*(?:\s[^<>]*)?/?>")
_MD_AUTOLINK = re.compile(r"<((?:https?|mailto):[^<>\s]+)>")


def _markdown_to_text(md: str) -> tuple[str | None, str]:
    title = None
    out = []
    in_code = False
    for line in md.split("\n"):
        if line.strip().startswith("```"):
            in_code = not in_code
            continue
        if not in_code:
            if re.fullmatch(r"\s*(?:-{3,}|\*{3,}|_{3,})\s*", line):
                out.append("")
                continue
            line = _MD_IMAGE.sub("", line)
            line = _MD_LINK.sub(r"\1", line)
            line = _MD_EMPH.sub(r"\2", line)
            line = _MD_AUTOLINK.sub(r"\1", line)
            line = _MD_TAG.sub("", line)  # inline HTML tags (only tag-shaped text: "<3 persen" stays)
            line = re.sub(r"\\([\\`*_{}\[\]()#+\-.!|>])", r"\1", line)  # Markdown escapes
            h = re.match(r"\s*(#{1,6})\s+", line)
            if h:  # the heading's text without its closing hashes (stripped, not matched: linear)
                line = line[h.end():].rstrip().rstrip("#").rstrip()
                if title is None and len(h.group(1)) == 1:
                    title = line
                out.extend(["", line, ""])  # a heading is a block of its own
                continue
            line = re.sub(r"^\s*>\s?", "", line)
            line = re.sub(r"^\s*(?:[-*+]|\d+[.)])\s+", "", line)
        out.append(line)
    return title, "\n".join(out)


# ---- blocks, furniture and title


def _blocks(text: str) -> list[str]:
    """Paragraphs: a line is its own paragraph, unless it is a hard-wrapped continuation of the
    previous line (which does not end a sentence, and either is long or is followed by a line
    starting in lower case or with a digit)."""
    paras: list[str] = []
    prev_blank = True
    for line in text.split("\n"):
        if not line:
            prev_blank = True
            continue
        if (
            paras
            and not prev_blank
            and not _TERMINAL_END.search(paras[-1])
            and (line[0].islower() or line[0].isdigit() or line[0] in ",;:)" or len(paras[-1]) >= 60)
        ):
            paras[-1] = paras[-1] + " " + line
        else:
            paras.append(line)
        prev_blank = False
    return paras


def _key(s: str) -> str:
    return re.sub(r"\W+", " ", s.casefold()).strip()


def _is_prose(p: str) -> bool:
    return bool(_TERMINAL_END.search(p)) or len(p.split()) > 30


def _clean_blocks(paras: list[str], title: str | None) -> tuple[str | None, list[str], list[dict]]:
    removed: list[dict] = []
    kept: list[str] = []
    for p in paras:
        if _is_furniture(p):
            removed.append({"text": p, "reason": "furniture"})
        else:
            kept.append(p)

    # The leading region: paragraphs before the first prose paragraph (menus, headline…).
    lead = 0
    while lead < len(kept) and not _is_prose(kept[lead]):
        lead += 1
    region, body = kept[:lead], kept[lead:]

    if title is None:
        cands = [p for p in region if len(p.split()) >= 3]
        if cands:
            title = cands[0]
        elif region and body:
            title = region[-1]
    tkey = _key(title) if title else None

    out: list[str] = []
    title_seen = False
    for p in region:
        if tkey and _key(p) == tkey:
            if p == title and not title_seen:
                title_seen = True  # the title itself
            else:  # another line with the title's words (a repeat, or the headline of a page whose title came from metadata)
                removed.append({"text": p, "reason": "repeated title"})
        elif len(p.split()) <= 2:
            removed.append({"text": p, "reason": "menu"})
        else:
            out.append(p)  # a subtitle or lede without a full stop: article text, keep it
    for p in body:
        if tkey and _key(p) == tkey:
            removed.append({"text": p, "reason": "repeated title"})
        else:
            out.append(p)
    return title, out, removed


_INDONESIAN_LIKE = {"id", "ms", "jv", "su"}  # langid confuses Indonesian with Malay (and its neighbours)
_langid = None


def detect_language(text: str) -> tuple[str, float]:
    """(ISO code, probability) of the text's language, by py3langid (its model ships with it)."""
    global _langid
    if _langid is None:
        from py3langid.langid import MODEL_FILE, LanguageIdentifier

        _langid = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    lang, prob = _langid.classify(text[:3000])
    return lang, float(prob)


def warm_up() -> None:
    """Loads the language identifier now (about half a second: its model is LZMA-compressed),
    not in the first article's time. The server does this when it starts."""
    detect_language("Presiden meminta bantuan untuk menstabilkan situasi di negara itu.")


def language_issue(text: str) -> Issue | None:
    """A warning when the article is clearly not Indonesian (it is processed anyway)."""
    if len(text.split()) < 8:
        return None
    lang, prob = detect_language(text)
    if lang in _INDONESIAN_LIKE or prob < 0.9:
        return None
    return Issue("not_indonesian", f"The article looks like {lang!r} (p={prob:.2f}), not Indonesian; the models expect Indonesian.",
                 data={"language": lang, "probability": round(prob, 3)})


def require_indonesian_default(settings: Settings | None = None) -> bool:
    """The ``require_indonesian`` setting (LINTAS_REQUIRE_INDONESIAN=1): refuse non-Indonesian
    articles unless a caller says otherwise."""
    return (settings or _settings.current()).require_indonesian


def ingest(data: str | bytes, format: str = "auto", *, max_chars: int | None = None,
           require_indonesian: bool | None = None, settings: Settings | None = None) -> Article:
    """Clean an article. ``format`` is ``auto``, ``text``, ``markdown`` or ``html``.

    ``max_chars`` defaults to the ``max_chars`` setting (LINTAS_MAX_CHARS). A clearly
    non-Indonesian article is flagged in ``issues`` (``not_indonesian``) and processed; with
    ``require_indonesian=True`` (default: the ``require_indonesian`` setting,
    LINTAS_REQUIRE_INDONESIAN) it is refused with :class:`NotIndonesianError` instead.
    ``settings``: where those defaults come from (default :func:`service.settings.current`).
    """
    if format not in FORMATS:
        raise InputError(f"Unknown format {format!r}; use one of {', '.join(FORMATS)}.")
    limit = max_chars if max_chars is not None else max_chars_default(settings)
    text, issues = decode(data)
    if len(text) > limit:
        raise InputTooLargeError(len(text), limit)
    fmt = detect_format(text) if format == "auto" else format
    title, text = _to_plain_text(text, fmt, issues)
    title, paras, removed = _article_blocks(text, title)
    cleaned, title_span, paragraphs = _layout(title, paras)
    if removed:
        log.debug("ingest removed %d furniture line(s)", len(removed))
    _check_language(cleaned, issues, require_indonesian, settings)
    return Article(
        text=cleaned,
        title_span=title_span,
        paragraphs=tuple(paragraphs),
        source_format=fmt,
        issues=tuple(issues),
        meta=ArticleMeta(removed=tuple(removed)),
    )


def _to_plain_text(text: str, fmt: str, issues: list[Issue]) -> tuple[str | None, str]:
    """(title or None, normalised text with one paragraph per line) from text in format ``fmt``;
    a ``markup_removed`` issue is added when stray tags were taken out of plain text."""
    title = None
    if fmt == "html":
        # control characters are removed from the text anyway (normalise), but the HTML parsers
        # refuse them outright: take them out first (line-breaking ones become line breaks)
        title, text = _html_to_text(_XML_INVALID.sub("", text.translate(_BREAKS)))
    elif _has_tag(_INLINE_HTML, text) or "</" in text:
        text, stripped = _strip_stray_markup(text)
        if stripped:
            issues.append(Issue("markup_removed", f"{stripped} HTML tag(s) or script/style block(s) were removed from the text."))
    elif fmt == "markdown":
        title, text = _markdown_to_text(text)
    text = normalise(text)
    if title:
        title = normalise(title).replace("\n", " ").strip() or None
    return title, text


def _article_blocks(text: str, title: str | None) -> tuple[str | None, list[str], list[dict]]:
    """(title, body paragraphs, removed lines) of plain text; :class:`EmptyInputError` when
    nothing of an article is left."""
    paras = _blocks(text)
    original = list(paras)
    title, paras, removed = _clean_blocks(paras, title)
    if not paras and not title and original:
        # everything looked like menu words ("Selamat pagi"): it is the text itself
        kept = [p for p in original if not _is_furniture(p)]
        paras, removed = kept, [r for r in removed if r["reason"] == "furniture"]
    if not paras and not title:
        raise EmptyInputError("The input has no article text (it is empty, whitespace, or only page furniture).")
    if not paras:
        # a one-line input: it is the body, not a headline
        paras, title = [title], None
    return title, paras, removed


def _layout(title: str | None, paras: list[str]) -> tuple[str, tuple[int, int] | None, list[Paragraph]]:
    """The cleaned text (title and paragraphs, a blank line between blocks), the title's span and
    the paragraphs' spans in it."""
    blocks = ([title] if title else []) + paras
    cleaned = "\n\n".join(blocks)
    pos = 0
    title_span = None
    paragraphs = []
    for i, b in enumerate(blocks):
        span = (pos, pos + len(b))
        if title and i == 0:
            title_span = span
        else:
            paragraphs.append(Paragraph(index=len(paragraphs), start=span[0], end=span[1]))
        pos = span[1] + 2
    return cleaned, title_span, paragraphs


def _check_language(cleaned: str, issues: list[Issue], require_indonesian: bool | None,
                    settings: Settings | None) -> None:
    """A ``not_indonesian`` issue, or :class:`NotIndonesianError` when Indonesian is required (the
    setting is consulted only for a non-Indonesian article)."""
    lang = language_issue(cleaned)
    if lang is None:
        return
    if require_indonesian if require_indonesian is not None else require_indonesian_default(settings):
        raise NotIndonesianError(lang.data["language"], lang.data["probability"])
    issues.append(lang)
