"""Components that Gradio 3 shows only as outputs (Plot, Gallery, AnnotatedImage): their
``roles`` class attribute says so, and using one as an input is a ConfigurationError."""
from __future__ import annotations

from typing import TYPE_CHECKING

from ..exceptions import ConfigurationError

if TYPE_CHECKING:
    from .base import Component

OUTPUT_ONLY = ("output",)


def input_refused(component: Component) -> ConfigurationError:
    """The error for an output-only ``component`` placed in ``inputs=``."""
    name = type(component).__name__
    return ConfigurationError(f"{component.describe()}: a {name} can only be an output (Gradio 3 has no {name} "
                              f"input); move it to outputs=")


def check_roles(components: list[Component], side: str) -> None:
    """ConfigurationError if ``side`` is "inputs" and one of ``components`` is output-only."""
    if side != "inputs":
        return
    for component in components:
        if "input" not in getattr(component, "roles", ("input", "output")):
            raise input_refused(component)
