"""HTML and Markdown outputs. HTML is the fn's own markup; it is shown as given."""
from __future__ import annotations

from dataclasses import KW_ONLY
from typing import TYPE_CHECKING, Any, ClassVar

from typing_extensions import override

from .base import Component, Role, Shown, View, apply_element_options, component

if TYPE_CHECKING:
    from .limits import Limits


@component
class HTML(Component):
    """HTML out (fn's own markup, shown as given; a callable ``value`` is called on each load)."""

    value: Any = ""
    _: KW_ONLY

    kind = "html"
    expects = "text"

    @override
    def postprocess(self, value: Any) -> str:
        return "" if value is None else str(value)

    @override
    def render(self, role: Role, limits: Limits) -> View:
        from nicegui import ui
        element = ui.html(str(self.value or ""), sanitize=False).classes("w-full")
        apply_element_options(self, element)
        return Shown(element.set_content, self.value or "").view(element)


@component
class Markdown(HTML):
    """Markdown out; HTML in it is cleaned of scripts unless ``sanitize_html=False``;
    ``line_breaks`` keeps single line breaks; ``rtl`` (right to left)."""

    value: Any = ""
    _: KW_ONLY
    rtl: bool = False
    sanitize_html: bool = True
    line_breaks: bool = False

    kind = "markdown"
    gradio_only: ClassVar[dict[str, str]] = {"latex_delimiters": "LaTeX is shown as written"}

    @override
    def render(self, role: Role, limits: Limits) -> View:
        from nicegui import ui
        extras = ["fenced-code-blocks", "tables", *(["break-on-newline"] if self.line_breaks else [])]
        element = ui.markdown(str(self.value or ""), extras=extras, sanitize=self.sanitize_html).classes("w-full")
        if self.rtl:
            element.props('dir="rtl"')
        apply_element_options(self, element)
        return Shown(element.set_content, self.value or "").view(element)
