"""Checkbox: a yes/no value."""
from __future__ import annotations

from dataclasses import KW_ONLY
from typing import TYPE_CHECKING, Any

from typing_extensions import override

from .base import Component, Role, View, apply_element_options, component, info_line, type_name

if TYPE_CHECKING:
    from .limits import Limits


@component
class Checkbox(Component):
    value: bool = False
    _: KW_ONLY

    kind = "checkbox"
    expects = "True or False"

    @override
    def preprocess(self, payload: Any) -> bool:
        if payload is None:
            return False
        if not isinstance(payload, bool):
            raise self.reject(f"expected true or false, got {type_name(payload)}")
        return payload

    @override
    def postprocess(self, value: Any) -> bool:
        return bool(value)

    @override
    def render(self, role: Role, limits: Limits) -> View:
        from nicegui import ui
        with ui.column().classes("gap-0") as box:
            info_line(self)
            element = ui.checkbox(self.label or "", value=bool(self.value))
        if role == "output" or self.interactive is False:
            element.disable()
        apply_element_options(self, box)
        return View.of_value(element, box)
