"""FlagStore: flagged samples, one TinyDB record each, in ``flagging_dir``.

    flagging_dir/
      flags.json        the records (storage.db: locked, written atomically)
      files/<random>.png  uploaded or produced media, referenced from records by relative path

A record: ``{"inputs": {label: value}, "outputs": {label: value}, "option": str | None,
"username": str | None, "timestamp": "2026-11-27T09:30:00.123+00:00"}`` (UTC, ISO-8601).
Media values arrive as ``Blob``s (bytes and a MIME type) and are stored as files with random
names; no user string becomes part of a path. Nothing is written, and no folder made, before
the first flag.
"""
from __future__ import annotations

import csv
import json
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import IO, Any

from .db import Database, make_folder, write_file
from .tempfiles import suffix_for

FLAGS_FILE = "flags.json"
FILES = "files"
#: a cell starting with one of these is read as a formula by spreadsheet programs
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True, slots=True)
class Blob:
    """A media value to store as a file: its bytes and MIME type."""

    data: bytes
    mime: str


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
                 output_labels: Sequence[str] = ()) -> None:
        self.directory = Path(directory)
        self.input_labels = unique_labels(input_labels)
        self.output_labels = unique_labels(output_labels)
        self.db = Database(self.directory / FLAGS_FILE)

    def add(self, inputs: Sequence[Any], outputs: Sequence[Any] | None = None, *, option: str | None = None,
            username: str | None = None) -> dict[str, Any]:
        """Store one sample (values, media as Blobs; outputs None if there are none yet) and
        return the record as stored. Safe from any thread or process."""
        outputs = outputs if outputs is not None else [None] * len(self.output_labels)
        record = {"inputs": dict(zip(self.input_labels, map(self._value, inputs), strict=False)),
                  "outputs": dict(zip(self.output_labels, map(self._value, outputs), strict=False)),
                  "option": option, "username": username,
                  "timestamp": datetime.now(timezone.utc).isoformat(timespec="milliseconds")}
        with self.db.transaction() as db:
            db.insert(record)
        return record

    def records(self) -> list[dict[str, Any]]:
        """Every record, oldest first ([] before the first flag)."""
        if not self.db.exists():
            return []
        with self.db.transaction() as db:
            return [dict(record) for record in db.all()]

    def path_of(self, value: str) -> Path:
        """The file a stored media value (``files/<name>``) refers to."""
        return self.directory / value

    def _value(self, payload: Any) -> Any:
        if isinstance(payload, Blob):
            name = f"{uuid.uuid4().hex}{suffix_for(payload.mime)}"
            folder = self.directory / FILES
            make_folder(folder)
            write_file(folder / name, payload.data)
            return f"{FILES}/{name}"
        try:
            json.dumps(payload)
        except (TypeError, ValueError):
            return str(payload)
        return payload

    def export_csv(self, out: IO[str]) -> int:
        """Write every record as CSV rows (a header first); cells that a spreadsheet would run
        as formulas are neutralised with a leading apostrophe. Returns the number of rows."""
        records = self.records()
        inputs = _keys(record["inputs"] for record in records)
        outputs = _keys(record["outputs"] for record in records)
        header = inputs + [f"{label} (output)" if label in inputs else label for label in outputs]
        writer = csv.writer(out)
        writer.writerow([_cell(name) for name in [*header, "flag", "username", "timestamp"]])
        for record in records:
            row = [record["inputs"].get(label) for label in inputs]
            row += [record["outputs"].get(label) for label in outputs]
            row += [record.get("option"), record.get("username"), record.get("timestamp")]
            writer.writerow([_cell(value) for value in row])
        return len(records)


def _keys(dicts: Any) -> list[str]:
    keys: dict[str, None] = {}
    for item in dicts:
        keys.update(dict.fromkeys(item))
    return list(keys)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return "'" + text if text.startswith(FORMULA_START) else text
