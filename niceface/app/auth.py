"""Authentication for ``launch(auth=...)``: password checks, server-side sessions and
throttling. ``gate.py`` puts them in front of every route (login page, cookies, 401s).

- A login opens a session: a random token (the cookie's value) -> username, for 7 days, until
  logout. HTTP Basic successes are remembered for 5 minutes, so API calls do not re-hash.
- Failed logins are throttled per username and per client address: after 5 failures each
  new attempt must wait 1, 2, 4 ... up to 300 seconds (429 with Retry-After); waits end,
  there is no permanent lockout. An unknown user costs the same time as a wrong password.
"""
from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import logging
import secrets
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..exceptions import ConfigurationError
from ..storage.credentials import CredentialStore, Credentials

log = logging.getLogger(__name__)
SESSION_SECONDS = 7 * 24 * 3600
BASIC_CACHE_SECONDS = 300


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

    async def attempt(self, username: str, password: str, address: str) -> tuple[bool, float]:
        """(True, 0) if the password is right; (False, seconds to wait) when throttled; else
        (False, 0). The hash is checked off the event loop; failures count for user and address."""
        keys = (f"user:{username}", f"address:{address}")
        wait = max(self.throttle.wait(key) for key in keys)
        if wait > 0:
            return False, wait
        ok = await asyncio.get_running_loop().run_in_executor(None, self._verify, username, password)
        for key in keys:
            (self.throttle.succeeded if ok else self.throttle.failed)(key)
        return ok, 0.0

    async def login(self, username: str, password: str, address: str) -> tuple[str | None, float]:
        """(session token, 0) on success; (None, seconds to wait) when throttled; else (None, 0)."""
        ok, wait = await self.attempt(username, password, address)
        return (self.open_session(username) if ok else None), wait

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
        ok, wait = await self.attempt(username, password, address)  # no session for a Basic call
        if not ok:
            return None, wait
        if len(self._basic_ok) > 10_000:
            self._basic_ok.clear()
        self._basic_ok[digest] = (username, time.monotonic() + BASIC_CACHE_SECONDS)
        return username, 0.0
