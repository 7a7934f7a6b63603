"""Instruction-LLM summaries (Qwen2.5-Instruct) through the model's chat template.

Prompts are versioned files (``prompts/summary-en.toml`` from the English translation,
``prompts/summary-id.toml`` straight from the Indonesian). The article is fenced as data and
defused (see :mod:`.prompts`); after rendering we check that the article added no chat-control
tokens to the prompt. The answer must be ``HEADLINE: …`` and ``- …`` lines: anything else is
rejected (the caller falls back to the extractive summary and says so), so an article cannot
change the output format either.
"""

from __future__ import annotations

import logging
import re
import threading

from ..article import Article
from ..errors import LintasError, ModelLoadError
from ..registry import ModelSpec
from ..translation.hf import check_generation
from .chunking import map_reduce
from .seq2seq import load_transformers, transformers_info
from .prompts import Prompt, PromptError
from .text import HEADLINE_WORDS
from .text import headline as make_headline
from .types import Bullet, Summary

log = logging.getLogger(__name__)


class SummaryFormatError(LintasError):
    code = "summary_format"
    http_status = 502
    exit_code = 1


_HEAD = re.compile(r"^\s*(?:\*\*)?\s*headline\s*(?:\*\*)?\s*:\s*(.+)$", re.IGNORECASE)
_BULLET = re.compile(r"^\s*(?:[-*•–—]|\d{1,2}[.)])\s+(.+)$")


def parse(output: str, bullets: int, words: int | None = None) -> tuple[str, list[str]]:
    """(headline, bullets) from the model's answer; :class:`SummaryFormatError` if it is not in
    the required format. A bullet's wrapped lines are joined to it; prose after the bullets ends
    them (nothing after it is taken); further ``HEADLINE:`` lines (from merged chunk answers) are
    skipped. With ``words``, bullets beyond the word budget are dropped (at least one is kept)."""
    head, items = None, []
    ended = False
    for line in output.splitlines():
        if not line.strip():
            continue
        m = _HEAD.match(line)
        if m:
            if head is None:
                head = m.group(1).strip().strip("*").strip()
            continue
        if head is None or ended:
            continue
        m = _BULLET.match(line)
        if m:
            text = m.group(1).strip()
            if text:
                items.append(text)
        elif items and line[:1].isspace():  # a bullet wrapped onto an indented line
            items[-1] += " " + line.strip()
        elif items and items[-1][-1:] not in ".!?\"”'" and line.strip()[:1].islower():  # wrapped, unindented
            items[-1] += " " + line.strip()
        elif items:
            ended = True
    if not head or not items:
        raise SummaryFormatError("The summary model's answer was not a HEADLINE line followed by '- ' points.")
    items = items[:bullets]
    if words is not None:
        kept, used = [], 0
        for it in items:
            n = len(it.split())
            if kept and used + n > words:
                break
            kept.append(it)
            used += n
        items = kept
    return make_headline(head, HEADLINE_WORDS), items


class LLMSummarizer:
    backend = "llm"

    def __init__(self, spec: ModelSpec, model, tokenizer, generation: dict | None = None):
        self.spec = spec
        self.model = model
        self.tokenizer = tokenizer
        self.generation = check_generation({**dict(spec.generation), **(generation or {})})
        self.window = min(spec.max_input_tokens, getattr(model.config, "max_position_embeddings", spec.max_input_tokens))
        self._lock = threading.Lock()
        if not getattr(tokenizer, "chat_template", None):
            raise ModelLoadError(f"{spec.name}: the tokenizer has no chat template; an instruction model is needed.")
        self.info = transformers_info(spec, model, self.generation)

    @classmethod
    def load(cls, spec: ModelSpec, generation: dict | None = None) -> "LLMSummarizer":
        model, tok = load_transformers(spec, "AutoModelForCausalLM")
        return cls(spec, model, tok, generation)

    # -- prompt ------------------------------------------------------------------------------
    def messages(self, prompt: Prompt, text: str, bullets: int, words: int | None) -> list[dict]:
        per = max(8, (words // bullets) if words else 30)
        return prompt.render(article=text, bullets=bullets, headline_words=HEADLINE_WORDS, bullet_words=per)

    def encode(self, messages: list[dict], baseline: list[dict] | None = None) -> list[int]:
        """Token ids of the chat prompt. With ``baseline`` (the same prompt with an empty
        article), refuse a prompt in which the article added chat-control tokens."""
        ids = self._ids(messages)
        if baseline is not None:
            specials = set(self.tokenizer.all_special_ids) | set(getattr(self.tokenizer, "added_tokens_decoder", {}) or {})
            if sum(t in specials for t in ids) != sum(t in specials for t in self._ids(baseline)):
                raise PromptError("The article text would add chat-control tokens to the prompt; refusing to run it.")
        return ids

    def _ids(self, messages: list[dict]) -> list[int]:
        out = self.tokenizer.apply_chat_template(messages, add_generation_prompt=True, tokenize=True, return_dict=True)
        return list(out["input_ids"])

    def generate(self, ids: list[int]) -> str:
        import torch

        gen = {k: v for k, v in self.generation.items() if k != "max_length_ratio"}
        with self._lock, torch.inference_mode():
            inp = torch.tensor([ids])
            out = self.model.generate(input_ids=inp, attention_mask=torch.ones_like(inp), **gen)
        return self.tokenizer.decode(out[0][len(ids):], skip_special_tokens=True)

    # -- summary -----------------------------------------------------------------------------
    def summarize(self, article: Article, bullets: int = 3, words: int | None = None, source_language: str = "en") -> Summary:
        prompt = Prompt.load("summary-en" if source_language == "en" else "summary-id")
        if source_language == "en":
            units = [(s.index, s.translation) for s in article.sentences if (s.translation or "").strip()]
        else:
            units = [(s.index, s.text) for s in article.sentences]
        if not units:
            return Summary(headline="", bullets=(), backend=self.backend, model=self.info, prompt=prompt.info())
        baseline = self.messages(prompt, "", bullets, words)
        overhead = len(self.encode(baseline))
        budget = self.window - overhead - int(self.generation.get("max_new_tokens", 300)) - 8

        def count(texts: list[str]) -> list[int]:
            return [len(x) for x in self.tokenizer(list(texts), add_special_tokens=False)["input_ids"]]

        answers: list[str] = []

        def summarise(texts: list[str], final: bool) -> list[str]:
            outs = []
            for t in texts:
                msgs = self.messages(prompt, t, bullets, words)
                raw = self.generate(self.encode(msgs, baseline))
                answers.append(raw)
                if final:
                    outs.append(raw)
                else:  # intermediate: keep the points as the next level's text
                    try:
                        head, items = parse(raw, bullets)  # the whole point list feeds the next level
                        outs.append(" ".join(items))
                    except SummaryFormatError:
                        outs.append(raw.strip())
            return outs

        text, chunks = map_reduce(units, count, budget, summarise)
        head, items = parse(text, bullets, words)
        return Summary(
            headline=head,
            bullets=tuple(Bullet(text=i) for i in items),
            backend=self.backend,
            model=self.info,
            prompt=prompt.info(),
            chunks=tuple(chunks),
            settings={"bullets": bullets, "words": words, "source_language": source_language},
        )
