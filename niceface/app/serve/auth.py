"""Authentication for ``launch(auth=...)``: password checks, server-side sessions, throttling
and ending sessions. ``gate.py`` puts them in front of every route (login page, cookies, 401s).

- A login opens a session: a token (the cookie's value) -> username, for 7 days, until
  logout; where sessions live (a file shared by replicas, signed tokens, this process) is
  ``sessions.py``'s choice. HTTP Basic successes are remembered for 5 minutes, so API calls
  do not re-hash.
- Guesses are counted before the hash is checked (``Guesses``): per (username, address) and
  per address, 5 free and then waits of 1, 2, 4 ... up to 300 s (429 with Retry-After); per
  username a slower brake that applies only to addresses that already failed for that name,
  so a correct password from a new address always gets in. Nothing locks anyone out.
- With a credential file, a user's sessions end within a second of their removal or password
  change (``niceface users remove/add``), on every server using the file; ``on_end``
  listeners hear of every ended session (the pages open with it are closed).
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
from pathlib import Path
from typing import Any

from ...exceptions import ConfigurationError
from ...storage.credentials import Credentials, CredentialStore
from .sessions import MAX_SESSIONS, SESSION_SECONDS, store_for
from .throttle import Throttle

log = logging.getLogger(__name__)
BASIC_CACHE_SECONDS = 300
__all__ = ["SESSION_SECONDS", "Authenticator", "Guesses"]


class Guesses:
    """Where password guesses are counted, and reserved before the hash is checked."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self.pairs = Throttle(free=5, clock=clock)  # key: username NUL address
        self.addresses = Throttle(free=5, clock=clock)
        self.users = Throttle(free=20, longest=60.0, clock=clock)  # the brake
        self._lock = threading.Lock()

    def reserve(self, username: str, address: str) -> float:
        """0 if this guess may be checked now (it is counted), else the seconds to wait."""
        pair = f"{username}\0{address}"
        with self._lock:
            returning = self.pairs.known(pair)  # only those that failed for this name meet the brake
            wait = max(self.pairs.wait(pair), self.addresses.wait(address),
                       self.users.wait(username) if returning else 0.0)
            if wait > 0:
                return wait
            for throttle, key in ((self.pairs, pair), (self.addresses, address), (self.users, username)):
                throttle.reserve(key, check=False)
            return 0.0

    def succeeded(self, username: str, address: str) -> None:
        """The reserved guess was right: this pair starts afresh; the others take it back."""
        with self._lock:
            self.pairs.clear(f"{username}\0{address}")
            self.addresses.release(address)
            self.users.release(username)


