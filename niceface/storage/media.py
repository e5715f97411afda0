"""Media by reference: files a page's session uploaded or that fn produced for it.

    <temp>/niceface-media/<pid>-<random>/    this process's files (removed at exit)
        <owner>/<random>/<name>              one folder per page session; each file in a folder
                                             of its own, under its own name (cleaned: a label)

A ``MediaFile`` is the server's own handle on such a file: it is made only here, from bytes
that arrived or that fn returned, never from a string a browser or an API caller sent (a
JSON value cannot be one). The browser sees it as a relative URL that only the browser
session holding the owner's ``key`` may read (``MediaStore.lookup``).

A page session's folder goes when the page goes (``drop``); ``sweep`` removes the folders of
sessions that vanished without that (and, at start, those of processes that died).
"""
from __future__ import annotations

import atexit
import contextlib
import contextvars
import os
import re
import secrets
import shutil
import tempfile
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from ..exceptions import FileTooLargeError
from .db import make_folder, write_file
from .tempfiles import suffix_for

ROUTE = "_nf/media"
#: where the serving layer puts the browser's key (its ``niceface_browser`` cookie) in a request's state
BROWSER_KEY = "niceface_browser"
_TOKEN = re.compile(r"^[0-9a-f]{32}$")
_UNSAFE = re.compile(r"[^A-Za-z0-9._ ()+-]")
_OWNER = re.compile(r"^[0-9A-Za-z_-]{8,64}$")
_CHUNK = 1024 * 1024


@dataclass(frozen=True, slots=True)
class MediaFile:
    """A file of one page session: where it is, what it holds and the URL the page shows it by."""

    path: Path
    mime: str
    owner: str
    name: str | None = None  # the file's own name, for showing and downloads (never a path)

    @property
    def url(self) -> str:
        from urllib.parse import quote
        return f"{ROUTE}/{self.owner}/{self.path.parent.name}/{quote(self.path.name)}"

    def remove(self) -> None:
        """Delete the file (and the folder of its own)."""
        self.path.unlink(missing_ok=True)
        with contextlib.suppress(OSError):
            self.path.parent.rmdir()

    def size(self) -> int:
        return self.path.stat().st_size

    def read(self) -> bytes:
        return self.path.read_bytes()

    def head(self, size: int) -> bytes:
        with self.path.open("rb") as file:
            return file.read(size)


@dataclass(slots=True)
class MediaStore:
    """The files of this process's page sessions, in ``root`` (made on first use)."""

    root: Path = field(default_factory=lambda: _process_folder())  # noqa: PLW0108 - defined below
    keys: dict[str, str] = field(default_factory=dict)  # owner -> the browser key that may read its files

    def open_session(self, owner: str, key: str) -> Sink:
        """Files for the page session ``owner``; readable by the browser holding ``key``."""
        if not _OWNER.match(owner):
            raise ValueError(f"not an owner id: {owner!r}")
        self.keys[owner] = key
        return Sink(self, owner)

    def folder(self, owner: str) -> Path:
        folder = self.root / owner
        make_folder(folder)
        return folder

    def drop(self, owner: str) -> None:
        """The session ended: its files go."""
        self.keys.pop(owner, None)
        shutil.rmtree(self.root / owner, ignore_errors=True)

    def lookup(self, owner: str, token: str, name: str, key: str | None) -> MediaFile | None:
        """The file ``token``/``name`` of ``owner`` if the browser with ``key`` may read it, else
        None. ``name`` is only compared with the names in that folder, never joined to a path."""
        expected = self.keys.get(owner)
        if expected is None or key is None or not secrets.compare_digest(expected, key) or not _TOKEN.match(token):
            return None
        folder = self.root / owner / token
        try:
            found = [entry for entry in folder.iterdir() if entry.name == name and entry.is_file()]
        except OSError:
            return None
        return MediaFile(found[0], _mime_of(found[0]), owner, found[0].name) if found else None

    def sweep(self, alive: Callable[[str], bool]) -> int:
        """Remove the folders of sessions for which ``alive(owner)`` is False; how many."""
        removed = 0
        for folder in _children(self.root):
            if not alive(folder.name):
                self.drop(folder.name)
                removed += 1
        return removed


