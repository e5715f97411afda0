"""Textbox: one line or several of text."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import KW_ONLY, dataclass
from typing import TYPE_CHECKING, Any

from typing_extensions import override

from .base import Component, Role, View, apply_element_options, type_name

if TYPE_CHECKING:
    from .limits import Limits


@dataclass(eq=False)
class Textbox(Component):
    value: str = ""
    _: KW_ONLY
    lines: int = 1
    max_lines: int = 20
    placeholder: str | None = None
    type: str = "text"  # "text", "password" or "email"

    kind = "textbox"
    expects = "text"

    @override
    def preprocess(self, payload: Any) -> str:
        if payload is None:
            return ""
        if not isinstance(payload, str):
            raise self.reject(f"expected text, got {type_name(payload)}")
        return payload

    @override
    def postprocess(self, value: Any) -> str:
        return "" if value is None else str(value)

    @override
    def render(self, role: Role, limits: Limits) -> View:
        from nicegui import ui
        element: ui.input | ui.textarea
        if self.lines > 1 or role == "output":  # an output wraps and grows: a long result is never cut
            element = ui.textarea(self.label or "", placeholder=self.placeholder, value=self.value)
            element.props(f"rows={self.lines}" + (" autogrow stack-label" if role == "output" else ""))
            element.props["input-style"] = f"min-height: {1.5 * self.lines + 0.5:.1f}em; max-height: " \
                                           f"{1.5 * max(self.max_lines, self.lines) + 0.5:.1f}em"
        else:
            element = ui.input(self.label or "", placeholder=self.placeholder, value=self.value,
                               password=self.type == "password")
        element.props("outlined" + (" readonly" if role == "output" else "")).classes("w-full")
        apply_element_options(self, element)
        view = View.of_value(element)
        view.on_enter = lambda handler: _on_enter(element, handler, multiline=self.lines > 1)
        return view


def _on_enter(element: Any, handler: Callable[[], Any], *, multiline: bool) -> None:
    """Enter submits; in a box of several lines Shift+Enter starts a new line."""
    if multiline:
        element.on("keydown", lambda _: handler(),
                   js_handler="(e) => { if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) "
                              "{ e.preventDefault(); emit(); } }")
    else:
        element.on("keydown.enter", lambda _: handler())