class Authenticator:
    """Checks passwords and keeps the sessions of one launched app."""

    def __init__(self, check: Callable[[str, str], bool], message: str | None = None,
                 credentials: Credentials | None = None) -> None:
        self.check = check
        self.message = message
        self.credentials = credentials  # known when they can change: removal ends sessions
        self.sessions = store_for(credentials.db.path if isinstance(credentials, CredentialStore) else None)
        self.guesses = Guesses()
        self._hashing = threading.BoundedSemaphore(2)  # each check costs ~25 ms and 19 MiB
        self._basic_key = secrets.token_bytes(32)
        self._basic_ok: dict[bytes, tuple[str, float]] = {}
        self._revision: Any = object()  # the first refresh ends sessions made stale while this process was down
        self._listeners: list[Callable[[set[str]], Any]] = []

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
            return cls(store.verify, message, store)
        if callable(auth):
            return cls(auth, message)
        pairs = [auth] if isinstance(auth, tuple) else auth
        if not isinstance(pairs, list) or not pairs or not all(isinstance(p, tuple) and len(p) == 2 for p in pairs):
            raise ConfigurationError("auth= takes a (username, password) tuple, a list of them, a callable "
                                     "(username, password) -> bool, or the path of a credential file")
        credentials = Credentials(pairs)
        return cls(credentials.verify, message, credentials)

    # ---- passwords ----------------------------------------------------------------------
    def _verify(self, username: str, password: str) -> bool:
        with self._hashing:
            try:
                return bool(self.check(username, password))
            except Exception:  # a user's callable: whatever it raises refuses the login
                log.exception("the auth callable raised; the login is refused")
                return False

    async def attempt(self, username: str, password: str, address: str) -> tuple[bool, float]:
        """(True, 0) if the password is right; (False, seconds to wait) when throttled; else
        (False, 0). The guess is counted first, then the hash is checked off the event loop."""
        wait = self.guesses.reserve(username, address)
        if wait > 0:
            return False, wait
        ok = await asyncio.get_running_loop().run_in_executor(None, self._verify, username, password)
        if ok:
            self.guesses.succeeded(username, address)
        return ok, 0.0

    async def login(self, username: str, password: str, address: str) -> tuple[str | None, float]:
        """(session token, 0) on success; (None, seconds to wait) when throttled; else (None, 0)."""
        ok, wait = await self.attempt(username, password, address)
        return (self.open_session(username) if ok else None), wait

    async def basic(self, header: str, address: str) -> tuple[str | None, float]:
        """The user of an ``Authorization: Basic`` header (throttled like the form; a success
        is remembered for 5 minutes under a keyed hash, so API calls do not re-hash)."""
        try:
            username, _, password = base64.b64decode(header.split(" ", 1)[1], validate=True).decode().partition(":")
        except (IndexError, ValueError):
            return None, 0.0
        self.refresh()
        digest = hmac.new(self._basic_key, f"{username}\0{password}".encode(), hashlib.sha256).digest()
        remembered = self._basic_ok.get(digest)
        if remembered is not None and remembered[1] > time.monotonic():
            return remembered[0], 0.0
        ok, wait = await self.attempt(username, password, address)  # no session for a Basic call
        if not ok:
            return None, wait
        if len(self._basic_ok) > MAX_SESSIONS:
            self._basic_ok.clear()
        self._basic_ok[digest] = (username, time.monotonic() + BASIC_CACHE_SECONDS)
        return username, 0.0

    # ---- sessions -----------------------------------------------------------------------
    def open_session(self, username: str) -> str:
        credential = self.credentials.fingerprint(username) if self.credentials is not None else None
        return self.sessions.open(username, credential)

    def user_of(self, token: str | None) -> str | None:
        """The user of a live session, or None (unknown, expired or ended)."""
        if not token:
            return None
        self.refresh()
        session = self.sessions.get(token)
        if session is None:
            return None
        if session.expires < time.time():
            self._end({token})
            return None
        return session.username

    def logout(self, token: str | None) -> None:
        if token and self.sessions.get(token) is not None:
            self._end({token})

    def on_end(self, listener: Callable[[set[str]], Any]) -> None:
        """Call ``listener(tokens)`` whenever sessions end (logout, expiry, removal)."""
        self._listeners.append(listener)

    def refresh(self) -> None:
        """If the credential file changed, end the sessions of users who were removed or whose
        password changed, and forget remembered Basic logins. Costs one stat() when unchanged."""
        elsewhere = self.sessions.ended_elsewhere()  # by another replica: its pages here close too
        if elsewhere:
            self._tell_all(elsewhere)
        if self.credentials is None:
            return
        revision = self.credentials.revision()
        if revision == self._revision:
            return
        self._revision = revision
        self._basic_ok.clear()
        ended = self.sessions.stale(self.credentials.fingerprints())
        if ended:
            log.info("%d session(s) ended: their user was removed or changed password", len(ended))
            self._tell_all(ended)

    def _end(self, tokens: set[str]) -> None:
        self.sessions.end(tokens)
        self._tell_all(tokens)

    def _tell_all(self, tokens: set[str]) -> None:
        for listener in self._listeners:
            _tell(listener, tokens)


def _tell(listener: Callable[[set[str]], Any], tokens: set[str]) -> None:
    try:
        listener(tokens)
    except Exception:  # one listener's failure must not keep a session alive elsewhere
        log.exception("a session-end listener raised")