@dataclass(frozen=True, slots=True)
class Sink:
    """Where media of one page session goes: new files in its folder."""

    store: MediaStore
    owner: str

    def save(self, data: bytes, mime: str, name: str | None = None) -> MediaFile:
        path = self._new_path(name, mime)
        write_file(path, data)
        return MediaFile(path, mime, self.owner, path.name)

    def copy(self, source: Path, mime: str) -> MediaFile:
        """A copy of a file fn produced (streamed: never whole in memory), under its name."""
        path = self._new_path(source.name, mime)
        with source.open("rb") as reading, _new_file(path) as writing:
            shutil.copyfileobj(reading, writing, _CHUNK)
        return MediaFile(path, mime, self.owner, path.name)

    def _new_path(self, name: str | None, mime: str) -> Path:
        """A new folder of the session with a random name, and in it the file's cleaned name."""
        folder = self.store.folder(self.owner) / secrets.token_hex(16)
        make_folder(folder)
        return folder / clean_name(name, mime)

    async def receive(self, chunks: AsyncIterator[bytes], mime: str, limit: int | None,
                      name: str | None = None) -> MediaFile:
        """An upload written to disk as it arrives; FileTooLargeError (and nothing kept) past ``limit`` bytes."""
        path = self._new_path(name, mime)
        written = 0
        try:
            with _new_file(path) as writing:
                async for chunk in chunks:
                    written += len(chunk)
                    if limit is not None and written > limit:
                        raise FileTooLargeError(f"the file is larger than {limit:,} bytes")
                    writing.write(chunk)
        except BaseException:
            MediaFile(path, mime, self.owner).remove()
            raise
        return MediaFile(path, mime, self.owner, path.name)


def browser_key(request: Any) -> str | None:
    """The browser key the serving layer found or gave the browser of ``request`` (None without one)."""
    key = getattr(getattr(request, "state", None), BROWSER_KEY, None)
    return key if isinstance(key, str) and key else None


def files_in(value: Any, depth: int = 0) -> Iterator[MediaFile]:
    """The MediaFiles in a payload (a Gallery's list, a Chatbot's messages …)."""
    if isinstance(value, MediaFile):
        yield value
    elif depth < 8 and isinstance(value, (list, tuple, dict)):
        for item in value.values() if isinstance(value, dict) else value:
            yield from files_in(item, depth + 1)


def release(payloads: Any, keep: Any) -> None:
    """Remove the files of ``payloads`` that ``keep`` does not hold (outputs replaced by others)."""
    kept = {file.path for file in files_in(keep)}
    for file in files_in(payloads):
        if file.path not in kept:
            file.remove()


def clean_name(name: str | None, mime: str) -> str:
    """A file's own name as a label that is safe as the last part of a path: no folder part,
    no leading dot, only letters, digits and ``._ ()+-``; "file.<ext>" when nothing is left."""
    base = _UNSAFE.sub("_", Path(str(name or "").replace("\\", "/")).name).lstrip(". ")[-100:]
    return base or f"file{suffix_for(mime)}"


# ---- where media goes: fn's outputs during a run, uploads of a page being built --------------

_outputs: contextvars.ContextVar[Sink | None] = contextvars.ContextVar("niceface_media_outputs", default=None)
_uploads: contextvars.ContextVar[Sink | None] = contextvars.ContextVar("niceface_media_uploads", default=None)


def output_sink() -> Sink | None:
    """The sink media outputs go to in this run (a page's), or None (data URLs: the API's edge)."""
    return _outputs.get()


def upload_sink() -> Sink | None:
    """The sink uploads of the page being built go to, or None (they stay data URLs)."""
    return _uploads.get()


@contextlib.contextmanager
def outputs_to(sink: Sink | None) -> Iterator[None]:
    token = _outputs.set(sink)
    try:
        yield
    finally:
        _outputs.reset(token)


@contextlib.contextmanager
def uploads_to(sink: Sink | None) -> Iterator[None]:
    token = _uploads.set(sink)
    try:
        yield
    finally:
        _uploads.reset(token)


# ---- inside -------------------------------------------------------------------------------

def _base() -> Path:
    return Path(tempfile.gettempdir()) / "niceface-media"


def _process_folder() -> Path:
    base = _base()
    make_folder(base)
    _remove_dead_processes(base)
    folder = base / f"{os.getpid()}-{secrets.token_hex(4)}"
    atexit.register(shutil.rmtree, folder, True)
    return folder


def _remove_dead_processes(base: Path) -> None:
    """Folders left by processes that died without cleaning up (kill -9, power loss)."""
    for folder in _children(base):
        pid = folder.name.partition("-")[0]
        if pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(folder, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process
    return True


def _children(folder: Path) -> list[Path]:
    try:
        return [child for child in folder.iterdir() if child.is_dir()]
    except FileNotFoundError:
        return []


@contextlib.contextmanager
def _new_file(path: Path) -> Iterator[BinaryIO]:
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as out:
        yield out


def _mime_of(path: Path) -> str:
    import mimetypes
    return mimetypes.guess_type(path.name)[0] or "application/octet-stream"
