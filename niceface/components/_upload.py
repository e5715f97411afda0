"""[UI] The upload picker shared by Image, Audio, Video and File inputs."""
from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from . import _codecs

#: set by launch(): largest upload in bytes, or None for no limit
max_file_size: int | None = None


def render_upload(accept: str, on_payload: Callable[[str | None], Any], label: str = "") -> Any:
    """An auto-uploading picker; each finished upload arrives as a data URL."""
    from nicegui import ui

    async def uploaded(event: Any) -> None:
        data = await event.file.read()
        upload.reset()
        if max_file_size is not None and len(data) > max_file_size:
            rejected()
            return
        mime = event.file.content_type or "application/octet-stream"
        result = on_payload(_codecs.to_data_url(data, mime))
        if isinstance(result, Awaitable):
            await result

    def rejected() -> None:
        limit = f" (the limit is {max_file_size:,} bytes)" if max_file_size else ""
        ui.notify(f"That file was refused: it is too large or not of an accepted type{limit}.", type="negative")

    upload = ui.upload(label=label or "Drop a file or click to choose", auto_upload=True,
                       max_file_size=max_file_size, on_upload=uploaded, on_rejected=rejected)
    upload.props(f'accept="{accept}" flat bordered').classes("w-full nf-upload")
    return upload
