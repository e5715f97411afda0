"""FlagStore: flagged samples, one TinyDB record each, in ``flagging_dir``.

    flagging_dir/
      flags/              the records: TinyDB shards of SHARD_SIZE records in JSON lines and
                          their index (storage.shards); a flag is appended to one, so it costs
                          the same at any number of flags
      flags.json          the records of niceface versions before the shards, if any: read
                          (first) and never written again
      files/<random>.png  uploaded or produced media, referenced from records by relative path

A record: ``{"inputs": {label: value}, "outputs": {label: value}, "option": str | None,
"username": str | None, "timestamp": "2026-11-27T09:30:00.123+00:00"}`` (UTC, ISO-8601).
Media values arrive as ``Blob``s (bytes and a MIME type) and are stored as files with random
names; no user string becomes part of a path. Nothing is written, and no folder made, before
the first flag.
"""
from __future__ import annotations

import csv
import itertools
import json
import uuid
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import IO, Any

from .db import make_folder, write_file
from .shards import ShardedTable, shard_records
from .tempfiles import suffix_for

SHARDS = "flags"
FLAGS_FILE = "flags.json"  # before the shards
FILES = "files"
#: records per shard (see bench/flags.py for the measurements)
SHARD_SIZE = 200
#: a cell starting with one of these is read as a formula by spreadsheet programs
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True, slots=True)
class Blob:
    """A media value to store as a file: its bytes and MIME type."""

    data: bytes
    mime: str


def store_file(directory: Path, blob: Blob) -> str:
    """Write a media value to ``directory/files/`` under a random name; its relative path."""
    name = f"{uuid.uuid4().hex}{suffix_for(blob.mime)}"
    folder = directory / FILES
    make_folder(folder)
    write_file(folder / name, blob.data)
    return f"{FILES}/{name}"


def unique_labels(labels: Sequence[str]) -> list[str]:
    """["text", "text", "image"] -> ["text", "text (2)", "image"]."""
    seen: dict[str, int] = {}
    unique = []
    for label in labels:
        seen[label] = seen.get(label, 0) + 1
        unique.append(label if seen[label] == 1 else f"{label} ({seen[label]})")
    return unique


class FlagStore:
    """Flagged samples of one interface, kept in ``directory``."""

    def __init__(self, directory: str | Path, input_labels: Sequence[str] = (),
                 output_labels: Sequence[str] = (), *, shard_size: int = SHARD_SIZE) -> None:
        self.directory = Path(directory)
        self.input_labels = unique_labels(input_labels)
        self.output_labels = unique_labels(output_labels)
        self.table = ShardedTable(self.directory / SHARDS, shard_size=shard_size)
        self.legacy = self.directory / FLAGS_FILE

    def add(self, inputs: Sequence[Any], outputs: Sequence[Any] | None = None, *, option: str | None = None,
            username: str | None = None) -> dict[str, Any]:
        """Store one sample (values, media as Blobs; outputs None if there are none yet) and
        return the record as stored. Safe from any thread or process."""
        record = self.record(inputs, outputs, option=option, username=username)
        self.table.insert(record)
        return record

    def record(self, inputs: Sequence[Any], outputs: Sequence[Any] | None = None, *, option: str | None = None,
               username: str | None = None) -> dict[str, Any]:
        """The record of one sample, its media files written (``add`` stores it)."""
        outputs = outputs if outputs is not None else [None] * len(self.output_labels)
        return {"inputs": dict(zip(self.input_labels, map(self._value, inputs), strict=False)),
                "outputs": dict(zip(self.output_labels, map(self._value, outputs), strict=False)),
                "option": option, "username": username,
                "timestamp": datetime.now(timezone.utc).isoformat(timespec="milliseconds")}

    def add_records(self, records: Iterable[dict[str, Any]]) -> int:
        """Store records made by ``record`` in bulk (imports, benchmarks): each shard is
        written once. How many were stored."""
        return self.table.insert_many(records)

    def exists(self) -> bool:
        """Whether anything was ever flagged here."""
        return self.table.exists() or self.legacy.exists()

    def records(self) -> Iterator[dict[str, Any]]:
        """Every record, oldest first, one shard in memory at a time (nothing before the first flag)."""
        return itertools.chain(shard_records(self.legacy), self.table)

    def count(self) -> int:
        """How many samples are flagged, without reading every shard."""
        return len(shard_records(self.legacy)) + self.table.count()

    def path_of(self, value: str) -> Path:
        """The file a stored media value (``files/<name>``) refers to."""
        return self.directory / value

    def _value(self, payload: Any) -> Any:
        if isinstance(payload, Blob):
            return store_file(self.directory, payload)
        if isinstance(payload, (list, tuple)) and any(isinstance(item, (Blob, list, tuple, dict)) for item in payload):
            return [self._value(item) for item in payload]  # a Gallery's pictures, a Files list: files too
        if isinstance(payload, dict) and any(isinstance(item, (Blob, list, tuple, dict)) for item in payload.values()):
            return {str(key): self._value(item) for key, item in payload.items()}
        try:
            json.dumps(payload)
        except (TypeError, ValueError):
            return str(payload)
        return payload

    def export_csv(self, out: IO[str]) -> int:
        """Write every record as CSV rows (a header first); cells that a spreadsheet would run
        as formulas are neutralised with a leading apostrophe. Returns the number of rows.
        Two passes, one shard in memory at a time: the labels of every record, then the rows
        of the records seen in the first pass (flags added meanwhile wait for the next export)."""
        parts = [self.legacy, *self.table.shards()]
        inputs: dict[str, None] = {}
        outputs: dict[str, None] = {}
        seen = []
        for path in parts:
            records = shard_records(path)
            for record in records:
                inputs.update(dict.fromkeys(record["inputs"]))
                outputs.update(dict.fromkeys(record["outputs"]))
            seen.append(len(records))
        header = [*inputs, *(f"{label} (output)" if label in inputs else label for label in outputs)]
        writer = csv.writer(out)
        writer.writerow([csv_cell(name) for name in [*header, "flag", "username", "timestamp"]])
        for path, count in zip(parts, seen, strict=True):
            for record in shard_records(path)[:count]:
                row = [record["inputs"].get(label) for label in inputs]
                row += [record["outputs"].get(label) for label in outputs]
                row += [record.get("option"), record.get("username"), record.get("timestamp")]
                writer.writerow([csv_cell(value) for value in row])
        return sum(seen)


def csv_cell(value: Any) -> str:
    """A value as a CSV cell that no spreadsheet runs as a formula."""
    if value is None:
        return ""
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return "'" + text if text.startswith(FORMULA_START) else text
