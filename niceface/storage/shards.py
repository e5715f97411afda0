"""ShardedTable: one TinyDB table kept in numbered files of bounded size, so that adding a
record costs the same at a hundred records or a million.

    folder/
      index.json        {"current": 7, "before": 6000}: the shard being filled, and how many
                        records the shards before it hold (rewritten only when a shard fills)
      000001.jsonl ...  TinyDB files in JSON lines (storage.lines) of at most ``shard_size``
                        records (or about ``shard_bytes``); a full shard is never written again
      .lock             held by every writer (threads and processes)

A writer, holding the lock, reads the index (a few bytes) and the end of the current shard
(its last line), then appends the new records there and flushes them to disk: no record
already stored is parsed or written again. When that shard is full it first writes an index
that moves on to the next shard (atomically, storage.db), then appends there. A crash at any
moment loses at most the record being written (a line cut short, which readers skip and the
next writer cuts off); an index that has moved on to a shard not yet written points at an
empty shard. Readers take no lock. Shards written whole as JSON (``NNNNNN.json``, before the
JSON lines) are read as they are and never written again.
"""
from __future__ import annotations

import itertools
import json
import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import lines
from .db import Mutex, make_folder, read_tables, write_json

log = logging.getLogger(__name__)
INDEX = "index.json"
TABLE = lines.TABLE  # TinyDB's table, the one every shard holds
_SHARD_NAME = re.compile(r"^(\d{6,})\.jsonl?$")


@dataclass(frozen=True, slots=True)
class Position:
    """Where writing goes: shard ``current``, after ``before`` records in the shards before it."""

    current: int = 1
    before: int = 0

    def next(self, held: int) -> Position:
        """The next shard, once the current one (holding ``held`` records) is full."""
        return Position(self.current + 1, self.before + held)


def shard_records(path: Path) -> list[dict[str, Any]]:
    """The records of one shard (or of any TinyDB JSON file), oldest first ([] if it does not exist)."""
    if path.suffix == ".jsonl":
        return list(lines.read_documents(path).values())
    return list(read_tables(path).get(TABLE, {}).values())


class ShardedTable:
    """A TinyDB table in ``folder``, split into shards of ``shard_size`` records (or, for large
    records, about ``shard_bytes``). Nothing is written, and no folder made, before the first
    insert."""

    def __init__(self, folder: str | Path, *, shard_size: int = 200, shard_bytes: int = 256 << 10,
                 mode: int = 0o644) -> None:
        if shard_size < 1:
            raise ValueError(f"shard_size must be at least 1, got {shard_size}")
        self.folder = Path(folder)
        self.shard_size, self.shard_bytes, self.mode = shard_size, shard_bytes, mode
        self._mutex = Mutex(self.folder / ".lock")

    def shard(self, number: int) -> Path:
        """Shard ``number``: JSON lines, or a whole JSON file of earlier versions if there is one."""
        whole = self.folder / f"{number:06d}.json"
        return whole if whole.exists() else whole.with_suffix(".jsonl")

    def exists(self) -> bool:
        return self.folder.is_dir()

    # ---- writing ---------------------------------------------------------------------------
    def insert(self, record: dict[str, Any]) -> None:
        """Add one record (safe from any thread or process)."""
        self.insert_many([record])

    def insert_many(self, records: Iterable[dict[str, Any]]) -> int:
        """Add records in order, each shard appended to once per call (bulk loads); how many."""
        pending = iter(records)
        stored = 0
        make_folder(self.folder)
        with self._mutex.held():
            position = self._position(repair=True)
            while (first := next(pending, None)) is not None:
                pending = itertools.chain([first], pending)
                path = self.shard(position.current)
                end = self._end(path)
                batch = list(itertools.islice(pending, self._room(end)))
                if batch:
                    lines.append(path, batch, end, self.mode)
                    stored += len(batch)
                else:  # full: move on before writing anything there
                    position = position.next(end.held)
                    self._save(position)
        return stored

    @staticmethod
    def _end(path: Path) -> lines.Tail:
        if path.suffix == ".jsonl":
            return lines.tail(path)
        held = len(shard_records(path))  # a whole-JSON shard of an earlier version: full, never appended to
        return lines.Tail(held, 1 << 62, held + 1)

    def _room(self, end: lines.Tail) -> int:
        return 0 if end.size >= self.shard_bytes else max(0, self.shard_size - end.held)

    # ---- the index -------------------------------------------------------------------------
    def _position(self, *, repair: bool = False) -> Position:
        """Where writing goes now (hold the lock). An index that is missing or unreadable is
        rebuilt from the shards (and, with ``repair``, written)."""
        try:
            data = json.loads((self.folder / INDEX).read_text(encoding="utf-8"))
            return Position(int(data["current"]), int(data["before"]))
        except FileNotFoundError:
            pass
        except (ValueError, KeyError, TypeError) as error:
            log.warning("%s is unreadable (%s); rebuilding it from the shards", self.folder / INDEX, error)
        position = self._rebuilt()
        if repair and position != Position():
            self._save(position)
        return position

    def _rebuilt(self) -> Position:
        numbers = self.numbers()
        if not numbers:
            return Position()
        return Position(numbers[-1], sum(len(shard_records(self.shard(n))) for n in numbers[:-1]))

    def _save(self, position: Position) -> None:
        write_json(self.folder / INDEX, {"current": position.current, "before": position.before}, self.mode)

    def numbers(self) -> list[int]:
        """The numbers of the shards on disk, in order (reads the folder: for repairs only)."""
        if not self.exists():
            return []
        found = (_SHARD_NAME.match(path.name) for path in self.folder.iterdir())
        return sorted(int(match.group(1)) for match in found if match)

    # ---- reading ---------------------------------------------------------------------------
    def count(self) -> int:
        """How many records there are: the index's total and one shard, never all of them."""
        if not self.exists():
            return 0
        with self._mutex.held():
            position = self._position()
            return position.before + self._end(self.shard(position.current)).held

    def shards(self) -> Iterator[Path]:
        """The shard files, oldest first, as they are found while iterating (no lock)."""
        if not self.exists():
            return
        last = self._last_known()
        for number in itertools.count(1):
            path = self.shard(number)
            if number > last and not path.exists():
                return
            if path.exists():
                yield path

    def _last_known(self) -> int:
        try:
            return int(json.loads((self.folder / INDEX).read_text(encoding="utf-8"))["current"])
        except (OSError, ValueError, KeyError, TypeError):  # no index (yet), or a damaged one
            numbers = self.numbers()
            return numbers[-1] if numbers else 0

    def __iter__(self) -> Iterator[dict[str, Any]]:
        """Every record, oldest first, one shard in memory at a time."""
        for path in self.shards():
            yield from shard_records(path)
