"""Dataframe: a table of values."""
from __future__ import annotations

from dataclasses import KW_ONLY, dataclass
from typing import TYPE_CHECKING, Any

from typing_extensions import override

from .base import Component, Role, Shown, View, apply_element_options, type_name

if TYPE_CHECKING:
    from .limits import Limits


@dataclass(eq=False)
class Dataframe(Component):
    value: Any = None
    _: KW_ONLY
    headers: list[str] | None = None
    row_count: int = 3
    col_count: int | None = None
    datatype: str = "str"
    type: str = "pandas"  # "pandas", "numpy" or "array"

    kind = "dataframe"
    expects = "a pandas DataFrame, a numpy array or a list of rows"

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

    @override
    def preprocess(self, payload: Any) -> Any:
        if payload is None:
            payload = {"headers": self.headers or [], "data": []}
        headers, rows = self._table(payload)
        if self.type == "array":
            return rows
        if self.type == "numpy":
            import numpy as np
            return np.array(rows)
        try:
            import pandas as pd
        except ImportError:
            from ..exceptions import MissingDependencyError
            raise MissingDependencyError("Dataframe(type='pandas') needs pandas: pip install pandas") from None
        return pd.DataFrame(rows, columns=headers)

    @override
    def postprocess(self, value: Any) -> dict[str, Any] | None:
        if value is None:
            return None
        if hasattr(value, "to_dict") and hasattr(value, "columns"):
            return {"headers": [str(c) for c in value.columns], "data": value.values.tolist()}
        if hasattr(value, "tolist"):
            value = value.tolist()
        headers, rows = self._table(value)
        return {"headers": headers, "data": rows}

    @override
    def initial_payload(self) -> Any:
        if self.value is not None:
            return self.postprocess(self.value)
        headers = self.headers or [str(i + 1) for i in range(self.col_count or 3)]
        return {"headers": headers, "data": [[""] * len(headers) for _ in range(self.row_count)]}

    @override
    def render(self, role: Role, limits: Limits) -> View:
        from nicegui import ui
        with ui.column().classes("w-full gap-1") as box:
            if self.label:
                ui.label(self.label).classes("nf-field-label")
            table = ui.table(columns=[], rows=[]).classes("w-full nf-table")
            if role == "input":
                text = ui.textarea("Edit as comma-separated rows").props("outlined autogrow").classes("w-full")

        def show(payload: Any) -> None:
            headers, rows = (payload or {}).get("headers", []), (payload or {}).get("data", [])
            table.columns = [{"name": str(i), "label": h, "field": str(i), "align": "left"}
                             for i, h in enumerate(headers)]
            table.rows = [{str(i): cell for i, cell in enumerate(row)} for row in rows]
            table.update()

        if role == "input":
            import csv
            import io

            def edited() -> None:
                rows = [row for row in csv.reader(io.StringIO(text.value or "")) if row]
                if rows:
                    shown.set({"headers": rows[0], "data": rows[1:]})
            text.on("blur", lambda _: edited())
        shown = Shown(show, self.initial_payload())
        show(shown.payload)
        apply_element_options(self, box)
        return shown.view(box)
