"""[UI] What media inputs take from a browser: uploads and captures, checked before use.

A value that came from a browser is data, never a path: an upload is written, as it arrives,
to a new file of the page's session (a ``MediaFile``, made here and nowhere from a browser's
string); a capture arrives as a data URL. Either passes only if the component's ``check``
accepts it (type, size, pixels), exactly as an API payload must. Anything else is refused
with a message, and the widget keeps what it showed.
"""
from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from ..exceptions import FileTooLargeError, InputError
from ..storage.media import MediaFile, upload_sink
from . import _codecs

if TYPE_CHECKING:
    from .base import Component
    from .limits import Limits

log = logging.getLogger(__name__)
Receiver = Callable[[str | None], Any]
PASTE_FAILED = {"empty": "The clipboard holds no picture: copy one first, then press Paste.",
                "denied": "The browser did not let the page read the clipboard: press Ctrl+V (⌘V) in the area "
                          "instead."}


def checked(component: Component, limits: Limits, on_payload: Receiver) -> Callable[[Any], Any]:
    """``on_payload``, called only with None or a payload ``component.check`` accepts."""
    def receive(value: Any) -> Any:
        return on_payload(value) if accepts(component, limits, value) else None
    return receive


def accepts(component: Component, limits: Limits, value: Any) -> bool:
    """True if ``component`` takes ``value`` from a browser; else False, and the person is told why."""
    try:
        component.check(value, limits)
        parts = value.values() if isinstance(value, dict) else [value]  # a mask drawing: {"image", "mask"}
        if any(part is not None and not _codecs.media_source(part) for part in parts):
            raise component.reject("expected a data URL")  # check() lets only media values through
    except InputError as error:
        refuse(str(error))
        return False
    return True


def render_upload(component: Component, limits: Limits, accept: str, *, what: str = "a file",
                  pastes: bool = False) -> Any:
    """A drop zone (a DropZone: elements made inside it show what was chosen); each finished
    upload goes, as a checked data URL, to the receiver given to its ``deliver_to``."""
    from .dropzone import DropZone
    sink = upload_sink()  # the page session's files (None outside a page: a data URL)

    async def uploaded(event: Any) -> None:
        if limits.max_file_size is not None and event.file.size() > limits.max_file_size:
            refuse(f"That file was refused: it is larger than {limits.max_file_size:,} bytes.")
            return
        mime = event.file.content_type or "application/octet-stream"
        if sink is None:
            payload: Any = _codecs.to_data_url(await event.file.read(), mime)
        else:
            try:
                payload = await sink.receive(event.file.iterate(), mime, limits.max_file_size, event.file.name)
            except FileTooLargeError as error:
                refuse(f"That file was refused: {error}.")
                return
        if not accepts(component, limits, payload):
            if isinstance(payload, MediaFile):
                payload.remove()  # refused: nothing of it is kept
            return
        result = zone.target(payload)
        if isinstance(result, Awaitable):
            await result

    def rejected() -> None:
        limit = f" (the limit is {limits.max_file_size:,} bytes)" if limits.max_file_size else ""
        refuse(f"That file was refused: it is too large or not of an accepted type{limit}.")

    zone = DropZone(accept=accept, what=what, pastes=pastes, max_file_size=limits.max_file_size,
                    label=f"{component.describe()}: choose {what}")
    zone.on_upload(uploaded)
    zone.on_rejected(rejected)
    zone.on("paste_failed", lambda event: refuse(PASTE_FAILED.get(str(event.args), PASTE_FAILED["empty"])))
    zone.classes("w-full nf-upload")
    return zone


def refuse(message: str) -> None:
    from nicegui import ui
    log.info("a browser value was refused: %s", message)
    ui.notify(message, type="negative", multi_line=True)
