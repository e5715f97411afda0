"""Temporary files for uploads handed to fns as paths.

Names are random; no user-supplied string ever becomes part of a path. Only the suffix is
taken, and only from a fixed table of MIME types.
"""
from __future__ import annotations

import atexit
import functools
import mimetypes
import shutil
import tempfile
import uuid
from pathlib import Path

from .db import write_file


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
    """Write data to a new file with a random name (in ``folder``, one of ours); its path."""
    path = (folder or _directory()) / f"{uuid.uuid4().hex}{suffix_for(mime)}"
    write_file(path, data)
    return path
