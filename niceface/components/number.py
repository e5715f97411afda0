"""Number: a single numeric value."""
from __future__ import annotations

import math
from dataclasses import KW_ONLY
from typing import TYPE_CHECKING, Any

from typing_extensions import override

from .base import Component, Role, View, apply_element_options, component, info_line, shown_label, type_name

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


@component
class Number(Component):
    """A number in or out: rounded to ``precision`` digits (0: an int); an input refuses what
    is outside ``minimum``..``maximum``; ``step`` is the arrows' step."""

    value: Any = None
    _: KW_ONLY
    precision: int | None = None
    minimum: float | None = None
    maximum: float | None = None
    step: float = 1

    kind = "number"
    expects = "a number"

    @override
    def preprocess(self, payload: Any) -> float | int | None:
        number = self._rounded(parse_number(self, payload))
        if number is not None and self.minimum is not None and number < self.minimum:
            raise self.reject(f"{number} is below the minimum, {self.minimum}")
        if number is not None and self.maximum is not None and number > self.maximum:
            raise self.reject(f"{number} is above the maximum, {self.maximum}")
        return number

    def _rounded(self, number: float | None) -> float | int | None:
        if number is None or self.precision is None:
            return number
        return round(number) if self.precision == 0 else round(float(number), self.precision)

    @override
    def postprocess(self, value: Any) -> float | int | None:
        return self._rounded(parse_number(self, value))

    @override
    def render(self, role: Role, limits: Limits) -> View:
        from nicegui import ui
        element = ui.number(label=shown_label(self), value=self.value, min=self.minimum, max=self.maximum,
                            step=self.step, precision=self.precision).props("outlined").classes("w-full")
        if role == "output" or self.interactive is False:
            element.props("readonly")
        info_line(self)
        apply_element_options(self, element)
        return View.of_value(element)
