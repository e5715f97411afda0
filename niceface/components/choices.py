"""Components that pick from a list of choices: CheckboxGroup, Radio, Dropdown.

A choice is any value (``Radio([2025, 2030])`` hands fn the int 2025) or a (label, value)
pair; the page and the API show and send its label (``str(choice)``), and an API caller may
also send the value itself."""
from __future__ import annotations

from dataclasses import KW_ONLY
from typing import TYPE_CHECKING, Any, ClassVar

from typing_extensions import override

from ..exceptions import ConfigurationError, one_of
from .base import Component, Role, View, apply_element_options, caption, component, info_line, shown_label, type_name

if TYPE_CHECKING:
    from .limits import Limits


@component
class _Choices(Component):
    choices: list[Any] | None = None
    _: KW_ONLY
    type: str = "value"  # "value": fn gets the choice; "index": its position

    expects: ClassVar[str] = "one of the choices"

    def __post_init__(self) -> None:
        pairs = [c if isinstance(c, tuple) and len(c) == 2 else (str(c), c) for c in self.choices or []]
        self.labels: list[str] = [str(label) for label, _ in pairs]
        self.values: list[Any] = [value for _, value in pairs]
        self.choices = list(self.labels)
        one_of(f"{self.describe()}: type", self.type, ("value", "index"))

    def _position(self, payload: Any) -> int | None:
        if isinstance(payload, str) and payload in self.labels:
            return self.labels.index(payload)
        for index, value in enumerate(self.values):
            if type(value) is type(payload) and value == payload:
                return index
        return None

    def _one(self, payload: Any) -> Any:
        if payload is None or isinstance(payload, (list, dict)):
            raise self.reject(f"expected one of {self.labels}, got {type_name(payload)}")
        index = self._position(payload)
        if index is None:
            if getattr(self, "allow_custom_value", False) and isinstance(payload, str):
                return payload
            raise self.reject(f"{str(payload)[:40]!r} is not one of {self.labels}")
        return index if self.type == "index" else self.values[index]

    def _label(self, value: Any) -> str:
        if self.type == "index" and isinstance(value, int) and not isinstance(value, bool) \
                and 0 <= value < len(self.labels):
            return self.labels[value]
        index = self._position(value)
        return self.labels[index] if index is not None else str(value)

    def _first(self) -> Any:
        value = getattr(self, "value", None)
        if callable(value):
            return value
        if isinstance(value, (list, tuple)):
            return [self._label(item) for item in value]
        return None if value is None else self._label(value)


@component
class CheckboxGroup(_Choices):
    """Tick any of ``choices``; fn gets the list of ticked values (or their positions)."""

    value: Any = None

    kind = "checkboxgroup"

    @override
    def __post_init__(self) -> None:
        super().__post_init__()
        first = self._first()
        self.value = first if callable(first) else list(first or [])

    @override
    def preprocess(self, payload: Any) -> list[Any]:
        if payload is None:
            return []
        if not isinstance(payload, (list, tuple)):
            raise self.reject(f"expected a list of choices, got {type_name(payload)}")
        return [self._one(item) for item in payload]

    @override
    def postprocess(self, value: Any) -> list[str]:
        if isinstance(value, (str, int, float)) and not isinstance(value, bool):
            value = [value]
        return [self._label(item) for item in value or []]

    @override
    def render(self, role: Role, limits: Limits) -> View:
        from nicegui import ui
        with ui.column().classes("gap-0") as box:
            caption(self)
            with ui.row().classes("gap-1"):
                boxes = {choice: ui.checkbox(choice, value=choice in self.value) for choice in self.labels}
        if role == "output" or self.interactive is False:
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


@component
class Radio(_Choices):
    """Pick one of ``choices``; fn gets its value (or its position, with ``type="index"``)."""

    value: Any = None

    kind = "radio"

    @override
    def __post_init__(self) -> None:
        super().__post_init__()
        self.value = self._first()

    @override
    def preprocess(self, payload: Any) -> Any:
        return None if payload is None else self._one(payload)

    @override
    def postprocess(self, value: Any) -> str | None:
        return None if value is None else self._label(value)

    @override
    def render(self, role: Role, limits: Limits) -> View:
        from nicegui import ui
        with ui.column().classes("gap-0") as box:
            caption(self)
            element = ui.radio(self.labels, value=self.value).props("inline")
        if role == "output" or self.interactive is False:
            element.disable()
        apply_element_options(self, box)
        return View.of_value(element, box)


@component
class Dropdown(_Choices):
    """A list to pick from: one choice, or several with ``multiselect`` (at most ``max_choices``);
    ``allow_custom_value`` also takes typed text; ``filterable`` (default) filters as one types."""

    value: Any = None
    _: KW_ONLY
    multiselect: bool | None = None
    allow_custom_value: bool = False
    max_choices: int | None = None
    filterable: bool = True

    kind = "dropdown"

    @override
    def __post_init__(self) -> None:
        super().__post_init__()
        first = self._first()
        if self.multiselect and not callable(first):
            first = list(first or []) if isinstance(first, list) else [] if first is None else [first]
        elif isinstance(first, list):
            raise ConfigurationError(f"{self.describe()}: a list as value needs multiselect=True")
        self.value = first

    @override
    def preprocess(self, payload: Any) -> Any:
        if not self.multiselect:
            return None if payload is None else self._one(payload)
        if payload is None:
            return []
        if not isinstance(payload, (list, tuple)):
            raise self.reject(f"expected a list of choices, got {type_name(payload)}")
        if self.max_choices is not None and len(payload) > self.max_choices:
            raise self.reject(f"at most {self.max_choices} choice(s), got {len(payload)}")
        return [self._one(item) for item in payload]

    @override
    def postprocess(self, value: Any) -> Any:
        if self.multiselect:
            items = value if isinstance(value, (list, tuple)) else [] if value is None else [value]
            return [self._label(item) for item in items]
        return None if value is None else self._label(value)

    @override
    def render(self, role: Role, limits: Limits) -> View:
        from nicegui import ui
        with ui.column().classes("w-full gap-0") as box:
            element = ui.select(list(self.labels), value=self.value, label=shown_label(self),
                                multiple=bool(self.multiselect), with_input=self.filterable or self.allow_custom_value,
                                new_value_mode="add-unique" if self.allow_custom_value else None) \
                .props("outlined options-dense" + (" use-chips" if self.multiselect else "")).classes("w-full")
            if self.max_choices is not None and self.multiselect:
                element.props(f"max-values={self.max_choices}")
            info_line(self)
        if role == "output" or self.interactive is False:
            element.disable()
        apply_element_options(self, box)
        return View.of_value(element, box)
