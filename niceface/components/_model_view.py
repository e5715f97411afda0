"""[UI] A Model3D's viewer: NiceGUI's three.js scene (served by NiceGUI) holding one model,
stood up as Gradio's viewer shows it (glTF's and OBJ's "y is up"), centred, scaled to a
fixed size, and seen from Gradio's camera position. OBJ files are shown as STL meshes."""
from __future__ import annotations

import math
from typing import Any, Protocol

from nicegui import ui

from . import _codecs, _meshes


class Model3D(Protocol):
    """What the viewer reads of its Model3D (a Protocol: the viewer does not import it)."""

    @property
    def height(self) -> int | None: ...
    @property
    def zoom_speed(self) -> float: ...
    @property
    def camera_position(self) -> Any: ...
    def background(self) -> str: ...

SIZE = 10.0  # the model's diagonal in the scene, whatever its units
DEFAULT_ALPHA, DEFAULT_BETA, DISTANCE = -90.0, 90.0, 1.5  # Gradio's front view, 1.5 diagonals away
MESH_COLOUR = "#9ca3af"  # STL and OBJ files carry no colour


class ModelView:
    """The scene of one Model3D on one page; ``show`` puts a payload in it."""

    def __init__(self, model: Model3D) -> None:
        self.model = model
        camera = ui.scene.perspective_camera(fov=45, near=0.01, far=1000)
        self.scene = ui.scene(grid=False, background_color=model.background(), camera=camera) \
            .classes("w-full nf-model3d-scene").style(f"height: {int(model.height or 360)}px")
        speed = float(model.zoom_speed)
        self.scene.on("init", lambda: self.scene.client.run_javascript(
            f"const s = getElement({self.scene.id}); if (s && s.controls) s.controls.zoomSpeed = {speed!r};"))

    def show(self, payload: Any) -> None:
        self.scene.delete_objects()  # the scene stays visible: hidden, three.js would size its canvas to nothing
        source = _codecs.media_source(payload)
        if not source:
            return
        data = _codecs.from_data_url(payload)[0]
        kind = _meshes.model_format(data)
        box = _meshes.bounds(data, kind)
        if kind == "obj":
            source, kind = _codecs.to_data_url(_meshes.obj_to_stl(data), "model/stl"), "stl"
        with self.scene:
            thing = self.scene.gltf(source) if kind in ("glb", "gltf") else self.scene.stl(source).material(MESH_COLOUR)
        scale, (x, y, z) = fit(box)
        thing.scale(scale).rotate(math.pi / 2, 0, 0).move(-scale * x, scale * z, -scale * y)  # y up → z up
        self.scene.move_camera(*camera_at(self.model.camera_position, scale), 0, 0, 0, 0, 0, 1, duration=0)


def fit(box: _meshes.Box | None) -> tuple[float, tuple[float, float, float]]:
    """The scale that gives the model a diagonal of SIZE, and its box's centre."""
    if box is None:
        return 1.0, (0.0, 0.0, 0.0)
    low, high = box
    diagonal = math.dist(low, high)
    centre = ((low[0] + high[0]) / 2, (low[1] + high[1]) / 2, (low[2] + high[2]) / 2)
    return (SIZE / diagonal if diagonal > 0 else 1.0), centre


def camera_at(position: Any, scale: float) -> tuple[float, float, float]:
    """Gradio's (alpha, beta, radius) camera, in degrees and model units, as a point of the
    scene (z up): alpha turns round the vertical axis, beta comes down from it."""
    alpha, beta, radius = (list(position) + [None] * 3)[:3]
    alpha = math.radians(DEFAULT_ALPHA if alpha is None else float(alpha))
    beta = math.radians(min(179.0, max(1.0, DEFAULT_BETA if beta is None else float(beta))))
    distance = DISTANCE * SIZE if radius is None else float(radius) * scale
    return (distance * math.cos(alpha) * math.sin(beta), distance * math.sin(alpha) * math.sin(beta),
            distance * math.cos(beta))
