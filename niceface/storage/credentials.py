"""Credentials: usernames and password hashes, never passwords.

Hashes are argon2id (OWASP's minimum profile: 19 MiB, 2 passes, 1 lane, ~25 ms here) through
passlib's CryptContext, with pbkdf2_sha256 where argon2 is unavailable; a hash made with
older settings is replaced at the next successful login. ``CredentialStore`` keeps them in a
TinyDB file (``niceface users add users.json ann``); ``Credentials`` keeps them in memory for
``launch(auth=[("ann", "pass")])``, hashing each password as soon as it is received.

``verify`` takes the same time for an unknown user as for a wrong password: it checks the
password against a dummy hash of the same kind.
"""
from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..exceptions import ConfigurationError, StorageError
from .db import Database

USERNAME = re.compile(r"^[A-Za-z0-9._@+-]{1,64}$")
@functools.cache
def context() -> Any:
    """The passlib CryptContext (made on first use: passlib is imported only with auth on)."""
    from passlib.context import CryptContext
    schemes = ["argon2", "pbkdf2_sha256"]
    try:
        import argon2  # noqa: F401
    except ImportError:
        schemes = ["pbkdf2_sha256"]
    return CryptContext(schemes=schemes, deprecated="auto", argon2__memory_cost=19456,
                        argon2__time_cost=2, argon2__parallelism=1, argon2__type="ID")


def hash_password(password: str) -> str:
    check_password(password)
    return str(context().hash(password))


def check_username(username: Any) -> str:
    if not isinstance(username, str) or not USERNAME.match(username):
        raise ConfigurationError(f"username {username!r}: use 1-64 letters, digits or . _ @ + -")
    return username


def check_password(password: Any) -> str:
    if not isinstance(password, str) or not password:
        raise ConfigurationError("a password must be a non-empty string")
    if len(password) > 1024:
        raise ConfigurationError("a password may have at most 1024 characters")
    return password


class Credentials:
    """Username -> hash, in memory. Subclasses keep them elsewhere."""

    def __init__(self, pairs: Iterable[tuple[str, str]] = ()) -> None:
        self._hashes: dict[str, str] = {}
        for username, password in pairs:
            self._hashes[check_username(username)] = hash_password(password)
        # made now, not at the first unknown user (whose check would cost an extra hash: a tell)
        self._dummy = context().hash("not a password of anyone")

    def hashes(self) -> dict[str, str]:
        return dict(self._hashes)

    def _store(self, username: str, hashed: str) -> None:
        self._hashes[username] = hashed

    def usernames(self) -> list[str]:
        return sorted(self.hashes())

    def revision(self) -> Any:
        """Changes whenever users or passwords may have changed (in memory: never)."""
        return None

    def fingerprints(self) -> dict[str, str]:
        """Username -> a short digest of the user's hash: it changes with the password."""
        return {username: _fingerprint(hashed) for username, hashed in self.hashes().items()}

    def fingerprint(self, username: str) -> str | None:
        return self.fingerprints().get(username)

    def verify(self, username: str, password: str) -> bool:
        """True if ``password`` is ``username``'s. Same cost for an unknown user."""
        if not isinstance(username, str) or not isinstance(password, str) or len(password) > 1024:
            return False
        hashed = self.hashes().get(username)
        if hashed is None:
            context().verify(password, self._dummy)
            return False
        ok, replacement = context().verify_and_update(password, hashed)
        if ok and replacement:
            self._store(username, replacement)
        return bool(ok)


class CredentialStore(Credentials):
    """Credentials in a TinyDB file: ``{"username": ..., "hash": ...}`` per user."""

    def __init__(self, path: str | Path) -> None:
        super().__init__()
        self.db = Database(path, mode=0o600)  # hashes only, yet nobody else's to read

    def hashes(self) -> dict[str, str]:
        if not self.db.exists():
            return {}
        with self.db.transaction() as db:
            users = db.table("users").all()
        try:
            return {user["username"]: user["hash"] for user in users}
        except (KeyError, TypeError):
            raise StorageError(f"{self.db.path} does not hold niceface users") from None

    def revision(self) -> Any:
        """Changes whenever the file is rewritten."""
        return self.db.revision()

    def _store(self, username: str, hashed: str) -> None:
        from tinydb import Query
        with self.db.transaction() as db:
            db.table("users").upsert({"username": username, "hash": hashed}, Query().username == username)

    def add(self, username: str, password: str) -> bool:
        """Add a user or change their password; True if the user is new."""
        hashed = hash_password(password)
        new = check_username(username) not in self.hashes()
        self._store(username, hashed)
        return new

    def remove(self, username: str) -> bool:
        """Remove a user; False if there was none of that name."""
        from tinydb import Query
        if not self.db.exists():
            return False
        with self.db.transaction() as db:
            return bool(db.table("users").remove(Query().username == username))


def _fingerprint(hashed: str) -> str:
    return hashlib.sha256(hashed.encode()).hexdigest()[:16]
