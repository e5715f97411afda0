"""Button: a button whose text is its value (an input passes that text to fn)."""
from __future__ import annotations

from dataclasses import KW_ONLY
from pathlib import Path
from typing import TYPE_CHECKING, Any

from typing_extensions import override

from ..exceptions import ConfigurationError, one_of
from . import _codecs
from .base import Component, Role, Shown, View, apply_element_options, component, info_line

if TYPE_CHECKING:
    from .limits import Limits

#: Quasar props of each variant
VARIANTS = {"primary": "unelevated color=primary", "secondary": "outline color=grey-8",
            "stop": "unelevated color=negative"}


@component
class Button(Component):
    """In an Interface, a button showing ``value`` as its text: an input hands that text to fn
    (a click runs fn in a live interface); an output shows fn's value as the button's text.
    ``variant`` "primary", "secondary" or "stop"; ``size`` "sm" or "lg"; ``icon`` a picture
    file (or data URL) shown before the text; ``link`` a page opened (in a new tab) by a click."""

    value: Any = "Run"
    _: KW_ONLY
    variant: str = "secondary"
    size: str | None = None
    icon: str | None = None
    link: str | None = None
    interactive: bool | None = True

    kind = "button"
    expects = "text for the button"

    def __post_init__(self) -> None:
        one_of(f"{self.describe()}: variant", self.variant, tuple(VARIANTS))
        if self.size is not None:
            one_of(f"{self.describe()}: size", self.size, ("sm", "lg"))
        if self.link is not None and not str(self.link).startswith(("http://", "https://", "/")):
            raise ConfigurationError(f"{self.describe()}: link must be an http(s) address or a path on this site, "
                                     f"got {self.link!r}")

    @override
    def preprocess(self, payload: Any) -> str:
        return "" if payload is None else str(payload)

    @override
    def postprocess(self, value: Any) -> str:
        return "" if value is None else str(value)

    def icon_source(self) -> str:
        """The icon as a data URL: a picture file of the developer's is read (never published)."""
        if not self.icon:
            return ""
        if _codecs.is_data_url(self.icon):
            return _codecs.media_source(self.icon)
        if not Path(self.icon).is_file():
            raise ConfigurationError(f"{self.describe()}: icon {self.icon!r} is not a picture file")
        return _codecs.media_source(_codecs.file_to_data_url(self.icon))

    @override
    def render(self, role: Role, limits: Limits) -> View:
        from nicegui import ui
        with ui.column().classes("gap-1") as box:
            info_line(self)
            button = ui.button(self.postprocess(self.initial_payload())).props(f"no-caps {VARIANTS[self.variant]}")
            button.classes("nf-button-widget")
            if self.size:
                button.props(f"size={self.size}")
            icon = self.icon_source()
            if icon:
                with button:
                    image = ui.element("img").classes("order-first").style("height: 1.25em; margin-right: 0.4em")
                    image.props["src"] = icon
                    image.props["alt"] = ""
        if self.interactive is False:
            button.disable()
        shown = Shown(lambda payload: button.set_text(self.postprocess(payload)), button.text)
        if self.link:
            link = str(self.link)
            button.on_click(lambda: ui.navigate.to(link, new_tab=True))
        if role == "input":
            button.on_click(lambda: shown.set(shown.payload))  # a click is a change: runs a live interface
        apply_element_options(self, box)
        return shown.view(box)
