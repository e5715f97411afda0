"""Files: several files in (handed to fn as a list of paths), or a folder's files; downloads out.

The payload is a list of data URLs, each naming its file (``data:<type>;name=<name>;base64,``);
fn gets, for ``type="file"``, a list of temporary files' paths (each with ``.name``, as
Gradio's file objects had; their names are random: a browser's name never becomes a path),
for ``type="binary"`` a list of bytes.
"""
from __future__ import annotations

import mimetypes
from dataclasses import KW_ONLY
from pathlib import Path
from typing import TYPE_CHECKING, Any

from typing_extensions import override

from ..exceptions import ConfigurationError, one_of
from ..storage.media import MediaFile
from . import _codecs
from ._named import UploadedFile, byte_count, data_url_name, file_data_url
from .base import Component, Role, Shown, View, apply_element_options, caption, component, type_name

if TYPE_CHECKING:
    from .limits import Limits

#: Gradio's file_types words, as the browser's accept= types
_KINDS = {"image": "image/*", "video": "video/*", "audio": "audio/*", "text": "text/*", "file": "*/*"}


@component
class Files(Component):
    """``file_count``: "multiple" (any number of files) or "directory" (a folder: its files);
    "single" takes one file, still in a list. ``file_types``: what the chooser offers
    (".csv", or "image", "video", "audio", "text"); ``type``: "file" (paths), "binary" or
    "bytes" (bytes) or "filepath" (plain path strings); ``height``: pixels, the list scrolls past it."""

    value: Any = None
    _: KW_ONLY
    file_count: str = "multiple"
    file_types: list[str] | None = None
    type: str = "file"
    height: int | float | None = None
    show_label: bool | None = True

    kind = "files"
    expects = "a list of file paths"
    takes_upload = True

    def __post_init__(self) -> None:
        one_of(f"{self.describe()}: file_count", self.file_count, ("single", "multiple", "directory"))
        one_of(f"{self.describe()}: type", self.type, ("file", "filepath", "binary", "bytes"))
        if self.height is not None and (not isinstance(self.height, (int, float)) or self.height <= 0):
            raise ConfigurationError(f"{self.describe()}: height must be a number of pixels, got {self.height!r}")

    # ---- values -------------------------------------------------------------------------
    @override
    def check(self, payload: Any, limits: Limits) -> None:
        if payload is None:
            return
        if not isinstance(payload, list):
            raise self.reject(f"expected a list of files (data URLs), got {type_name(payload)}")
        for item in payload:
            super().check(item, limits)
            if item is None:
                raise self.reject("expected a file (a data URL), got null")

    @override
    def preprocess(self, payload: Any) -> list[Any] | None:
        if payload is None:
            return None
        items = payload if isinstance(payload, list) else [payload]
        return [self._one(item) for item in items]

    def _one(self, item: Any) -> Any:
        if isinstance(item, MediaFile):  # an upload of the page's session: already a file of ours
            return item.read() if self.type in ("binary", "bytes") else self._path(str(item.path))
        if not isinstance(item, str):
            raise self.reject(f"expected a file, got {type_name(item)}")
        if not _codecs.is_data_url(item):  # a developer's own value (Interface.__call__, examples)
            if not Path(item).is_file():
                raise self.reject(f"no such file: {item[:80]!r}")
            return Path(item).read_bytes() if self.type in ("binary", "bytes") else self._path(item)
        data, mime = _codecs.from_data_url(item)
        if self.type in ("binary", "bytes"):
            return data
        from ..storage.tempfiles import save_temp
        return self._path(str(save_temp(data, mime)))

    def _path(self, path: str) -> Any:
        return path if self.type == "filepath" else UploadedFile(path)

    @override
    def postprocess(self, value: Any) -> list[_codecs.Media] | None:
        if value is None:
            return None
        items = list(value) if isinstance(value, (list, tuple)) else [value]
        return [self._url(item, number) for number, item in enumerate(items)]

    def _url(self, item: Any, number: int) -> _codecs.Media:
        if isinstance(item, bytes):
            return _codecs.media_out(item, "application/octet-stream")
        path = getattr(item, "name", item)
        if _codecs.is_media(path):
            return path  # type: ignore[no-any-return]
        if not isinstance(path, (str, Path)) or not Path(path).is_file():
            raise self.reject(f"file {number}: no such file: {str(path)[:80]!r}")
        return file_data_url(path)

    @override
    def initial_payload(self) -> Any:
        return self.postprocess(self.value() if callable(self.value) else self.value)

    def accept(self) -> str:
        """The chooser's accept= list."""
        return ",".join(_KINDS.get(kind, kind) for kind in self.file_types) if self.file_types else "*/*"

    # ---- rendering ----------------------------------------------------------------------
    @override
    def render(self, role: Role, limits: Limits) -> View:
        from nicegui import ui
        with ui.column().classes("w-full gap-1") as box:
            caption(self)
            zone = None
            if role == "input" and self.interactive is not False:
                from .files_zone import render_files_upload
                what = "a folder" if self.file_count == "directory" else "files"
                zone = render_files_upload(self, limits, self.accept(), what=what,
                                           directory=self.file_count == "directory")
                with zone:
                    listing = _Listing(self, downloads=False)
            else:
                listing = _Listing(self, downloads=True)

        def show(payload: Any) -> None:
            listing.show(payload)
            if zone is not None:
                zone.set_empty(not payload)
        first = self.initial_payload()
        shown = Shown(show, first)
        show(first)
        if zone is not None:
            zone.deliver_to(shown.set)
        apply_element_options(self, box)
        return shown.view(box)


class _Listing:
    """[UI] The files of a payload, one line each: name and size, as a download link (outputs)."""

    def __init__(self, owner: Files, *, downloads: bool) -> None:
        from nicegui import ui
        self.downloads = downloads
        self.column = ui.column().classes("w-full gap-0 nf-files-list")
        if owner.height is not None:
            self.column.style(f"max-height: {float(owner.height):g}px; overflow-y: auto")

    def show(self, payload: Any) -> None:
        from nicegui import ui
        self.column.clear()
        with self.column:
            for number, item in enumerate(item for item in payload or [] if _codecs.media_source(item)):
                source, mime = _codecs.media_source(item), _codecs.data_url_mime(item)
                name = data_url_name(item) or f"file-{number + 1}{mimetypes.guess_extension(mime) or ''}"
                text = f"{name} · {byte_count(item):,} bytes"
                if self.downloads:
                    link = ui.link(text, "").classes("nf-file-link")
                    link.props["href"] = source  # set as values: never parsed as props text
                    link.props["download"] = name
                else:
                    ui.label(text).classes("nf-drop-file")
