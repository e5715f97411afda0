"""[UI] Where pages are served: "/" and "/use-via-api" for each launched app (its
Registration), and the pages open under each login session."""
from __future__ import annotations

import dataclasses
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from nicegui import context, ui

from . import layout, outbox, styles
from .page import Page, Sessions

if TYPE_CHECKING:
    from ...storage.media import MediaStore
    from ..core.service import Service
    from ..core.site import Site


class OpenPages:
    """The pages open under each login session, so that a session's end closes them."""

    def __init__(self) -> None:
        self.by_token: dict[str, weakref.WeakSet[Page]] = {}

    def add(self, page: Page) -> None:
        if page.token is not None:
            self.by_token.setdefault(page.token, weakref.WeakSet()).add(page)

    def end(self, tokens: set[str]) -> None:
        for token in tokens:
            for page in list(self.by_token.pop(token, ())):
                if not page.client.is_deleted:
                    page.end()


@dataclass(eq=False)
class Registration:
    """What the pages of one launched app show (the serving layer tags its requests with it)."""

    site: Site
    services: list[Service]
    sessions: Sessions | None
    show_api: bool = True
    media: MediaStore | None = None
    pages: OpenPages = dataclasses.field(default_factory=OpenPages, init=False)
    css: str = dataclasses.field(default="", init=False)
    stylesheet: str = dataclasses.field(default="", init=False)  # the path that serves ``css``

    def __post_init__(self) -> None:
        code = any(styles.has_code(s.definition.description, s.definition.article) for s in self.services)
        self.css = styles.css(self.site.css, code=code)
        self.stylesheet = styles.publish(self.css)
        if self.sessions is not None:
            self.sessions.on_end(self.pages.end)


def register_pages(key: str) -> None:
    """Once per process: "/" (each connection gets its own Page, one per tab of a
    TabbedInterface) and "/use-via-api", each showing the app whose requests carry its
    Registration under ``key``."""
    _pages(lambda: getattr(context.client.request.state, key, None))


def register(site: Site, services: list[Service], sessions: Sessions | None, *, show_api: bool = True,
             media: MediaStore | None = None) -> Registration:
    """One app's pages straight on NiceGUI, with no serving layer in front (NiceGUI's simulated
    User in tests)."""
    registration = Registration(site, services, sessions, show_api, media)
    _pages(lambda: registration)
    return registration


def _pages(find: Callable[[], Any]) -> None:
    outbox.install()  # before any page's client exists
    styles.route()

    @ui.page("/")
    def index() -> Any:
        found = find()
        if not isinstance(found, Registration):
            return _not_here()
        _head(found, found.site.title or "niceface")
        context.client.on_connect(_release_request)
        site, services, pages = found.site, found.services, found.pages

        def page_of(service: Service, framed: bool = True) -> Page:
            return Page(service, found.sessions, show_api=found.show_api, framed=framed, media=found.media)
        if not site.tabbed:
            pages.add(page_of(services[0]))
            return None
        from .tabs import tabbed_page
        for page in tabbed_page(site, services, lambda service: page_of(service, framed=False),
                                show_api=found.show_api):
            pages.add(page)
        return None

    @ui.page("/use-via-api")
    def use_via_api() -> Any:
        found = find()
        if not isinstance(found, Registration) or not found.show_api:
            return _not_here()
        from . import api_page
        _head(found, f"{found.site.title or 'niceface'}: use via API")
        api_page.show(found.site)
        return None


def _head(found: Registration, title: str) -> None:
    """What every page of an app has in its head: its title and the app's stylesheet."""
    ui.page_title(title)
    ui.add_head_html(styles.link(layout.prefix(context.client.request), found.stylesheet))


def _release_request(client: Any) -> None:
    """The page's HTTP request was answered (its socket has connected): let go of what answering
    it took. Its ASGI ``receive`` and ``send`` reach the middlewares' streams and the closed
    connection's protocol, parser and buffers, and FastAPI's exit stacks are in its scope; the
    request itself stays as long as the page (``client.request``, every event listener's)."""
    from starlette.requests import empty_receive, empty_send
    request = client.request
    if request is None:
        return
    request._receive, request._send = empty_receive, empty_send  # where Starlette keeps them
    for key in [key for key in request.scope if key.startswith("fastapi_") and key.endswith("astack")]:
        del request.scope[key]


def _not_here() -> Any:
    from starlette.responses import PlainTextResponse
    return PlainTextResponse("Not Found", 404)
