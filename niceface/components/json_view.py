"""JSON: any JSON-serialisable value, shown formatted."""
from __future__ import annotations

import json
from dataclasses import KW_ONLY
from typing import TYPE_CHECKING, Any

from typing_extensions import override

from . import _codecs
from .base import Component, Role, Shown, View, apply_element_options, component

if TYPE_CHECKING:
    from .limits import Limits


@component
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
            return _codecs.json_safe(value, strict=True)
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
