"""Model3D: a 3D model (.glb, .gltf, .stl or .obj) in (handed to fn as a path) and out (shown
in a viewer you can turn and zoom). The viewer is NiceGUI's three.js scene, served by
NiceGUI itself: nothing is fetched from elsewhere."""
from __future__ import annotations

from dataclasses import KW_ONLY
from pathlib import Path
from typing import TYPE_CHECKING, Any

from typing_extensions import override

from ..exceptions import ConfigurationError, InputError
from . import _codecs, _meshes
from ._named import byte_count
from .base import Component, Role, Shown, View, apply_element_options, caption, component, type_name

if TYPE_CHECKING:
    from .limits import Limits

ACCEPT = ".glb,.gltf,.stl,.obj"


@component
class Model3D(Component):
    """``clear_color``: the background as (r, g, b, a), each 0 to 1 (a transparent one shows
    the panel's colour); ``camera_position``: (alpha, beta, radius) as in Gradio: the degrees
    round the vertical axis and down from it, and the distance from the model's centre in the
    model's units (each None: the front view, far enough to see the whole model);
    ``zoom_speed``: how fast the wheel or a pinch zooms; ``height``: pixels.

    A .gltf file must hold its buffers and textures inside it (data URIs): files it names
    beside it are never read."""

    value: Any = None
    _: KW_ONLY
    clear_color: tuple[float, float, float, float] | list[float] | None = None
    camera_position: tuple[float | None, float | None, float | None] | list[float | None] = (None, None, None)
    zoom_speed: float = 1
    height: int | None = None

    kind = "model3d"
    expects = "a path to a .glb, .gltf, .stl or .obj file"
    takes_upload = True
    # any declared type: browsers name model files inconsistently; check_content reads the file itself

    def __post_init__(self) -> None:
        if self.clear_color is not None and (len(self.clear_color) != 4
                                             or not all(0 <= float(c) <= 1 for c in self.clear_color)):
            raise ConfigurationError(f"{self.describe()}: clear_color must be 4 numbers from 0 to 1 (r, g, b, a), "
                                     f"got {self.clear_color!r}")
        if len(self.camera_position) != 3:
            raise ConfigurationError(f"{self.describe()}: camera_position must be (alpha, beta, radius), "
                                     f"got {self.camera_position!r}")
        if float(self.zoom_speed) <= 0:
            raise ConfigurationError(f"{self.describe()}: zoom_speed must be above 0, got {self.zoom_speed!r}")

    # ---- values -------------------------------------------------------------------------
    @override
    def check_content(self, payload: str, limits: Limits) -> None:
        try:
            _meshes.model_format(_codecs.from_data_url(payload)[0])
        except InputError as error:
            raise self.reject(str(error)) from None

    @override
    def preprocess(self, payload: Any) -> str | None:
        if payload is None:
            return None
        if isinstance(payload, str) and not _codecs.is_data_url(payload):  # a developer's own value (examples)
            if not Path(payload).is_file():
                raise self.reject(f"no such file: {payload[:80]!r}")
            return payload
        if not _codecs.is_media(payload):
            raise self.reject(f"expected a 3D model file, got {type_name(payload)}")
        data = _codecs.from_data_url(payload)[0]
        kind = self._format(data)
        from ..storage.tempfiles import save_temp
        return str(save_temp(data, _meshes.MIME_TYPES[kind]))

    @override
    def postprocess(self, value: Any) -> _codecs.Media | None:
        if value is None:
            return None
        path = getattr(value, "name", value)
        if _codecs.is_media(path):
            data = _codecs.from_data_url(path)[0]
        elif isinstance(path, (str, Path)):
            data = _codecs.read_bytes(Path(path))
        else:
            raise self.reject(f"expected a file path, got {type_name(value)}")
        return _codecs.media_out(data, _meshes.MIME_TYPES[self._format(data)])

    @override
    def initial_payload(self) -> Any:
        return self.postprocess(self.value() if callable(self.value) else self.value)

    def _format(self, data: bytes) -> str:
        try:
            return _meshes.model_format(data)
        except InputError as error:
            raise self.reject(str(error)) from None

    # ---- rendering ----------------------------------------------------------------------
    def background(self) -> str:
        """The scene's background colour (CSS); a transparent clear_color gives the panel's."""
        red, green, blue, alpha = self.clear_color or (0, 0, 0, 0)
        if float(alpha) == 0:
            return "#f5f6f8"
        return "#" + "".join(f"{round(255 * float(c)):02x}" for c in (red, green, blue))

    @override
    def render(self, role: Role, limits: Limits) -> View:
        from nicegui import ui

        from ._model_view import ModelView
        first = self.initial_payload()
        with ui.column().classes("w-full gap-1") as box:
            caption(self)
            zone = about = None
            if role == "input" and self.interactive is not False:
                from ._upload import render_upload
                zone = render_upload(self, limits, ACCEPT, what="a 3D model (.glb, .gltf, .stl, .obj)")
                with zone:
                    about = ui.label("").classes("nf-drop-file")
            viewer = ModelView(self)

        def show(payload: Any) -> None:
            viewer.show(payload)
            if zone is not None and about is not None:
                source = _codecs.media_source(payload)
                about.set_text(f"{_codecs.data_url_mime(payload)} · {byte_count(payload):,} bytes"
                               if source else "")
                zone.set_empty(not source)
        shown = Shown(show, first)
        show(first)
        if zone is not None:
            zone.deliver_to(shown.set)
        apply_element_options(self, box)
        return shown.view(box)
