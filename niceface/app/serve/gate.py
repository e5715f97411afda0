"""The gate in front of a launched app with ``auth=``: only the login page passes without a
session, so every route is guarded: pages, the websocket, the HTTP API, uploads and files.

- ``GET /healthz`` passes (it answers "ok" and the version, nothing else).
- ``GET /login`` shows the form (with ``auth_message``, escaped); ``POST /login`` (from this
  site only) checks the password off the event loop and sets the session cookie: random,
  HttpOnly, SameSite=Lax, Secure over https, with an expiry; a browser is redirected, a script
  (no ``text/html`` in Accept: gradio_client's ``auth=``) answered ``{"success": true}``.
  ``POST /logout`` (from this site only) ends the session on the server; ``GET /logout`` shows
  a button that does.
- Without a session: pages redirect to the login page, the API and Gradio's protocol
  (``/config``, ``/info``, ``/gradio_api/…``) answer 401 (they also take HTTP Basic
  credentials), the websocket is closed, anything else is 401; a throttled client gets 429
  with Retry-After.
- Behind a reverse proxy the login page, redirects and the cookie's path follow the app's
  prefix (``X-Forwarded-Prefix`` from a trusted proxy, and ``root_path``).
"""
from __future__ import annotations

import re
from typing import Any
from urllib.parse import parse_qs, quote, urlsplit

from starlette.requests import HTTPConnection, Request
from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, RedirectResponse, Response

from ..core.visitor import KEY, Visitor
from .auth import SESSION_SECONDS, Authenticator
from .login_page import page as login_page

COOKIE = "niceface_session"
HEALTH = "/healthz"
MAX_FORM_BYTES = 8192
Scope = dict[str, Any]


class AuthGate:
    """ASGI middleware: only the login page passes without a session."""

    def __init__(self, app: Any, auth: Authenticator, name: str | None = None) -> None:
        self.app, self.auth, self.name = app, auth, name  # name: the app's title, on the login page

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        connection = HTTPConnection(scope)
        path = app_path(scope)
        if path == HEALTH:  # says only "ok" and the version: for load balancers, without a login
            await self.app(scope, receive, send)
            return
        if scope["type"] == "http" and path in ("/login", "/logout"):
            request = Request(scope, receive)
            response = await (self._login(request) if path == "/login" else self._logout(request))
            await response(scope, receive, send)
            return
        token = connection.cookies.get(COOKIE)
        user, wait = self.auth.user_of(token), 0.0
        if user is None:
            token = None
            header = connection.headers.get("authorization", "")
            if scope["type"] == "http" and is_api(path) and header.lower().startswith("basic "):
                user, wait = await self.auth.basic(header, address(connection))
        if user is None:
            await self._refusal(connection, path, wait)(scope, receive, send)
            return
        scope = {**scope, "state": {**scope.get("state", {}), KEY: Visitor(user, token)}}
        await self.app(scope, receive, send)

    def _refusal(self, connection: HTTPConnection, path: str, wait: float) -> Any:
        if connection.scope["type"] == "websocket":
            return _close_websocket
        if wait > 0:
            return JSONResponse({"detail": "too many failed logins; try again later"}, 429,
                                {"retry-after": str(int(wait) + 1), "cache-control": "no-store"})
        if is_api(path):
            return JSONResponse({"detail": "log in first: a session cookie or HTTP Basic credentials"}, 401,
                                {"www-authenticate": 'Basic realm="niceface"', "cache-control": "no-store"})
        if connection.scope["method"] in ("GET", "HEAD") and "text/html" in connection.headers.get("accept", ""):
            query = f"?{connection.scope['query_string'].decode('latin-1')}" if connection.scope["query_string"] else ""
            return RedirectResponse(f"{external_prefix(connection)}/login?next={quote(path + query, safe='')}", 303)
        return PlainTextResponse("log in first", 401)

    async def _login(self, request: Request) -> Response:
        prefix = external_prefix(request)
        following = local_target(request.query_params.get("next", "/"))
        if request.method != "POST":
            out = request.query_params.get("out") == "1"  # where a logout lands
            return self._page(200, following, None, prefix=prefix, notice="You are logged out." if out else None)
        if not same_origin(request):
            return PlainTextResponse("a login must come from this site's own login page", 403)
        form = await _read_form(request)
        if form is None:
            return self._page(413, following, "That form was too large.", prefix=prefix)
        username, password = form.get("username", "").strip(), form.get("password", "")
        following = local_target(form.get("next", following))
        token, wait = await self.auth.login(username, password, address(request))
        if token is None and wait > 0:
            retry = str(int(wait) + 1)
            return self._page(429, following, f"Too many failed attempts. Try again in {retry} s.", prefix=prefix,
                              headers={"retry-after": retry}, username=username)
        if token is None:
            return self._page(401, following, "Wrong username or password.", prefix=prefix, username=username)
        response: Response = RedirectResponse(prefix + following, 303, {"cache-control": "no-store"})
        if "text/html" not in request.headers.get("accept", ""):  # a script (gradio_client): no page to go to
            response = JSONResponse({"success": True}, headers={"cache-control": "no-store"})
        _set_cookie(response, request, prefix, token, SESSION_SECONDS)
        return response

    def _page(self, status: int, following: str, error: str | None, *, prefix: str,
              headers: dict[str, str] | None = None, username: str = "", notice: str | None = None) -> HTMLResponse:
        text = login_page(action=f"{prefix}/login", title="Log in", button="Log in", following=following,
                          message=self.auth.message, error=error, app=self.name, username=username[:200],
                          notice=notice)
        return HTMLResponse(text, status, {"cache-control": "no-store", **(headers or {})})

    async def _logout(self, request: Request) -> Response:
        prefix = external_prefix(request)
        if request.method != "POST":
            return HTMLResponse(login_page(action=f"{prefix}/logout", title="Log out", button="Log out", app=self.name),
                                headers={"cache-control": "no-store"})
        if not same_origin(request):
            return PlainTextResponse("a logout must come from this site's own page", 403)
        self.auth.logout(request.cookies.get(COOKIE))
        response = RedirectResponse(f"{prefix}/login?out=1", 303, {"cache-control": "no-store"})
        _set_cookie(response, request, prefix, "", 0)
        return response


