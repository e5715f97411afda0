"""[UI] Field: one component on one page, with its widget and the column it sits in."""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ...components.base import Component, View


@dataclass(eq=False)
class Field:
    """One component on the page: its widget, and the column it sits in (overlays go there)."""

    component: Component
    view: View
    slot: Any


def apply_update(field: Field, update: dict[str, Any]) -> None:
    """What fn's ``gr.update(...)`` changes on the page: the value, visibility, label, whether
    an input can be edited."""
    if "value" in update:
        field.view.set(update["value"])
    if "visible" in update and update["visible"] is not None:
        field.slot.set_visibility(bool(update["visible"]))
    if "label" in update and update["label"] is not None:
        labelled = [field.slot, *field.slot.default_slot.children]  # the widget itself, or its column's
        for element in labelled:
            if "nf-field-label" in element.classes:
                element.set_text(str(update["label"]))
            elif "label" in element.props:
                element.props["label"] = str(update["label"])
                element.update()
    if "interactive" in update and update["interactive"] is not None:
        element = field.view.element
        element.enable() if update["interactive"] else element.disable()
