"""ColorPicker: a colour as "#rrggbb" text, chosen from a palette or typed."""
from __future__ import annotations

import re
from dataclasses import KW_ONLY
from typing import TYPE_CHECKING, Any

from typing_extensions import override

from .base import Component, Role, View, apply_element_options, component, info_line, shown_label, type_name

if TYPE_CHECKING:
    from .limits import Limits

_HEX = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")


@component
class ColorPicker(Component):
    """A colour in and out as "#rrggbb" (lower case). From a browser or an API caller only a
    hex colour ("#rgb" or "#rrggbb") is taken; fn may also return a CSS colour name ("red"),
    "rgb(…)" / "hsl(…)" text or an (r, g, b) tuple of 0–255."""

    value: str | None = None
    _: KW_ONLY

    kind = "colorpicker"
    expects = 'a colour: "#rrggbb", a colour name or an (r, g, b) tuple'

    @override
    def preprocess(self, payload: Any) -> str | None:
        if payload is None or payload == "":
            return None
        if not isinstance(payload, str) or not _HEX.match(payload.strip()):
            shown = repr(payload[:40]) if isinstance(payload, str) else type_name(payload)
            raise self.reject(f'expected a hex colour such as "#ff8800", got {shown}')
        return _six_digits(payload.strip())

    @override
    def postprocess(self, value: Any) -> str | None:
        if value is None:
            return None
        if isinstance(value, (tuple, list)) and len(value) in (3, 4):
            red, green, blue = (int(channel) for channel in value[:3])
            if not all(0 <= channel <= 255 for channel in (red, green, blue)):
                raise self.reject(f"colour channels must be 0 to 255, got {tuple(value)!r}")
            return f"#{red:02x}{green:02x}{blue:02x}"
        if not isinstance(value, str):
            raise self.reject(f"expected a colour, got {type_name(value)}")
        if _HEX.match(value.strip()):
            return _six_digits(value.strip())
        from PIL import ImageColor
        try:
            red, green, blue = ImageColor.getrgb(value.strip())[:3]
        except ValueError:
            raise self.reject(f"{value[:40]!r} is not a colour") from None
        return f"#{red:02x}{green:02x}{blue:02x}"

    @override
    def initial_payload(self) -> Any:
        return self.postprocess(self.value() if callable(self.value) else self.value)

    @override
    def render(self, role: Role, limits: Limits) -> View:
        from nicegui import ui
        element = ui.color_input(shown_label(self), value=self.initial_payload() or "", preview=True)
        element.props("outlined")
        if role == "output" or self.interactive is False:
            element.props("readonly")
            element.button.disable()
        element.classes("w-full")
        info_line(self)
        apply_element_options(self, element)

        def show(payload: Any) -> None:
            element.set_value(payload or "")

        def watch(handler: Any) -> None:
            element.on_value_change(lambda _: handler())
        return View(element, lambda: element.value or None, show, watch)


def _six_digits(colour: str) -> str:
    """ "#abc" as "#aabbcc"; every colour in lower case."""
    digits = colour[1:].lower()
    return "#" + (digits if len(digits) == 6 else "".join(digit * 2 for digit in digits))
