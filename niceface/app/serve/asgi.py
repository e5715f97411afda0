"""The ASGI app of one launched Definition: FastAPI with the API and the NiceGUI page, inside
the upload limit, the login gate, the security headers and the proxy trust (outermost)."""
from __future__ import annotations

import asyncio
import gc
import os
from typing import TYPE_CHECKING, Any

from ..core.service import Service
from ..core.site import Site
from .gate import HEALTH
from .headers import ProxyTrust, SecurityHeaders, TrustedProxies

if TYPE_CHECKING:
    from ..core.definition import Definition
    from ..core.options import RunOptions
    from .auth import Authenticator
    from .options import ServeOptions


def build(site: Site | Definition, run: RunOptions, serve: ServeOptions, *,
          attached: bool = False) -> tuple[Any, list[Service]]:
    """The app to hand to uvicorn, and the Services (one per Definition of the site) its pages
    and API share. The app's ``lifespan`` attribute is the FastAPI app whose lifespan must run
    (to mount it elsewhere: ``attached``, NiceGUI then starts with it)."""
    from ...storage.media import MediaStore
    from ..ui.routes import Registration
    from . import media
    from .host import HOST, Tagged
    from .limits import UploadLimit

    site = site if isinstance(site, Site) else Site.of(site)
    services = [Service(definition, run, flags=_flag_store(definition, name if site.tabbed else None))
                for definition, name in zip(site.definitions, site.api_names(), strict=True)]
    auth = _authenticator(serve)
    store = MediaStore()
    fastapi_app = _routes(site, services, serve, auth, store)
    if attached:
        HOST.attach(fastapi_app)  # NiceGUI starts with the app it is mounted in
    else:
        HOST.mount_into(fastapi_app)  # NiceGUI (pages, socket.io) is the host's, shared by every app
    app: Any = Tagged(media.BrowserKeys(PageSockets(fastapi_app)),
                      Registration(site, services, auth, serve.show_api, store))
    limit = run.limits.max_file_size
    app = UploadLimit(app, limit) if limit else app
    if auth is not None:
        from .gate import AuthGate
        app = AuthGate(app, auth, site.title)  # inside the headers: nothing is read before the login
    app = SecurityHeaders(app, allow_embedding=serve.allow_embedding)
    trusted = serve.forwarded_allow_ips
    if trusted is None:
        trusted = os.environ.get("FORWARDED_ALLOW_IPS")
    outer = ProxyTrust(app, TrustedProxies(trusted))
    outer.lifespan = fastapi_app  # type: ignore[attr-defined]
    return outer, services


class PageSockets:
    """ASGI: a page's websocket goes straight to NiceGUI's socket.io app. Through the app's
    FastAPI and NiceGUI's, each socket kept both apps' middleware and routing frames alive for
    as long as it was open (~20 coroutines and exit stacks per socket)."""

    PATH = "/_nicegui_ws/"

    def __init__(self, app: Any) -> None:
        from nicegui.nicegui import sio_app
        self.app, self.sockets = app, sio_app

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        root = scope.get("root_path", "")
        path: str = scope.get("path", "")
        if scope["type"] == "websocket" and path.startswith(root + self.PATH):
            scope = {**scope, "root_path": root + self.PATH[:-1]}  # as NiceGUI's mount would
            await self.sockets(scope, receive, send)
            return
        await self.app(scope, receive, send)


