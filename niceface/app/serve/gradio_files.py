"""Files of Gradio-protocol callers, by reference: ``POST /gradio_api/upload`` and
``GET /gradio_api/file=<path>``.

A caller is the client's browser key (the ``niceface_browser`` cookie, given with the config
document; gradio_client keeps it) together with the signed-in user, if any. Each upload, and
each media output of a run, becomes a file of that caller (a ``MediaFile`` in a folder of its
own) named by a random reference ``<owner>/<random>/<its name>``. A path string that comes back
(in a FileData, or after ``file=``) is only ever looked up in the table of references this
server made for that same caller: it is never opened as a path, and another caller's
reference, a made-up one or ``/etc/passwd`` are all "no such file" (404, or an input error).
A caller's files go when it has been idle for ``IDLE_SECONDS`` (``sweep``), and at exit.
"""
from __future__ import annotations

import mimetypes
import re
import secrets
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, PlainTextResponse, Response

from ...components import _codecs
from ...components.limits import Limits
from ...exceptions import FileTooLargeError, InputError
from ...storage.media import MediaFile, MediaStore, Sink, browser_key
from ..core.visitor import visitor_of

PREFIX = "/gradio_api"
MAX_PARTS = 64
IDLE_SECONDS = 3600.0
_CHUNK = 1024 * 1024
_INLINE = ("image/", "audio/", "video/")
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]")


@dataclass(frozen=True, slots=True)
class Caller:
    """Who calls through the Gradio protocol: the browser key and the signed-in user."""

    key: str
    user: str | None = None

    @classmethod
    def of(cls, request: Any) -> Caller | None:
        key = browser_key(request)
        return None if key is None else cls(key, visitor_of(request.state).username)


@dataclass(eq=False)
class CallerFiles:
    """The files each caller uploaded or was answered with, and the table that names them."""

    limits: Limits
    store: MediaStore = field(default_factory=MediaStore)
    owners: dict[Caller, str] = field(default_factory=dict)
    refs: dict[str, tuple[MediaFile, Caller]] = field(default_factory=dict)
    used: dict[Caller, float] = field(default_factory=dict)

    def sink(self, caller: Caller) -> Sink:
        """Where new files of ``caller`` go."""
        self.used[caller] = time.monotonic()
        owner = self.owners.get(caller)
        if owner is None:
            owner = self.owners[caller] = f"g{secrets.token_hex(12)}"
        return self.store.open_session(owner, caller.key)

    def publish(self, caller: Caller, payload: Any, base: str) -> dict[str, Any]:
        """A media payload of a run (a file of the caller, or a data URL) as the FileData that names it."""
        if isinstance(payload, MediaFile) and payload.owner == self.owners.get(caller):
            file = payload
        else:
            data, mime = _codecs.from_data_url(payload)
            file = self.sink(caller).save(data, mime)
        ref = _reference(file)
        self.refs[ref] = (file, caller)
        return {"path": ref, "url": f"{base}{PREFIX.lstrip('/')}/file={ref}", "size": file.size(),
                "orig_name": file.name or file.path.name, "mime_type": file.mime, "is_stream": False,
                "meta": {"_type": "gradio.FileData"}}

    def resolve(self, caller: Caller, value: dict[str, Any]) -> MediaFile:
        """The caller's own file a FileData names; InputError for any other path."""
        file = self.lookup(caller, value.get("path"))
        if file is None:
            raise InputError(f"no uploaded file {str(value.get('path'))[:80]!r}: upload it first "
                             f"(POST {PREFIX}/upload) and send the path that answered")
        return file

    def lookup(self, caller: Caller | None, ref: Any) -> MediaFile | None:
        entry = self.refs.get(ref) if isinstance(ref, str) else None
        if caller is None or entry is None or entry[1] != caller or not entry[0].path.is_file():
            return None
        self.used[caller] = time.monotonic()
        return entry[0]

    async def receive(self, caller: Caller, part: UploadFile) -> str:
        """An uploaded part as a file of the caller (within the limits); its reference."""
        mime = (part.content_type or "").lower()
        if not mime or mime == "application/octet-stream":
            mime = mimetypes.guess_type(str(part.filename or ""))[0] or "application/octet-stream"
        file = await self.sink(caller).receive(_chunks(part), mime, self.limits.max_file_size, part.filename)
        if mime.startswith("image/"):
            try:
                _codecs.image_pixels_ok(file.head(256 * 1024), file.read, self.limits.max_image_pixels)
            except InputError:
                file.path.unlink(missing_ok=True)
                raise
        ref = _reference(file)
        self.refs[ref] = (file, caller)
        return ref

    def sweep(self, busy: set[Caller], now: float | None = None) -> int:
        """Drop the files of callers idle for IDLE_SECONDS (not those in ``busy``); how many callers."""
        now = time.monotonic() if now is None else now
        idle = [caller for caller, at in self.used.items() if now - at > IDLE_SECONDS and caller not in busy]
        for caller in idle:
            self.drop(caller)
        return len(idle)

    def drop(self, caller: Caller) -> None:
        owner = self.owners.pop(caller, None)
        self.used.pop(caller, None)
        self.refs = {ref: entry for ref, entry in self.refs.items() if entry[1] != caller}
        if owner is not None:
            self.store.drop(owner)


def _reference(file: MediaFile) -> str:
    """``<owner>/<random>/<the file's own name>``: clients name a download after its last part.
    Only a key of the table: nothing is ever opened by it."""
    name = _UNSAFE.sub("_", file.name or file.path.name)[-100:].lstrip(".") or "file"
    return f"{file.owner}/{file.path.parent.name}/{name}"


async def _chunks(part: UploadFile) -> Any:
    while chunk := await part.read(_CHUNK):
        yield chunk


def register(app: Any, files: CallerFiles) -> None:
    """The upload and download routes."""
    async def upload(request: Request) -> Response:
        caller = Caller.of(request)
        if caller is None:
            return JSONResponse({"detail": "get the config document first (GET /config): it gives the key "
                                           "your files belong to"}, 400)
        try:
            async with request.form(max_files=MAX_PARTS, max_fields=MAX_PARTS) as form:
                parts = [part for name, part in form.multi_items() if name == "files" and isinstance(part, UploadFile)]
                return JSONResponse([await files.receive(caller, part) for part in parts])
        except FileTooLargeError as error:
            return JSONResponse({"detail": str(error)}, 413)
        except InputError as error:
            return JSONResponse({"detail": str(error)}, 422)

    def download(ref: str, request: Request) -> Response:
        file = files.lookup(Caller.of(request), ref)
        if file is None:
            return PlainTextResponse("no such file", 404, headers={"cache-control": "no-store"})
        inline = file.mime.startswith(_INLINE)
        return FileResponse(file.path, media_type=file.mime, filename=file.name or Path(ref).name,
                            content_disposition_type="inline" if inline else "attachment",
                            headers={"cache-control": "private, no-store", "x-content-type-options": "nosniff",
                                     "content-security-policy": "default-src 'none'; sandbox"})

    app.add_api_route(f"{PREFIX}/upload", upload, methods=["POST"], include_in_schema=False)
    app.add_api_route(f"{PREFIX}/file={{ref:path}}", download, methods=["GET", "HEAD"], include_in_schema=False)
