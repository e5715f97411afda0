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


def frame_style(size: tuple[int, int] | None, max_height: int | None = None, max_width: int | None = None) -> str:
    """The frame's CSS for a picture of ``size`` (width, height), at most ``max_height`` tall
    (default MAX_HEIGHT) and ``max_width`` wide (default: the column)."""
    if size is None:
        return ""
    width, height = size
    widest = (max_height or MAX_HEIGHT) * width / height
    if max_width:
        widest = min(widest, max_width)
    return f"aspect-ratio: {width} / {height}; width: min(100%, {widest:.1f}px)"


class Picture:
    """A frame showing one data-URL picture, or nothing; ``height`` / ``width`` bound its size
    in pixels (Image(height=, width=)); ``download`` adds a download button."""

    def __init__(self, payload: Any = None, *, height: int | None = None, width: int | None = None,
                 download: bool = False) -> None:
        from nicegui import ui
        self.height, self.width = height, width
        with ui.element("div").classes("nf-image-frame") as self.frame:
            self.image = ui.element("img").classes("nf-image-preview").props('alt="" draggable=false')
            self.download = ui.element("a").classes("nf-download").props('download="image.png" aria-label="Download"') \
                if download else None
            if self.download is not None:
                with self.download:
                    ui.icon("download")
        self.show(payload)

    def show(self, payload: Any) -> None:
        source = _codecs.media_source(payload)
        size = _codecs.image_size(payload) if source else None
        self.image.props["src"] = source
        if self.download is not None:
            self.download.props["href"] = source
        self.frame.style(replace=frame_style(size, self.height, self.width))
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
