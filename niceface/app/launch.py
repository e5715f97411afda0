"""[UI] launch(): wire an Interface into NiceGUI + FastAPI and serve it with uvicorn."""
from __future__ import annotations

import asyncio
import gc
import importlib.util
import logging
import os
import socket
import sys
import threading
import time
import webbrowser
from functools import partial
from typing import TYPE_CHECKING, Any

from ..components.limits import DEFAULT_MAX_IMAGE_PIXELS, Limits
from ..exceptions import ConfigurationError, MissingDependencyError
from .headers import ProxyTrust, SecurityHeaders, TrustedProxies

if TYPE_CHECKING:
    import uvicorn

    from .auth import Authenticator
    from .interface import Interface
    from .runner import Runner

log = logging.getLogger(__name__)
_launched = False


class Server:
    """A running server; ``close()`` stops it."""

    def __init__(self, server: uvicorn.Server, url: str) -> None:
        self.server, self.url = server, url
        self.thread: threading.Thread | None = None

    def start_in_thread(self) -> None:
        self.thread = threading.Thread(target=self.server.run, name="niceface-server", daemon=True)
        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started:
            if not self.thread.is_alive() or time.monotonic() > deadline:
                raise ConfigurationError(f"the server did not start at {self.url}; is the port in use?")
            time.sleep(0.01)

    def close(self) -> None:
        self.server.should_exit = True
        if self.thread is not None:
            self.thread.join(timeout=10)


def free_port(host: str, start: int = 7860, tries: int = 100) -> int:
    for port in range(start, start + tries):
        with socket.socket() as probe:
            try:
                probe.bind((host, port))
            except OSError:
                continue
            return port
    raise ConfigurationError(f"no free port in {start}..{start + tries - 1} on {host}; pass server_port=")


def launch(iface: Interface, *, auth: Any = None, auth_message: str | None = None,
           enable_queue: bool = False, concurrency_count: int = 1, max_size: int | None = None,
           server_name: str | None = None, server_port: int | None = None, root_path: str = "",
           native: bool = False, inbrowser: bool | None = None, prevent_thread_lock: bool = False,
           show_error: bool = True, ssl_keyfile: str | None = None, ssl_certfile: str | None = None,
           favicon_path: str | None = None, max_file_size: int | str | None = None,
           max_image_pixels: int | None = DEFAULT_MAX_IMAGE_PIXELS, allow_embedding: bool = False,
           forwarded_allow_ips: str | list[str] | None = None, quiet: bool = False, **legacy: Any) -> Server:
    """Serve ``iface`` at http://server_name:server_port/ (first free port from 7860).

    Blocks until stopped, unless ``prevent_thread_lock`` (then ``iface.close()`` stops it).
    ``max_file_size`` (bytes, or "5mb") is enforced by the server for uploads and API bodies;
    ``max_image_pixels`` (width × height, default 40 million) for every picture sent in.
    Pages refuse to be framed by other sites unless ``allow_embedding``. Forwarded headers
    (client address, scheme, prefix) count only from ``forwarded_allow_ips`` (default: the
    ``FORWARDED_ALLOW_IPS`` variable, else nobody), e.g. "127.0.0.1" for nginx on this host.
    """
    global _launched
    if legacy:
        log.warning("launch(%s) options are Gradio's and are ignored", ", ".join(legacy))
    if _launched:
        raise ConfigurationError("one process serves one niceface app; run another app in another process")
    import uvicorn

    runner = _runner(iface, auth, auth_message, enable_queue, concurrency_count, max_size, show_error,
                     Limits(max_file_size=parse_size(max_file_size), max_image_pixels=max_image_pixels))
    host = server_name or os.environ.get("NICEFACE_SERVER_NAME") or "127.0.0.1"
    port = server_port or int(os.environ.get("NICEFACE_SERVER_PORT") or 0) or free_port(host)
    protocol = "https" if ssl_certfile and ssl_keyfile else "http"
    trusted = TrustedProxies(forwarded_allow_ips if forwarded_allow_ips is not None
                             else os.environ.get("FORWARDED_ALLOW_IPS"))
    app = ProxyTrust(SecurityHeaders(_asgi_app(runner, favicon_path), allow_embedding=allow_embedding), trusted)
    config = uvicorn.Config(app, host=host, port=port, root_path=root_path, log_level="warning",
                            ssl_keyfile=ssl_keyfile, ssl_certfile=ssl_certfile, ws="wsproto",
                            proxy_headers=False,  # ProxyTrust decides whom to believe
                            ws_per_message_deflate=False)  # zlib state is ~300 KiB per open page
    server = Server(uvicorn.Server(config), f"{protocol}://{host}:{port}{root_path}/")
    iface.server = server
    _launched = True
    if not quiet:
        print(f"Running on local URL:  {server.url}", flush=True)
    if native:
        return _run_native(iface, server)
    if inbrowser or (inbrowser is None and _has_browser()):
        threading.Timer(0.5, webbrowser.open, (server.url,)).start()
    if prevent_thread_lock:
        server.start_in_thread()
        return server
    server.server.run()
    return server


