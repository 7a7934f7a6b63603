"""ASGI middleware that guards the Gradio side of the app (plain ASGI, so nothing is read twice).

- :class:`GradioToken`: with ``LINTAS_API_TOKEN`` set and no ``LINTAS_AUTH``, every request to
  Gradio's API (``/gradio_api/…``: calls, queue, uploads, files, info) needs the bearer token, like
  the REST API. With ``LINTAS_AUTH`` set, Gradio's own login guards those routes instead.
- :class:`UploadGuard`: Gradio's upload route takes only the article and glossary types, at most
  ``max_upload`` bytes per file and one file's worth per request, and refuses uploads while the
  upload cache holds more than ``upload_cache_bytes``.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from .bodylimit import TooLarge, read_limited, replaying

GRADIO_API = "/gradio_api/"
UPLOAD_PATH = "/gradio_api/upload"
UPLOAD_TYPES = (".txt", ".md", ".html", ".htm", ".tsv", ".csv")  # the UI's article and glossary types
MULTIPART_SLACK = 64 * 1024  # part headers and boundaries on top of one file's bytes


async def refuse(send, status: int, code: str, message: str, headers: dict[str, str] | None = None) -> None:
    """A JSON error ``{"error": {"code", "message"}}`` as a raw ASGI response."""
    body = json.dumps({"error": {"code": code, "message": message}}).encode()
    hs = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()), (b"connection", b"close")]
    hs += [(k.lower().encode(), v.encode()) for k, v in (headers or {}).items()]
    await send({"type": "http.response.start", "status": status, "headers": hs})
    await send({"type": "http.response.body", "body": body})


class GradioToken:
    def __init__(self, app, settings):
        self.app = app
        self.settings = settings

    async def __call__(self, scope, receive, send):
        s = self.settings
        if (scope["type"] in ("http", "websocket") and s.api_token and not s.auth
                and scope.get("path", "").startswith(GRADIO_API)):
            from .routes import token_ok

            given = dict(scope.get("headers") or []).get(b"authorization", b"").decode("latin-1")
            if not token_ok(s, given):
                if scope["type"] == "websocket":
                    return await send({"type": "websocket.close", "code": 1008})
                return await refuse(send, 401, "unauthorized", "Gradio's API needs the bearer token on this server: "
                                    "send 'Authorization: Bearer <LINTAS_API_TOKEN>' (or set LINTAS_AUTH for the browser UI).",
                                    {"WWW-Authenticate": "Bearer"})
        return await self.app(scope, receive, send)


def cache_bytes(folder: str | Path) -> int:
    """Bytes of the files under ``folder`` (0 when it does not exist)."""
    total = 0
    for root, _, files in os.walk(folder):
        for f in files:
            try:
                total += os.lstat(os.path.join(root, f)).st_size
            except OSError:
                continue
    return total


class UploadGuard:
    def __init__(self, app, settings, upload_folder=None):
        self.app = app
        self.per_file = settings.max_upload
        self.per_request = settings.max_upload + MULTIPART_SLACK
        self.cache_limit = settings.upload_cache_bytes
        self.upload_folder = upload_folder

    async def __call__(self, scope, receive, send):
        if not (scope["type"] == "http" and scope.get("method") == "POST" and scope.get("path") == UPLOAD_PATH):
            return await self.app(scope, receive, send)
        if self.upload_folder is not None and cache_bytes(self.upload_folder()) > self.cache_limit:
            return await refuse(send, 507, "upload_cache_full", f"The server's upload cache is full (over "
                                f"{self.cache_limit:,} bytes, LINTAS_UPLOAD_CACHE_BYTES); try again later.",
                                {"Retry-After": "60"})
        headers = dict(scope.get("headers") or [])
        try:
            body = await read_limited(scope, receive, self.per_request)
        except TooLarge:
            return await self._too_large(send)
        if body is None:  # the client went away
            return
        problem = await self._check(headers, body)
        if problem is not None:
            return await refuse(send, *problem)
        await self.app(scope, replaying(body, receive), send)

    async def _too_large(self, send) -> None:
        await refuse(send, 413, "upload_too_large", f"An upload may hold one file of at most {self.per_file:,} bytes "
                     "(LINTAS_MAX_UPLOAD).")

    async def _check(self, headers: dict, body: bytes) -> tuple[int, str, str] | None:
        """(status, code, message) when a part is not an allowed file, else None."""
        from starlette.datastructures import Headers, UploadFile
        from starlette.formparsers import MultiPartException, MultiPartParser

        async def stream():
            yield body

        try:
            form = await MultiPartParser(Headers(raw=list(headers.items())), stream(), max_files=16, max_fields=16,
                                         max_part_size=self.per_request).parse()
        except (MultiPartException, ValueError, KeyError) as e:
            return 400, "bad_upload", f"The upload is not a valid multipart form ({e})."
        try:
            for _, v in form.multi_items():
                if not isinstance(v, UploadFile):
                    continue
                suffix = Path(v.filename or "").suffix.lower()
                if suffix not in UPLOAD_TYPES:
                    return 415, "upload_type_not_allowed", (f"Uploads must be {', '.join(UPLOAD_TYPES)} files, not "
                                                            f"{suffix or 'a file without an extension'!r}.")
                if (v.size or 0) > self.per_file:
                    return 413, "upload_too_large", f"{v.filename!r} has {v.size:,} bytes; the limit is {self.per_file:,} (LINTAS_MAX_UPLOAD)."
        finally:
            await form.close()
        return None
