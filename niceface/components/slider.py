"""Slider: a number chosen between a minimum and a maximum."""
from __future__ import annotations

from dataclasses import KW_ONLY, dataclass
from typing import TYPE_CHECKING, Any

from typing_extensions import override

from .base import Component, Role, View, apply_element_options
from .number import parse_number

if TYPE_CHECKING:
    from .limits import Limits


@dataclass(eq=False)
class Slider(Component):
    minimum: float = 0
    maximum: float = 100
    step: float | None = None
    value: float | None = None
    _: KW_ONLY

    kind = "slider"
    expects = "a number"

    def __post_init__(self) -> None:
        if self.maximum <= self.minimum:
            from ..exceptions import ConfigurationError
            raise ConfigurationError(f"Slider: maximum ({self.maximum}) must be above minimum ({self.minimum})")
        if self.step is None:
            whole = all(float(v).is_integer() for v in (self.minimum, self.maximum))
            self.step = 1 if whole else (self.maximum - self.minimum) / 100
        if self.value is None:
            self.value = self.minimum

    @override
    def preprocess(self, payload: Any) -> float | int:
        number = parse_number(self, payload)
        if number is None:
            return self.value  # type: ignore[return-value]
        if not self.minimum <= number <= self.maximum:
            raise self.reject(f"{number} is outside {self.minimum}..{self.maximum}")
        return number

    @override
    def render(self, role: Role, limits: Limits) -> View:
        from nicegui import ui
        with ui.column().classes("w-full gap-0") as box:
            ui.label(self.label or "").classes("nf-field-label")
            element = ui.slider(min=self.minimum, max=self.maximum, step=self.step or 1, value=self.value)
            element.props("label-always" + (" readonly" if role == "output" else ""))
        apply_element_options(self, box)
        return View.of_value(element, box)
