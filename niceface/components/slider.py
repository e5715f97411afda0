"""Slider: a number chosen between a minimum and a maximum."""
from __future__ import annotations

import logging
import random
from dataclasses import KW_ONLY
from typing import TYPE_CHECKING, Any

from typing_extensions import override

from ..exceptions import ConfigurationError
from .base import Component, Role, View, apply_element_options, caption, component
from .number import parse_number

if TYPE_CHECKING:
    from .limits import Limits

log = logging.getLogger("niceface")


@component
class Slider(Component):
    """``Slider(minimum, maximum, value, step=...)`` as in Gradio 3 (the third argument is the
    starting value). ``step`` defaults to 1 for whole bounds, else a hundredth of the range;
    ``randomize`` starts each page load at a random step; ``value`` may be a callable."""

    minimum: float = 0
    maximum: float = 100
    value: Any = None
    _: KW_ONLY
    step: float | None = None
    randomize: bool = False

    kind = "slider"
    expects = "a number"

    def __post_init__(self) -> None:
        if self.maximum <= self.minimum:
            raise ConfigurationError(f"{self.describe()}: maximum ({self.maximum}) must be above minimum "
                                     f"({self.minimum})")
        if self.step is not None and self.step <= 0:
            log.warning("%s: step=%s is not above 0; using the default step", self.describe(), self.step)
            self.step = None
        if self.step is None:
            whole = all(float(v).is_integer() for v in (self.minimum, self.maximum))
            self.step = 1 if whole else (self.maximum - self.minimum) / 100
        if self.randomize:
            self.value = self._random
        elif self.value is None:
            self.value = self.minimum
        elif not callable(self.value) and not self.minimum <= self.value <= self.maximum:
            clamped = min(max(self.value, self.minimum), self.maximum)  # as a browser's slider shows it
            log.warning("%s: value=%s is outside %s..%s; starting at %s", self.describe(), self.value,
                        self.minimum, self.maximum, clamped)
            self.value = clamped

    def _random(self) -> float:
        steps = int((self.maximum - self.minimum) / (self.step or 1))
        value = self.minimum + random.randint(0, steps) * (self.step or 1)
        return int(value) if float(value).is_integer() and float(self.step or 1).is_integer() else value

    @override
    def preprocess(self, payload: Any) -> float | int:
        number = parse_number(self, payload)
        if number is None:
            return self.initial_payload()  # type: ignore[no-any-return]
        if not self.minimum <= number <= self.maximum:
            raise self.reject(f"{number} is outside {self.minimum}..{self.maximum}")
        return number

    @override
    def postprocess(self, value: Any) -> float | int | None:
        return parse_number(self, value)

    @override
    def render(self, role: Role, limits: Limits) -> View:
        from nicegui import ui
        # the bounds either side of the track are the box's ::before and ::after (niceface.css):
        # two elements fewer on every page than labels in a row of their own
        with ui.element("div").classes("w-full") as box:
            caption(self)
            element = ui.slider(min=self.minimum, max=self.maximum, step=self.step or 1, value=self.value)
            element.props("label-always" + (" readonly" if role == "output" or self.interactive is False else ""))
        box.props["data-min"], box.props["data-max"] = _short(self.minimum), _short(self.maximum)
        apply_element_options(self, box)
        return View.of_value(element, box)


def _short(number: float) -> str:
    return f"{number:g}"
