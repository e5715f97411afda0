"""Login sessions in a TinyDB file beside the credential file, shared by every process that
uses that file: replicas accept each other's sessions, a restart keeps people signed in, and
a session ended by one (logout, a removed user) is gone for all.

    users.json            the credential file (storage.credentials)
    users.sessions.json   {"sessions": {id: {"key", "username", "expires", "credential"}}}

Only a digest of each session token is stored (``key``): the file lets nobody sign in. It is
written like the credential file: under a lock, atomically, readable by its owner only.
"""
from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .db import Database


@dataclass(slots=True)
class SessionRecord:
    username: str
    expires: float  # time.time()
    credential: str | None  # the user's credential fingerprint at login


def key_of(token: str) -> str:
    """What is stored for a token: its SHA-256 (a token is 256 random bits: no salt needed)."""
    return hashlib.sha256(token.encode()).hexdigest()


def path_beside(credentials: Path) -> Path:
    return credentials.with_name(f"{credentials.stem}.sessions{credentials.suffix or '.json'}")


class SessionFile:
    """The sessions of every process using one credential file."""

    def __init__(self, path: str | Path) -> None:
        self.db = Database(path, mode=0o600)

    def revision(self) -> Any:
        """Changes whenever the file is rewritten."""
        return self.db.revision()

    def all(self) -> dict[str, SessionRecord]:
        """Key -> record of every live session."""
        if not self.db.exists():
            return {}
        with self.db.transaction() as db:
            rows = db.table("sessions").all()
        now = time.time()
        return {row["key"]: SessionRecord(row["username"], row["expires"], row.get("credential"))
                for row in rows if row.get("expires", 0) > now and "key" in row and "username" in row}

    def add(self, key: str, record: SessionRecord) -> None:
        """Store a session (and drop the expired ones)."""
        from tinydb import Query
        now = time.time()
        with self.db.transaction() as db:
            table = db.table("sessions")
            table.remove(Query().expires < now)
            table.insert({"key": key, "username": record.username, "expires": record.expires,
                          "credential": record.credential})

    def remove(self, keys: set[str]) -> None:
        from tinydb import Query
        if not keys or not self.db.exists():
            return
        with self.db.transaction() as db:
            db.table("sessions").remove(Query().key.one_of(sorted(keys)))
