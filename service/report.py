"""The report: the versioned JSON contract shared by the API, CLI, REST, UI and eval.

Shape (see ../shared/DESIGN.md): ``schema``, ``language``, ``article`` (title, paragraphs, a flat
``sentences`` list with spans and translations), ``summary``, ``attributions``, ``issues``,
``models``, ``timings``, ``signature``. Stages not yet run leave their fields empty (``None`` or
``[]``), never absent, so consumers can rely on the keys.
"""

from __future__ import annotations

import html
import platform
from dataclasses import dataclass

from .version import __version__
from .article import Article
from .attribution.extract import EXTRACTOR_VERSION
from .segment import SEGMENTER_VERSION

SCHEMA = "lintas.report/1"


@dataclass(frozen=True)
class Report:
    """One article's results. Built by :func:`build_report` from the article the pipeline made:
    the models, timings and sources are what its stages recorded in ``article.meta``."""

    article: Article

    @property
    def models(self) -> list[dict]:
        """The models the stages used; a random-weight test model (``lintas models build-tiny``)
        is marked ``test_model: true``, so every surface can say so."""
        from .registry import is_test_model

        return [{**m, "test_model": True} if is_test_model(m) else dict(m) for m in self.article.meta.models]

    @property
    def notices(self) -> list[str]:
        """What a reader must know before reading the English: a test model's output is
        meaningless; with no translation model there is no English at all. One line each."""
        out = [f"{m.get('name') or m.get('id')} is a random-weight test model: its English is meaningless"
               for m in self.models if m.get("test_model")]
        out += [i.message for i in self.article.issues if i.code == "translation_unavailable"]
        return out

    @property
    def timings(self) -> dict:
        return dict(self.article.meta.timings)

    @property
    def sources(self) -> list[dict] | None:
        s = self.article.meta.sources
        return None if s is None else [dict(x) for x in s]

    @property
    def check_method(self) -> str | None:
        return self.article.meta.check_method

    def to_dict(self) -> dict:
        a = self.article
        return {
            "schema": SCHEMA,
            "language": {"source": "id", "target": "en"},
            "article": {
                "title": a.title,
                "title_translation": a.title_translation,
                "title_span": list(a.title_span) if a.title_span else None,
                "text": a.text,
                "format": a.source_format,
                "paragraphs": [
                    {
                        "index": p.index,
                        "start": p.start,
                        "end": p.end,
                        "sentences": [s.index for s in a.sentences_of(p.index)],
                    }
                    for p in a.paragraphs
                ],
                "sentences": [s.to_dict() for s in a.sentences],
                "removed": list(a.meta.removed),
                "alignment": a.alignment.to_dict() if a.alignment is not None else None,
            },
            "summary": a.summary.to_dict() if a.summary is not None else None,
            "attributions": [self._attribution(x) for x in a.attributions],
            "sources": self.sources,
            "issues": [i.to_dict() for i in a.issues],
            "models": self.models,
            "timings": self.timings,
            "signature": signature(self.models),
        }

    def _attribution(self, x) -> dict:
        d = x.to_dict()
        s = self.article.sentences[x.sentence]
        d["sentence_span"] = [s.start, s.end]
        return d

    def to_text(self) -> str:
        return self.article.english_text()

    def to_markdown(self) -> str:
        """Side by side, every piece of article text escaped (it may hold hostile markup)."""
        a = self.article
        lines = []
        if a.title:
            lines += [f"# {md_escape(a.title_translation or a.title)}", "", f"*{md_escape(a.title)}*", ""]
        for n in self.notices:  # at the top, under the title: read this before the English
            lines += [f"> **Note:** {md_escape(n)}", ""]
        if a.summary is not None and (a.summary.headline or a.summary.bullets):
            sm = a.summary
            lines += ["## Summary", "", f"**{md_escape(sm.headline)}**", ""]
            for b in sm.bullets:
                where = ", ".join(str(i) for i in b.supported_by) or "no supporting sentence"
                flags = f" — {', '.join(b.flags)}" if b.flags else ""
                lines.append(f"- {md_escape(b.text)} *(sentences: {where}{flags})*")
            if sm.fallback:
                lines += ["", f"*{md_escape(sm.fallback)}*"]
            lines += ["", f"*Summary: {sm.backend}*", ""]
        lines += ["| # | Indonesian | English |", "|---|---|---|"]
        for s in a.sentences:
            lines.append(f"| {s.index} | {md_escape(s.text)} | {md_escape(s.translation or '')} |")
        if a.attributions:
            lines += ["", "## Attributions", "", "| # | sentence | kind | cue | speaker | source | claim | verdict | evidence | differences |",
                      "|---|---|---|---|---|---|---|---|---|---|"]
            for x in a.attributions:
                who = x.speaker.name or x.speaker.role or ""
                verdict = ev = diffs = ""
                if x.check is not None:
                    verdict = x.check.verdict
                    ev = f"{x.check.evidence[0].source}: {x.check.evidence[0].text}" if x.check.evidence else ""
                    diffs = "; ".join(f"{d.type}: {d.claim} vs {d.source}" for d in x.check.differences)
                    if x.check.corroboration:
                        verdict += "; corroborated by " + ", ".join(f"{c.source} ({c.verdict})" for c in x.check.corroboration)
                lines.append(f"| {x.id} | {x.sentence} | {x.kind} | {md_escape(x.cue)} | {md_escape(who)} | {md_escape(x.source.name)} ({x.source.type}){' via ' + md_escape(x.via.name) if x.via else ''} "
                             f"| {md_escape(x.text)} | {verdict} | {md_escape(ev)} | {md_escape(diffs)} |")
        if a.issues:
            lines += ["", "## Issues", ""]
            lines += [f"- {md_escape(i.code)}: {md_escape(i.message)}" for i in a.issues]
        return "\n".join(lines) + "\n"


def build_report(article: Article) -> Report:
    """The report of an article that has been through the pipeline's stages."""
    return Report(article)


def md_escape(text: str) -> str:
    """Escape for Markdown table cells: Markdown punctuation and pipes, then HTML."""
    t = text.replace("\\", "\\\\")
    for ch in "`*_[]#!|":
        t = t.replace(ch, "\\" + ch)
    return html.escape(t, quote=False).replace("\n", " ")


def signature(models: list[dict]) -> dict:
    import importlib.metadata as md

    def ver(pkg: str) -> str | None:
        try:
            return md.version(pkg)
        except md.PackageNotFoundError:
            return None

    return {
        "lintas": __version__,
        "segmenter": SEGMENTER_VERSION,
        "extractor": EXTRACTOR_VERSION,
        "models": [f"{m.get('id')}@{m.get('revision') or '-'}|{m.get('backend')}|{m.get('dtype', '-')}" for m in models],
        "python": platform.python_version(),
        "packages": {p: ver(p) for p in ("torch", "transformers", "sentencepiece", "trafilatura")},
    }
