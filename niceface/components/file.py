"""File and Video: any file in (handed to fn as a path); a download or a player out."""
from __future__ import annotations

import logging
from dataclasses import KW_ONLY
from typing import TYPE_CHECKING, Any, ClassVar

from typing_extensions import override

from ..exceptions import one_of
from ..storage.media import MediaFile
from . import _codecs
from ._named import UploadedFile
from .base import Component, Role, Shown, View, apply_element_options, caption, component

if TYPE_CHECKING:
    from .limits import Limits

log = logging.getLogger("niceface")


@component
class File(Component):
    """A file in (fn gets its path, which is also its ``.name``; ``type="binary"``: its bytes)
    or out (a download link). ``file_types`` limits the choice (".pdf", "image", …);
    ``file_count`` "multiple" or "directory" takes several (see ``Files``)."""

    value: Any = None
    _: KW_ONLY
    file_count: str = "single"
    file_types: list[str] | None = None
    type: str = "file"
    height: int | None = None

    kind = "file"
    expects = "a file path"
    takes_upload = True
    accept = "*/*"

    def __new__(cls, *args: Any, **kwargs: Any) -> Any:
        """``File(file_count="multiple" | "directory")`` is a ``Files`` (a list of files)."""
        if cls is File and kwargs.get("file_count", "single") != "single":
            from .files import Files
            return Files(*args, **kwargs)
        return super().__new__(cls)

    def __post_init__(self) -> None:
        one_of(f"{self.describe()}: file_count", self.file_count, ("single", "multiple", "directory"))
        one_of(f"{self.describe()}: type", self.type, ("file", "filepath", "binary", "bytes"))

    @override
    def preprocess(self, payload: Any) -> Any:
        path = self._preprocess(payload)
        if path is None or self.type not in ("binary", "bytes"):
            return path
        from pathlib import Path
        return Path(path).read_bytes()

    def _preprocess(self, payload: Any) -> UploadedFile | None:
        if payload is None:
            return None
        if isinstance(payload, MediaFile):  # an upload of the page's session: already a file of ours
            return UploadedFile(payload.path)
        if not isinstance(payload, (str, bytes)):
            raise self.reject(f"expected a file, got {type(payload).__name__}")
        if isinstance(payload, str) and not _codecs.is_data_url(payload):
            from pathlib import Path
            if not Path(payload).is_file():
                raise self.reject(f"no such file: {payload[:80]!r}")
            return UploadedFile(payload)
        data, mime = _codecs.from_data_url(payload) if isinstance(payload, str) \
            else (payload, "application/octet-stream")
        from ..storage.tempfiles import save_temp
        return UploadedFile(save_temp(data, mime))

    @override
    def postprocess(self, value: Any) -> _codecs.Media | None:
        if value is None:
            return None
        path = getattr(value, "name", value)
        return path if _codecs.is_media(path) else _codecs.file_to_data_url(path)

    what: ClassVar[str] = "a file"

    @override
    def render(self, role: Role, limits: Limits) -> View:
        from nicegui import ui
        with ui.column().classes("w-full gap-1") as box:
            caption(self)
            if role != "input":
                apply_element_options(self, box)
                return Shown(self._render_value(role)).view(box)
            if getattr(self, "source", "upload") == "webcam":
                return self._render_camera(box, limits)
            from ._upload import render_upload
            accept = ",".join(self.file_types) if self.file_types else self.accept
            zone = render_upload(self, limits, accept, what=self.what)
            with zone:
                show_value = self._render_value(role)

            def show(payload: Any) -> None:
                show_value(payload)
                zone.set_empty(payload is None)
            shown = Shown(show)
            zone.deliver_to(shown.set)
        apply_element_options(self, box)
        return shown.view(box)

    def _render_camera(self, box: Any, limits: Limits) -> View:
        """A camera to record a clip from (Video(source="webcam")), and the clip recorded."""
        from ._upload import checked
        from .capture import Capture
        with box:
            capture = Capture(mode="camcorder", mirror=getattr(self, "mirror_webcam", True),
                              withAudio=getattr(self, "include_audio", None) is not False)
            shown = Shown(self._render_value("output"))
        capture.on_capture(checked(self, limits, shown.set))
        apply_element_options(self, box)
        return shown.view(box)

    def _render_value(self, role: Role) -> Any:
        """What shows a value: a download link (an output), or the chosen file's kind and size."""
        from nicegui import ui
        if role == "input":
            about = ui.label("").classes("nf-drop-file")

            def describe(payload: Any) -> None:
                name = f"{payload.name} · " if isinstance(payload, MediaFile) and payload.name else ""
                about.set_text(f"{name}{_codecs.data_url_mime(payload)} · {_codecs.data_url_size(payload):,} bytes"
                               if _codecs.media_source(payload) else "")
            return describe
        link = ui.link("Download file", "").props("download").classes("nf-file-link")
        link.set_visibility(False)

        def show(payload: Any) -> None:
            link.props["href"] = _codecs.media_source(payload)  # set as a value: never parsed as props text
            link.props["download"] = payload.name if isinstance(payload, MediaFile) and payload.name else True
            link.set_text(f"Download {payload.name}" if isinstance(payload, MediaFile) and payload.name
                          else "Download file")
            link.set_visibility(payload is not None)
        return show


@component
class Video(File):
    """A video in (an upload; fn gets its path) or out (a player: ``autoplay``, at most
    ``height`` × ``width`` pixels)."""

    value: Any = None
    _: KW_ONLY
    format: str | None = None
    source: str = "upload"
    width: int | None = None
    mirror_webcam: bool = True
    include_audio: bool | None = None
    autoplay: bool = False

    kind = "video"
    accept = "video/*"
    accept_types = ("video/",)
    what = "a video"

    @override
    def __post_init__(self) -> None:
        if self.type in ("mp4", "webm", "ogg", "avi", "mov"):  # Gradio 3.0's Video(type=) was the format
            self.format, self.type = self.type, "file"
        super().__post_init__()
        one_of(f"{self.describe()}: source", self.source, ("upload", "webcam"))
        if self.format not in (None, "mp4", "webm", "ogg"):
            log.warning("%s: format=%r: videos are sent as fn gives them", self.describe(), self.format)

    @override
    def _render_value(self, role: Role) -> Any:
        from nicegui import ui
        player = ui.video("", autoplay=self.autoplay and role == "output", muted=self.autoplay) \
            .classes("w-full nf-video-player")
        size = "".join(f"max-{side}: {value}px;" for side, value in (("height", self.height), ("width", self.width))
                       if value)
        if size:
            player.style(size)
        player.set_visibility(False)

        def show(payload: Any) -> None:
            player.set_source(_codecs.media_source(payload))
            player.set_visibility(payload is not None)
        return show


@component
class UploadButton(File):
    """Gradio's upload button: a file input whose first argument is its label. It is shown as
    a drop zone (click it, drop on it or paste into it), which also works as a button."""

    label: str | None = "Upload a File"
    value: Any = None
    _: KW_ONLY
    variant: str = "secondary"
    size: str | None = None
    interactive: bool | None = True

    def __new__(cls, *args: Any, **kwargs: Any) -> Any:
        if kwargs.get("file_count", "single") != "single":
            from .files import Files
            label = args[0] if args else kwargs.pop("label", "Upload files")
            kwargs.pop("variant", None)
            kwargs.pop("size", None)
            return Files(*args[1:2], label=label, **kwargs)
        return object.__new__(cls)
