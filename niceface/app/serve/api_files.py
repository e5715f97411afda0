"""Large files for the HTTP API, by reference: ``POST /api/predict`` as ``multipart/form-data``.

    curl -F 'data=[{"upload": "clip"}, 0.5]' -F clip=@clip.mp4 http://127.0.0.1:7860/api/predict

The ``data`` field is the JSON list a JSON body would carry; each ``{"upload": "<field>"}`` in
it stands for the file sent in that field of the same request. Each file is written to disk as
it arrives (never whole in memory, never base64) into a folder of this request only, which is
removed once the answer has gone out. A field name only picks a part of the same body: it is
never a path, and nothing outside the request can be named.
"""
from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path
from typing import Any

from starlette.datastructures import UploadFile
from starlette.requests import Request

from ...exceptions import InputError
from ...storage.db import make_folder
from ...storage.media import MediaFile
from ...storage.tempfiles import suffix_for, temp_folder

MAX_PARTS = 64
_CHUNK = 1024 * 1024


def is_multipart(request: Request) -> bool:
    return request.headers.get("content-type", "").lower().startswith("multipart/form-data")


async def read(request: Request) -> tuple[list[Any], Path]:
    """The inputs of a multipart call (uploads as files of a new folder) and that folder;
    InputError for a body that does not say what it should."""
    folder = Path(tempfile.mkdtemp(prefix="api-", dir=temp_folder("api")))
    try:
        async with request.form(max_files=MAX_PARTS, max_fields=MAX_PARTS) as form:
            text = form.get("data")
            if not isinstance(text, str):
                raise InputError('a multipart call needs a "data" field: the JSON list of inputs')
            try:
                data = json.loads(text)
            except ValueError as error:
                raise InputError(f'the "data" field is not valid JSON: {error}') from None
            if not isinstance(data, list):
                raise InputError('the "data" field must be a JSON list, one value per input')
            files = {name: await _store(part, folder) for name, part in form.multi_items()
                     if isinstance(part, UploadFile)}
    except Exception:
        remove(folder)
        raise
    return [_resolve(value, files) for value in data], folder


def remove(folder: Path | None) -> None:
    if folder is not None:
        shutil.rmtree(folder, ignore_errors=True)


async def _store(part: UploadFile, folder: Path) -> MediaFile:
    mime = (part.content_type or "application/octet-stream").lower()
    make_folder(folder)
    path = Path(tempfile.mkstemp(suffix=suffix_for(mime), dir=folder)[1])
    with path.open("wb") as out:
        while chunk := await part.read(_CHUNK):
            out.write(chunk)
    name = Path(str(part.filename or "").replace("\\", "/")).name or None
    return MediaFile(path, mime, "api", name)


def _resolve(value: Any, files: dict[str, MediaFile]) -> Any:
    """``{"upload": field}`` as the file sent in that field; anything else as it is."""
    if isinstance(value, dict) and set(value) == {"upload"}:
        field = value["upload"]
        if not isinstance(field, str) or field not in files:
            raise InputError(f'{{"upload": {json.dumps(field)}}}: no file was sent in a field of that name')
        return files[field]
    return value
