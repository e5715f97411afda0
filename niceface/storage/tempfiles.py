"""Temporary files for uploads handed to fns as paths.

Names are random; no user-supplied string ever becomes part of a path. Only the suffix is
taken, and only from a fixed table of MIME types. Inside ``scratch()`` (one run), the files
go to a folder of that run, removed when it ends: an API caller's uploads do not pile up.
"""
from __future__ import annotations

import atexit
import contextlib
import contextvars
import functools
import mimetypes
import shutil
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

from .db import write_file

_scratch: contextvars.ContextVar[list[Path] | None] = contextvars.ContextVar("niceface_scratch", default=None)


@functools.cache
def _directory() -> Path:
    root = Path(tempfile.mkdtemp(prefix="niceface-"))
    atexit.register(shutil.rmtree, root, True)
    return root


#: what mimetypes does not know on every system (audio/wav is missing on some)
_SUFFIXES = {"audio/wav": ".wav", "audio/x-wav": ".wav", "audio/wave": ".wav", "audio/flac": ".flac",
             "audio/mpeg": ".mp3", "audio/ogg": ".ogg", "audio/webm": ".webm", "image/png": ".png",
             "image/jpeg": ".jpg", "image/webp": ".webp", "image/gif": ".gif", "video/mp4": ".mp4"}


def temp_folder(name: str) -> Path:
    """A folder of ours inside the temporary folder (``name`` is ours, never a user's)."""
    folder = _directory() / name
    folder.mkdir(exist_ok=True)
    return folder


def suffix_for(mime: str) -> str:
    kind = mime.split(";", maxsplit=1)[0].strip().lower()
    suffix = _SUFFIXES.get(kind) or mimetypes.guess_extension(kind) or ".bin"
    return suffix if suffix.replace(".", "").isalnum() else ".bin"


def save_temp(data: bytes, mime: str, folder: Path | None = None) -> Path:
    """Write data to a new file with a random name (in ``folder``, one of ours; else the
    run's scratch folder, or the process's temporary folder); its path."""
    path = (folder or run_scratch() or _directory()) / f"{uuid.uuid4().hex}{suffix_for(mime)}"
    write_file(path, data)
    return path


@contextlib.contextmanager
def scratch() -> Iterator[None]:
    """Files made by ``run_scratch()`` inside the block are removed when it ends."""
    made: list[Path] = []
    token = _scratch.set(made)
    try:
        yield
    finally:
        _scratch.reset(token)
        for folder in made:
            shutil.rmtree(folder, ignore_errors=True)


def run_scratch() -> Path | None:
    """The current run's own folder (made now), or None outside ``scratch()``."""
    made = _scratch.get()
    if made is None:
        return None
    if not made:
        made.append(Path(tempfile.mkdtemp(prefix="run-", dir=_directory())))
    return made[0]
