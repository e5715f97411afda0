"""The files of page sessions, served by reference: only to the browser whose session made them.

- ``BrowserKeys`` (ASGI middleware) gives each browser that opens a page a random key in an
  HttpOnly cookie and puts it in the request's state, where the page reads it: the page
  session's files belong to that key.
- ``GET /_nf/media/<owner>/<random>/<name>`` answers a file only to a request that carries the owner's
  key (anyone else gets 404, as for a file that does not exist), with headers that keep a
  file from running as a page of this site (``nosniff``, a sandboxing CSP, and a download
  for anything but pictures, sound and video).
"""
from __future__ import annotations

import re
import secrets
from http.cookies import SimpleCookie
from typing import Any

from starlette.requests import Request
from starlette.responses import FileResponse, PlainTextResponse, Response

from ...storage.media import BROWSER_KEY, ROUTE, MediaStore

COOKIE = "niceface_browser"
_VALID = re.compile(r"^[A-Za-z0-9_-]{32,64}$")
_INLINE = ("image/", "audio/", "video/")
_YEAR = 365 * 24 * 3600
Scope = dict[str, Any]


class BrowserKeys:
    """ASGI middleware: the browser's key (from its cookie, or new for a page) in ``state``."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        key = _cookie(scope)
        new = key is None and scope["type"] == "http" and (_gradio_route(scope) or (
            scope.get("method") == "GET" and b"text/html" in dict(scope.get("headers") or []).get(b"accept", b"")))
        if new:
            key = secrets.token_urlsafe(32)
        if key is not None:
            scope = {**scope, "state": {**scope.get("state", {}), BROWSER_KEY: key}}
        if not new:
            await self.app(scope, receive, send)
            return
        header = _set_cookie(scope, str(key))

        async def send_with_cookie(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                message = {**message, "headers": [*message.get("headers", []), (b"set-cookie", header)]}
            await send(message)
        await self.app(scope, receive, send_with_cookie)


def register(app: Any, store: MediaStore) -> None:
    """The route that serves page sessions' files."""
    def media(owner: str, token: str, name: str, request: Request) -> Response:
        file = store.lookup(owner, token, name, request.cookies.get(COOKIE))
        if file is None:
            return PlainTextResponse("no such file", 404, headers={"cache-control": "no-store"})
        inline = file.mime.startswith(_INLINE)
        return FileResponse(file.path, media_type=file.mime, filename=file.name or file.path.name,
                            content_disposition_type="inline" if inline else "attachment",
                            headers={"cache-control": "private, max-age=86400, immutable",
                                     "x-content-type-options": "nosniff",
                                     "content-security-policy": "default-src 'none'; sandbox"})
    app.add_api_route(f"/{ROUTE}/{{owner}}/{{token}}/{{name}}", media, methods=["GET"], include_in_schema=False)


def _gradio_route(scope: Scope) -> bool:
    """A route of Gradio's protocol: a caller's files and sessions belong to its key (gradio_files)."""
    root, path = str(scope.get("root_path", "")), str(scope.get("path", ""))
    path = path[len(root):] if root and path.startswith(root) else path
    return path in ("/config", "/info") or path.startswith("/gradio_api/")


def _cookie(scope: Scope) -> str | None:
    raw = dict(scope.get("headers") or []).get(b"cookie")
    if not raw:
        return None
    cookies: SimpleCookie = SimpleCookie()
    try:
        cookies.load(raw.decode("latin-1"))
    except Exception:  # noqa: BLE001 - a malformed Cookie header is simply no key
        return None
    morsel = cookies.get(COOKIE)
    return morsel.value if morsel is not None and _VALID.match(morsel.value) else None


def _set_cookie(scope: Scope, key: str) -> bytes:
    headers = dict(scope.get("headers") or [])
    prefix = headers.get(b"x-forwarded-prefix", b"").decode("latin-1").rstrip("/") + str(scope.get("root_path", ""))
    secure = "; Secure" if scope.get("scheme") == "https" else ""
    return f"{COOKIE}={key}; Path={prefix or '/'}; Max-Age={_YEAR}; HttpOnly; SameSite=Lax{secure}".encode("latin-1")
