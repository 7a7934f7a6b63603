"""The web server: a REST API (FastAPI) and the Gradio UI in one app, one process, models loaded
once and shared. ``lintas serve`` and ``python app.py`` start it.

Endpoints: GET /health, /ready, /api/v1/models; POST /api/v1/translate, /api/v1/attributions,
/api/v1/check, /api/v1/summarize, /api/v1/report (everything, summary included). The
OpenAPI schema is at /openapi.json. Limits are checked before work: request bodies over
``LINTAS_MAX_BODY_BYTES`` (default 2 MB, chunked bodies counted too) get 413, texts over
``LINTAS_MAX_CHARS`` get 413, bad fields 422; more concurrent model requests than
``LINTAS_MAX_CONCURRENCY`` wait up to ``LINTAS_QUEUE_SECONDS`` and then get 503 with Retry-After.
Requests that run together share model batches (micro-batching, ``LINTAS_BATCH_WINDOW_MS``; see
service/translation/batcher.py). An unexpected failure (a model raising mid-request) is a JSON 500 naming only the exception type;
the server goes on. ``"url"`` instead of ``"text"`` fetches the article (service/fetch.py) only
when ``LINTAS_ALLOW_URL_FETCH=1``; ``"require_indonesian": true`` refuses non-Indonesian text
(422). See SECURITY.md.
"""


import logging
import os
import threading
from typing import Any, Literal

