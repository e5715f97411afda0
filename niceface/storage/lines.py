"""JSON lines: a TinyDB storage whose file grows by appending, so that adding a record costs
the same however many records the file holds.

Each line is one document of TinyDB's default table, ``[id, {...}]``::

    TinyDB("flagged/flags/000007.jsonl", storage=JSONLinesStorage).all()   # TinyDB reads it

``append`` adds documents by writing their lines at the end and flushing the file to disk:
nothing already written is read back, parsed or written again (the cost of rewriting a
whole JSON file was parsing and encoding every record in it, on every insert). A crash in
the middle of an append leaves a last line without its newline: readers skip it, and the
next append first cuts it off, so at most the record being written is lost. Other changes
(TinyDB's update, remove) rewrite the file whole and atomically, like ``storage.db``.
Writers hold a lock around each call (``db.Mutex``); readers need none.
"""
from __future__ import annotations

import json
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from ..exceptions import StorageError
from .db import sync_folder, write_text

TABLE = "_default"  # TinyDB's table, the only one a JSON-lines file holds


def _line(key: int, document: dict[str, Any]) -> bytes:
    return json.dumps([key, document], ensure_ascii=False, separators=(",", ":")).encode() + b"\n"


def read_documents(path: Path) -> dict[str, dict[str, Any]]:
    """The file's documents by id, in order ({} if there is no file); a last line cut short
    by a crash is left out."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return {}
    documents = {}
    for number, line in enumerate(data[:data.rfind(b"\n") + 1].splitlines(), 1):
        if not line.strip():
            continue
        try:
            key, document = json.loads(line)
        except (ValueError, TypeError) as error:
            raise StorageError(f"{path}, line {number} is not a record ({error}); move the file away to go on") \
                from None
        documents[str(key)] = document
    return documents


@dataclass(frozen=True, slots=True)
class Tail:
    """What an append needs to know of a file: its complete records, its size in bytes up
    to the last complete line, and the id the next document gets."""

    held: int
    size: int
    next_id: int


def tail(path: Path) -> Tail:
    """The end of the file at ``path`` (reads the bytes, parses only the last line)."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return Tail(0, 0, 1)
    size = data.rfind(b"\n") + 1
    lines = data[:size].split(b"\n")[:-1]
    last = next((line for line in reversed(lines) if line.strip()), None)
    try:
        next_id = 1 if last is None else int(json.loads(last)[0]) + 1
    except (ValueError, TypeError, IndexError) as error:
        raise StorageError(f"{path}: its last record is unreadable ({error}); move the file away to go on") from None
    return Tail(sum(1 for line in lines if line.strip()), size, next_id)


def append(path: Path, documents: Sequence[dict[str, Any]], at: Tail, mode: int = 0o644) -> None:
    """Write ``documents`` after the last complete line of ``path`` (``at``, as ``tail`` read
    it under the same lock), then flush them to disk; a new file is made with ``mode``."""
    created = not path.exists()
    data = b"".join(_line(at.next_id + offset, document) for offset, document in enumerate(documents))
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT, mode)
    try:
        if created:
            os.fchmod(descriptor, mode)  # whatever the umask
        if os.fstat(descriptor).st_size > at.size:
            os.ftruncate(descriptor, at.size)  # a line a crash cut short goes
        os.pwrite(descriptor, data, at.size)
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
    if created:
        sync_folder(path.parent)  # the new file's name is durable too


class JSONLinesStorage(Storage):
    """TinyDB storage for a JSON-lines file (its default table only)."""

    def __init__(self, path: str | Path, mode: int = 0o644) -> None:
        self.path = Path(path)
        self.mode = mode

    def read(self) -> dict[str, dict[str, Any]] | None:
        documents = read_documents(self.path)
        return {TABLE: documents} if documents or self.path.exists() else None

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        """The whole file anew (TinyDB's updates and removals), atomically."""
        if any(documents for name, documents in data.items() if name != TABLE):
            raise StorageError(f"{self.path} holds TinyDB's default table only")
        lines = b"".join(_line(int(key), document) for key, document in data.get(TABLE, {}).items())
        write_text(self.path, lines.decode(), self.mode)
