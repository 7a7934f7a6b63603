"""The REST API's routes. Each one reads its request model (service/schemas.py), checks limits
before any work, and calls the Python API with the app's settings and model pool: the same
pipeline, defaults and limits as every other surface."""

from __future__ import annotations

import hmac
import threading
from dataclasses import dataclass, field
from typing import Any, Callable

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import JSONResponse

from . import api
from .errors import InputError
from .models import ModelPool
from .options import SummaryOptions
from .registry import Registry, models_status
from .schemas import (
    ArticleInput,
    AttributionsRequest,
    CheckRequest,
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
    gate: threading.BoundedSemaphore = field(init=False)

    def __post_init__(self) -> None:
        self.gate = threading.BoundedSemaphore(self.settings.max_concurrency)

    def translator_for(self, model: str | None):
        """The pool's one translator for ``model``, micro-batched unless the window is 0."""
        tr = self.pool.translator(model)
        return self.pool.batched(tr) if self.settings.batch_window_ms > 0 else tr

    def run(self, fn: Callable[[], Any]) -> Any:
        q = self.settings.queue_seconds
        if not self.gate.acquire(timeout=q):
            raise HTTPException(status_code=503, detail="busy: too many requests in progress",
                                headers={"Retry-After": str(max(1, int(q)))})
        try:
            return fn()
        finally:
            self.gate.release()

    def model_arg(self, name: str | None) -> str | None:
        if name and not self.settings.allow_local_models and name not in Registry.load(settings=self.settings).models:
            raise HTTPException(status_code=422, detail=f"model must be a registry name; {name!r} is not")
        return name

    def article(self, req: ArticleInput) -> str | bytes:
        """The article's text, or the page at ``url`` when the server allows fetching."""
        if (req.text is None) == (req.url is None):
            raise InputError("Give the article as \"text\" or as \"url\" (one of them).")
        if req.url is None:
            return req.text
        from .fetch import FetchDisabledError, fetch_url

        if not self.settings.allow_url_fetch:
            raise FetchDisabledError("This server does not fetch URLs (LINTAS_ALLOW_URL_FETCH is off): send the text.")
        return fetch_url(req.url).text()


def state(request: Request) -> AppState:
    return request.app.state.lintas


def auth(request: Request) -> None:
    token = state(request).settings.api_token
    given = (request.headers.get("authorization") or "").encode()
    if token and not hmac.compare_digest(given, f"Bearer {token}".encode()):
        raise HTTPException(status_code=401, detail="missing or wrong bearer token")


public = APIRouter()
router = APIRouter(prefix="/api/v1", dependencies=[Depends(auth)])


@public.get("/health")
def health(st: AppState = Depends(state)) -> dict:
    # model_loads: how many times each model was built in this process (1 each: loaded once, shared)
    return {"status": "ok", "version": __version__, "model_loads": st.pool.load_counts()}


@public.get("/ready")
def ready(st: AppState = Depends(state)):
    rows = [r for r in models_status(Registry.load(settings=st.settings)) if r["task"] == "translation" and r["default"]]
    missing = [r for r in rows if not r["present"]]
    body = {"ready": not missing, "translation_model": rows[0]["name"] if rows else None,
            "fetch": missing[0]["fetch"] if missing else None}
    return JSONResponse(body, status_code=200 if not missing else 503)


@router.get("/models")
def models(st: AppState = Depends(state)) -> list[dict]:
    return models_status(Registry.load(settings=st.settings))


@router.post("/translate")
def translate(req: TranslateRequest, st: AppState = Depends(state)) -> dict:
    model = st.model_arg(req.model)
    text = st.article(req)
    return st.run(lambda: api.translate(
        text, translator=st.translator_for(model), format=req.format, glossary=req.glossary, protect=req.protect,
        checks=req.checks, alternatives=req.alternatives, require_indonesian=req.require_indonesian,
        settings=st.settings, pool=st.pool)).to_dict()


@router.post("/attributions")
def attributions(req: AttributionsRequest, st: AppState = Depends(state)) -> dict:
    return api.attributions(st.article(req), format=req.format, require_indonesian=req.require_indonesian,
                            settings=st.settings).to_dict()


def _translation_args(st: AppState, req, model: str | None, translates: bool = True) -> dict:
    """Given pairs go to the pipeline as they are; otherwise the pool's shared translator."""
    if req.translations:
        return {"translations": req.translations, "model": model}
    return {"translator": st.translator_for(model)} if translates else {"model": model}


@router.post("/check")
def check(req: CheckRequest, st: AppState = Depends(state)) -> dict:
    model = st.model_arg(req.model)
    text = st.article(req)
    return st.run(lambda: api.check(
        text, req.sources, format=req.format, all_pairs=req.all_pairs, glossary=req.glossary,
        require_indonesian=req.require_indonesian, settings=st.settings, pool=st.pool,
        **_translation_args(st, req, model))).to_dict()


@router.post("/report")
def report(req: ReportRequest, st: AppState = Depends(state)) -> dict:
    model = st.model_arg(req.model)
    summary_model = st.model_arg(req.summary_model)
    text = st.article(req)
    return st.run(lambda: api.full_report(
        text, req.sources, format=req.format, all_pairs=req.all_pairs, glossary=req.glossary,
        summary_backend=req.summary_backend, summary_model=summary_model, bullets=req.bullets, words=req.words,
        require_indonesian=req.require_indonesian, settings=st.settings, pool=st.pool,
        **_translation_args(st, req, model))).to_dict()


@router.post("/summarize")
def summarize(req: SummarizeRequest, st: AppState = Depends(state)) -> dict:
    model = st.model_arg(req.model)
    summary_model = st.model_arg(req.summary_model)
    text = st.article(req)
    rule = SummaryOptions(req.summary_backend, language=req.language, source_language=req.source_language)
    return st.run(lambda: api.summarize(
        text, backend=req.summary_backend, summary_model=summary_model, bullets=req.bullets, words=req.words,
        language=req.language, source_language=req.source_language, format=req.format, glossary=req.glossary,
        require_indonesian=req.require_indonesian, settings=st.settings, pool=st.pool,
        **_translation_args(st, req, model, translates=rule.needs_translation))).to_dict()
