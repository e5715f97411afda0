"""[UI] DropZone: NiceGUI's upload element (its HTTP route and handlers) with our own face:
the whole area a drop target and a button, a paste path for pictures, and room inside for a
preview of what was chosen (elements made inside it)."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from nicegui import ui


class Zone(ui.upload):
    """What both drop zones share: props for what they take, the receiver of each checked
    upload (``deliver_to``) and whether something is chosen (``set_empty``)."""

    def __init__(self, *, accept: str, what: str, max_file_size: int | None, label: str, **props: Any) -> None:
        super().__init__(auto_upload=True, max_file_size=max_file_size, label=label,
                         multiple=bool(props.pop("multiple", False)))
        self._props.update(accept=accept, what=what, **props)
        self.target: Callable[[Any], Any] = lambda _payload: None

    def deliver_to(self, receiver: Callable[[Any], Any]) -> None:
        """Hand each checked upload to ``receiver``."""
        self.target = receiver

    def set_empty(self, empty: bool) -> None:
        """Whether nothing is chosen (the hint shows) or something is (what was chosen shows)."""
        self._props["empty"] = empty
        self.update()


class DropZone(Zone, component="dropzone.js"):
    """An upload area; ``what`` names what it takes ("an image"), ``pastes`` offers the clipboard."""

    def __init__(self, *, accept: str, what: str, pastes: bool = False, max_file_size: int | None = None,
                 label: str = "") -> None:
        super().__init__(accept=accept, what=what, max_file_size=max_file_size, label=label, pastes=pastes)
