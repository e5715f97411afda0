"""launch(): serve a Definition with uvicorn (the page, the API, the login gate), in this
thread, in a background thread, or behind a desktop window."""
from __future__ import annotations

import concurrent.futures
import contextlib
import importlib.util
import logging
import os
import signal
import socket
import sys
import threading
import time
import webbrowser
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, Literal

from ...exceptions import ConfigurationError, MissingDependencyError
from ..core.options import RunOptions
from ..core.site import Site
from . import managed, open_files
from . import notebook as _notebook
from .options import ServeOptions

if TYPE_CHECKING:
    import uvicorn

    from ..core.definition import Definition
    from ..core.service import Service

log = logging.getLogger(__name__)
_servers: list[Server] = []  # every server this process started, for close_all()
_prepared: Server | None = None  # under `niceface run`: the server launch() prepared, run by the command


class Server:
    """A server of one launched app, on the process's host loop (``host.HOST``); ``close()``
    stops it (and only it)."""

    def __init__(self, server: uvicorn.Server, url: str, services: list[Service]) -> None:
        self.server, self.url, self.services = server, url, services
        self.service = services[0]
        self.future: concurrent.futures.Future[Any] | None = None
        self.port = 0

    def start_in_thread(self) -> None:
        """Start serving and return once the server answers."""
        from .host import HOST
        self.future = HOST.serve(_Serving(self.server))
        deadline = time.monotonic() + 30
        while not self.server.started:
            if self.future.done() or time.monotonic() > deadline:
                self.close()
                raise ConfigurationError(f"the server did not start at {self.url}; is the port in use?")
            time.sleep(0.01)

    def run(self) -> None:
        """Serve until Ctrl+C or SIGTERM (or ``close()`` from elsewhere)."""
        self.start_in_thread()
        assert self.future is not None
        with _stopping_on_sigterm(self):
            try:
                while not self.future.done():
                    concurrent.futures.wait([self.future], timeout=0.5)
            except KeyboardInterrupt:
                pass
            finally:
                self.close()

    def __iter__(self) -> Iterator[Any]:
        """``app, local_url, share_url = demo.launch(...)``, as Gradio's launch() returns."""
        return iter((self.server.config.app, self.url, None))

    def _ipython_display_(self) -> None:
        """A notebook cell ending in launch() shows the app (or its address), not this object."""

    def close(self) -> None:
        self.server.should_exit = True
        if self.future is not None:
            with contextlib.suppress(Exception):
                self.future.result(timeout=10)
        if self in _servers:
            _servers.remove(self)


class _Serving:
    """``serve()`` of a uvicorn server, with its exits (a port in use) kept inside the server."""

    def __init__(self, server: uvicorn.Server) -> None:
        self.server = server

    async def serve(self) -> None:
        try:
            await self.server.serve()
        except SystemExit as stop:
            raise ConfigurationError(f"the server stopped at start (exit {stop.code}); is the port in use?") from None


