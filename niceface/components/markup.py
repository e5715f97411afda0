"""HTML and Markdown outputs. HTML is the fn's own markup; it is shown as given."""
from __future__ import annotations

from dataclasses import KW_ONLY, dataclass
from typing import Any

from .base import Component, Role, View, apply_element_options


@dataclass(eq=False)
class HTML(Component):
    value: str = ""
    _: KW_ONLY

    kind = "html"

    def postprocess(self, value: Any) -> str:
        return "" if value is None else str(value)

    def render(self, role: Role) -> View:
        from nicegui import ui
        element = ui.html(self.value or "", sanitize=False).classes("w-full")
        apply_element_options(self, element)
        return View(element, lambda: element.content, element.set_content)


@dataclass(eq=False)
class Markdown(HTML):
    kind = "markdown"

    def render(self, role: Role) -> View:
        from nicegui import ui
        element = ui.markdown(self.value or "").classes("w-full")
        apply_element_options(self, element)
        return View(element, lambda: element.content, element.set_content)
