"""Textbox: one line or several of text."""
from __future__ import annotations

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
        if self.lines > 1 or (role == "output" and self.lines != 1):
            element = ui.textarea(self.label or "", placeholder=self.placeholder, value=self.value) \
                .props(f"rows={self.lines} autogrow")
        else:
            element = ui.input(self.label or "", placeholder=self.placeholder, value=self.value,
                               password=self.type == "password")
        element.props("outlined" + (" readonly" if role == "output" else "")).classes("w-full")
        apply_element_options(self, element)
        return View.of_value(element)
