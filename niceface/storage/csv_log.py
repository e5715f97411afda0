"""CSVLog: a CSV file that threads and processes append rows to (the ``log.csv`` of
``niceface.CSVLogger``).

Each append holds a lock (``<file>.lock``), writes the header first if the file is new, writes
the row with one call, and flushes it to disk. Cells that a spreadsheet would run as formulas
are neutralised (``csv_cell``), so the file opens safely in Excel or LibreOffice.
"""
from __future__ import annotations

import csv
import io
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .db import Mutex, make_folder
from .flags import csv_cell


class CSVLog:
    """Rows appended to ``path``; nothing is written, and no folder made, before the first."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._mutex = Mutex(str(self.path) + ".lock")
        self._rows: int | None = None  # rows under the header, as of ``_size``
        self._size = -1

    def append(self, header: Sequence[Any], row: Sequence[Any]) -> int:
        """Add one row (and ``header`` first if the file is new); the rows the file now holds."""
        make_folder(self.path.parent)
        with self._mutex.held():
            size = self.path.stat().st_size if self.path.exists() else 0
            if size != self._size:  # another process appended (or first use): count again
                self._rows = self._count()
            text = io.StringIO()
            writer = csv.writer(text)
            if size == 0:
                writer.writerow([csv_cell(cell) for cell in header])
            writer.writerow([csv_cell(cell) for cell in row])
            descriptor = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
            with os.fdopen(descriptor, "w", newline="", encoding="utf-8") as out:
                if size == 0:
                    os.fchmod(descriptor, 0o644)  # whatever the umask
                out.write(text.getvalue())
                out.flush()
                os.fsync(descriptor)
                self._size = os.fstat(descriptor).st_size
            self._rows = (self._rows or 0) + 1
            return self._rows

    def _count(self) -> int:
        if not self.path.exists():
            return 0
        with self.path.open(newline="", encoding="utf-8") as file:
            return max(0, sum(1 for _ in csv.reader(file)) - 1)
