"""The web server: a REST API (FastAPI) and the Gradio UI in one app, one process, models loaded
once and shared. ``lintas serve`` and ``python app.py`` start it.

Endpoints: GET /health, /ready, /api/v1/models; POST /api/v1/translate, /api/v1/attributions,
/api/v1/check, /api/v1/report (/api/v1/summarize answers 501 until summaries exist). The
OpenAPI schema is at /openapi.json. Limits are checked before work: request bodies over
``LINTAS_MAX_BODY_BYTES`` (default 2 MB) get 413, texts over ``LINTAS_MAX_CHARS`` get 413, bad
fields 422; more concurrent model requests than ``LINTAS_MAX_CONCURRENCY`` wait up to
``LINTAS_QUEUE_SECONDS`` and then get 503 with Retry-After. Requests that run together share
model batches (micro-batching, ``LINTAS_BATCH_WINDOW_MS``; see service/translation/batcher.py).
"""


import logging
import os
import threading
from typing import Any

from . import __version__
from .errors import LintasError

log = logging.getLogger(__name__)


def _settings() -> dict:
    return {
        "max_body": int(os.environ.get("LINTAS_MAX_BODY_BYTES", 2_000_000)),
        "max_concurrency": int(os.environ.get("LINTAS_MAX_CONCURRENCY", 2)),
        "queue_seconds": float(os.environ.get("LINTAS_QUEUE_SECONDS", 30)),
        "token": os.environ.get("LINTAS_API_TOKEN") or None,
        "allow_local_models": os.environ.get("LINTAS_ALLOW_LOCAL_MODELS", "") in ("1", "true", "yes"),
    }


