"""[UI] Tables on a page: an output table (paged) and an input table edited cell by cell."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .base import View, call_all


def show_table(max_rows: int | None, height: int | None, *, wrap: bool = False,
               widths: list[str | int] | None = None) -> Callable[[Any], None]:
    """A read-only table; the returned function shows a {"headers", "data"} payload in it."""
    from nicegui import ui
    table = ui.table(columns=[], rows=[], row_key="__row", pagination=max_rows or 0).classes("w-full nf-table")
    table.props("flat bordered dense" + ("" if wrap else " wrap-cells=false"))
    if wrap:
        table.props("wrap-cells")
    if height:
        table.style(f"max-height: {height}px")

    def show(payload: Any) -> None:
        headers, rows = (payload or {}).get("headers", []), (payload or {}).get("data", [])
        table.columns = [{"name": str(i), "label": str(h), "field": str(i), "align": "left",
                          **({"style": f"width: {_width(widths[i])}"} if widths and i < len(widths) else {})}
                         for i, h in enumerate(headers)]
        table.rows = [{"__row": n, **{str(i): cell for i, cell in enumerate(row)}} for n, row in enumerate(rows)]
        table.update()
    return show


def _width(width: str | int) -> str:
    return f"{width}px" if isinstance(width, int) else str(width)


class EditableTable:
    """An input table: every cell editable (double-click or type), rows and columns added with
    buttons unless fixed. Its payload is {"headers": [...], "data": [[...], ...]} of text."""

    def __init__(self, payload: Any, *, rows_fixed: bool, columns_fixed: bool, height: int | None) -> None:
        from nicegui import ui
        self.handlers: list[Callable[[], Any]] = []
        self.headers: list[str] = []
        self.rows: list[list[Any]] = []
        self.grid = ui.aggrid({"columnDefs": [], "rowData": [], "singleClickEdit": True,
                               "stopEditingWhenCellsLoseFocus": True,
                               "defaultColDef": {"editable": True, "resizable": True, "flex": 1, "minWidth": 80}},
                              theme="quartz").classes("w-full nf-table-edit")
        self.grid.style(f"height: {min(height or 500, 80 + 42 * 8)}px")
        self.grid.on("cellValueChanged", self._edited)
        with ui.row().classes("gap-1"):
            if not rows_fixed:
                ui.button("+ row", on_click=self.add_row).props("flat dense no-caps").classes("nf-add-row")
            if not columns_fixed:
                ui.button("+ column", on_click=self.add_column).props("flat dense no-caps").classes("nf-add-column")
        self.set(payload)

    def payload(self) -> dict[str, Any]:
        return {"headers": list(self.headers), "data": [list(row) for row in self.rows]}

    def set(self, payload: Any) -> None:
        payload = payload or {"headers": [], "data": []}
        self.headers = [str(h) for h in payload.get("headers", [])]
        self.rows = [["" if cell is None else cell for cell in row] for row in payload.get("data", [])]
        self._draw()
        call_all(self.handlers)

    def add_row(self) -> None:
        self.rows.append([""] * len(self.headers))
        self._draw()

    def add_column(self) -> None:
        self.headers.append(str(len(self.headers) + 1))
        for row in self.rows:
            row.append("")
        self._draw()

    def _draw(self) -> None:
        self.grid.options["columnDefs"] = [{"field": f"c{i}", "headerName": h} for i, h in enumerate(self.headers)]
        self.grid.options["rowData"] = [{f"c{i}": cell for i, cell in enumerate(row)} for row in self.rows]
        self.grid.update()

    def _edited(self, event: Any) -> None:
        args = event.args
        row, column = int(args.get("rowIndex", -1)), str(args.get("colId", ""))
        if 0 <= row < len(self.rows) and column.startswith("c") and column[1:].isdigit():
            index = int(column[1:])
            if index < len(self.headers):
                value = args.get("newValue")
                self.rows[row][index] = "" if value is None else value
                call_all(self.handlers)

    def view(self, box: Any) -> View:
        return View(box, self.payload, self.set, self.handlers.append)
