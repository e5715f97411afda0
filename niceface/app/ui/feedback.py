"""[UI] What a page says about a run: where it waits, how long it has run, what went wrong."""
from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from typing import Any

from nicegui import context, ui

from ..core.context import ProgressUpdate
from ..core.jobs import JobStatus

#: seconds after which a run shows its Cancel button
SLOW = 0.3
#: seconds between two readings of the running clock (the first comes one tick after the start)
TICK = 0.1


def ordinal(number: int) -> str:
    """1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st, 112th ..."""
    suffix = "th" if number % 100 in (11, 12, 13) else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def waiting_text(status: JobStatus) -> str:
    """ "In queue: 3rd of 7 · 4 jobs ahead · result in about 12 s" for a waiting job."""
    ahead = (status.ahead or 0) + (status.running or 0)
    text = f"In queue: {ordinal(status.position or 1)} of {status.total_waiting or 1}"
    text += f" · {ahead} job{'s' if ahead != 1 else ''} ahead"
    if status.eta_seconds is not None:
        text += f" · result in about {status.eta_seconds:.0f} s"
    return text


class Feedback:
    """The status line, the progress bar and the error line of one page's outputs, and the
    running clock. Each line is made the first time it has something to show (most pages
    never show a bar or an error: three hidden elements fewer per page), in its place after
    the outputs."""

    ORDER = ("status", "bar", "error")

    def __init__(self) -> None:
        self.container = context.slot.parent  # the outputs' card, which holds the lines
        self.anchor = len(context.slot.children)  # where the lines go: after the outputs
        self.lines: dict[str, Any] = {}
        self.running_since: float | None = None
        self._description: str | None = None  # what fn says it is doing (gr.Progress)
        self._clock: asyncio.TimerHandle | None = None
        self._begun = 0.0
        self._on_slow: Callable[[], Any] | None = None

    def line(self, kind: str) -> Any:
        """The ``kind`` line ("status", "bar" or "error"), made now if it was not yet."""
        if kind not in self.lines:
            with self.container:
                made = ui.label("").classes("nf-status text-sm text-gray-600") if kind == "status" else \
                    ui.linear_progress(value=0, show_value=False).classes("nf-progress") if kind == "bar" else \
                    ui.label("").classes("nf-error whitespace-pre-wrap")
            before = sum(other in self.lines for other in self.ORDER[:self.ORDER.index(kind)])
            made.move(self.container, target_index=self.anchor + before)
            self.lines[kind] = made
        return self.lines[kind]

    def _hide(self, kind: str) -> None:
        if kind in self.lines:
            self.lines[kind].set_visibility(False)

    def show_status(self, text: str) -> None:
        status = self.line("status")
        status.set_text(text)
        status.set_visibility(True)

    @property
    def error_shown(self) -> bool:
        return "error" in self.lines and bool(self.lines["error"].visible)

    def show_error(self, message: str | None) -> None:
        if not message:
            self._hide("error")
            return
        error = self.line("error")
        error.set_text(f"Error: {message}")
        error.set_visibility(True)

    def on_status(self, status: JobStatus) -> None:
        """A job's status: its place in the queue, or its start (the clock then runs while a
        run is on: a status that arrives after the run ended changes nothing)."""
        if status.kind == "running":
            if self._clock is not None:
                self.running_since = status.started_at
        elif status.kind == "waiting":
            self._slowed()
            self.show_status(waiting_text(status))

    def on_progress(self, update: ProgressUpdate) -> None:
        """fn's ``gr.Progress``: a bar (moving to and fro when fn gave no fraction) and its words."""
        if self._clock is None:
            return
        bar = self.line("bar")
        bar.set_visibility(True)
        bar.props(remove="indeterminate") if update.fraction is not None else bar.props("indeterminate")
        bar.set_value(update.fraction or 0)
        self._description = update.description

    def begin(self, on_slow: Callable[[], Any]) -> None:
        """A run was handed over: show the clock once it starts (refreshed ten times a second),
        and call ``on_slow`` once it waits, or runs longer than SLOW seconds (a quick run
        flashes nothing and sends the page nothing but its outputs).

        The clock is a callback of the event loop, not an element of the page: an element
        would be added to and removed from the page on every run: two more updates for the
        browser to draw, around the outputs."""
        self.running_since, self._begun, self._on_slow = None, time.monotonic(), on_slow
        self._cancel_clock()
        self._clock = asyncio.get_running_loop().call_later(TICK, self._tick)

    def end(self) -> None:
        self._cancel_clock()
        self.running_since, self._description = None, None
        self._hide("status")
        self._hide("bar")

    def _cancel_clock(self) -> None:
        if self._clock is not None:
            self._clock.cancel()
            self._clock = None

    def _slowed(self) -> None:
        if self._on_slow is not None:
            self._on_slow()
            self._on_slow = None

    def _tick(self) -> None:
        if self._clock is None or self.container.is_deleted:  # the run ended, or the page is gone
            self._clock = None
            return
        if time.monotonic() - self._begun > SLOW:
            self._slowed()
        if self.running_since is not None:
            doing = f" · {self._description}" if self._description else ""
            self.show_status(f"Running… {time.monotonic() - self.running_since:.1f} s{doing}")
        self._clock = asyncio.get_running_loop().call_later(TICK, self._tick)
