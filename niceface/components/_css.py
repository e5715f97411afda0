"""[UI] Styles of components that bring their own: each piece is added to every page, once per
process, the first time such a component is shown. Selectors sit inside ``:where()`` so that
an Interface's ``css=`` (added earlier, at launch) still wins over them."""
from __future__ import annotations

_added: set[str] = set()


def add_once(css: str) -> None:
    """Add ``css`` to every page (this one included) unless it was added already."""
    if css in _added:
        return
    from nicegui import ui
    ui.add_css(css, shared=True)
    _added.add(css)
