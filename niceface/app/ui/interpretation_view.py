"""[UI] The Interpret button, its progress bar, the colour legend and the overlays it draws.

Scores come from ``niceface.interpret.explain``, run as one job of the app's scheduler (its
progress arrives as the job's "progress" statuses); what to draw comes from the pure
``niceface.interpret.overlay``; this module only turns that into elements.
"""
from __future__ import annotations

import copy
import html
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

from nicegui import ui

from ...exceptions import NicefaceError
from ..core.jobs import JobStatus

if TYPE_CHECKING:
    from ..core.definition import Definition
    from ..core.service import Service
    from .buttons import ButtonBar
    from .feedback import Feedback
    from .field import Field


class Host(Protocol):
    """What the view needs of its page (``page.Page``)."""

    definition: Definition
    service: Service
    client: Any
    inputs: list[Field]
    outputs: list[Field]
    inputs_card: Any
    buttons: ButtonBar
    feedback: Feedback
    run: Any  # RunState: .state is the session state

    def payloads(self) -> list[Any]: ...

    def on_clear(self, handler: Callable[[], Any]) -> None: ...

    async def submit(self) -> bool: ...

LEGEND = ('<span class="nf-legend-swatch" style="background:{positive}"></span> raises the top class'
          ' <span class="nf-legend-swatch" style="background:{negative}"></span> lowers it'
          ' · stronger colour, stronger effect')


class InterpretationView:
    """The Interpret button of one page's button bar; builds its progress bar and legend on first use."""

    def __init__(self, page: Host) -> None:
        self.page = page
        self.buttons = page.buttons
        self.buttons.on("interpret", self.run)
        self.drawn: list[Any] = []
        self.progress: Any = None
        self.edits = 0  # any change to an input: overlays of what was there before go away
        for field in page.inputs:
            field.view.on_change(self._inputs_changed)
        page.on_clear(self._inputs_changed)

    def _inputs_changed(self) -> None:
        self.edits += 1
        self._clear()

    async def run(self) -> None:
        """Predict and explain the inputs as they are now; draw the overlays only if they are
        still what was explained (an edit meanwhile leaves nothing stale on the page)."""
        page = self.page
        self._clear()
        payloads, edits, state = page.payloads(), self.edits, copy.deepcopy(page.run.state)
        self.buttons.busy("interpret", True)
        try:
            if not await page.submit():  # the outputs show the prediction being explained
                return
            structures = await self._explain(payloads, state)
        except NicefaceError as error:
            page.feedback.show_error(page.service.shown(error))
            return
        finally:
            self.buttons.busy("interpret", False)
            page.feedback.end()
            if self.progress is not None:
                self.progress.set_visibility(False)
        if edits == self.edits:
            self._draw_all(structures, payloads)

    async def _explain(self, payloads: list[Any], state: Any) -> list[Any]:
        page = self.page
        bar, caption = self._progress_bar()

        def show(status: JobStatus) -> None:
            if status.kind == "progress":
                self._report(bar, caption, *status.detail)
            else:
                page.feedback.on_status(status)
        from ...interpret import explain
        limits, executor = page.service.options.limits, page.service.options.executor
        structures: list[Any] = await page.service.schedule(
            lambda report: explain(page.definition, payloads, state=state, limits=limits, executor=executor,
                                   progress=lambda done, total: report((done, total))),
            owner=page.client.id, on_update=show)
        return structures

    def _draw_all(self, structures: list[Any], payloads: list[Any]) -> None:
        from ...interpret.overlay import overlay_for
        for field, structure, payload in zip(self.page.inputs, structures, payloads, strict=True):
            overlay = overlay_for(field.component, structure, payload)
            if overlay is not None:
                self.drawn.append(_draw(field, overlay))
        if self.drawn:
            from ...components.highlighted_text import score_color
            with self.page.inputs_card:
                legend = LEGEND.format(positive=score_color(1.0), negative=score_color(-1.0))
                self.drawn.append(ui.html(legend, sanitize=False).classes("nf-legend text-sm"))

    def _progress_bar(self) -> tuple[Any, Any]:
        if self.progress is None:
            with self.page.inputs_card, ui.column().classes("nf-interpret-progress w-full gap-0") as self.progress:
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


def _draw(field: Field, overlay: Any) -> Any:
    if overlay.kind == "heatmap" and field.view.overlay is not None:
        from ...interpret.overlay import png_data_url
        left, top, width, height = (100 * side for side in overlay.region)
        with field.view.overlay:
            heat = ui.element("img").classes("nf-overlay nf-interpretation nf-interpretation-heatmap")
        heat.props["src"] = png_data_url(overlay.data)
        heat.props["alt"] = "interpretation heatmap"
        heat.style(f"left: {left:.4f}%; top: {top:.4f}%; width: {width:.4f}%; height: {height:.4f}%")
        return heat
    with field.slot:
        if overlay.kind == "spans":
            return ui.html(_spans_html(overlay.data), sanitize=False) \
                .classes("nf-interpretation nf-interpretation-text")
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
