"""Files a loaded Gradio app answers with: untrusted data, fetched from that app only.

A remote app's answer for a file output is a FileData dict (``{"path", "url", ...}``), or
in old versions a data URL. It never becomes a local path (an answer "/etc/passwd" must not
make this server read that file) and never a fetch from anywhere else (an answer with
``url: "http://10.0.0.1/admin"`` must not make this server request it): a file is downloaded
only from the app's own origin, without following redirects, and at most
``NICEFACE_LOAD_MAX_BYTES`` bytes (default 100 MB), into a temporary file of ours.
"""
from __future__ import annotations

import os
from typing import Any
from urllib.parse import quote, urljoin, urlsplit

from ...components._codecs import from_data_url, is_data_url
from ...exceptions import Error
from ...storage.tempfiles import save_temp, temp_folder

DEFAULT_MAX_BYTES = 100 * 1024 * 1024


def max_bytes() -> int:
    return int(os.environ.get("NICEFACE_LOAD_MAX_BYTES") or DEFAULT_MAX_BYTES)


class RemoteFiles:
    """Fetches the files one remote app answers with; ``root`` is the URL its file routes
    hang from (gradio_client's ``src_prefixed``), ``headers``/``cookies`` its credentials."""

    def __init__(self, name: str, root: str, headers: dict[str, str] | None = None,
                 cookies: dict[str, str] | None = None) -> None:
        self.name, self.root = name, root if root.endswith("/") else root + "/"
        self.headers, self.cookies = headers or {}, cookies or {}
        self.origin = _origin(self.root)

    def local(self, value: Any) -> str | None:
        """The path of a local copy of what the app answered for a file output."""
        if value is None:
            return None
        if isinstance(value, str) and is_data_url(value):
            data, mime = from_data_url(value)
            return str(save_temp(data, mime))
        if isinstance(value, dict) and isinstance(value.get("path") or value.get("url"), str):
            return self._download(self._address(value), value)
        shown = repr(value)[:80]
        raise Error(f"{self.name}: the app answered {shown} where a file was expected; refused "
                    "(a loaded app's answers are data, never paths on this server)")

    def _address(self, file: dict[str, Any]) -> str:
        url = file.get("url")
        if isinstance(url, str) and url:
            address = urljoin(self.root, url)
        else:
            address = f"{self.root}file={quote(str(file['path']), safe='/')}"
        if _origin(address) != self.origin:
            raise Error(f"{self.name}: the app answered a file at {address[:80]!r}, which is not on "
                        f"{'{}://{}:{}'.format(*self.origin)}; refused (files are fetched from the loaded app only)")
        return address

    def _download(self, address: str, file: dict[str, Any]) -> str:
        import httpx

        limit, received = max_bytes(), bytearray()
        try:
            with httpx.stream("GET", address, headers=self.headers, cookies=self.cookies, timeout=120,
                              follow_redirects=False) as response:
                if response.status_code != 200:
                    raise Error(f"{self.name}: fetching a result file answered HTTP {response.status_code}")
                for chunk in response.iter_bytes():
                    received += chunk
                    if len(received) > limit:
                        raise Error(f"{self.name}: a result file is larger than {limit:,} bytes; refused "
                                    "(NICEFACE_LOAD_MAX_BYTES sets the limit)")
                mime = response.headers.get("content-type", "application/octet-stream")
        except httpx.HTTPError as error:
            raise Error(f"{self.name}: could not fetch a result file: {error}") from error
        return str(save_temp(bytes(received), _mime(file, mime), folder=temp_folder("downloads")))


def _origin(url: str) -> tuple[str, str, int | None]:
    parts = urlsplit(url)
    default = {"http": 80, "https": 443}.get(parts.scheme)
    return parts.scheme, (parts.hostname or "").lower(), parts.port or default


def _mime(file: dict[str, Any], served: str) -> str:
    """The file's type: as the app declared it, else by its name, else as it was served."""
    declared = file.get("mime_type")
    if isinstance(declared, str) and "/" in declared:
        return declared
    name = str(file.get("orig_name") or file.get("path") or "")
    import mimetypes
    guessed = mimetypes.guess_type(name)[0]
    return guessed or served.split(";", maxsplit=1)[0]

