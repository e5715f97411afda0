"""[UI] Drawing on an uploaded picture: Image(tool="sketch") (a mask: fn gets {"image",
"mask"}) and Image(tool="color-sketch") (fn gets the picture with the strokes on it)."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from . import _codecs
from .base import Shown

if TYPE_CHECKING:
    from .base import Component
    from .limits import Limits


def render_drawing(image: Component, limits: Limits, first: Any, *, masks: bool, brush_radius: float | None,
                   brush_color: str) -> tuple[Shown, Any]:
    """A drop zone to choose the picture, and under it the picture to draw on: a mask (white
    where drawn; the payload is {"image", "mask"}) or, without ``masks``, colours on it."""
    from ._upload import checked, render_upload
    from .capture import Capture
    zone = render_upload(image, limits, "image/*", what="an image to draw on", pastes=True)
    capture = Capture(mode="overlay", colors=not masks, brushRadius=brush_radius or 0, brushColor=brush_color)

    def picture_of(payload: Any) -> str:
        return _codecs.media_source(payload.get("image") if isinstance(payload, dict) else payload)

    def show(payload: Any) -> None:
        source = picture_of(payload)
        if source != shown_picture[0]:  # a new picture (not a stroke on the one shown): start it clean
            shown_picture[0] = source
            capture.run_method("show", source or None)

    shown_picture: list[str] = [""]
    shown = Shown(show, first)
    show(first)

    def chosen(payload: Any) -> None:
        shown.set({"image": payload, "mask": None} if masks and payload is not None else payload)
    zone.deliver_to(chosen)
    accept = checked(image, limits, _from_strokes(shown))

    def stroke(payload: Any) -> Any:
        """A mask drawn: on the picture the server holds (the browser's copy of it is ignored)."""
        if isinstance(payload, dict):
            held = shown.payload.get("image") if isinstance(shown.payload, dict) else shown.payload
            payload = {**payload, "image": held}
        return accept(payload)
    capture.on_capture(stroke)
    return shown, capture


def _from_strokes(shown: Shown) -> Any:
    """What a stroke sends ({"image", "mask"}, or the painted picture) becomes the payload; the
    canvas already shows it, so it is not drawn again (that would start the picture clean)."""
    def receive(payload: Any) -> None:
        shown.payload = payload
        shown.changed()
    return receive
