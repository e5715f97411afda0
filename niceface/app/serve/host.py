"""The process's one NiceGUI, hosting any number of launched apps.

NiceGUI's pages, socket.io server and start-up are process-wide. So one ``Host`` runs them
once, on one event loop in a thread of its own, and every ``launch()`` adds a uvicorn server
on its own port to that loop; ``close()`` stops that server only, and ``launch()`` may follow
again (the same port or another). Each app's ASGI stack tags its requests with its
``Registration`` (what "/" shows there), which the pages read: two apps on two ports show
their own pages.

``mount_gradio_app`` is the exception: the host app's server and loop are someone else's, so
NiceGUI starts with that app (``attach``), and the process serves that one app.
"""
from __future__ import annotations

import asyncio
import concurrent.futures
import threading
from typing import TYPE_CHECKING, Any

from ...exceptions import ConfigurationError
from . import open_files

if TYPE_CHECKING:
    from ..ui.routes import Registration

KEY = "niceface_site"
NICEGUI_OPTIONS: dict[str, Any] = {"show_welcome_message": False, "reconnect_timeout": 3.0,
                                   "dark": None}  # as the system says, unless a page asks (ui/layout.theme)
PING_INTERVAL, PING_TIMEOUT = 20.0, 20.0  # s; see WHY_PINGS


class Tagged:
    """ASGI middleware: every request and websocket of an app carries its Registration."""

    def __init__(self, app: Any, registration: Registration) -> None:
        self.app, self.registration = app, registration

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] in ("http", "websocket"):
            scope = {**scope, "state": {**scope.get("state", {}), KEY: self.registration}}
        await self.app(scope, receive, send)


class Host:
    """NiceGUI, started once, on ``loop`` (a thread of its own, or a mounting app's)."""

    def __init__(self) -> None:
        self.loop: asyncio.AbstractEventLoop | None = None
        self.mode: str | None = None  # "thread" (launch) or "attached" (mount_gradio_app)
        self.files = open_files.Guard()
        self._lock = threading.Lock()

    def mount_into(self, app: Any) -> None:
        """Route ``app``'s unmatched paths to NiceGUI (its pages, socket.io, static files)."""
        from nicegui import core
        self._set_up("thread")
        app.mount("/", core.app)

    def attach(self, app: Any) -> None:
        """NiceGUI starts and stops with ``app`` (mount_gradio_app), on its server's loop."""
        if self.mode is not None:
            raise ConfigurationError("mount_gradio_app: this process already serves a niceface app; mount in a "
                                     "process of its own")
        from nicegui import ui
        self.mode = "attached"
        ui.run_with(app, **NICEGUI_OPTIONS)
        _forget_tabs()
        _register_pages()

    def serve(self, server: Any) -> concurrent.futures.Future[Any]:
        """Run a uvicorn server on the host's loop; its future ends when the server stops."""
        loop = self._running_loop()
        return asyncio.run_coroutine_threadsafe(server.serve(), loop)

    def _set_up(self, mode: str) -> None:
        with self._lock:
            if self.mode == "attached":
                raise ConfigurationError("this process serves a mounted niceface app (mount_gradio_app); "
                                         "launch another app in another process")
            if self.mode is not None:
                return
            from fastapi import FastAPI
            from nicegui import ui
            self.mode = mode
            self.shell = FastAPI()  # its lifespan is NiceGUI's: started once, now
            ui.run_with(self.shell, **NICEGUI_OPTIONS)
            _forget_tabs()
            _register_pages()
        self._running_loop()  # before any uvicorn server exists (NiceGUI's start-up looks for one)

    def _running_loop(self) -> asyncio.AbstractEventLoop:
        with self._lock:
            if self.loop is not None:
                return self.loop
            started = threading.Event()
            self.loop = asyncio.new_event_loop()
            self.files.install(self.loop)  # at the open-files limit: a clear log line and 503s
            thread = threading.Thread(target=self._run, args=(started,), name="niceface-host", daemon=True)
            thread.start()
            started.wait()
            return self.loop

    def _run(self, started: threading.Event) -> None:
        assert self.loop is not None
        asyncio.set_event_loop(self.loop)

        async def main() -> None:
            try:
                async with self.shell.router.lifespan_context(self.shell):  # NiceGUI's start-up, once
                    self.watching = asyncio.create_task(self.files.watch(), name="niceface-open-files")
                    _slow_pings()
                    started.set()
                    await asyncio.Event().wait()  # for the life of the process
            finally:
                started.set()  # a failed start-up: launch() finds no server started, and says so
        self.loop.run_until_complete(main())


def _slow_pings() -> None:
    """engine.io's heartbeat, for the sockets opened from now on (see WHY_PINGS)."""
    from nicegui import core
    core.sio.eio.ping_interval, core.sio.eio.ping_timeout = PING_INTERVAL, PING_TIMEOUT


#: s that NiceGUI keeps a browser tab's ``app.storage.tab`` after it was last changed (its own
#: default: 30 days). niceface keeps nothing there, yet NiceGUI makes one for every tab that
#: connects: 1,000 tabs opened and closed left 1,000 dictionaries, for a month. NiceGUI prunes by
#: age alone, open tab or not: a program that adds NiceGUI code using ``app.storage.tab`` finds it
#: emptied after a minute without changes (NiceGUI makes it anew when the tab reconnects).
TAB_STORAGE_AGE = 60.0


def _forget_tabs() -> None:
    from nicegui import app
    app.storage.max_tab_storage_age = TAB_STORAGE_AGE


def _register_pages() -> None:
    from ..ui.routes import register_pages
    register_pages(KEY)


HOST = Host()
WHY_PINGS = """NiceGUI pings every socket every 4 s (2 s to answer), so that a dead peer is
found within 6 s; and engine.io's service task visits its sockets one by one within one ping
timeout: with 1,000 pages, a wake-up every 2 ms. Together ~15% of a core at 1,000 idle pages.
A closed tab or a stopped server is seen at once without pings (the connection closes); pings
only find peers that vanished without a word (a cut network, a laptop put to sleep) and keep
proxies from closing idle websockets (nginx: 60 s). 20 s + 20 s does both: such a page is
deleted within ~43 s instead of ~9 s. uvicorn's own websocket pings are off (launch.py): the
engine.io ones do their work."""
