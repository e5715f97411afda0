"""Data URLs that carry their file's name (``data:text/csv;name=report.csv;base64,...``), as
RFC 2397 allows: the name is shown and offered for downloads, never used as a path."""
from __future__ import annotations

import mimetypes
import re
from pathlib import Path
from urllib.parse import quote, unquote

from ..storage.media import MediaFile, output_sink
from . import _codecs

_NAME = re.compile(r"^data:[^,]*?;name=([^;,]*)[;,]", re.I)


def named_data_url(data: bytes, mime: str, name: str | None) -> str:
    """A base64 data URL of ``data`` naming ``name`` (only its last path part is kept)."""
    url = _codecs.to_data_url(data, mime)
    base = Path(str(name or "").replace("\\", "/")).name
    if not base:
        return url
    head, body = url.split(";base64,", 1)
    return f"{head};name={quote(base, safe='')};base64,{body}"


def data_url_name(url: str | MediaFile) -> str | None:
    """The file name a media value carries, if any (never with a folder part)."""
    if isinstance(url, MediaFile):
        return url.name
    match = _NAME.match(url)
    if not match:
        return None
    return Path(unquote(match.group(1)).replace("\\", "/")).name or None


def byte_count(url: str | MediaFile) -> int:
    """How many bytes a media value holds (a data URL's base64 padding counted out)."""
    if isinstance(url, MediaFile):
        return url.size()
    padding = len(url) - len(url.rstrip("=")) if ";base64," in url[:300] else 0
    return max(0, _codecs.data_url_size(url) - min(padding, 2))


def file_data_url(path: str | Path) -> str | MediaFile:
    """A file of the developer's (fn returned its path) as a data URL naming it."""
    path = Path(path)
    mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    sink = output_sink()  # a page's run: a copy in its session's files
    return sink.copy(path, mime) if sink is not None else named_data_url(path.read_bytes(), mime, path.name)


class UploadedFile(str):
    """The path of an uploaded file; ``.name`` is the path too, as Gradio's file objects had."""

    @property
    def name(self) -> str:
        return str(self)
