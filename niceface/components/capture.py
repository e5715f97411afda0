"""[UI] Capture element: a webcam snapshot, a sketch on a canvas, or a microphone recording.

The browser side (capture.js) sends each capture as a data URL (PNG, or 16-bit WAV).
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from nicegui.element import Element


class Capture(Element, component="capture.js"):
    def __init__(self, *, mode: str, on_capture: Callable[[str | None], Any]) -> None:
        super().__init__()
        self._props["mode"] = mode
        self.classes(f"nf-capture nf-capture-{mode}")
        self.on("capture", lambda event: on_capture(event.args))
