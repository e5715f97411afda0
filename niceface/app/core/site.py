"""Site: what one server shows — one Definition, or several in tabs (TabbedInterface) — and
where each one's API answers."""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .definition import Definition


@dataclass(frozen=True)
class Site:
    """``tabs``: (tab name, Definition) pairs; one unnamed pair for a plain Interface."""

    tabs: tuple[tuple[str, Definition], ...]
    title: str | None = None
    look: tuple[Any, bool] = (None, False)  # (a theme to apply, start dark?)
    css: str | None = None

    @classmethod
    def of(cls, definition: Definition) -> Site:
        return cls((("", definition),), definition.title, definition.look, definition.css)

    @property
    def definitions(self) -> list[Definition]:
        return [definition for _, definition in self.tabs]

    @property
    def tabbed(self) -> bool:
        return len(self.tabs) > 1

    def api_names(self) -> list[str]:
        """The /api/<name> of each definition: its api_name, made unique as Gradio does
        ("predict", "predict_1", …)."""
        names: list[str] = []
        for definition in self.definitions:
            base = definition.api_name or "predict"
            name, number = base, 0
            while name in names:
                number += 1
                name = f"{base}_{number}"
            names.append(name)
        return names
