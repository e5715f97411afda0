"""Interface: the public face of a Definition, reaching every layer below it.

``Interface(fn, inputs, outputs, ...)`` checks its interpretation at once; ``iface(...)`` runs
fn on plain values through the one door (``core.invoke``); ``interpret()`` explains a
prediction; ``launch()`` serves it; ``load()`` builds one around a Hub model or Gradio app.
"""
from __future__ import annotations

from typing import Any

from ..components.label import Label
from ..components.number import Number
from ..exceptions import ConfigurationError
from .core.definition import Definition
from .core.invoke import Call, invoke
from .core.site import Site
from .launchable import Launchable


class Interface(Definition, Launchable):
    """Wrap ``fn`` in a page with ``inputs`` and ``outputs``; ``launch()`` serves it."""

    def _check(self) -> None:
        """``interpretation=`` must fit the inputs and outputs: checked now, not at the first click."""
        if self.interpretation is None:
            return
        first = self.wire_outputs[0] if self.wire_outputs else None
        if not isinstance(first, (Label, Number)):
            shown = type(first).__name__ if first else "no output"
            raise ConfigurationError(f"interpretation needs a Label (or Number) as the first output, not {shown}")
        from ..interpret import check_interpretation
        check_interpretation(self)

    def __call__(self, *values: Any) -> Any:
        """Run fn on plain values (text, numbers, arrays, file paths) without any UI; what fn
        returns (an async fn's result; a generator's last value)."""
        return invoke(self, Call(values, wire=False)).value()

    def interpret(self, *values: Any) -> list[Any]:
        """One interpretation structure per input (see SPEC §4)."""
        from ..interpret import explain
        return explain(self, list(values))

    @classmethod
    def load(cls, name: str, src: str | None = None, api_key: str | None = None, alias: str | None = None,
             **overrides: Any) -> Interface:
        """An Interface around a Hub model ("models/<repo>") or a Gradio app ("spaces/<owner>/<name>",
        or its URL); see ``niceface.app.external``."""
        from .external import load
        return load(cls, name, src=src, api_key=api_key, alias=alias, **overrides)

    def site(self) -> Site:
        return Site.of(self)
