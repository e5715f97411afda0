"""Where login sessions live, chosen by ``launch(auth=...)``:

- a credential file: ``SharedSessions``, in a file beside it (storage.sessions) that every
  replica using the file shares; a restart keeps people signed in; a session ended by one
  replica (logout, a removed user, a new password) ends on all of them within a second;
- ``auth=`` in code with ``NICEFACE_SECRET`` set: ``SignedSessions``, tokens signed with the
  secret, so replicas sharing it accept each other's (logout ends a session on the replica
  that received it; the cookie is cleared);
- otherwise ``MemorySessions``: in this process only.

Every store answers with tokens known here, so that the pages opened with them can be closed.
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import secrets
import time
from pathlib import Path
from typing import Any, Protocol

from ...storage.sessions import SessionFile, SessionRecord, key_of, path_beside

SESSION_SECONDS = 7 * 24 * 3600
MAX_SESSIONS = 10_000


class SessionStore(Protocol):
    def open(self, username: str, credential: str | None) -> str: ...

    def get(self, token: str) -> SessionRecord | None: ...

    def end(self, tokens: set[str]) -> None: ...

    def stale(self, fingerprints: dict[str, str]) -> set[str]: ...

    def ended_elsewhere(self) -> set[str]: ...


def store_for(credential_file: Path | None) -> SessionStore:
    if credential_file is not None:
        return SharedSessions(SessionFile(path_beside(credential_file)))
    secret = os.environ.get("NICEFACE_SECRET")
    return SignedSessions(secret.encode()) if secret else MemorySessions()


class MemorySessions:
    """Sessions of this process: token -> record."""

    def __init__(self) -> None:
        self.records: dict[str, SessionRecord] = {}

    def open(self, username: str, credential: str | None) -> str:
        token, now = secrets.token_urlsafe(32), time.time()
        if len(self.records) > MAX_SESSIONS:
            self.records = {t: r for t, r in self.records.items() if r.expires > now}
        self.records[token] = SessionRecord(username, now + SESSION_SECONDS, credential)
        return token

    def get(self, token: str) -> SessionRecord | None:
        return self.records.get(token)

    def end(self, tokens: set[str]) -> None:
        for token in tokens:
            self.records.pop(token, None)

    def stale(self, fingerprints: dict[str, str]) -> set[str]:
        ended = {t for t, r in self.records.items() if fingerprints.get(r.username) != r.credential}
        self.end(ended)
        return ended

    def ended_elsewhere(self) -> set[str]:
        return set()


class SharedSessions:
    """Sessions in a file shared with other processes; read again whenever it changes (one
    stat() per look otherwise)."""

    def __init__(self, file: SessionFile) -> None:
        self.file = file
        self.known: dict[str, str] = {}  # key -> token, of the sessions seen by this process
        self._records: dict[str, SessionRecord] = {}
        self._revision: Any = object()

    def _current(self) -> dict[str, SessionRecord]:
        revision = self.file.revision()
        if revision != self._revision:
            self._revision, self._records = revision, self.file.all()
        return self._records

    def open(self, username: str, credential: str | None) -> str:
        token = secrets.token_urlsafe(32)
        self.file.add(key_of(token), SessionRecord(username, time.time() + SESSION_SECONDS, credential))
        self.known[key_of(token)] = token
        return token

    def get(self, token: str) -> SessionRecord | None:
        key = key_of(token)
        record = self._current().get(key)
        if record is not None:
            self.known[key] = token
        return record

    def end(self, tokens: set[str]) -> None:
        keys = {key_of(token) for token in tokens}
        self.file.remove(keys)
        for key in keys:
            self.known.pop(key, None)

    def stale(self, fingerprints: dict[str, str]) -> set[str]:
        """End (for every replica) the sessions whose user was removed or changed password."""
        keys = {key for key, r in self._current().items() if fingerprints.get(r.username) != r.credential}
        self.file.remove(keys)
        return {self.known.pop(key) for key in keys if key in self.known}

    def ended_elsewhere(self) -> set[str]:
        """Tokens seen here whose sessions another process ended (or that expired)."""
        current = self._current()
        gone = {key for key in self.known if key not in current}
        return {self.known.pop(key) for key in gone}


class SignedSessions(MemorySessions):
    """Tokens that carry their session, signed with a secret shared by the replicas:
    ``<base64 JSON {u, e, c, n}>.<base64 HMAC-SHA256>``."""

    def __init__(self, secret: bytes) -> None:
        super().__init__()
        self.secret = hashlib.sha256(b"niceface session\0" + secret).digest()
        self.revoked: dict[str, float] = {}  # token -> expiry, of sessions ended here

    def open(self, username: str, credential: str | None) -> str:
        claims = {"u": username, "e": int(time.time() + SESSION_SECONDS), "c": credential, "n": secrets.token_hex(8)}
        body = base64.urlsafe_b64encode(json.dumps(claims, separators=(",", ":")).encode()).decode().rstrip("=")
        return f"{body}.{self._sign(body)}"

    def get(self, token: str) -> SessionRecord | None:
        body, _, signature = token.partition(".")
        if not signature or not hmac.compare_digest(signature, self._sign(body)) or token in self.revoked:
            return None
        try:
            claims = json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
            return SessionRecord(str(claims["u"]), float(claims["e"]), claims.get("c"))
        except (ValueError, KeyError, TypeError):
            return None

    def end(self, tokens: set[str]) -> None:
        now = time.time()
        if len(self.revoked) > MAX_SESSIONS:
            self.revoked = {t: e for t, e in self.revoked.items() if e > now}
        for token in tokens:
            record = self.get(token)
            self.revoked[token] = record.expires if record is not None else now + SESSION_SECONDS

    def stale(self, fingerprints: dict[str, str]) -> set[str]:  # noqa: ARG002 - the store's interface
        return set()  # in-code credentials do not change while the app runs

    def _sign(self, body: str) -> str:
        digest = hmac.new(self.secret, body.encode(), hashlib.sha256).digest()
        return base64.urlsafe_b64encode(digest).decode().rstrip("=")