def is_api(path: str) -> bool:
    """A route for scripts (our HTTP API, Gradio's protocol): 401 and HTTP Basic, no login page."""
    return path.startswith(("/api/", "/gradio_api/")) or path in ("/config", "/info")


def app_path(scope: Scope) -> str:
    """The path inside the app (``root_path`` removed)."""
    root, path = str(scope.get("root_path", "")), str(scope["path"])
    return path[len(root):] if root and path.startswith(root) else path


def external_prefix(connection: HTTPConnection) -> str:
    """The path the browser sees the app under: a reverse proxy's X-Forwarded-Prefix (when it
    strips the prefix; ``headers.ProxyTrust`` lets only a trusted proxy's plain path through)
    followed by ``root_path``."""
    return (connection.headers.get("x-forwarded-prefix") or "").rstrip("/") + str(connection.scope.get("root_path", ""))


def address(connection: HTTPConnection) -> str:
    return connection.client.host if connection.client else "unknown"


def same_origin(connection: HTTPConnection) -> bool:
    """True for a request from this site's own pages, or from no browser at all (a script
    sends neither header). Browsers say where a request comes from in Sec-Fetch-Site; older
    ones only in Origin, whose host must then be ours."""
    site = connection.headers.get("sec-fetch-site")
    if site is not None:
        return site in ("same-origin", "none")
    origin = connection.headers.get("origin")
    if origin is None:
        return True
    ours = (connection.headers.get("host") or "").rpartition(":")[0] or connection.headers.get("host", "")
    return (urlsplit(origin).hostname or "").lower() == ours.lower().strip("[]")


_CONTROL = re.compile(r"[\x00-\x20\x7f]")


def local_target(target: str) -> str:
    """Where a login may send the browser: a path on this site, else "/". Browsers drop ASCII
    whitespace and control characters from URLs (so "/\\t/evil.example" is "//evil.example"):
    they are removed first; then only "/" followed by anything but "/" or "\\" passes."""
    cleaned = _CONTROL.sub("", target)
    if not cleaned.startswith("/") or cleaned[1:2] in ("/", "\\"):
        return "/"
    return quote(cleaned, safe="/?&=%#:@!$'()*+,;~-._")


async def _read_form(request: Request) -> dict[str, str] | None:
    """The login form's fields, or None if the body is over MAX_FORM_BYTES (read by hand:
    Starlette's form parser has no cap on the body's size)."""
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_FORM_BYTES:
            return None
    return {name: values[0] for name, values in parse_qs(body.decode("utf-8", "replace")).items()}


def _set_cookie(response: Response, connection: HTTPConnection, prefix: str, token: str, seconds: int) -> None:
    response.set_cookie(COOKIE, token, max_age=seconds, path=prefix or "/", httponly=True, samesite="lax",
                        secure=connection.url.scheme in ("https", "wss"))


async def _close_websocket(_scope: Scope, _receive: Any, send: Any) -> None:
    await send({"type": "websocket.close", "code": 1008})


