"""[UI] FilesZone: NiceGUI's upload element (its HTTP route and handlers) with the face of our
drop zone, taking several files at once or a whole folder; each batch goes, as a checked
list of data URLs (each naming its file), to the receiver given to ``deliver_to``."""
from __future__ import annotations

import logging
import mimetypes
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from nicegui import ui

from ..exceptions import InputError
from ._named import named_data_url

if TYPE_CHECKING:
    from .base import Component
    from .limits import Limits

log = logging.getLogger(__name__)


class FilesZone(ui.upload, component="files_zone.js"):
    """An upload area for several files (``directory``: for a folder's files)."""

    def __init__(self, *, accept: str, what: str, directory: bool = False, max_file_size: int | None = None,
                 label: str = "") -> None:
        super().__init__(multiple=True, auto_upload=True, max_file_size=max_file_size, label=label)
        self._props["accept"] = accept
        self._props["what"] = what
        self._props["directory"] = directory
        self.target: Callable[[Any], Any] = lambda _payload: None

    def deliver_to(self, receiver: Callable[[Any], Any]) -> None:
        """Hand each batch (a checked list of data URLs) to ``receiver``."""
        self.target = receiver

    def set_empty(self, empty: bool) -> None:
        """Whether nothing is chosen (the hint shows) or something is (what was chosen shows)."""
        self._props["empty"] = empty
        self.update()


def render_files_upload(component: Component, limits: Limits, accept: str, *, what: str,
                        directory: bool = False) -> FilesZone:
    """A FilesZone whose batches are checked by ``component.check`` before they are delivered."""

    async def uploaded(event: Any) -> None:
        payload = []
        for file in event.files:
            if limits.max_file_size is not None and file.size() > limits.max_file_size:
                return _refuse(f"{file.name} was refused: it is larger than {limits.max_file_size:,} bytes.")
            mime = file.content_type or mimetypes.guess_type(file.name)[0] or "application/octet-stream"
            payload.append(named_data_url(await file.read(), mime, file.name))
        try:
            component.check(payload, limits)
        except InputError as error:
            return _refuse(str(error))
        zone.target(payload)
        return None

    def rejected() -> None:
        limit = f" (the limit is {limits.max_file_size:,} bytes a file)" if limits.max_file_size else ""
        _refuse(f"Those files were refused: one is too large or not of an accepted type{limit}.")

    zone = FilesZone(accept=accept, what=what, directory=directory, max_file_size=limits.max_file_size,
                     label=f"{component.describe()}: choose {what}")
    zone.on_multi_upload(uploaded)
    zone.on_rejected(rejected)
    zone.classes("w-full nf-upload")
    return zone


def _refuse(message: str) -> None:
    log.info("a browser value was refused: %s", message)
    ui.notify(message, type="negative", multi_line=True)
