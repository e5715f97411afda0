"""Dataframe: a table of values; an input is edited cell by cell."""
from __future__ import annotations

from dataclasses import KW_ONLY
from typing import TYPE_CHECKING, Any, ClassVar

from typing_extensions import override

from ..exceptions import MissingDependencyError, one_of
from . import _codecs
from .base import Component, Role, Shown, View, apply_element_options, caption, component, type_name

if TYPE_CHECKING:
    from .limits import Limits

Count = int | tuple[int, str] | list[Any]


def _count(count: Count | None) -> tuple[int | None, bool]:
    """(how many, fixed?) of a row_count / col_count: 3, (3, "fixed") or (3, "dynamic")."""
    if count is None:
        return None, False
    if isinstance(count, (tuple, list)):
        return int(count[0]), len(count) > 1 and count[1] == "fixed"
    return int(count), False


@component
class Dataframe(Component):
    """A table in (fn gets ``type`` "pandas", "numpy" or "array") or out (a pandas DataFrame,
    a numpy array or a list of rows). ``headers``; ``row_count`` / ``col_count`` (n, or (n,
    "fixed") for a table that cannot grow); ``datatype`` per column ("str", "number", "bool",
    "date", "markdown", "html"): an input's text cells are converted to it; an output shows
    ``max_rows`` rows a page, at most ``height`` pixels tall, cells wrapped with ``wrap``."""

    value: Any = None
    _: KW_ONLY
    headers: list[str] | None = None
    row_count: Count = (1, "dynamic")
    col_count: Count | None = None
    datatype: str | list[str] = "str"
    type: str = "pandas"  # "pandas", "numpy" or "array"
    max_rows: int | None = 20
    max_cols: int | None = None
    overflow_row_behaviour: str = "paginate"
    height: int = 500
    wrap: bool = False
    column_widths: list[str | int] | None = None

    kind = "dataframe"
    expects = "a pandas DataFrame, a numpy array or a list of rows"
    gradio_only: ClassVar[dict[str, str]] = {"latex_delimiters": "cells are shown as text",
                                             "line_breaks": "line breaks in cells always show"}

    def __post_init__(self) -> None:
        one_of(f"{self.describe()}: type", self.type, ("pandas", "numpy", "array"))
        one_of(f"{self.describe()}: overflow_row_behaviour", self.overflow_row_behaviour, ("paginate", "show_ends"))

    # ---- conversions --------------------------------------------------------------------
    def _table(self, payload: Any) -> tuple[list[str], list[list[Any]]]:
        if isinstance(payload, dict):
            headers, rows = payload.get("headers"), payload.get("data")
        else:
            headers, rows = self.headers, payload
        if not isinstance(rows, (list, tuple)) or not all(isinstance(row, (list, tuple)) for row in rows):
            raise self.reject(f"expected a list of rows (lists), got {type_name(rows)}")
        width = max((len(row) for row in rows), default=len(headers or []))
        headers = list(headers or [str(i + 1) for i in range(width)])
        if any(len(row) != len(headers) for row in rows):
            raise self.reject(f"every row must have {len(headers)} values")
        return [str(h) for h in headers], [list(row) for row in rows]

    def _kind(self, column: int) -> str:
        if isinstance(self.datatype, str):
            return self.datatype
        return self.datatype[column] if column < len(self.datatype) else "str"

    def _typed(self, cell: Any, column: int) -> Any:
        """A cell as its column's datatype (a number column's "3" is 3; "" is None)."""
        kind = self._kind(column)
        if kind == "number" and isinstance(cell, str):
            text = cell.strip()
            if not text:
                return None
            try:
                number = float(text)
            except ValueError:
                raise self.reject(f"column {column + 1} holds numbers; {text[:20]!r} is not one") from None
            return int(number) if number.is_integer() and "." not in text else number
        if kind == "bool" and isinstance(cell, str):
            return cell.strip().lower() in ("true", "1", "yes")
        return cell

    @override
    def preprocess(self, payload: Any) -> Any:
        if payload is None:
            payload = {"headers": self.headers or [], "data": []}
        headers, rows = self._table(payload)
        rows = [[self._typed(cell, column) for column, cell in enumerate(row)] for row in rows]
        if self.type == "array":
            return rows
        if self.type == "numpy":
            import numpy as np
            return np.array(rows)
        try:
            import pandas as pd
        except ImportError:
            raise MissingDependencyError("Dataframe(type='pandas') needs pandas: pip install pandas") from None
        return pd.DataFrame(rows, columns=headers)

    @override
    def postprocess(self, value: Any) -> dict[str, Any] | None:
        if value is None:
            return None
        if isinstance(value, str) and value.endswith(".csv"):  # a CSV file fn names
            import pandas as pd
            value = pd.read_csv(value)
        if hasattr(value, "to_dict") and hasattr(value, "columns"):
            value = {"headers": [str(c) for c in value.columns], "data": value.values.tolist()}
        elif hasattr(value, "tolist"):
            value = value.tolist()
        headers, rows = self._table(value)
        return {"headers": headers, "data": _codecs.json_safe(rows)}

    @override
    def initial_payload(self) -> Any:
        value = self.value() if callable(self.value) else self.value
        if value is not None:
            return self.postprocess(value)
        columns, _ = _count(self.col_count)
        rows, _ = _count(self.row_count)
        headers = self.headers or [str(i + 1) for i in range(columns or 3)]
        return {"headers": headers, "data": [[""] * len(headers) for _ in range(rows or 1)]}

    # ---- the page -----------------------------------------------------------------------
    @override
    def render(self, role: Role, limits: Limits) -> View:
        from nicegui import ui
        with ui.column().classes("w-full gap-1") as box:
            caption(self)
            if role == "input" and self.interactive is not False:
                from ._table import EditableTable
                table = EditableTable(self.initial_payload(), rows_fixed=_count(self.row_count)[1],
                                      columns_fixed=_count(self.col_count)[1], height=self.height)
                apply_element_options(self, box)
                return table.view(box)
            from ._table import show_table
            show = show_table(self.max_rows, self.height, wrap=self.wrap, widths=self.column_widths)
        shown = Shown(show, self.initial_payload())
        show(shown.payload)
        apply_element_options(self, box)
        return shown.view(box)
