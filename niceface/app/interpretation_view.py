"""[UI] The Interpret button, its progress bar, the colour legend and the overlays it draws.

Scores come from ``niceface.interpret.explain`` (run in a worker thread); what to draw comes
from the pure ``niceface.interpret.overlay``; this module only turns that into elements.
"""
from __future__ import annotations

import asyncio
import copy
import functools
import html
from typing import TYPE_CHECKING, Any

from nicegui import ui

from ..exceptions import NicefaceError
from . import pipeline

if TYPE_CHECKING:
    from ..components.base import View
    from .page import Page

LEGEND = ('<span class="nf-legend-swatch" style="background:rgb(255,0,0)"></span> raises the top class'
          ' <span class="nf-legend-swatch" style="background:rgb(0,0,255)"></span> lowers it'
          ' · stronger colour, stronger effect')


class InterpretationView:
    """Lives in the buttons row of one page; builds its progress bar and legend on first use."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.button = ui.button("Interpret", on_click=self.run).props("outline").classes("nf-interpret")
        self.drawn: list[Any] = []
        self.progress: Any = None

    async def run(self) -> None:
        page = self.page
        page._show_error(None)
        self._clear()
        payloads = [view.get() for view in page.inputs]
        loop = asyncio.get_running_loop()
        bar, caption = self._progress_bar()

        def report(done: int, total: int) -> None:
            loop.call_soon_threadsafe(self._report, bar, caption, done, total)
        from ..interpret import explain
        work = functools.partial(explain, page.iface, payloads, state=copy.deepcopy(page.session.state), progress=report)
        self.button.disable()
        try:
            if not any(view.get() for view in page.outputs):
                await page.submit()  # show the prediction being explained
            structures = await self._explain(loop, work)
        except NicefaceError as error:
            page._show_error(str(error))
            return
        finally:
            self.button.enable()
            self.progress.set_visibility(False)
        from ..interpret.overlay import overlay_for
        for view, component, structure in zip(page.inputs, page.iface.wire_inputs, structures):
            overlay = overlay_for(component, structure)
            if overlay is not None:
                self.drawn.append(_draw(view, overlay))
        if self.drawn:
            with page.inputs[0].slot.parent_slot.parent:  # type: ignore[attr-defined]
                self.drawn.append(ui.html(LEGEND, sanitize=False).classes("nf-legend text-sm text-gray-600"))

    async def _explain(self, loop: asyncio.AbstractEventLoop, work: Any) -> Any:
        """Off the event loop; as one job of the app's queue when there is one."""
        queue = self.page.runner.queue
        if queue is None:
            return await loop.run_in_executor(pipeline.executor(), work)
        job = queue.submit(work, in_thread=True, owner=self.page.client.id, on_update=self.page._on_queue_update)
        return await job.result()

    def _progress_bar(self) -> tuple[Any, Any]:
        if self.progress is None:
            with self.page.inputs[0].slot.parent_slot.parent:  # type: ignore[attr-defined]
                with ui.column().classes("nf-interpret-progress w-full gap-0") as self.progress:
                    self.bar = ui.linear_progress(value=0, show_value=False)
                    self.caption = ui.label("").classes("text-xs text-gray-600")
        self.progress.set_visibility(True)
        self.bar.set_value(0)
        self.caption.set_text("Interpreting…")
        return self.bar, self.caption

    @staticmethod
    def _report(bar: Any, caption: Any, done: int, total: int) -> None:
        if total:
            bar.set_value(done / total)
            caption.set_text(f"{done} / {total} evaluations")

    def _clear(self) -> None:
        for element in self.drawn:
            element.delete()
        self.drawn.clear()


def _draw(view: View, overlay: Any) -> Any:
    if overlay.kind == "heatmap" and view.overlay is not None:
        from ..interpret.overlay import png_data_url
        with view.overlay:
            return ui.element("img").props(f'src="{png_data_url(overlay.data)}" alt="interpretation heatmap"') \
                .classes("nf-overlay nf-interpretation nf-interpretation-heatmap")
    with view.slot:  # type: ignore[attr-defined]
        if overlay.kind == "spans":
            return ui.html(_spans_html(overlay.data), sanitize=False).classes("nf-interpretation nf-interpretation-text")
        return ui.html(_cells_html(overlay.data), sanitize=False).classes("nf-interpretation nf-interpretation-cells")


def _spans_html(spans: list[tuple[str, str | None]]) -> str:
    parts = []
    for token, color in spans:
        style = f' style="background:{html.escape(color)}"' if color else ""
        parts.append(f'<span class="nf-token"{style}>{html.escape(token)}</span>')
    return "".join(parts)


def _cells_html(cells: list[tuple[str, str | None]]) -> str:
    parts = []
    for caption, color in cells:
        if color is None:
            parts.append(f'<span class="nf-cell nf-cell-current">{html.escape(caption)}</span>')
        else:
            parts.append(f'<span class="nf-cell" style="background:{html.escape(color)}">{html.escape(caption)}</span>')
    return "".join(parts)
