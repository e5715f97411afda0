"""Checkbox: a yes/no value."""
from __future__ import annotations

from dataclasses import KW_ONLY, dataclass
from typing import Any

from .base import Component, Role, View, apply_element_options, type_name


@dataclass(eq=False)
class Checkbox(Component):
    value: bool = False
    _: KW_ONLY

    kind = "checkbox"

    def preprocess(self, payload: Any) -> bool:
        if payload is None:
            return False
        if not isinstance(payload, bool):
            raise self.reject(f"expected true or false, got {type_name(payload)}")
        return payload

    def postprocess(self, value: Any) -> bool:
        return bool(value)

    def render(self, role: Role) -> View:
        from nicegui import ui
        element = ui.checkbox(self.label or "", value=self.value)
        if role == "output":
            element.disable()
        apply_element_options(self, element)
        return View(element, lambda: element.value, element.set_value,
                    lambda handler: element.on_value_change(lambda _: handler()))