@contextlib.contextmanager
def _stopping_on_sigterm(server: Server) -> Iterator[None]:
    """In the main thread, SIGTERM stops ``server`` gracefully (as uvicorn's own handler did)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGTERM, lambda *_: setattr(server.server, "should_exit", True))
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def launch(site: Site | Definition, run: RunOptions | None = None, serve: ServeOptions | None = None) -> Server:
    """Serve ``site`` (a Definition, or several in tabs) at http://server_name:server_port/ (see
    RunOptions and ServeOptions). Blocks until stopped, unless ``serve.prevent_thread_lock``
    (then ``Server.close()`` stops it)."""
    run, serve = run or RunOptions(), managed.address(serve or ServeOptions())
    if managed.wants_supervisor():
        _supervise(*address(serve))
    notebook = managed.managed() is None and _notebook.in_notebook()
    if notebook:
        serve = _notebook.take_over(serve)  # running the cell again replaces the app
    import uvicorn

    from .asgi import build
    open_files.raise_limit()  # every open page holds a connection: an open file
    site = site if isinstance(site, Site) else Site.of(site)
    app, services = build(site, run, serve)
    app = managed.instrument(app, serve.root_path)
    host, port = address(serve)
    protocol = "https" if serve.ssl_certfile and serve.ssl_keyfile else "http"
    config = uvicorn.Config(app, host=host, port=port, root_path=serve.root_path, log_level="warning",
                            ssl_keyfile=serve.ssl_keyfile, ssl_certfile=serve.ssl_certfile,
                            ssl_keyfile_password=serve.ssl_keyfile_password, ws="wsproto",
                            proxy_headers=False,  # headers.ProxyTrust decides whom to believe
                            ws_per_message_deflate=False,  # zlib state is ~300 KiB per open page
                            ws_ping_interval=None)  # engine.io pings each socket (host.WHY_PINGS)
    server = Server(uvicorn.Server(config), f"{protocol}://{host}:{port}{serve.root_path}/", services)
    server.port = port
    _servers.append(server)
    if not serve.quiet:
        print(f"Running on local URL:  {server.url}", flush=True)
    if managed.managed() is not None:
        return _prepare(server)
    if serve.native:
        return _run_native(site.title, server)
    if notebook:
        _notebook.show(server, serve)
        return server
    if serve.inbrowser or (serve.inbrowser is None and _has_browser()):
        threading.Timer(0.5, webbrowser.open, (server.url,)).start()
    if serve.prevent_thread_lock:
        server.start_in_thread()
        return server
    server.run()
    return server


def address(serve: ServeOptions) -> tuple[str, int]:
    """Where to serve: the options, else NICEFACE_SERVER_NAME / NICEFACE_SERVER_PORT, else
    127.0.0.1 and the first free port from 7860."""
    host = serve.server_name or os.environ.get("NICEFACE_SERVER_NAME") or "127.0.0.1"
    return host, serve.server_port or int(os.environ.get("NICEFACE_SERVER_PORT") or 0) or free_port(host)


def _supervise(host: str, port: int) -> None:
    """``NICEFACE_RELOAD=1 python app.py``: this process watches the files and serves the app
    in a child process, started again on every save; it exits when stopped (Ctrl+C)."""
    script = getattr(sys.modules.get("__main__"), "__file__", None)
    if script is None:
        log.warning("%s=1 reloads an app run as a script (python app.py); serving without reload", managed.RELOAD_ENV)
        return
    from pathlib import Path

    from .supervisor import Supervisor
    raise SystemExit(Supervisor(Path(script), host=host, port=port, arguments=sys.argv[1:]).run())


def _prepare(server: Server) -> Server:
    """Under ``niceface run``, launch() prepares the server; the command runs it."""
    global _prepared  # noqa: PLW0603
    _prepared = server
    return server


def prepared() -> Server | None:
    """The server the app file's launch() (or the command's) prepared under ``niceface run``."""
    return _prepared


def close_all() -> None:
    """Stop every server this process started."""
    while _servers:
        _servers.pop().close()


def free_port(host: str, start: int = 7860, tries: int = 100) -> int:
    for port in range(start, start + tries):
        with socket.socket() as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn binds: old TIME-WAIT
            try:  # connections of a stopped app do not move its restart to another port
                probe.bind((host, port))
            except OSError:
                continue
            return port
    raise ConfigurationError(f"no free port in {start}..{start + tries - 1} on {host}; pass server_port=")


def parse_size(size: int | str | None) -> int | None:
    """Bytes from 1048576, "1mb", "500 kb" or "2GB"."""
    if size is None or isinstance(size, int):
        return size
    text = size.strip().lower().replace(" ", "")
    for unit, factor in (("gb", 1 << 30), ("mb", 1 << 20), ("kb", 1 << 10), ("b", 1)):
        if text.endswith(unit) and text[: -len(unit)].replace(".", "", 1).isdigit():
            return int(float(text[: -len(unit)]) * factor)
    if text.isdigit():
        return int(text)
    raise ConfigurationError(f"max_file_size: cannot read {size!r}; use bytes or a text like '5mb'")


def _has_browser() -> bool:
    """Open a browser only for a script run by a person on a machine with a screen."""
    if os.environ.get("NICEFACE_INBROWSER", "1") == "0" or os.environ.get("CI") or "pytest" in sys.modules:
        return False
    if sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        return False
    return hasattr(sys.modules.get("__main__"), "__file__")


def _run_native(title: str | None, server: Server) -> Server:
    """A desktop window (pywebview) showing the app; closing it stops the server."""
    try:
        import webview
    except ImportError:
        raise MissingDependencyError("launch(native=True) needs pywebview: pip install 'niceface[native]'") from None
    server.start_in_thread()
    webview.create_window(title or "niceface", server.url, width=1024, height=768)
    # On Linux pywebview tries GTK first; without PyGObject go straight to Qt (the extra's choice).
    gui: Literal["qt"] | None = "qt" if sys.platform.startswith("linux") and importlib.util.find_spec("gi") is None \
        else None
    webview.start(gui=gui)
    server.close()
    return server