def _runner(iface: Interface, auth: Any, auth_message: str | None, enable_queue: bool, concurrency_count: int,
            max_size: int | None, show_error: bool, limits: Limits) -> Runner:
    """What the app's pages and API share: the queue, the flag store, the authenticator."""
    from .runner import Runner

    authenticator = queue = flags = None
    if auth is not None:
        from .auth import Authenticator
        authenticator = Authenticator.from_option(auth, auth_message)  # hashes the passwords now
    if enable_queue:
        from .queue import JobQueue
        queue = JobQueue(concurrency=concurrency_count, max_size=max_size)
    if iface.allow_flagging != "never":
        from ..storage.flags import FlagStore
        flags = FlagStore(iface.flagging_dir, [c.label or c.kind for c in iface.wire_inputs],
                          [c.label or c.kind for c in iface.wire_outputs])
    return Runner(iface, queue=queue, show_error=show_error, limits=limits, flags=flags, auth=authenticator)


def _asgi_app(runner: Runner, favicon_path: str | None) -> Any:
    """FastAPI with the API and the NiceGUI pages, inside the upload limit and the login gate."""
    from fastapi import FastAPI
    from nicegui import ui

    from . import api, page
    from .limits import UploadLimit

    iface = runner.iface
    # FastAPI's OpenTelemetry hooks (0.16x) look up the global providers on every request:
    # ~5% of the server's CPU per API call. Off; older FastAPI versions keep the key as "extra".
    fastapi_app = FastAPI(title=iface.title or f"niceface: {iface.name}", docs_url="/docs", redoc_url=None,
                          telemetry={"tracing": False, "metrics": False, "logs": False})
    fastapi_app.router.on_startup.append(gc.freeze)  # see _why_freeze
    if runner.queue is not None:
        fastapi_app.router.on_startup.append(runner.queue.start)
        fastapi_app.router.on_shutdown.append(runner.queue.stop)
    if runner.auth is not None and runner.auth.credentials is not None:
        fastapi_app.router.on_startup.append(partial(_watch_credentials, runner.auth))
    api.register(fastapi_app, runner)
    page.register(runner)
    ui.run_with(fastapi_app, title=iface.title or "niceface", favicon=favicon_path,
                show_welcome_message=False, reconnect_timeout=3.0)
    limit = runner.limits.max_file_size
    served: Any = UploadLimit(fastapi_app, limit) if limit else fastapi_app
    if runner.auth is not None:
        from .gate import AuthGate
        served = AuthGate(served, runner.auth)  # outermost: nothing is read before the login
    return served


async def _watch_credentials(auth: Authenticator) -> None:
    """Twice a second, end the sessions (and pages) of users removed from the credential file
    or whose password changed, also when no request arrives to notice."""
    async def watch() -> None:
        while True:
            await asyncio.sleep(0.5)
            auth.refresh()
    background = asyncio.get_running_loop().create_task(watch(), name="niceface-credentials")
    _tasks.add(background)


_tasks: set[asyncio.Task[None]] = set()  # strong references: a task nobody holds may be collected
_why_freeze = """gc.freeze() once the server starts: the ~90 000 objects of the imported
libraries and the app live as long as the process, yet every full collection walked them all,
stopping every thread for 60-80 ms (seen in bench/queue.py as late fn wake-ups). Frozen,
they are never scanned again. No gc.collect() first: at that point it finds ~10 objects
and costs 30 ms of start-up."""


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


def _run_native(iface: Interface, server: Server) -> Server:
    """A desktop window (pywebview) showing the app; closing it stops the server."""
    try:
        import webview
    except ImportError:
        raise MissingDependencyError("launch(native=True) needs pywebview: pip install 'niceface[native]'") from None
    server.start_in_thread()
    webview.create_window(iface.title or "niceface", server.url, width=1024, height=768)
    # On Linux pywebview tries GTK first; without PyGObject go straight to Qt (the extra's choice).
    gui = "qt" if sys.platform.startswith("linux") and importlib.util.find_spec("gi") is None else None
    webview.start(gui=gui)
    server.close()
    return server


