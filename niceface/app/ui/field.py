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
