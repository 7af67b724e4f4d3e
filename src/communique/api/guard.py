"""Security defaults: a cap on request bodies, browser security headers and the write token.

The server binds to 127.0.0.1, accepts only the host names it serves (so a web page
elsewhere cannot reach it through DNS rebinding), sends no CORS headers (other origins
cannot read its answers) and requires JSON bodies (which a cross-site form cannot send).
"""
from __future__ import annotations

import hmac
import json

from fastapi import HTTPException, Request

CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
       "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'")
HEADERS = [(b"content-security-policy", CSP.encode()), (b"x-content-type-options", b"nosniff"),
           (b"x-frame-options", b"DENY"), (b"referrer-policy", b"no-referrer")]


class BodyTooLarge(HTTPException):
    def __init__(self, limit: int):
        super().__init__(413, f"request body over {limit:,} bytes")


class Guard:
    """ASGI middleware: refuses bodies over ``max_body`` bytes (413) and adds the headers."""

    def __init__(self, app, max_body: int):
        self.app, self.max_body = app, max_body

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length = dict(scope["headers"]).get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > self.max_body):
            await _send_error(send, 413, f"request body over {self.max_body:,} bytes")
            return
        seen = 0
        started = False

        async def limited_receive():
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_body:
                    raise BodyTooLarge(self.max_body)
            return message

        async def send_with_headers(message):
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                message = {**message, "headers": [*message.get("headers", []), *HEADERS]}
            await send(message)

        try:
            await self.app(scope, limited_receive, send_with_headers)
        except BodyTooLarge as exc:  # raised where no handler answered it
            if not started:
                await _send_error(send, 413, exc.detail)


async def _send_error(send, status: int, message: str) -> None:
    body = json.dumps({"error": message}).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"),
                            (b"content-length", str(len(body)).encode()), *HEADERS]})
    await send({"type": "http.response.body", "body": body})


def require_json(request: Request) -> None:
    """Dependency for POST routes: the body must be declared as JSON (415 otherwise)."""
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind != "application/json":
        raise HTTPException(415, "the request body must be JSON (Content-Type: application/json)")


def require_token(request: Request) -> None:
    """Dependency for every route that writes: 403 when the server was started without
    ``--token``, 401 unless the request carries ``Authorization: Bearer TOKEN``."""
    token = request.app.state.settings.token
    if not token:
        raise HTTPException(403, "writing is disabled: start the server with --token to enable it")
    given = request.headers.get("authorization", "")
    scheme, _, value = given.partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(value.strip().encode(), token.encode()):
        raise HTTPException(401, "a valid token is required (Authorization: Bearer TOKEN)",
                            headers={"WWW-Authenticate": "Bearer"})
