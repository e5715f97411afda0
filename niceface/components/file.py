"""File and Video: any file in (handed to fn as a path); a download or a player out."""
from __future__ import annotations

from dataclasses import KW_ONLY, dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from typing_extensions import override

from . import _codecs
from .base import Component, Role, Shown, View, apply_element_options

if TYPE_CHECKING:
    from .limits import Limits


class UploadedFile(str):
    """The path of an uploaded file; ``.name`` is the path too, as Gradio's file objects had."""

    @property
    def name(self) -> str:
        return str(self)


@dataclass(eq=False)
class File(Component):
    value: Any = None
    _: KW_ONLY
    file_types: list[str] | None = None

    kind = "file"
    expects = "a file path"
    takes_upload = True
    accept = "*/*"

    @override
    def preprocess(self, payload: Any) -> UploadedFile | None:
        if payload is None:
            return None
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
    def postprocess(self, value: Any) -> str | None:
        if value is None:
            return None
        path = getattr(value, "name", value)
        return path if _codecs.is_data_url(path) else _codecs.file_to_data_url(path)

    what: ClassVar[str] = "a file"

    @override
    def render(self, role: Role, limits: Limits) -> View:
        from nicegui import ui
        with ui.column().classes("w-full gap-1") as box:
            if self.label:
                ui.label(self.label).classes("nf-field-label")
            if role != "input":
                return Shown(self._render_value(role)).view(box)
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

    def _render_value(self, role: Role) -> Any:
        """What shows a value: a download link (an output), or the chosen file's kind and size."""
        from nicegui import ui
        if role == "input":
            about = ui.label("").classes("nf-drop-file")

            def describe(payload: Any) -> None:
                source = _codecs.media_source(payload)
                about.set_text(f"{_codecs.data_url_mime(source)} · {_codecs.data_url_size(source):,} bytes"
                               if source else "")
            return describe
        link = ui.link("Download file", "").props("download").classes("nf-file-link")
        link.set_visibility(False)

        def show(payload: Any) -> None:
            link.props["href"] = _codecs.media_source(payload)  # set as a value: never parsed as props text
            link.set_visibility(payload is not None)
        return show


@dataclass(eq=False)
class Video(File):
    kind = "video"
    accept = "video/*"
    accept_types = ("video/",)
    what = "a video"

    @override
    def _render_value(self, role: Role) -> Any:
        from nicegui import ui
        player = ui.video("").classes("w-full nf-video-player")
        player.set_visibility(False)

        def show(payload: Any) -> None:
            player.set_source(_codecs.media_source(payload))
            player.set_visibility(payload is not None)
        return show
