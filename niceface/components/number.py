"""Number: a single numeric value."""
from __future__ import annotations

import math
from dataclasses import KW_ONLY, dataclass
from typing import TYPE_CHECKING, Any

from typing_extensions import override

from .base import Component, Role, View, apply_element_options, type_name

if TYPE_CHECKING:
    from .limits import Limits


def parse_number(component: Component, payload: Any) -> float | int | None:
    """A finite int or float from a payload; InputError naming the component otherwise."""
    if payload is None or payload == "":
        return None
    if isinstance(payload, bool):
        raise component.reject(f"expected a number, got {type_name(payload)}")
    if isinstance(payload, str):
        try:
            payload = float(payload)
        except ValueError:
            raise component.reject(f"expected a number, got the text {payload[:40]!r}") from None
    if not isinstance(payload, (int, float)) and type(payload).__module__ != "numpy":
        raise component.reject(f"expected a number, got {type_name(payload)}")
    if not math.isfinite(float(payload)):
        raise component.reject(f"expected a finite number, got {payload}")
    number: float | int = payload.item() if hasattr(payload, "item") else payload
    return number


@dataclass(eq=False)
class Number(Component):
    value: float | None = None
    _: KW_ONLY
    precision: int | None = None

    kind = "number"
    expects = "a number"

    @override
    def preprocess(self, payload: Any) -> float | int | None:
        number = parse_number(self, payload)
        if number is None or self.precision is None:
            return number
        return round(number) if self.precision == 0 else round(float(number), self.precision)

    @override
    def postprocess(self, value: Any) -> float | int | None:
        return parse_number(self, value)

    @override
    def render(self, role: Role, limits: Limits) -> View:
        from nicegui import ui
        element = ui.number(label=self.label or "", value=self.value).props("outlined").classes("w-full")
        if role == "output":
            element.props("readonly")
        apply_element_options(self, element)
        return View.of_value(element)
