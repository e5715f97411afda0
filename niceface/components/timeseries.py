"""Timeseries: a table with an x (time) column and one or more y columns, drawn as lines.

fn takes and returns a pandas DataFrame (or returns a CSV file path). The payload is
``{"headers": [...], "data": [[...], ...]}``; a browser may also send a CSV file, as a data
URL (uploads are checked for type and size like any file).
"""
from __future__ import annotations

import io
import json
import re
from dataclasses import KW_ONLY
from pathlib import Path
from typing import TYPE_CHECKING, Any

from typing_extensions import override

from ..exceptions import InputError, MissingDependencyError
from . import _codecs
from .base import Component, Role, Shown, View, apply_element_options, caption, component, type_name

if TYPE_CHECKING:
    from .limits import Limits

CSV_TYPES = ("text/csv", "text/plain", "application/csv", "application/vnd.ms-excel", "application/octet-stream")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")


@component
class Timeseries(Component):
    """``x``: the x column's name (default: the first column); ``y``: the y column's name, or a
    list of them (default: every other column); ``colors``: the lines' colours, in order."""

    value: Any = None
    _: KW_ONLY
    x: str | None = None
    y: str | list[str] | None = None
    colors: list[str] | None = None

    kind = "timeseries"
    expects = "a pandas DataFrame or a CSV file path"
    takes_upload = True
    accept_types = CSV_TYPES

    # ---- values -------------------------------------------------------------------------
    @override
    def check(self, payload: Any, limits: Limits) -> None:
        if payload is None or isinstance(payload, dict):
            return
        if not _codecs.media_source(payload):
            raise self.reject('expected a table {"headers": [...], "data": [[...]]} or a CSV file as a data URL')
        super().check(payload, limits)

    @override
    def preprocess(self, payload: Any) -> Any:
        if payload is None:
            return None
        if isinstance(payload, dict):
            headers, rows = self.table(payload)
            frame = _pandas().DataFrame(rows, columns=headers)
            limits = payload.get("range")
            if isinstance(limits, (list, tuple)) and len(limits) == 2 and len(headers):
                column = frame[self.x if self.x in headers else headers[0]]
                frame = frame[(column >= limits[0]) & (column <= limits[1])]
            return frame
        if isinstance(payload, (str, Path)):
            return self.read_csv(payload)
        raise self.reject(f"expected a table or a CSV file, got {type_name(payload)}")

    @override
    def postprocess(self, value: Any) -> dict[str, Any] | None:
        if value is None:
            return None
        if isinstance(value, dict):
            headers, rows = self.table(value)
            return {"headers": headers, "data": rows}
        if isinstance(value, (str, Path)):
            value = self.read_csv(value)
        if not (hasattr(value, "to_json") and hasattr(value, "columns")):
            raise self.reject(f"expected a DataFrame, got {type_name(value)}")
        split = json.loads(value.to_json(orient="split", date_format="iso", index=False))
        return {"headers": [str(name) for name in split["columns"]], "data": split["data"]}

    @override
    def initial_payload(self) -> Any:
        return self.postprocess(self.value() if callable(self.value) else self.value)

    def read_csv(self, source: str | Path) -> Any:
        """A DataFrame from CSV: a data URL, or (a developer's value only) a file path."""
        try:
            data = _codecs.read_bytes(source)
            return _pandas().read_csv(io.BytesIO(data))
        except (ValueError, UnicodeDecodeError) as error:  # pandas' ParserError and EmptyDataError are ValueErrors
            raise self.reject(f"the CSV file cannot be read ({error})") from None

    def table(self, payload: dict[str, Any]) -> tuple[list[str], list[list[Any]]]:
        """A table payload's headers and rows, checked: text headers, rows as long as them."""
        headers, rows = payload.get("headers"), payload.get("data")
        if not isinstance(headers, list) or not isinstance(rows, list) \
                or not all(isinstance(row, list) and len(row) == len(headers) for row in rows):
            raise self.reject('expected {"headers": [names], "data": [rows, each as long as headers]}')
        if not all(isinstance(cell, (str, int, float, bool)) or cell is None for row in rows for cell in row):
            raise self.reject("table cells must be numbers, text or null")
        return [str(name) for name in headers], rows

    # ---- the chart ----------------------------------------------------------------------
    def chart(self, payload: Any) -> dict[str, Any]:
        """ECharts options drawing a table payload as one line per y column."""
        headers, rows = (payload or {}).get("headers") or [], (payload or {}).get("data") or []
        if not headers:
            return {"series": []}
        x = headers.index(self.x) if self.x in headers else 0
        wanted = [self.y] if isinstance(self.y, str) else self.y
        ys = [i for i, name in enumerate(headers) if i != x and (not wanted or name in wanted)]
        series = [{"type": "line", "name": headers[i], "showSymbol": len(rows) <= 60,
                   "data": [[row[x], row[i]] for row in rows]} for i in ys]
        options: dict[str, Any] = {
            "animation": False, "tooltip": {"trigger": "axis"}, "legend": {"top": 0},
            "grid": {"left": 48, "right": 16, "top": 36, "bottom": 40},
            "xAxis": {"type": _axis_type([row[x] for row in rows]), "name": headers[x], "nameLocation": "middle",
                      "nameGap": 26},
            "yAxis": {"type": "value", "scale": True}, "series": series}
        if self.colors:
            options["color"] = [str(colour) for colour in self.colors]
        return options

    @override
    def render(self, role: Role, limits: Limits) -> View:
        from nicegui import ui
        with ui.column().classes("w-full gap-1") as box:
            caption(self)
            about = None
            if role == "input" and self.interactive is not False:
                zone, about = self._upload(limits)
            chart = ui.echart({"series": []}).classes("w-full nf-timeseries-chart").style("height: 300px")

        def show(payload: Any) -> None:
            chart.options.clear()
            chart.options.update(self.chart(payload))
            chart.update()
            chart.set_visibility(payload is not None)
            if about is not None:
                rows, headers = len((payload or {}).get("data") or []), (payload or {}).get("headers", [])
                about.set_text(f"{rows:,} row{'s' if rows != 1 else ''}: {', '.join(headers)}")
                zone.set_empty(payload is None)
        first = self.initial_payload()
        shown = Shown(show, first)
        show(first)
        if about is not None:
            zone.deliver_to(lambda url: self._uploaded(url, shown))
        apply_element_options(self, box)
        return shown.view(box)

    def _upload(self, limits: Limits) -> tuple[Any, Any]:
        from nicegui import ui

        from ._upload import render_upload
        zone = render_upload(self, limits, ".csv,text/csv", what="a CSV file")
        with zone:
            about = ui.label("").classes("nf-drop-file")
        return zone, about

    def _uploaded(self, url: str | None, shown: Shown) -> None:
        """A checked CSV upload, read into a table; a file that is no CSV is said, not shown."""
        from nicegui import ui
        try:
            shown.set(self.postprocess(self.read_csv(url)) if url else None)
        except InputError as error:
            ui.notify(str(error), type="negative", multi_line=True)


def _axis_type(values: list[Any]) -> str:
    """ "value" for numbers, "time" for ISO dates, else "category"."""
    if values and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values):
        return "value"
    if values and all(isinstance(v, str) and _DATE.match(v) for v in values):
        return "time"
    return "category"


def _pandas() -> Any:
    try:
        import pandas
    except ImportError:
        raise MissingDependencyError("Timeseries needs pandas: pip install pandas") from None
    return pandas
