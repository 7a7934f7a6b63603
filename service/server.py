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
    """The app: REST routes, error handlers, the body limit, and (``with_ui``) the Gradio UI."""
    from fastapi import FastAPI

    from .bodylimit import BodyLimit
    from .ingest import warm_up
    from .routes import AppState, public, router

    settings = settings or current()
    threading.Thread(target=warm_up, name="lintas-warm-up", daemon=True).start()  # not in the first request's time
    app = FastAPI(title="lintas", version=__version__,
                  description="Indonesian news in English: sentence-aligned translation, who said what, source checks.")
    app.state.lintas = AppState(settings, pool or default_pool())
    app.add_middleware(BodyLimit, limit=settings.max_body_bytes)
    _add_error_handlers(app)
    app.include_router(public)
    app.include_router(router)
    return _mount_ui(app, settings) if with_ui else app


def _add_error_handlers(app) -> None:
    from fastapi import Request
    from fastapi.responses import JSONResponse

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


def _mount_ui(app, settings: Settings):
    import gradio as gr

    from .ui import build_app

    auth_pair = None
    if settings.auth:
        user, _, pw = settings.auth.partition(":")
        auth_pair = (user, pw)
    return gr.mount_gradio_app(app, build_app(), path="/", auth=auth_pair, max_file_size=settings.max_upload)


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