def _routes(site: Site, services: list[Service], serve: ServeOptions, auth: Authenticator | None,
            store: Any) -> Any:
    """The app's own FastAPI app: the API of each Definition, /healthz, the session files,
    the favicon, and the services' start and stop."""
    from fastapi import FastAPI

    from . import api, gradio_protocol, media
    # FastAPI's OpenTelemetry hooks (0.16x) look up the global providers on every request:
    # ~5% of the server's CPU per API call. Off; older FastAPI versions keep the key as "extra".
    docs = "/docs" if serve.show_api else None
    fastapi_app = FastAPI(title=site.title or f"niceface: {site.definitions[0].name}", docs_url=docs,
                          redoc_url=None, openapi_url="/openapi.json" if serve.show_api else None,
                          telemetry={"tracing": False, "metrics": False, "logs": False}, **(serve.app_kwargs or {}))
    fastapi_app.router.on_startup += [gc.freeze, *(service.start for service in services)]  # see WHY_FREEZE
    fastapi_app.router.on_shutdown += [service.stop for service in services]
    if auth is not None and auth.credentials is not None:
        fastapi_app.router.on_startup.append(lambda: _watch_credentials(auth))
    for number, (service, name) in enumerate(zip(services, site.api_names(), strict=True)):
        api.register(fastapi_app, service, name, also_predict=number == 0)
    gradio_protocol.register(fastapi_app, services, site.api_names(), site.title)
    fastapi_app.add_api_route(HEALTH, _healthz, methods=["GET", "HEAD"], include_in_schema=False)
    media.register(fastapi_app, store)
    fastapi_app.router.on_startup.append(lambda: _sweep(store))
    if serve.favicon_path:
        from starlette.responses import FileResponse
        icon = str(serve.favicon_path)  # the developer's own file
        fastapi_app.add_api_route("/favicon.ico", lambda: FileResponse(icon), methods=["GET"], include_in_schema=False)
    return fastapi_app


def _flag_store(definition: Definition, tab: str | None) -> Any:
    """Where the flags of one definition go: its flagging_callback (set up now), or the
    FlagStore; of a tab, in a folder of its own under flagging_dir."""
    if definition.allow_flagging == "never":
        return None
    from pathlib import Path

    from ...storage.flags import FlagStore
    folder = Path(definition.flagging_dir) / tab if tab else Path(definition.flagging_dir)
    if definition.flagging_callback is not None:
        from ..core.flagging import CallbackFlags
        return CallbackFlags(definition.flagging_callback, [*definition.wire_inputs, *definition.wire_outputs], folder)
    return FlagStore(folder, [c.label or c.kind for c in definition.wire_inputs],
                     [c.label or c.kind for c in definition.wire_outputs])


def _authenticator(serve: ServeOptions) -> Authenticator | None:
    if serve.auth is None:
        return None
    from .auth import Authenticator
    return Authenticator.from_option(serve.auth, serve.auth_message)  # hashes the passwords now


def _watch_credentials(auth: Authenticator) -> None:
    """Twice a second, end the sessions (and pages) of users removed from the credential file
    or whose password changed, also when no request arrives to notice."""
    async def watch() -> None:
        while True:
            await asyncio.sleep(0.5)
            auth.refresh()
    _tasks.add(asyncio.get_running_loop().create_task(watch(), name="niceface-credentials"))


def _healthz() -> Any:
    """For a load balancer: builds no page, needs no login."""
    from starlette.responses import PlainTextResponse

    from ..._version import __version__
    return PlainTextResponse(f"ok {__version__}\n", headers={"cache-control": "no-store"})


def _sweep(store: Any) -> None:
    """Every minute, remove the files of page sessions that ended without saying so."""
    from nicegui import Client

    async def sweep() -> None:
        while True:
            await asyncio.sleep(60)
            store.sweep(lambda owner: owner in Client.instances)
    _tasks.add(asyncio.get_running_loop().create_task(sweep(), name="niceface-media-sweep"))


_tasks: set[asyncio.Task[None]] = set()  # strong references: a task nobody holds may be collected
WHY_FREEZE = """gc.freeze() once the server starts: the ~90 000 objects of the imported
libraries and the app live as long as the process, yet every full collection walked them all,
stopping every thread for 60-80 ms (seen in bench/queue.py as late fn wake-ups). Frozen,
they are never scanned again. No gc.collect() first: at that point it finds ~10 objects
and costs 30 ms of start-up."""
