"""The gate in front of a launched app with ``auth=``: only the login page passes
without a session, so every route is guarded: pages, the websocket, the HTTP API, uploads
and served files.

- ``GET /login`` shows the form (with ``auth_message``, escaped); ``POST /login`` checks the
  password off the event loop and sets the session cookie: random, HttpOnly, SameSite=Lax,
  Secure over https, with an expiry. ``/logout`` ends the session on the server.
- Without a session: pages redirect to the login page, the API answers 401 (it also takes
  HTTP Basic credentials), the websocket is closed, anything else is 401; a throttled client
  gets 429 with Retry-After.
- Behind a reverse proxy the login page, redirects and the cookie's path follow the app's
  prefix (``X-Forwarded-Prefix`` and ``root_path``).
"""
from __future__ import annotations

import html
import re
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import parse_qs, quote

from .auth import SESSION_SECONDS, Authenticator

COOKIE = "niceface_session"
MAX_FORM_BYTES = 8192
SAFE_PREFIX = re.compile(r"^(/[A-Za-z0-9._~-]+)+$")
Scope = dict[str, Any]
ASGIApp = Callable[[Scope, Callable[[], Awaitable[dict[str, Any]]], Callable[[dict[str, Any]], Awaitable[None]]],
                   Awaitable[None]]


class AuthGate:
    """ASGI middleware: only the login page passes without a session."""

    def __init__(self, app: ASGIApp, auth: Authenticator) -> None:
        self.app, self.auth = app, auth

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        root = scope.get("root_path", "")
        path = scope["path"][len(root):] if scope["path"].startswith(root) else scope["path"]
        prefix = external_prefix(scope)  # where the browser sees the app (behind a proxy: a sub-path)
        token = _cookie(scope)
        if scope["type"] == "http" and path == "/login":
            await self._login(scope, receive, send, prefix)
            return
        if scope["type"] == "http" and path == "/logout":
            self.auth.logout(token)
            await _respond(send, 303, b"", [(b"location", f"{prefix}/login".encode()),
                                            (b"set-cookie", _set_cookie(scope, prefix, "", 0).encode())])
            return
        user = self.auth.user_of(token)
        wait = 0.0
        if user is None and scope["type"] == "http" and path.startswith("/api/"):
            header = _header(scope, b"authorization")
            if header and header.lower().startswith("basic "):
                user, wait = await self.auth.basic(header, _address(scope))
        if user is None:
            await self._refuse(scope, send, prefix, path, wait)
            return
        scope = {**scope, "state": {**scope.get("state", {}), "niceface_user": user}}
        await self.app(scope, receive, send)

    async def _refuse(self, scope: Scope, send: Any, prefix: str, path: str, wait: float) -> None:
        if scope["type"] == "websocket":
            await send({"type": "websocket.close", "code": 1008})
            return
        if wait > 0:
            await _respond(send, 429, b'{"detail": "too many failed logins; try again later"}',
                           [(b"content-type", b"application/json"), (b"retry-after", str(int(wait) + 1).encode())])
        elif path.startswith("/api/"):
            await _respond(send, 401, b'{"detail": "log in first: a session cookie or HTTP Basic credentials"}',
                           [(b"content-type", b"application/json"), (b"www-authenticate", b'Basic realm="niceface"')])
        elif scope["method"] in ("GET", "HEAD") and "text/html" in (_header(scope, b"accept") or ""):
            target = f"{prefix}/login?next={quote(path + _query(scope), safe='')}"
            await _respond(send, 303, b"", [(b"location", target.encode())])
        else:
            await _respond(send, 401, b"log in first", [(b"content-type", b"text/plain; charset=utf-8")])

    async def _login(self, scope: Scope, receive: Any, send: Any, prefix: str) -> None:
        query = parse_qs(_query(scope).lstrip("?"))
        following = _local(query.get("next", ["/"])[0])
        if scope["method"] != "POST":
            await _page(send, 200, self.auth.message, following, None, prefix)
            return
        body = await _read_body(receive, MAX_FORM_BYTES)
        if body is None:
            await _page(send, 413, self.auth.message, following, "That form was too large.", prefix)
            return
        form = parse_qs(body.decode("utf-8", "replace"))
        username = form.get("username", [""])[0].strip()
        password = form.get("password", [""])[0]
        following = _local(form.get("next", [following])[0])
        token, wait = await self.auth.login(username, password, _address(scope))
        if token is None and wait > 0:
            await _page(send, 429, self.auth.message, following,
                        f"Too many failed attempts. Try again in {int(wait) + 1} s.", prefix,
                        [(b"retry-after", str(int(wait) + 1).encode())])
        elif token is None:
            await _page(send, 401, self.auth.message, following, "Wrong username or password.", prefix)
        else:
            await _respond(send, 303, b"", [(b"location", f"{prefix}{following}".encode()),
                                            (b"set-cookie", _set_cookie(scope, prefix, token, SESSION_SECONDS).encode())])


