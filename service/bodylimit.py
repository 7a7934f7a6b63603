"""Request body limit as plain ASGI middleware (a Content-Length header alone can be left out)."""

from __future__ import annotations

import json


class TooLarge(Exception):
    """A request body over its limit; ``size`` is the declared length when there was one."""

    def __init__(self, size: int | None):
        super().__init__(size)
        self.size = size


async def read_limited(scope, receive, limit: int) -> bytes | None:
    """The whole request body, or ``None`` when the client went away; :class:`TooLarge` past
    ``limit`` bytes (a declared Content-Length is checked before anything is read)."""
    declared = dict(scope.get("headers") or []).get(b"content-length", b"")
    if declared.isdigit() and int(declared) > limit:
        raise TooLarge(int(declared))
    chunks, size, more = [], 0, True
    while more:
        msg = await receive()
        if msg["type"] == "http.disconnect":
            return None
        chunk = msg.get("body", b"")
        size += len(chunk)
        if size > limit:
            raise TooLarge(None)
        chunks.append(chunk)
        more = msg.get("more_body", False)
    return b"".join(chunks)


def replaying(body: bytes, receive):
    """A ``receive`` that gives the app the body already read, then whatever comes next."""
    replayed = False

    async def replay():
        nonlocal replayed
        if not replayed:
            replayed = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay


class BodyLimit:
    """Request bodies over ``limit`` bytes get 413, whether they declare a Content-Length or
    arrive chunked without one (the body is read up to the limit, then handed on). Applies to the
    API and to the UI's own routes, except Gradio's file upload route (exactly ``/gradio_api/upload``),
    which :class:`~service.guards.UploadGuard` bounds by ``LINTAS_MAX_UPLOAD`` instead."""

    def __init__(self, app, limit: int):
        self.app = app
        self.limit = limit

    def _applies(self, scope) -> bool:
        path = scope.get("path", "")
        return (scope["type"] == "http" and scope.get("method") in ("POST", "PUT", "PATCH")
                and path != "/gradio_api/upload")

    async def _refuse(self, send, size: int | None) -> None:
        got = f"{size:,} bytes" if size is not None else f"more than {self.limit:,} bytes"
        body = json.dumps({"error": {"code": "request_too_large",
                                     "message": f"The request has {got}; the limit is {self.limit:,} (LINTAS_MAX_BODY_BYTES)."}}).encode()
        await send({"type": "http.response.start", "status": 413,
                    "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                                (b"connection", b"close")]})
        await send({"type": "http.response.body", "body": body})

    async def __call__(self, scope, receive, send):
        if not self._applies(scope):
            return await self.app(scope, receive, send)
        try:
            body = await read_limited(scope, receive, self.limit)
        except TooLarge as e:
            return await self._refuse(send, e.size)
        if body is None:  # the client went away
            return
        await self.app(scope, replaying(body, receive), send)
