"""[UI] Capture element: a webcam snapshot, a sketch on a canvas, or a microphone recording.

The browser side (capture.js) sends each capture as a data URL (PNG, or 16-bit WAV).
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from nicegui.element import Element


class Capture(Element, component="capture.js"):
    """A capture widget; elements made inside it are laid over the sketch (canvas mode)."""

    def __init__(self, *, mode: str, on_capture: Callable[[str | None], Any] | None = None, **options: Any) -> None:
        """``options``: brushRadius, brushColor, colors (a pen colour input), mirror (webcam),
        streamEvery (webcam: ms between the frames sent as "frame" events; 0: none)."""
        super().__init__()
        self._props["mode"] = mode
        self._props.update(options)
        self.classes(f"nf-capture nf-capture-{mode}")
        if on_capture is not None:
            self.on_capture(on_capture)

    def on_capture(self, handler: Callable[[Any], Any]) -> None:
        """Call ``handler(value)`` with each capture the browser sends (unchecked: check it)."""
        self.on("capture", lambda event: handler(event.args))

    def on_frame(self, handler: Callable[[Any], Any]) -> None:
        """Call ``handler(value)`` with each streamed frame (unchecked: check it)."""
        self.on("frame", lambda event: handler(event.args))