def external_prefix(scope: Scope) -> str:
    """The path the browser sees the app under: a reverse proxy's X-Forwarded-Prefix (when it
    strips the prefix) followed by ``root_path``. A prefix that is not a plain path is ignored."""
    forwarded = (_header(scope, b"x-forwarded-prefix") or "").rstrip("/")
    if forwarded and not SAFE_PREFIX.match(forwarded):
        forwarded = ""
    return forwarded + scope.get("root_path", "")


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", []):
        if key == name:
            return value.decode("latin-1")
    return None


def _cookie(scope: Scope) -> str | None:
    """The session token from the Cookie header (read by hand: http.cookies gives up on the
    whole header at the first cookie it dislikes, and other sites' cookies share the header)."""
    for pair in (_header(scope, b"cookie") or "").split(";"):
        name, _, value = pair.strip().partition("=")
        if name == COOKIE and value:
            return value.strip('"')
    return None


def _set_cookie(scope: Scope, prefix: str, token: str, seconds: int) -> str:
    secure = "; Secure" if scope.get("scheme") in ("https", "wss") else ""
    return f"{COOKIE}={token}; Path={prefix or '/'}; Max-Age={seconds}; HttpOnly; SameSite=Lax{secure}"


def _address(scope: Scope) -> str:
    client = scope.get("client")
    return client[0] if client else "unknown"


def _query(scope: Scope) -> str:
    query = scope.get("query_string", b"").decode("latin-1")
    return f"?{query}" if query else ""


def _local(target: str) -> str:
    """Only a path on this site (no scheme, no host, no //evil.example) may follow a login."""
    if not target.startswith("/") or target.startswith("//") or "\\" in target or "\n" in target or "\r" in target:
        return "/"
    return target


async def _read_body(receive: Any, limit: int) -> bytes | None:
    body = b""
    while True:
        message = await receive()
        body += message.get("body", b"")
        if len(body) > limit:
            return None
        if not message.get("more_body"):
            return body


async def _respond(send: Any, status: int, body: bytes, headers: list[tuple[bytes, bytes]]) -> None:
    headers = [*headers, (b"content-length", str(len(body)).encode()), (b"cache-control", b"no-store")]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


async def _page(send: Any, status: int, message: str | None, following: str, error: str | None, prefix: str,
                headers: list[tuple[bytes, bytes]] | None = None) -> None:
    text = LOGIN_PAGE.format(
        action=html.escape(f"{prefix}/login"), next=html.escape(following),
        message=f'<p class="message">{html.escape(message)}</p>' if message else "",
        error=f'<p class="error" role="alert">{html.escape(error)}</p>' if error else "")
    await _respond(send, status, text.encode(), [(b"content-type", b"text/html; charset=utf-8"),
                                                 (b"x-frame-options", b"DENY"), *(headers or [])])


LOGIN_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Log in</title>
<style>
body {{ font-family: system-ui, sans-serif; background: #f5f6f8; display: grid; place-items: center;
       min-height: 100vh; margin: 0; }}
form {{ background: white; padding: 2rem; border-radius: 8px; box-shadow: 0 1px 4px rgba(0,0,0,.15);
       width: min(22rem, 90vw); display: grid; gap: .75rem; }}
h1 {{ font-size: 1.4rem; margin: 0; }}
label {{ display: grid; gap: .25rem; font-size: .9rem; color: #333; }}
input {{ font: inherit; padding: .5rem; border: 1px solid #bbb; border-radius: 4px; }}
button {{ font: inherit; padding: .6rem; border: 0; border-radius: 4px; background: #5898d4; color: white;
         cursor: pointer; }}
.message {{ margin: 0; color: #444; white-space: pre-wrap; }}
.error {{ margin: 0; color: #b91c1c; }}
</style></head>
<body><form class="nf-login" method="post" action="{action}">
<h1>Log in</h1>{message}{error}
<input type="hidden" name="next" value="{next}">
<label>Username <input name="username" autocomplete="username" required autofocus></label>
<label>Password <input name="password" type="password" autocomplete="current-password" required></label>
<button type="submit">Log in</button>
</form></body></html>
"""
