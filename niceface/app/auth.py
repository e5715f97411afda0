"""Authentication: ``launch(auth=...)``. A login page, server-side sessions, throttling, and
one ASGI gate in front of the whole app, so that every route is guarded: pages, the
websocket, the HTTP API, uploads and served files.

- ``GET /login`` shows the form (with ``auth_message``, escaped); ``POST /login`` checks the
  password off the event loop and sets the session cookie: random, HttpOnly, SameSite=Lax,
  Secure over https, with an expiry. ``/logout`` ends the session on the server.
- Without a session: pages redirect to the login page, the API answers 401 (it also takes
  HTTP Basic credentials), the websocket is closed, anything else is 401.
- Failed logins are throttled per username and per client address: after 5 failures each
  new attempt must wait 1, 2, 4 ... up to 300 seconds (429 with Retry-After); waits end,
  there is no permanent lockout. An unknown user costs the same time as a wrong password.
"""
from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import html
import logging
import re
import secrets
import threading
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from http.cookies import SimpleCookie
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, quote

from ..exceptions import ConfigurationError
from ..storage.credentials import CredentialStore, Credentials

log = logging.getLogger(__name__)
COOKIE = "niceface_session"
SESSION_SECONDS = 7 * 24 * 3600
BASIC_CACHE_SECONDS = 300
MAX_FORM_BYTES = 8192
SAFE_PREFIX = re.compile(r"^(/[A-Za-z0-9._~-]+)+$")
Scope = dict[str, Any]
ASGIApp = Callable[[Scope, Callable[[], Awaitable[dict[str, Any]]], Callable[[dict[str, Any]], Awaitable[None]]],
                   Awaitable[None]]


class Throttle:
    """Failed attempts per key: after ``free`` failures, each next attempt waits 1, 2, 4 ...
    up to ``longest`` seconds after the last failure; failures are forgotten after ``forget``
    quiet seconds or a success."""

    def __init__(self, free: int = 5, longest: float = 300.0, forget: float = 900.0,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.free, self.longest, self.forget, self.clock = free, longest, forget, clock
        self._failures: dict[str, tuple[int, float]] = {}
        self._lock = threading.Lock()

    def wait(self, key: str) -> float:
        """Seconds until ``key`` may try again (0: now)."""
        with self._lock:
            count, last = self._failures.get(key, (0, 0.0))
        if count < self.free:
            return 0.0
        return max(0.0, last + min(2.0 ** (count - self.free), self.longest) - self.clock())

    def failed(self, key: str) -> None:
        now = self.clock()
        with self._lock:
            count, last = self._failures.get(key, (0, now))
            self._failures[key] = (1 if now - last > self.forget else count + 1, now)
            if len(self._failures) > 100_000:  # a flood of names: keep the newest half
                for stale in sorted(self._failures, key=lambda k: self._failures[k][1])[:50_000]:
                    del self._failures[stale]

    def succeeded(self, key: str) -> None:
        with self._lock:
            self._failures.pop(key, None)


@dataclass
class Session:
    username: str
    expires: float  # time.time()


class Authenticator:
    """Checks passwords and keeps the sessions of one launched app."""

    def __init__(self, check: Callable[[str, str], bool], message: str | None = None) -> None:
        self.check = check
        self.message = message
        self.sessions: dict[str, Session] = {}
        self.throttle = Throttle()
        self._hashing = threading.BoundedSemaphore(2)  # each check costs ~25 ms and 19 MiB
        self._basic_key = secrets.token_bytes(32)
        self._basic_ok: dict[bytes, tuple[str, float]] = {}

    @classmethod
    def from_option(cls, auth: Any, message: str | None = None) -> Authenticator:
        """From launch(auth=...): a (user, password) pair, a list of pairs, a callable
        (user, password) -> bool, or the path of a credential store file."""
        if isinstance(auth, (str, Path)):
            if not str(auth) or Path(auth).is_dir():
                raise ConfigurationError(f"auth={str(auth)!r}: give the path of a credential file")
            store = CredentialStore(auth)
            if not store.usernames():
                raise ConfigurationError(f"auth={str(auth)!r}: no users in that file; add one with "
                                         f"`niceface users add {auth} NAME`")
            return cls(store.verify, message)
        if callable(auth):
            return cls(auth, message)
        pairs = [auth] if isinstance(auth, tuple) else auth
        if not isinstance(pairs, list) or not pairs or not all(isinstance(p, tuple) and len(p) == 2 for p in pairs):
            raise ConfigurationError("auth= takes a (username, password) tuple, a list of them, a callable "
                                     "(username, password) -> bool, or the path of a credential file")
        return cls(Credentials(pairs).verify, message)

    def _verify(self, username: str, password: str) -> bool:
        with self._hashing:
            try:
                return bool(self.check(username, password))
            except Exception:
                log.exception("the auth callable raised; the login is refused")
                return False

    async def login(self, username: str, password: str, address: str) -> tuple[str | None, float]:
        """(session token, 0) on success; (None, seconds to wait) when throttled; else (None, 0)."""
        keys = (f"user:{username}", f"address:{address}")
        wait = max(self.throttle.wait(key) for key in keys)
        if wait > 0:
            return None, wait
        ok = await asyncio.get_running_loop().run_in_executor(None, self._verify, username, password)
        if not ok:
            for key in keys:
                self.throttle.failed(key)
            return None, 0.0
        for key in keys:
            self.throttle.succeeded(key)
        return self.open_session(username), 0.0

    def open_session(self, username: str) -> str:
        token = secrets.token_urlsafe(32)
        now = time.time()
        if len(self.sessions) > 10_000:
            self.sessions = {t: s for t, s in self.sessions.items() if s.expires > now}
        self.sessions[token] = Session(username, now + SESSION_SECONDS)
        return token

    def user_of(self, token: str | None) -> str | None:
        session = self.sessions.get(token) if token else None
        if session is None:
            return None
        if session.expires < time.time():
            self.sessions.pop(token, None)  # type: ignore[arg-type]
            return None
        return session.username

    def logout(self, token: str | None) -> None:
        if token:
            self.sessions.pop(token, None)

    async def basic(self, header: str, address: str) -> tuple[str | None, float]:
        """The user of an ``Authorization: Basic`` header (throttled like the form; a success
        is remembered for 5 minutes under a keyed hash, so API calls do not re-hash)."""
        try:
            username, _, password = base64.b64decode(header.split(" ", 1)[1], validate=True).decode().partition(":")
        except (IndexError, ValueError):
            return None, 0.0
        digest = hmac.new(self._basic_key, f"{username}\0{password}".encode(), hashlib.sha256).digest()
        remembered = self._basic_ok.get(digest)
        if remembered is not None and remembered[1] > time.monotonic():
            return remembered[0], 0.0
        token, wait = await self.login(username, password, address)
        if token is None:
            return None, wait
        self.sessions.pop(token, None)  # no session for a Basic call
        if len(self._basic_ok) > 10_000:
            self._basic_ok.clear()
        self._basic_ok[digest] = (username, time.monotonic() + BASIC_CACHE_SECONDS)
        return username, 0.0


# ---- the gate -----------------------------------------------------------------------------------
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
    raw = _header(scope, b"cookie")
    if not raw:
        return None
    cookie: SimpleCookie = SimpleCookie()
    try:
        cookie.load(raw)
    except Exception:  # a malformed Cookie header is no session
        return None
    morsel = cookie.get(COOKIE)
    return morsel.value if morsel is not None else None


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
