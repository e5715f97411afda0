"""HTML and Markdown outputs. HTML is the fn's own markup; it is shown as given."""
from __future__ import annotations

from dataclasses import KW_ONLY, dataclass
from typing import TYPE_CHECKING, Any

from typing_extensions import override

from .base import Component, Role, Shown, View, apply_element_options

if TYPE_CHECKING:
    from .limits import Limits


@dataclass(eq=False)
class HTML(Component):
    value: str = ""
    _: KW_ONLY

    kind = "html"
    expects = "text"

    @override
    def postprocess(self, value: Any) -> str:
        return "" if value is None else str(value)

    @override
    def render(self, role: Role, limits: Limits) -> View:
        from nicegui import ui
        element = ui.html(self.value or "", sanitize=False).classes("w-full")
        apply_element_options(self, element)
        return Shown(element.set_content, self.value or "").view(element)


@dataclass(eq=False)
class Markdown(HTML):
    kind = "markdown"

    @override
    def render(self, role: Role, limits: Limits) -> View:
        from nicegui import ui
        element = ui.markdown(self.value or "").classes("w-full")
        apply_element_options(self, element)
        return Shown(element.set_content, self.value or "").view(element)
