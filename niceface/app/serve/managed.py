"""A launch() managed by ``niceface run``: the command, not the app file, decides where the app
is served and when the server starts (the file's own ``launch()`` only prepares it). With
reload on, every page also asks the server for its boot id twice a second and reloads itself
when a new server answers (after a save, the supervisor starts a new one)."""
from __future__ import annotations

import dataclasses
import os
import secrets
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .probe import BootProbe, page_script

if TYPE_CHECKING:
    from .options import ServeOptions

RELOAD_ENV = "NICEFACE_RELOAD"


@dataclass
class Managed:
    """The address the command chose, whether it reloads, and this server's boot id."""

    host: str
    port: int
    reload: bool
    boot_id: str = field(default_factory=lambda: secrets.token_hex(8))


_managed: Managed | None = None


def manage(host: str, port: int, *, reload: bool) -> Managed:
    """From now on, launch() in this process serves at ``host:port`` and only prepares the server."""
    global _managed  # noqa: PLW0603
    _managed = Managed(host, port, reload)
    return _managed


def managed() -> Managed | None:
    return _managed


def wants_supervisor() -> bool:
    """``NICEFACE_RELOAD=1 python app.py``: launch() becomes the supervisor of reload children."""
    return _managed is None and os.environ.get(RELOAD_ENV, "").strip().lower() in {"1", "true", "yes", "on"}


def address(serve: ServeOptions) -> ServeOptions:
    """The command's host and port; no browser, no window, no return before the server runs."""
    if _managed is None:
        return serve
    return dataclasses.replace(serve, server_name=_managed.host, server_port=_managed.port, inbrowser=False,
                               native=False, prevent_thread_lock=False, quiet=serve.quiet or _managed.reload)


def instrument(app: Any, root_path: str) -> Any:
    """With reload on: the boot id answers at BOOT_PATH and every page watches it."""
    if _managed is None or not _managed.reload:
        return app
    from nicegui import ui
    ui.add_head_html(page_script(_managed.boot_id, root_path), shared=True)
    return BootProbe(app, _managed.boot_id)


def preload() -> None:
    """Import what serving needs (most of a start's time), before the app file is known."""
    import fastapi
    import uvicorn
    from nicegui import ui

    from ..ui import page
    from . import asgi, error_page
    del fastapi, uvicorn, ui, page, asgi, error_page
