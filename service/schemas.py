"""The REST API's request and response models (importable: the OpenAPI document is built from them)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

Pairs = list[tuple[str, str]]


class ArticleInput(BaseModel):
    text: str | None = Field(None, description="the article: plain text, Markdown or HTML")
    url: str | None = Field(None, description="fetch the article from this http(s) URL instead (only when the "
                                              "server allows it: the allow_url_fetch setting, LINTAS_ALLOW_URL_FETCH=1)")
    format: str = "auto"
    require_indonesian: bool | None = Field(None, description="refuse a non-Indonesian article (422 not_indonesian) "
                                                              "instead of a warning; default: the require_indonesian setting")


class GivenTranslations(BaseModel):
    translations: Pairs | None = Field(None, description="given (Indonesian, English) sentence pairs")
    english: str | None = Field(None, description="a whole English translation of the article (text, Markdown or "
                                                  "HTML): split into sentences and aligned with the article's")


class TranslateRequest(ArticleInput, GivenTranslations):
    model: str | None = Field(None, description="a registry model name")
    glossary: dict[str, str] | None = Field(None, description="Indonesian term → English term")
    protect: bool = True
    checks: bool = True
    alternatives: int = Field(0, ge=0, le=8)


class AttributionsRequest(ArticleInput):
    pass


class CheckRequest(TranslateRequest):
    sources: dict[str, str] = Field(..., description="source name → its text (or HTML)")
    all_pairs: bool = False


class SummaryFields(BaseModel):
    summary_backend: Literal["auto", "extractive", "seq2seq", "llm"] = Field(
        "auto", description="auto: the summary model if present, else extractive")
    summary_model: str | None = Field(None, description="a registry summary model name")
    bullets: int = Field(3, ge=1, le=10)
    words: int | None = Field(None, ge=5, le=2000, description="word budget for the bullets")


class SummarizeRequest(TranslateRequest, SummaryFields):
    language: Literal["en", "id"] = Field("en", description="id: an Indonesian extractive summary, no translation")
    source_language: Literal["en", "id"] = Field("en", description="llm backend: from the translation (en) or the Indonesian (id)")


class ReportRequest(TranslateRequest, SummaryFields):
    sources: dict[str, str] | None = Field(None, description="source name → its text (or HTML)")
    all_pairs: bool = False


class ValidationIssue(BaseModel):
    loc: list[str | int] = Field(description="where in the request: ['body', 'bullets']")
    msg: str
    type: str


class ErrorDetail(BaseModel):
    code: str = Field(description="stable and machine-readable (service/errors.py)")
    message: str
    details: list[ValidationIssue] | None = Field(None, description="422/400: each invalid field")


class ErrorBody(BaseModel):
    error: ErrorDetail


class ReadyBody(BaseModel):
    ready: bool
    translation_model: str | None
    fetch: str | None = Field(None, description="the command that fetches the missing model")
    problem: str | None = Field(None, description="why the translation model setting cannot be used")


class CompareRequest(ArticleInput):
    translations: dict[str, str] = Field(..., description="label → a whole English translation of the article "
                                                          "(text, Markdown or HTML); two or more", min_length=1)
    model: str | None = Field(None, description="also compare the model's translation (a registry model name)")
    reference: str | None = Field(None, description="a reference English text: chrF per sentence and per translation")
