"""The web server: a REST API (FastAPI) and the Gradio UI in one app, one process, models loaded
once and shared. ``lintas serve`` and ``python app.py`` start it.

Endpoints (service/routes.py, request models in service/schemas.py): GET /health, /ready,
/api/v1/models; POST /api/v1/translate, /api/v1/attributions, /api/v1/check, /api/v1/summarize,
/api/v1/report. The OpenAPI schema is at /openapi.json. Every limit comes from the app's
:class:`~service.settings.Settings` and is checked before work: request bodies over
``max_body_bytes`` (chunked bodies counted too) get 413, texts over ``max_chars`` 413, bad fields
422; more concurrent model requests than ``max_concurrency`` wait up to ``queue_seconds`` and then
get 503 with Retry-After. Requests that run together share model batches (micro-batching,
``batch_window_ms``; service/translation/batcher.py). An unexpected failure is a JSON 500 naming
only the exception type; the server goes on. ``"url"`` instead of ``"text"`` fetches the article
(service/fetch.py) only when ``allow_url_fetch`` is on. See SECURITY.md.
"""

from __future__ import annotations

import logging
import threading

from .errors import LintasError
from .models import ModelPool, default_pool
from .settings import Settings, current
from .version import __version__

log = logging.getLogger(__name__)


def create_app(with_ui: bool = True, settings: Settings | None = None, pool: ModelPool | None = None):
    """The app: REST routes, error handlers, the body limit, and (``with_ui``) the Gradio UI with
    its guards (service/guards.py)."""
    from fastapi import FastAPI

    from .bodylimit import BodyLimit
    from .ingest import warm_up
    from .routes import AppState, public, router

    # the server's own settings get a pool of their own (its models load as those settings say)
    pool = pool or (ModelPool(settings) if settings is not None else default_pool())
    settings = settings or current()
    threading.Thread(target=warm_up, name="lintas-warm-up", daemon=True).start()  # not in the first request's time
    app = FastAPI(title="lintas", version=__version__,
                  description="Indonesian news in English: sentence-aligned translation, who said what, source checks.")
    app.state.lintas = AppState(settings, pool)
    _add_error_handlers(app)
    app.include_router(public)
    app.include_router(router)
    if not with_ui:
        app.add_middleware(BodyLimit, limit=settings.max_body_bytes)
        return app
    _add_api_not_found(app)
    app = _mount_ui(app, settings, pool)
    from gradio.utils import get_upload_folder

    from .guards import GradioToken, UploadGuard

    # outermost last: the token is checked first, then the upload route's own limits, then the body limit
    app.add_middleware(BodyLimit, limit=settings.max_body_bytes)
    app.add_middleware(UploadGuard, settings=settings, upload_folder=get_upload_folder)
    app.add_middleware(GradioToken, settings=settings)
    if settings.api_token and not settings.auth:
        log.warning("LINTAS_API_TOKEN is set without LINTAS_AUTH: Gradio's API needs the bearer token, so the browser "
                    "UI cannot run articles; set LINTAS_AUTH for it (see SECURITY.md)")
    return app


def _error(status: int, code: str, message: str, headers: dict | None = None, details: list | None = None):
    from fastapi.responses import JSONResponse

    body: dict = {"code": code, "message": message}
    if details is not None:
        body["details"] = details
    return JSONResponse({"error": body}, status_code=status, headers=headers)


HTTP_CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found", 405: "method_not_allowed",
              413: "request_too_large", 415: "unsupported_media_type", 422: "bad_input", 429: "too_many_requests",
              503: "unavailable"}


def _issues(errors) -> list[dict]:
    """Validation errors as JSON-safe dicts: where, what and the kind, never the value sent (it may be
    infinite, NaN or huge)."""
    return [{"loc": [p if isinstance(p, int) else str(p) for p in e.get("loc", ())], "msg": str(e.get("msg", "")),
             "type": str(e.get("type", ""))} for e in errors]


def _add_error_handlers(app) -> None:
    from fastapi import Request
    from fastapi.exceptions import RequestValidationError
    from starlette.exceptions import HTTPException as StarletteHTTPException

    @app.exception_handler(LintasError)
    async def lintas_error(request: Request, exc: LintasError):
        return _error(exc.http_status, exc.code, str(exc), exc.headers or None)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        code = HTTP_CODES.get(exc.status_code, "http_error")
        message = exc.detail if isinstance(exc.detail, str) else code.replace("_", " ")
        return _error(exc.status_code, code, message, getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError):
        issues = _issues(exc.errors())
        if any(i["type"] == "json_invalid" for i in issues):
            return _error(400, "bad_json", "The request body is not valid JSON.", details=issues)
        where = "; ".join(f"{'.'.join(str(p) for p in i['loc'][1:]) or 'body'}: {i['msg']}" for i in issues[:5])
        return _error(422, "invalid_request", f"The request has invalid fields: {where}", details=issues)

    @app.exception_handler(Exception)
    async def internal_error(request: Request, exc: Exception):
        # a model or backend that fails mid-request: the request gets a clear JSON error, the
        # details go to the log (never the traceback or internals to the client), the server goes on
        log.error("internal error on %s: %s: %s", request.url.path, type(exc).__name__, exc)
        return _error(500, "internal_error", f"The request failed inside the server ({type(exc).__name__}); the "
                      "details are in the server log. Try again, or report it if it persists.")


def _add_api_not_found(app) -> None:
    """Unknown /api/… paths answer in the API's error format (the UI, mounted at /, would take them)."""

    async def api_not_found(request):
        return _error(404, "not_found", f"No such API route: {request.method} {request.url.path} (see /openapi.json).")

    app.router.add_route("/api/{rest:path}", api_not_found, include_in_schema=False,
                         methods=["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"])


def _mount_ui(app, settings: Settings, pool: ModelPool):
    """The Gradio UI at /. Gradio checks the file paths a client names (only files in its upload
    cache may be read as inputs) only once its Blocks "has launched", which ``launch()`` sets and
    ``mount_gradio_app`` does not: set here, so a client-named path such as /etc/passwd or
    /dev/zero is refused before Gradio copies or hashes it."""
    import gradio as gr

    from .ui import build_app

    auth_pair = None
    if settings.auth:
        user, _, pw = settings.auth.partition(":")
        auth_pair = (user, pw)
    demo = build_app(settings, pool)
    if getattr(demo, "delete_cache", None) is None:
        demo.delete_cache = (3600, 3600)  # Gradio's cache of uploads and outputs: files older than an hour go, hourly
    app = gr.mount_gradio_app(app, demo, path="/", auth=auth_pair, max_file_size=settings.max_upload)
    demo.has_launched = True  # gradio/processing_utils.py: _check_allowed() returns early until then
    return app


def serve(host: str | None = None, port: int | None = None, settings: Settings | None = None) -> None:
    import os

    import uvicorn

    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    settings = (settings or current()).with_overrides(host=host, port=port)
    exposed = settings.host not in ("127.0.0.1", "localhost", "::1")
    missing = [v for v, set_ in (("LINTAS_API_TOKEN", settings.api_token), ("LINTAS_AUTH", settings.auth)) if not set_]
    if exposed and missing:
        log.warning("serving on %s without %s: anyone who can reach this address can use it (see SECURITY.md)",
                    settings.host, " and ".join(missing))
    uvicorn.run(create_app(settings=settings), host=settings.host, port=settings.port, log_level="info")
