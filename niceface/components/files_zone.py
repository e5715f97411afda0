"""[UI] FilesZone: our drop zone taking several files at once or a whole folder; each batch
goes, checked, to the receiver given to ``deliver_to``: in a page, as files of its session
(each under its own name, written as it arrives); elsewhere as data URLs naming their files."""
from __future__ import annotations

import mimetypes
from typing import TYPE_CHECKING, Any

from ..exceptions import FileTooLargeError, InputError
from ..storage.media import files_in, upload_sink
from ._named import named_data_url
from ._upload import refuse
from .dropzone import Zone

if TYPE_CHECKING:
    from .base import Component
    from .limits import Limits


class FilesZone(Zone, component="files_zone.js"):
    """An upload area for several files (``directory``: for a folder's files)."""

    def __init__(self, *, accept: str, what: str, directory: bool = False, max_file_size: int | None = None,
                 label: str = "") -> None:
        super().__init__(accept=accept, what=what, max_file_size=max_file_size, label=label, multiple=True,
                         directory=directory)


def render_files_upload(component: Component, limits: Limits, accept: str, *, what: str,
                        directory: bool = False) -> FilesZone:
    """A FilesZone whose batches are checked by ``component.check`` before they are delivered."""
    sink = upload_sink()  # the page session's files (None outside a page: data URLs)

    async def uploaded(event: Any) -> None:
        payload: list[Any] = []
        try:
            for file in event.files:
                if limits.max_file_size is not None and file.size() > limits.max_file_size:
                    raise FileTooLargeError(f"{file.name} is larger than {limits.max_file_size:,} bytes")
                mime = file.content_type or mimetypes.guess_type(file.name)[0] or "application/octet-stream"
                payload.append(named_data_url(await file.read(), mime, file.name) if sink is None
                               else await sink.receive(file.iterate(), mime, limits.max_file_size, file.name))
            component.check(payload, limits)
        except InputError as error:  # FileTooLargeError too: nothing of the batch is kept
            for kept in files_in(payload):
                kept.remove()
            refuse(f"Those files were refused: {error}.")
            return
        zone.target(payload)

    def rejected() -> None:
        limit = f" (the limit is {limits.max_file_size:,} bytes a file)" if limits.max_file_size else ""
        refuse(f"Those files were refused: one is too large or not of an accepted type{limit}.")

    zone = FilesZone(accept=accept, what=what, directory=directory, max_file_size=limits.max_file_size,
                     label=f"{component.describe()}: choose {what}")
    zone.on_multi_upload(uploaded)
    zone.on_rejected(rejected)
    zone.classes("w-full nf-upload")
    return zone

