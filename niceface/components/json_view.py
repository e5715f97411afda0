"""JSON: any JSON-serialisable value, shown formatted."""
from __future__ import annotations

import json
from dataclasses import KW_ONLY, dataclass
from typing import TYPE_CHECKING, Any

from typing_extensions import override

from .base import Component, Role, Shown, View, apply_element_options

if TYPE_CHECKING:
    from .limits import Limits


@dataclass(eq=False)
class JSON(Component):
    value: Any = None
    _: KW_ONLY

    kind = "json"
    expects = "a JSON-serializable value (dict, list, str, number)"

    @override
    def postprocess(self, value: Any) -> Any:
        if isinstance(value, str):
            try:
                return json.loads(value)
            except ValueError:
                return value
        try:
            return json.loads(json.dumps(value, default=_plain))
        except (TypeError, ValueError) as error:
            raise self.reject(f"the value cannot be shown as JSON ({error})") from None

    @override
    def render(self, role: Role, limits: Limits) -> View:
        from nicegui import ui
        with ui.column().classes("w-full gap-1") as box:
            if self.label:
                ui.label(self.label).classes("nf-field-label")
            code = ui.code("", language="json").classes("w-full nf-json-code")
        apply_element_options(self, box)
        return Shown(lambda payload: code.set_content("" if payload is None else json.dumps(payload, indent=2))) \
            .view(box)


def _plain(value: Any) -> Any:
    if hasattr(value, "tolist"):
        return value.tolist()
    if hasattr(value, "item"):
        return value.item()
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")
