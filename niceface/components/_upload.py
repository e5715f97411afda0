"""[UI] What media inputs take from a browser: uploads and captures, checked before use.

A value that came from a browser is data, never a path: it passes only as a data URL that
the component's ``check`` accepts (type, size, pixels), exactly as an API payload must.
Anything else is refused with a message, and the widget keeps what it showed.
"""
from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from ..exceptions import InputError
from . import _codecs

if TYPE_CHECKING:
    from .base import Component
    from .limits import Limits

log = logging.getLogger(__name__)
Receiver = Callable[[str | None], Any]


def checked(component: Component, limits: Limits, on_payload: Receiver) -> Callable[[Any], Any]:
    """``on_payload``, called only with None or a payload ``component.check`` accepts."""
    def receive(value: Any) -> Any:
        try:
            component.check(value, limits)
            if value is not None and not _codecs.media_source(value):
                raise component.reject("expected a data URL")  # check() lets only data URLs through
        except InputError as error:
            _refuse(str(error))
            return None
        return on_payload(value)
    return receive


def render_upload(component: Component, limits: Limits, accept: str, on_payload: Receiver) -> Any:
    """An auto-uploading picker; each finished upload arrives as a checked data URL."""
    from nicegui import ui

    receive = checked(component, limits, on_payload)

    async def uploaded(event: Any) -> None:
        upload.reset()
        if limits.max_file_size is not None and event.file.size() > limits.max_file_size:
            _refuse(f"That file was refused: it is larger than {limits.max_file_size:,} bytes.")
            return
        mime = event.file.content_type or "application/octet-stream"
        result = receive(_codecs.to_data_url(await event.file.read(), mime))
        if isinstance(result, Awaitable):
            await result

    def rejected() -> None:
        limit = f" (the limit is {limits.max_file_size:,} bytes)" if limits.max_file_size else ""
        _refuse(f"That file was refused: it is too large or not of an accepted type{limit}.")

    upload = ui.upload(label="Drop a file or click to choose", auto_upload=True,
                       max_file_size=limits.max_file_size, on_upload=uploaded, on_rejected=rejected)
    upload.props["accept"] = accept
    upload.props("flat bordered").classes("w-full nf-upload")
    return upload


def _refuse(message: str) -> None:
    from nicegui import ui
    log.info("a browser value was refused: %s", message)
    ui.notify(message, type="negative", multi_line=True)
