"""The one place a TinyDB file is opened: under a lock, written atomically.

Every change is a whole read-modify-write inside ``Database.transaction()``, which holds a
thread lock and a file lock (``<file>.lock``), so that threads and processes sharing the
file never lose each other's records. The JSON is written to a temporary file in the same
folder, flushed to disk, and renamed over the old one: a crash in the middle of a write
leaves the previous version intact, never half a file.
"""
from __future__ import annotations

import contextlib
import json
import os
import stat
import threading
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from tinydb import TinyDB
from tinydb.storages import Storage

from ..exceptions import StorageError

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]


class AtomicJSONStorage(Storage):
    """TinyDB storage: read the JSON file; write a new one (with ``mode``) and rename it into place."""

    def __init__(self, path: str | Path, mode: int = 0o644) -> None:
        self.path = Path(path)
        self.mode = mode
        self._known: dict[str, dict[str, Any]] | None = None  # what this instance last read or wrote

    def read(self) -> dict[str, dict[str, Any]] | None:
        """The file's tables. Within one instance (one locked transaction) the file is parsed
        once: TinyDB reads it two or three times per insert."""
        if self._known is None:
            self._known = self._parse()
        return self._known

    def _parse(self) -> dict[str, dict[str, Any]] | None:
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return None
        if not text.strip():
            return None
        try:
            data = json.loads(text)
        except ValueError as error:
            raise StorageError(f"{self.path} is not valid JSON ({error}); move it away to start a new one") \
                from None
        if not isinstance(data, dict):
            raise StorageError(f"{self.path} does not hold a TinyDB document; move it away to start a new one")
        return data

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        write_json(self.path, data, self.mode)
        self._known = data


def write_json(path: Path, data: Any, mode: int = 0o644) -> None:
    """Replace ``path`` with ``data`` as JSON, atomically (``write_text``)."""
    write_text(path, json.dumps(data, ensure_ascii=False), mode)  # dumps: json.dump encodes in pure Python, 4x slower


def write_text(path: Path, text: str, mode: int = 0o644) -> None:
    """Replace ``path`` with ``text``, atomically: a temporary file in the same folder,
    flushed to disk and renamed into place."""
    temporary = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    try:
        with os.fdopen(os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode), "w",
                       encoding="utf-8") as out:
            os.fchmod(out.fileno(), mode)  # whatever the umask
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)
    sync_folder(path.parent)


def sync_folder(folder: Path) -> None:
    """Make a rename or a new file's name durable (where the platform allows opening a folder)."""
    with contextlib.suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


def make_folder(folder: Path) -> None:
    """Make ``folder`` and missing parents as rwxr-xr-x: never writable by other users,
    whatever the umask. Folders that exist are left as they are."""
    missing = []
    while not folder.exists():
        missing.append(folder)
        folder = folder.parent
    for path in reversed(missing):
        with contextlib.suppress(FileExistsError):
            path.mkdir(mode=0o755)
            path.chmod(0o755)


def write_file(path: Path, data: bytes, mode: int = 0o644) -> None:
    """Write a new file with exactly ``mode`` (never writable by other users)."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    with os.fdopen(descriptor, "wb") as out:
        os.fchmod(out.fileno(), mode)
        out.write(data)


class Mutex:
    """One holder at a time among this process's threads and every process: a thread lock
    and a file lock (``path``, made on first use with ``mode``: never writable by other users,
    who could otherwise hold it forever). On POSIX the file lock is ``flock`` on a descriptor
    opened for each hold (closing it lets go, also when the process dies; a child made by
    fork shares none of it); elsewhere the ``filelock`` package's."""

    def __init__(self, path: str | Path, mode: int = 0o644) -> None:
        self.path = Path(path)
        self.mode = mode
        self._thread = threading.Lock()

    @contextlib.contextmanager
    def held(self) -> Iterator[None]:
        if fcntl is None:  # pragma: no cover - Windows
            from filelock import FileLock
            with self._thread, FileLock(str(self.path), mode=self.mode):
                yield
            return
        with self._thread:
            descriptor = os.open(self.path, os.O_RDWR | os.O_CREAT, self.mode)
            try:
                if stat.S_IMODE(os.fstat(descriptor).st_mode) != self.mode:
                    with contextlib.suppress(PermissionError):  # another user's file: theirs to set
                        os.fchmod(descriptor, self.mode)  # made under a umask that changed it
                fcntl.flock(descriptor, fcntl.LOCK_EX)
                yield
            finally:
                os.close(descriptor)  # and with it the lock


@contextlib.contextmanager
def opened(path: Path, mode: int = 0o644) -> Iterator[TinyDB]:
    """The TinyDB file at ``path`` (atomic writes with ``mode``); hold its lock around this."""
    database = TinyDB(path, storage=AtomicJSONStorage, mode=mode)
    try:
        yield database
    finally:
        database.close()


def read_tables(path: Path) -> dict[str, dict[str, Any]]:
    """A TinyDB file's tables as they are now, without a lock: files are only ever replaced
    whole, so this is one complete version ({} if there is no file)."""
    return AtomicJSONStorage(path).read() or {}


class Database:
    """A TinyDB file shared by threads and processes, written with ``mode``. The folder is
    made on first use."""

    def __init__(self, path: str | Path, mode: int = 0o644) -> None:
        self.path = Path(path)
        self.mode = mode
        self._mutex = Mutex(str(self.path) + ".lock", mode)

    @contextlib.contextmanager
    def transaction(self) -> Iterator[TinyDB]:
        """The database, locked against every other thread and process until the block ends."""
        make_folder(self.path.parent)
        with self._mutex.held(), opened(self.path, self.mode) as database:
            yield database

    def exists(self) -> bool:
        return self.path.exists()

    def revision(self) -> Any:
        """The file's identity, modification time and size: every rewrite (always a rename)
        changes it; None while there is no file."""
        try:
            status = self.path.stat()
        except FileNotFoundError:
            return None
        return status.st_ino, status.st_mtime_ns, status.st_size
