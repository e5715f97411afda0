"""Components that Gradio 3 shows only as outputs (Plot, Gallery, AnnotatedImage): their
``roles`` class attribute says so, and using one as an input is a ConfigurationError."""
from __future__ import annotations

from typing import TYPE_CHECKING

from .base import input_refused

if TYPE_CHECKING:
    from .base import Component

OUTPUT_ONLY = ("output",)


def check_roles(components: list[Component], side: str) -> None:
    """ConfigurationError if ``side`` is "inputs" and one of ``components`` is output-only."""
    if side != "inputs":
        return
    for component in components:
        if "input" not in component.roles:
            raise input_refused(component)
