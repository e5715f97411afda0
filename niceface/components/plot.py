"""Plot: a matplotlib figure, a plotly figure or an Altair chart, shown as an output.

Payloads, as Gradio 3's: ``{"type": "matplotlib", "plot": <PNG data URL>}``,
``{"type": "plotly", "plot": <the figure's JSON text>}`` and ``{"type": "altair", "plot":
<the Vega-Lite spec's JSON text>, "image": <SVG data URL>}``. Nothing is fetched from the
internet: matplotlib draws with Agg; plotly charts are drawn by the plotly.js NiceGUI
ships; Altair charts are drawn to SVG on the server by vl-convert.
"""
from __future__ import annotations

import importlib
import io
import json
import sys
import types
from dataclasses import KW_ONLY
from typing import TYPE_CHECKING, Any, ClassVar

from typing_extensions import override

from ..exceptions import MissingDependencyError
from . import _codecs
from ._roles import OUTPUT_ONLY
from .base import Component, Role, Shown, View, apply_element_options, caption, component, type_name

if TYPE_CHECKING:
    from .limits import Limits


@component
class Plot(Component):
    """A chart fn returns: a matplotlib ``Figure`` (or ``Axes``, or the ``matplotlib.pyplot``
    module itself: its current figure), a plotly figure or an Altair chart. A matplotlib
    figure is closed once drawn, so that a fn plotting with ``plt`` starts afresh each run."""

    value: Any = None
    _: KW_ONLY

    kind = "plot"
    expects = "a matplotlib, plotly or Altair figure"
    roles: ClassVar[tuple[str, ...]] = OUTPUT_ONLY

    @override
    def postprocess(self, value: Any) -> dict[str, Any] | None:
        if value is None:
            return None
        if isinstance(value, dict) and value.get("type") in ("matplotlib", "plotly", "altair"):
            return value  # already a payload
        library = _library(value)
        if library == "matplotlib":
            return {"type": "matplotlib", "plot": _matplotlib_png(value)}
        if library == "plotly" and hasattr(value, "to_json"):
            return {"type": "plotly", "plot": value.to_json()}
        if library == "altair" and hasattr(value, "to_json"):
            spec = value.to_json()
            return {"type": "altair", "plot": spec, "image": _altair_svg(spec)}
        if library == "bokeh":
            raise self.reject("bokeh models cannot be shown; return a matplotlib, plotly or Altair figure")
        raise self.reject(f"cannot show {type_name(value)} as a plot")

    @override
    def initial_payload(self) -> Any:
        return self.postprocess(self.value() if callable(self.value) else self.value)

    @override
    def render(self, role: Role, limits: Limits) -> View:
        from nicegui import ui
        with ui.column().classes("w-full gap-1") as box:
            caption(self)
            area = ui.element("div").classes("w-full nf-plot-area")

        def show(payload: Any) -> None:
            area.clear()
            if isinstance(payload, dict):
                with area:
                    _draw(payload)
        first = self.initial_payload()
        show(first)
        apply_element_options(self, box)
        return Shown(show, first).view(box)


def _library(value: Any) -> str:
    """The plotting library a value comes from: "matplotlib", "plotly", "altair", "bokeh" or ""."""
    if isinstance(value, types.ModuleType):
        return "matplotlib" if value.__name__ == "matplotlib.pyplot" else ""
    return type(value).__module__.split(".", 1)[0]


def _matplotlib_png(value: Any) -> _codecs.Media:
    """A figure (or the pyplot module's current one, or an Axes' figure) as a PNG data URL,
    drawn by Agg at the figure's own size and dpi; the figure is closed afterwards."""
    figure = value.gcf() if isinstance(value, types.ModuleType) else value
    figure = getattr(figure, "figure", None) or figure  # an Axes (a Figure's .figure is itself or None)
    agg = importlib.import_module("matplotlib.backends.backend_agg").FigureCanvasAgg
    if not isinstance(figure.canvas, agg):
        agg(figure)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    pyplot = sys.modules.get("matplotlib.pyplot")
    if pyplot is not None:
        pyplot.close(figure)
    return _codecs.media_out(buffer.getvalue(), "image/png")


def _altair_svg(spec: str) -> _codecs.Media:
    """An Altair chart's Vega-Lite spec drawn as an SVG data URL (by vl-convert, offline)."""
    try:
        converter = importlib.import_module("vl_convert")
    except ImportError:
        raise MissingDependencyError("Plot: drawing an Altair chart needs vl-convert: "
                                     "pip install vl-convert-python") from None
    svg = converter.vegalite_to_svg(json.loads(spec))
    return _codecs.media_out(svg.encode("utf-8"), "image/svg+xml")


def _draw(payload: dict[str, Any]) -> None:
    """A payload's chart, in the current NiceGUI container."""
    from nicegui import ui
    if payload.get("type") == "plotly":
        figure = payload.get("plot")
        figure = json.loads(figure) if isinstance(figure, str) else figure
        if isinstance(figure, dict):
            ui.plotly(figure).classes("w-full nf-plot-plotly")
        return
    source = payload.get("image") if payload.get("type") == "altair" else payload.get("plot")
    image = ui.element("img").classes("nf-plot-image").props('alt="plot"')
    image.props["src"] = _codecs.media_source(source)  # a data URL or a file of the session, nothing else
    image.style("display: block; max-width: 100%; height: auto")
