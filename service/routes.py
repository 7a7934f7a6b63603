"""The REST API's routes. Each one reads its request model (service/schemas.py), checks limits
before any work, and runs the Python API (``api.run`` with the run's options) with the app's
settings and model pool: the same pipeline, defaults and limits as every other surface.

Every route that does work is ``async``: it waits for a slot of the gate on the event loop (no
worker thread is held while waiting; 503 ``busy`` with Retry-After after ``queue_seconds``), then
runs the work in a thread under a deadline (``request_seconds``: the work stops at the next stage
or model batch, 503 ``deadline_exceeded``). ``/health`` therefore answers while the server is
full."""

from __future__ import annotations

import hmac
from dataclasses import dataclass, field, replace
from typing import Any, Callable

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse

from . import api
from .errors import AuthError, InputError, InputTooLargeError, LintasError, UnknownModelError
from .limits import Deadline, Gate
from .models import ModelPool
from .options import CheckOptions, EnglishText, InputOptions, SummaryOptions, TranslationOptions
from .registry import Registry, models_status
from .schemas import (
    ArticleInput,
    AttributionsRequest,
    CheckRequest,
    CompareRequest,
    ErrorBody,
    ReadyBody,
    ReportRequest,
    SummarizeRequest,
    TranslateRequest,
)
from .settings import Settings
from .version import __version__


@dataclass
class AppState:
    """What the routes share: the settings, the model pool, the gate on concurrent model work."""

    settings: Settings
    pool: ModelPool
    gate: Gate = field(init=False)

    def __post_init__(self) -> None:
        self.gate = Gate(self.settings.max_concurrency)

    def translator_for(self, model: str | None):
        """The pool's one translator for ``model``, micro-batched unless the window is 0."""
        tr = self.pool.translator(model)
        return self.pool.batched(tr) if self.settings.batch_window_ms > 0 else tr

    async def run(self, work: Callable[[Deadline], Any]) -> Any:
        """``work(deadline)`` in a thread once the gate has a slot; the deadline starts then."""
        s = self.settings
        return await self.gate.run(lambda: work(Deadline(s.request_seconds)), s.queue_seconds)

    def model_arg(self, name: str | None) -> str | None:
        if name and not self.settings.allow_local_models and name not in Registry.load(settings=self.settings).models:
            raise UnknownModelError(name, list(Registry.load(settings=self.settings).models))
        return name

    def precheck(self, req: ArticleInput) -> None:
        """Refusals that need no work, before the request waits for a slot."""
        if (req.text is None) == (req.url is None):
            raise InputError("Give the article as \"text\" or as \"url\" (one of them).")
        if req.url is not None and not self.settings.allow_url_fetch:
            from .fetch import FetchDisabledError

            raise FetchDisabledError("This server does not fetch URLs (LINTAS_ALLOW_URL_FETCH is off): send the text.")
        if req.text is not None and len(req.text) > self.settings.max_chars:
            raise InputTooLargeError(len(req.text), self.settings.max_chars)

    def article(self, req: ArticleInput) -> str | bytes:
        """The article's text, or the page at ``url`` (called in the worker thread: fetching blocks)."""
        if req.url is None:
            return req.text
        from .fetch import fetch_url

        return fetch_url(req.url).text()

    def input(self, req: ArticleInput) -> InputOptions:
        return InputOptions(req.format, None, req.require_indonesian)

    def check_options(self, sources, all_pairs: bool) -> CheckOptions | None:
        if not sources:
            return None
        s = self.settings
        return CheckOptions(sources, all_pairs, max_sources=s.max_sources, max_source_chars=s.max_source_chars)


def state(request: Request) -> AppState:
    return request.app.state.lintas


def token_ok(settings: Settings, authorization: str | None) -> bool:
    """No token set, or the request's ``Authorization: Bearer …`` matches it (constant time)."""
    token = settings.api_token
    given = (authorization or "").encode()
    return not token or hmac.compare_digest(given, f"Bearer {token}".encode())


def auth(request: Request) -> None:
    if not token_ok(state(request).settings, request.headers.get("authorization")):
        raise AuthError("Missing or wrong bearer token: send 'Authorization: Bearer <LINTAS_API_TOKEN>'.")


def _errors(*codes: int) -> dict:
    what = {
        400: "the body is not valid JSON",
        401: "missing or wrong bearer token (when LINTAS_API_TOKEN is set)",
        403: "url_fetch_disabled: the server does not fetch URLs",
        413: "request_too_large, input_too_large or sources_too_large",
        422: "a field is invalid (details lists them), or the article cannot be processed as given",
        500: "internal_error: the request failed inside the server",
        502: "fetch_failed: the URL could not be fetched",
        503: "busy (Retry-After), deadline_exceeded, or a model is missing or failed to load",
    }
    return {c: {"model": ErrorBody, "description": what[c]} for c in codes}


WORK_ERRORS = _errors(400, 401, 403, 413, 422, 500, 502, 503)

public = APIRouter()
router = APIRouter(prefix="/api/v1", dependencies=[Depends(auth)])


@public.get("/health")
async def health(request: Request) -> dict:
    # model_loads: how many times each model was built in this process (1 each: loaded once, shared)
    st = state(request)
    return {"status": "ok", "version": __version__, "model_loads": st.pool.load_counts()}


