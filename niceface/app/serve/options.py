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
    headers count; default FORWARDED_ALLOW_IPS, else none)."""

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
    quiet: bool = False
