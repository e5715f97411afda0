"""[UI] How pictures are shown: never cropped or distorted, small ones scaled up crisply.

A ``Picture`` is a frame with the picture's own aspect ratio (at most MAX_HEIGHT tall, at
most the column wide) holding an <img> that fills it. The frame *is* the painted picture's
box at every width, so whatever is laid over it (an interpretation heatmap) covers exactly
the picture.
"""
from __future__ import annotations

from typing import Any

from . import _codecs

MAX_HEIGHT = 360
#: pictures smaller than this (either side) are scaled up with crisp pixels, not blurred
PIXELATED_BELOW = 128


def frame_style(size: tuple[int, int] | None) -> str:
    """The frame's CSS for a picture of ``size`` (width, height)."""
    if size is None:
        return ""
    width, height = size
    return f"aspect-ratio: {width} / {height}; width: min(100%, {MAX_HEIGHT * width / height:.1f}px)"


class Picture:
    """A frame showing one data-URL picture, or nothing."""

    def __init__(self, payload: Any = None) -> None:
        from nicegui import ui
        with ui.element("div").classes("nf-image-frame") as self.frame:
            self.image = ui.element("img").classes("nf-image-preview").props('alt="" draggable=false')
        self.show(payload)

    def show(self, payload: Any) -> None:
        source = _codecs.media_source(payload)
        size = _codecs.image_size(source) if source else None
        self.image.props["src"] = source
        self.frame.style(replace=frame_style(size))
        pixelated = size is not None and min(size) < PIXELATED_BELOW
        self.frame.classes(add="nf-pixelated" if pixelated else "", remove="" if pixelated else "nf-pixelated")
        self.frame.set_visibility(size is not None)


class Sketch:
    """What a sketch pad (a Capture in canvas mode) shows: the server's payload drawn on the
    canvas when it did not come from the canvas itself (an example, Clear)."""

    def __init__(self, capture: Any) -> None:
        self.capture = capture
        self.drawn: Any = None  # the last payload the canvas sent

    def from_canvas(self, payload: Any) -> Any:
        self.drawn = payload
        return payload

    def show(self, payload: Any) -> None:
        if payload is None:
            self.capture.run_method("clear", False)
        elif payload != self.drawn:
            self.capture.run_method("load", _codecs.media_source(payload))
        self.drawn = payload
