"""ServeOptions: how one launched app is served (the ``launch()`` options that are not about running fn)."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True, slots=True, kw_only=True)
class ServeOptions:
    """``auth``: a (user, password) pair, a list of them, a callable or a credential file, with
    ``auth_message`` on the login page. Where: ``server_name`` (default 127.0.0.1, or
    NICEFACE_SERVER_NAME), ``server_port`` (default the first free one from 7860, or
    NICEFACE_SERVER_PORT), ``root_path`` (behind a proxy at a sub-path), ``ssl_keyfile`` /
    ``ssl_certfile`` (https). How: ``native`` (a desktop window), ``inbrowser`` (open a browser;
    default when a script is run on a machine with a screen), ``prevent_thread_lock`` (return at
    once), ``favicon_path``, ``quiet`` (no start-up line). Safety: ``allow_embedding`` (other
    sites may frame the pages), ``forwarded_allow_ips`` (the proxies whose X-Forwarded-*
    headers count; default FORWARDED_ALLOW_IPS, else none), ``ssl_keyfile_password``. The API:
    ``show_api`` (the "Use via API" link and /docs), ``app_kwargs`` (for the FastAPI app). In a
    Jupyter notebook: ``inline`` (show the app in the cell; default), ``height``, ``width``."""

    auth: Any = None
    auth_message: str | None = None
    server_name: str | None = None
    server_port: int | None = None
    root_path: str = ""
    native: bool = False
    inbrowser: bool | None = None
    prevent_thread_lock: bool = False
    ssl_keyfile: str | None = None
    ssl_certfile: str | None = None
    favicon_path: str | Path | None = None
    allow_embedding: bool = False
    forwarded_allow_ips: str | list[str] | None = None
    ssl_keyfile_password: str | None = None
    show_api: bool = True
    app_kwargs: dict[str, Any] | None = None
    quiet: bool = False
    inline: bool | None = None  # in a notebook: show the app in the cell (default), or only its address
    height: int = 500  # of that frame, in pixels
    width: int | str = "100%"


#: Gradio 3.50 launch() options that change nothing here, and why
GRADIO_ONLY = {
    "share": "niceface makes no public share link (no tunnel); the app is served at its local address. "
             "Put it behind your own reverse proxy to share it (README: Behind a reverse proxy).",
    "debug": "errors always go to the log; launch() blocks unless prevent_thread_lock",
    "show_tips": "there are no tips",
    "encrypt": "retired in Gradio 3", "ssl_verify": "niceface makes no requests to its own server",
    "file_directories": "no file is served from a folder: fn's files go out as copies (page) or data URLs (API)",
    "allowed_paths": "no file is served from a path: fn's files go out as copies (page) or data URLs (API)",
    "blocked_paths": "no file is served from a path: fn's files go out as copies (page) or data URLs (API)",
    "state_session_capacity": "each page's state lives as long as the page",
    "share_server_address": "there is no share server", "share_server_protocol": "there is no share server",
}
#: of those, the ones a user is told about when asked for (the rest change nothing anyone would miss)
SAID_WHEN_ASKED = ("share",)


def gradio_options(given: dict[str, Any]) -> None:
    """Say what Gradio's own launch() options do here; a misspelt option is a TypeError."""
    import difflib
    import logging

    from ..core.options import RunOptions
    known = [*GRADIO_ONLY, *ServeOptions.__dataclass_fields__, *RunOptions.__dataclass_fields__,
             "max_file_size", "max_image_pixels"]
    for name, value in given.items():
        if name not in GRADIO_ONLY:
            close = difflib.get_close_matches(name, known, n=1)
            raise TypeError(f"launch() got an unexpected keyword argument {name!r}"
                            + (f"; did you mean {close[0]!r}?" if close else ""))
        if value not in (None, False) and name in SAID_WHEN_ASKED:
            logging.getLogger("niceface").warning("launch(%s=%r): %s", name, value, GRADIO_ONLY[name])
