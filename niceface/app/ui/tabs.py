"""[UI] A TabbedInterface's page: one title bar, a tab per Interface (each its own Page,
with its own inputs, outputs and runs), one footer."""
from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from nicegui import context, ui

from ..core.visitor import visitor_of
from . import layout, sockets

if TYPE_CHECKING:
    from ..core.service import Service
    from ..core.site import Site


def tabbed_page(site: Site, services: list[Service], page: Callable[[Service], Any], *,
                show_api: bool = True) -> list[Any]:
    """Build the tabs, each holding ``page(service)``; the pages made."""
    request = context.client.request
    layout.theme(request, site.look)
    layout.title_bar(site.title, visitor_of(request.state).username, layout.prefix(request))
    with ui.column().classes("nf-tabbed w-full max-w-6xl mx-auto gap-0 px-4 pt-2"), \
            ui.tabs().props("align=left no-caps inline-label").classes("nf-tabs w-full") as tabs:
        handles = [ui.tab(name or f"Tab {number + 1}").classes("nf-tab")
                   for number, (name, _) in enumerate(site.tabs)]
    pages = []
    with ui.tab_panels(tabs, value=handles[0]).props("keep-alive animated=false") \
            .classes("nf-tab-panels w-full bg-transparent"):
        for handle, service in zip(handles, services, strict=True):
            with ui.tab_panel(handle).classes("p-0"):
                pages.append(page(service))
    layout.footer(layout.prefix(request), show_api=show_api)
    # the socket guard is per connection: its end ends every tab's page
    sockets.guard(context.client.id, pages[0].live, lambda: [tab_page.end() for tab_page in pages])
    return pages
