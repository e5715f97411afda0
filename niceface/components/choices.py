"""Components that pick from a list of choices: CheckboxGroup, Radio, Dropdown."""
from __future__ import annotations

from dataclasses import KW_ONLY, dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

from typing_extensions import override

from ..exceptions import one_of
from .base import Component, Role, View, apply_element_options, type_name

if TYPE_CHECKING:
    from .limits import Limits


@dataclass(eq=False)
class _Choices(Component):
    choices: list[str] = field(default_factory=list)
    _: KW_ONLY
    type: str = "value"  # "value": fn gets the choice; "index": its position

    expects: ClassVar[str] = "one of the choices"

    def __post_init__(self) -> None:
        self.choices = [str(choice) for choice in self.choices]
        one_of(f"{self.describe()}: type", self.type, ("value", "index"))

    def _one(self, payload: Any) -> str | int:
        if not isinstance(payload, str):
            raise self.reject(f"expected one of {self.choices}, got {type_name(payload)}")
        if payload not in self.choices:
            raise self.reject(f"{payload[:40]!r} is not one of {self.choices}")
        return self.choices.index(payload) if self.type == "index" else payload

    def _label(self, value: Any) -> str:
        return self.choices[value] if self.type == "index" and isinstance(value, int) else str(value)


@dataclass(eq=False)
class CheckboxGroup(_Choices):
    value: list[str] = field(default_factory=list)

    kind = "checkboxgroup"

    @override
    def preprocess(self, payload: Any) -> list[str | int]:
        if payload is None:
            return []
        if not isinstance(payload, (list, tuple)):
            raise self.reject(f"expected a list of choices, got {type_name(payload)}")
        return [self._one(item) for item in payload]

    @override
    def postprocess(self, value: Any) -> list[str]:
        return [self._label(item) for item in value or []]

    @override
    def render(self, role: Role, limits: Limits) -> View:
        from nicegui import ui
        with ui.column().classes("gap-0") as box:
            ui.label(self.label or "").classes("nf-field-label")
            with ui.row().classes("gap-1"):
                boxes = {choice: ui.checkbox(choice, value=choice in self.value) for choice in self.choices}
        if role == "output":
            for checkbox in boxes.values():
                checkbox.disable()
        apply_element_options(self, box)

        def get() -> list[str]:
            return [choice for choice, checkbox in boxes.items() if checkbox.value]

        def set_(value: Any) -> None:
            for choice, checkbox in boxes.items():
                checkbox.set_value(choice in (value or []))

        def on_change(handler: Any) -> None:
            for checkbox in boxes.values():
                checkbox.on_value_change(lambda _: handler())
        return View(box, get, set_, on_change)


@dataclass(eq=False)
class Radio(_Choices):
    value: str | None = None

    kind = "radio"

    @override
    def preprocess(self, payload: Any) -> str | int | None:
        return None if payload is None else self._one(payload)

    @override
    def postprocess(self, value: Any) -> str | None:
        return None if value is None else self._label(value)

    @override
    def render(self, role: Role, limits: Limits) -> View:
        from nicegui import ui
        with ui.column().classes("gap-0") as box:
            ui.label(self.label or "").classes("nf-field-label")
            element = ui.radio(self.choices, value=self.value).props("inline")
        if role == "output":
            element.disable()
        apply_element_options(self, box)
        return View.of_value(element, box)


@dataclass(eq=False)
class Dropdown(Radio):
    kind = "dropdown"

    @override
    def render(self, role: Role, limits: Limits) -> View:
        from nicegui import ui
        element = ui.select(self.choices, value=self.value, label=self.label or "").props("outlined options-dense") \
            .classes("w-full")
        if role == "output":
            element.disable()
        apply_element_options(self, element)
        return View.of_value(element)