@public.get("/ready", responses={200: {"model": ReadyBody}, 503: {"model": ReadyBody, "description": "not ready"}})
def ready(st: AppState = Depends(state)):
    """Ready when the translation model the settings choose (``models.translation``,
    LINTAS_MODEL_TRANSLATION, else the registry's default) is on this machine."""
    reg = Registry.load(settings=st.settings)
    try:
        spec = reg.resolve("translation")
    except LintasError as e:
        body = {"ready": False, "translation_model": st.settings.model_for("translation"), "fetch": None, "problem": str(e)}
        return JSONResponse(body, status_code=503)
    present = spec.locate() is not None
    default = reg.defaults.get("translation") == spec.name
    fetch = None if present else "lintas models pull translation" + ("" if default else f" --model {spec.name}")
    body = {"ready": present, "translation_model": spec.name, "fetch": fetch, "problem": None}
    return JSONResponse(body, status_code=200 if present else 503)


@router.get("/models", responses=_errors(401, 500))
def models(st: AppState = Depends(state)) -> list[dict]:
    return models_status(Registry.load(settings=st.settings))


@router.post("/translate", responses=WORK_ERRORS)
async def translate(req: TranslateRequest, st: AppState = Depends(state)) -> dict:
    model = st.model_arg(req.model)
    st.precheck(req)
    opts, translator = _translation(st, req, model)
    opts = replace(opts, protect=req.protect, checks=req.checks, alternatives=req.alternatives)
    return await st.run(lambda dl: api.run(
        st.article(req), input=st.input(req), translation=opts, translator=translator,
        progress=dl.progress, on_stage=dl.on_stage, settings=st.settings, pool=st.pool).to_dict())


@router.post("/attributions", responses=WORK_ERRORS)
async def attributions(req: AttributionsRequest, st: AppState = Depends(state)) -> dict:
    st.precheck(req)
    return await st.run(lambda dl: api.run(st.article(req), input=st.input(req), on_stage=dl.on_stage,
                                           settings=st.settings, pool=st.pool).to_dict())


def _translation(st: AppState, req, model: str | None, needed: bool = True) -> tuple[TranslationOptions | None, Callable | None]:
    """The translation options and the translator to use: given pairs or a given English text go to
    the pipeline as they are (pairs with ``model`` for what they lack; a text is aligned, never read
    as a path on the server); otherwise a loader of the pool's shared translator, which the
    pipeline calls when translation starts (so a missing model degrades report and summarize the
    same way as on every other surface)."""
    if not needed:
        return None, None
    if req.translations and req.english:
        raise InputError("Give the English as \"translations\" (sentence pairs) or as \"english\" (a whole text), not both.")
    given = EnglishText(req.english, name="<request>") if req.english else (req.translations or None)
    opts = TranslationOptions(model=model, translations=given, glossary=req.glossary)
    return opts, None if given else (lambda: st.translator_for(model))


@router.post("/check", responses=WORK_ERRORS)
async def check(req: CheckRequest, st: AppState = Depends(state)) -> dict:
    model = st.model_arg(req.model)
    st.precheck(req)
    opts, translator = _translation(st, req, model)
    check = st.check_options(req.sources, req.all_pairs) or CheckOptions({}, req.all_pairs)
    return await st.run(lambda dl: api.run(
        st.article(req), input=st.input(req), translation=opts, check=check, translator=translator,
        progress=dl.progress, on_stage=dl.on_stage, settings=st.settings, pool=st.pool).to_dict())


@router.post("/report", responses=WORK_ERRORS)
async def report(req: ReportRequest, st: AppState = Depends(state)) -> dict:
    model = st.model_arg(req.model)
    summary_model = st.model_arg(req.summary_model)
    st.precheck(req)
    opts, translator = _translation(st, req, model)
    check = st.check_options(req.sources, req.all_pairs)
    summary = SummaryOptions(req.summary_backend, summary_model, req.bullets, req.words)
    return await st.run(lambda dl: api.run(
        st.article(req), input=st.input(req), translation=opts, check=check, summary=summary, translator=translator,
        progress=dl.progress, on_stage=dl.on_stage, settings=st.settings, pool=st.pool).to_dict())


@router.post("/summarize", responses=WORK_ERRORS)
async def summarize(req: SummarizeRequest, st: AppState = Depends(state)) -> dict:
    model = st.model_arg(req.model)
    summary_model = st.model_arg(req.summary_model)
    st.precheck(req)
    summary = SummaryOptions(req.summary_backend, summary_model, req.bullets, req.words, req.language, req.source_language)
    opts, translator = _translation(st, req, model, needed=summary.needs_translation)
    return await st.run(lambda dl: api.run(
        st.article(req), input=st.input(req), translation=opts, summary=summary, translator=translator,
        progress=dl.progress, on_stage=dl.on_stage, settings=st.settings, pool=st.pool).to_dict())


@router.post("/compare", responses=WORK_ERRORS)
async def compare(req: CompareRequest, st: AppState = Depends(state)) -> dict:
    """Two or more English texts of the article side by side, sentence by sentence, with what they
    disagree on (numbers, names, quotes, negations, hedges, omissions)."""
    from .compare import compare_translations

    model = st.model_arg(req.model)
    st.precheck(req)
    texts = [EnglishText(t, name=label) for label, t in req.translations.items()]
    reference = EnglishText(req.reference, name="reference") if req.reference else None
    return await st.run(lambda dl: compare_translations(
        st.article(req), texts, labels=list(req.translations), model=model, reference=reference,
        format=req.format, settings=st.settings, pool=st.pool).to_dict())