from .version import __version__
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
    from .registry import models_status

    from .translation.batcher import batched, batching_settings

    cfg = _settings()
    from .ingest import warm_up

    threading.Thread(target=warm_up, name="lintas-warm-up", daemon=True).start()  # not in the first request's time
    gate = threading.BoundedSemaphore(cfg["max_concurrency"])
    microbatch = batching_settings()["window_ms"] > 0

    def translator_for(model: str | None):
        """The process's one translator for ``model``, micro-batched unless the window is 0."""
        tr = api.load_translator(model)  # looked up at call time (one loader for the API and the server)
        return batched(tr) if microbatch else tr

    class ArticleInput(BaseModel):
        text: str | None = Field(None, description="the article: plain text, Markdown or HTML")
        url: str | None = Field(None, description="fetch the article from this http(s) URL instead (only when the "
                                                  "server allows it: LINTAS_ALLOW_URL_FETCH=1)")
        format: str = "auto"
        require_indonesian: bool | None = Field(None, description="refuse a non-Indonesian article (422 not_indonesian) "
                                                                  "instead of a warning; default LINTAS_REQUIRE_INDONESIAN")

    class TranslateRequest(ArticleInput):
        model: str | None = Field(None, description="a registry model name")
        glossary: dict[str, str] | None = Field(None, description="Indonesian term → English term")
        protect: bool = True
        checks: bool = True
        alternatives: int = Field(0, ge=0, le=8)

    class AttributionsRequest(ArticleInput):
        pass

    class CheckRequest(TranslateRequest):
        sources: dict[str, str] = Field(..., description="source name → its text (or HTML)")
        translations: list[tuple[str, str]] | None = Field(None, description="given (Indonesian, English) sentence pairs")
        all_pairs: bool = False

    class SummaryOptions(BaseModel):
        summary_backend: Literal["auto", "extractive", "seq2seq", "llm"] = Field("auto", description="auto: the summary model if present, else extractive")
        summary_model: str | None = Field(None, description="a registry summary model name")
        bullets: int = Field(3, ge=1, le=10)
        words: int | None = Field(None, ge=5, le=2000, description="word budget for the bullets")

    class SummarizeRequest(TranslateRequest, SummaryOptions):
        language: Literal["en", "id"] = Field("en", description="id: an Indonesian extractive summary, no translation")
        source_language: Literal["en", "id"] = Field("en", description="llm backend: from the translation (en) or the Indonesian (id)")
        translations: list[tuple[str, str]] | None = Field(None, description="given (Indonesian, English) sentence pairs")

    class ReportRequest(TranslateRequest, SummaryOptions):
        sources: dict[str, str] | None = Field(None, description="source name → its text (or HTML)")
        translations: list[tuple[str, str]] | None = Field(None, description="given (Indonesian, English) sentence pairs")
        all_pairs: bool = False

    app = FastAPI(title="lintas", version=__version__,
                  description="Indonesian news in English: sentence-aligned translation, who said what, source checks.")

    from .bodylimit import BodyLimit

    app.add_middleware(BodyLimit, limit=cfg["max_body"])

    @app.exception_handler(LintasError)
    async def lintas_error(request: Request, exc: LintasError):
        return JSONResponse(exc.to_dict(), status_code=exc.http_status)

    @app.exception_handler(Exception)
    async def internal_error(request: Request, exc: Exception):
        # a model or backend that fails mid-request: the request gets a clear JSON error, the
        # details go to the log (never the traceback or internals to the client), the server goes on
        log.error("internal error on %s: %s: %s", request.url.path, type(exc).__name__, exc)
        return JSONResponse({"error": {"code": "internal_error", "message": f"The request failed inside the server "
                                       f"({type(exc).__name__}); the details are in the server log. Try again, or "
                                       "report it if it persists."}}, status_code=500)

    def article(req: ArticleInput) -> str | bytes:
        """The article's text, or the page at ``url`` when the server allows fetching."""
        if (req.text is None) == (req.url is None):
            from .errors import InputError

            raise InputError("Give the article as \"text\" or as \"url\" (one of them).")
        if req.url is None:
            return req.text
        from .fetch import FetchDisabledError, fetch_allowed, fetch_url

        if not fetch_allowed():
            raise FetchDisabledError("This server does not fetch URLs (LINTAS_ALLOW_URL_FETCH is off): send the text.")
        return fetch_url(req.url).text()

    def auth(request: Request) -> None:
        import hmac

        given = (request.headers.get("authorization") or "").encode()
        if cfg["token"] and not hmac.compare_digest(given, f"Bearer {cfg['token']}".encode()):
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
        from .translation import load_counts

        # model_loads: how many times each model was built in this process (1 each: loaded once, shared)
        return {"status": "ok", "version": __version__, "model_loads": load_counts()}

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
        text = article(req)
        r = run(lambda: api.translate(text, translator=translator_for(model), format=req.format, glossary=req.glossary,
                                      protect=req.protect, checks=req.checks, alternatives=req.alternatives,
                                      require_indonesian=req.require_indonesian))
        return r.to_dict()

    @app.post("/api/v1/attributions", dependencies=[Depends(auth)])
    def attributions(req: AttributionsRequest) -> dict:
        return api.attributions(article(req), format=req.format, require_indonesian=req.require_indonesian).to_dict()

    def _with_translations(pairs, fn, *args, shared: bool = False, translate_with: str | None = None, **kwargs):
        """Run ``fn`` with given translations written to a temporary TSV (``translations=``), or
        else with the shared translator for the model ``translate_with`` names."""
        oracle = None
        if pairs:
            import tempfile

            with tempfile.NamedTemporaryFile("w", suffix=".tsv", delete=False, encoding="utf-8") as f:
                for a, b in pairs:
                    f.write(a.replace("\t", " ").replace("\n", " ") + "\t" + b.replace("\t", " ").replace("\n", " ") + "\n")
                oracle = f.name
        try:
            if oracle is None and shared:
                # the process's shared, micro-batched translator (loaded inside the gate)
                return run(lambda: fn(*args, translator=translator_for(translate_with), **kwargs))
            return run(fn, *args, translations=oracle, **kwargs)
        finally:
            if oracle:
                os.unlink(oracle)

    def _check(req: CheckRequest) -> dict:
        model = model_arg(req.model)
        return _with_translations(req.translations, api.check, article(req), req.sources, model=model,
                                  format=req.format, all_pairs=req.all_pairs, glossary=req.glossary,
                                  require_indonesian=req.require_indonesian, shared=True, translate_with=model).to_dict()

    @app.post("/api/v1/check", dependencies=[Depends(auth)])
    def check(req: CheckRequest) -> dict:
        return _check(req)

    @app.post("/api/v1/report", dependencies=[Depends(auth)])
    def report(req: ReportRequest) -> dict:
        model = model_arg(req.model)
        return _with_translations(req.translations, api.full_report, article(req), req.sources, model=model,
                                  format=req.format, all_pairs=req.all_pairs, glossary=req.glossary,
                                  summary_backend=req.summary_backend, summary_model=model_arg(req.summary_model),
                                  bullets=req.bullets, words=req.words, require_indonesian=req.require_indonesian,
                                  shared=True, translate_with=model).to_dict()

    @app.post("/api/v1/summarize", dependencies=[Depends(auth)])
    def summarize(req: SummarizeRequest) -> dict:
        model = model_arg(req.model)
        translates = req.language == "en" and not (req.summary_backend == "llm" and req.source_language == "id")
        return _with_translations(req.translations, api.summarize, article(req), backend=req.summary_backend,
                                  model=model_arg(req.summary_model), bullets=req.bullets, words=req.words,
                                  language=req.language, source_language=req.source_language,
                                  translation_model=model, format=req.format, glossary=req.glossary,
                                  require_indonesian=req.require_indonesian, shared=translates, translate_with=model).to_dict()

    if with_ui:
        import gradio as gr

        from .ui import build_app, max_upload_bytes

        auth_pair = None
        if os.environ.get("LINTAS_AUTH"):
            user, _, pw = os.environ["LINTAS_AUTH"].partition(":")
            auth_pair = (user, pw)
        app = gr.mount_gradio_app(app, build_app(), path="/", auth=auth_pair,
                                  max_file_size=max_upload_bytes())
    return app


def serve(host: str | None = None, port: int | None = None) -> None:
    import uvicorn

    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    host = host or os.environ.get("LINTAS_HOST", "127.0.0.1")
    port = port or int(os.environ.get("LINTAS_PORT", "7860"))
    if host not in ("127.0.0.1", "localhost", "::1") and not (os.environ.get("LINTAS_API_TOKEN") and os.environ.get("LINTAS_AUTH")):
        log.warning("serving on %s without %s: anyone who can reach this address can use it (see SECURITY.md)", host,
                    " and ".join(v for v in ("LINTAS_API_TOKEN", "LINTAS_AUTH") if not os.environ.get(v)))
    uvicorn.run(create_app(), host=host, port=port, log_level="info")