def create_app(with_ui: bool = True):
    from fastapi import Depends, FastAPI, HTTPException, Request
    from fastapi.responses import JSONResponse
    from pydantic import BaseModel, Field

    from . import api
    from .cli import models_status

    from .translation import load_translator
    from .translation.batcher import batched, batching_settings

    cfg = _settings()
    gate = threading.BoundedSemaphore(cfg["max_concurrency"])
    microbatch = batching_settings()["window_ms"] > 0

    def translator_for(model: str | None):
        """The process's one translator for ``model``, micro-batched unless the window is 0."""
        tr = load_translator(model)
        return batched(tr) if microbatch else tr

    class TranslateRequest(BaseModel):
        text: str = Field(..., description="the article: plain text, Markdown or HTML")
        format: str = "auto"
        model: str | None = Field(None, description="a registry model name")
        glossary: dict[str, str] | None = Field(None, description="Indonesian term → English term")
        protect: bool = True
        checks: bool = True
        alternatives: int = Field(0, ge=0, le=8)

    class AttributionsRequest(BaseModel):
        text: str
        format: str = "auto"

    class CheckRequest(TranslateRequest):
        sources: dict[str, str] = Field(..., description="source name → its text (or HTML)")
        translations: list[tuple[str, str]] | None = Field(None, description="given (Indonesian, English) sentence pairs")
        all_pairs: bool = False

    app = FastAPI(title="lintas", version=__version__,
                  description="Indonesian news in English: sentence-aligned translation, who said what, source checks.")

    @app.middleware("http")
    async def limit_body(request: Request, call_next):
        size = request.headers.get("content-length")
        if request.url.path.startswith("/api/") and size and size.isdigit() and int(size) > cfg["max_body"]:
            return JSONResponse({"error": {"code": "request_too_large",
                                           "message": f"The request has {int(size):,} bytes; the limit is {cfg['max_body']:,}."}},
                                status_code=413)
        return await call_next(request)

    @app.exception_handler(LintasError)
    async def lintas_error(request: Request, exc: LintasError):
        return JSONResponse(exc.to_dict(), status_code=exc.http_status)

    def auth(request: Request) -> None:
        if cfg["token"] and request.headers.get("authorization") != f"Bearer {cfg['token']}":
            raise HTTPException(status_code=401, detail="missing or wrong bearer token")

    def model_arg(name: str | None) -> str | None:
        if name and not cfg["allow_local_models"]:
            from .registry import Registry

            if name not in Registry.load().models:
                raise HTTPException(status_code=422, detail=f"model must be a registry name; {name!r} is not")
        return name

    def run(fn, *args, **kwargs) -> Any:
        if not gate.acquire(timeout=cfg["queue_seconds"]):
            raise HTTPException(status_code=503, detail="busy: too many requests in progress",
                                headers={"Retry-After": str(max(1, int(cfg["queue_seconds"])))})
        try:
            return fn(*args, **kwargs)
        finally:
            gate.release()

    @app.get("/health")
    def health() -> dict:
        return {"status": "ok", "version": __version__}

    @app.get("/ready")
    def ready():
        rows = [r for r in models_status() if r["task"] == "translation" and r["default"]]
        missing = [r for r in rows if not r["present"]]
        body = {"ready": not missing, "translation_model": rows[0]["name"] if rows else None,
                "fetch": missing[0]["fetch"] if missing else None}
        return JSONResponse(body, status_code=200 if not missing else 503)

    @app.get("/api/v1/models", dependencies=[Depends(auth)])
    def models() -> list[dict]:
        return models_status()

    @app.post("/api/v1/translate", dependencies=[Depends(auth)])
    def translate(req: TranslateRequest) -> dict:
        model = model_arg(req.model)
        r = run(lambda: api.translate(req.text, translator=translator_for(model), format=req.format, glossary=req.glossary,
                                      protect=req.protect, checks=req.checks, alternatives=req.alternatives))
        return r.to_dict()

    @app.post("/api/v1/attributions", dependencies=[Depends(auth)])
    def attributions(req: AttributionsRequest) -> dict:
        return api.attributions(req.text, format=req.format).to_dict()

    def _check(req: CheckRequest) -> dict:
        oracle = None
        if req.translations:
            import tempfile

            with tempfile.NamedTemporaryFile("w", suffix=".tsv", delete=False, encoding="utf-8") as f:
                for a, b in req.translations:
                    f.write(a.replace("\t", " ").replace("\n", " ") + "\t" + b.replace("\t", " ").replace("\n", " ") + "\n")
                oracle = f.name
        try:
            model = model_arg(req.model)
            r = run(lambda: api.check(req.text, req.sources, model=model, translations=oracle, format=req.format,
                                      all_pairs=req.all_pairs, glossary=req.glossary,
                                      translator=None if oracle else translator_for(model)))
        finally:
            if oracle:
                os.unlink(oracle)
        return r.to_dict()

    @app.post("/api/v1/check", dependencies=[Depends(auth)])
    def check(req: CheckRequest) -> dict:
        return _check(req)

    @app.post("/api/v1/report", dependencies=[Depends(auth)])
    def report(req: CheckRequest) -> dict:
        return _check(req)

    @app.post("/api/v1/summarize", dependencies=[Depends(auth)])
    def summarize(req: TranslateRequest):
        return JSONResponse({"error": {"code": "not_implemented", "message": "Summaries are not available in this version."}},
                            status_code=501)

    if with_ui:
        import gradio as gr

        from .ui import build_app

        auth_pair = None
        if os.environ.get("LINTAS_AUTH"):
            user, _, pw = os.environ["LINTAS_AUTH"].partition(":")
            auth_pair = (user, pw)
        app = gr.mount_gradio_app(app, build_app(), path="/", auth=auth_pair,
                                  max_file_size=os.environ.get("LINTAS_MAX_UPLOAD", "5mb"))
    return app


def serve(host: str | None = None, port: int | None = None) -> None:
    import uvicorn

    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    host = host or os.environ.get("LINTAS_HOST", "127.0.0.1")
    port = port or int(os.environ.get("LINTAS_PORT", "7860"))
    uvicorn.run(create_app(), host=host, port=port, log_level="info")
