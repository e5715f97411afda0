"""[UI] One client's page: title, inputs, buttons, outputs, examples, article.

Each browser connection gets its own small element tree and its own session; both die with
the connection. Runs go through the app's Runner (queue and pipeline).
"""
from __future__ import annotations

import asyncio
import html
import logging
import time
import weakref
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from nicegui import context, ui

from ..components.base import View
from ..exceptions import NicefaceError, QueueFullError
from . import sockets, styles
from .gate import SESSION, USER, external_prefix

if TYPE_CHECKING:
    from .runner import Runner

log = logging.getLogger(__name__)


class Session:
    """Per page load: the session state and the run in flight."""

    __slots__ = ("state", "generation", "job", "running_since", "__weakref__")

    def __init__(self, state: Any) -> None:
        self.state = state
        self.running_since: float | None = None
        self.generation = 0  # bumped by every run; a late result of an older run is dropped
        self.job: Any = None


class Page:
    """Builds and drives one client's page."""

    def __init__(self, runner: Runner) -> None:
        self.runner = runner
        self.iface = runner.iface
        self.client = context.client
        self.session = Session(self.iface.initial_state())
        request = self.client.request
        self.username: str | None = getattr(request.state, USER, None)
        self.token: str | None = getattr(request.state, SESSION, None)  # the login this page runs under
        self.prefix = external_prefix(request)
        self.inputs: list[View] = []
        self.outputs: list[View] = []
        self.last_outputs: list[Any] | None = None  # payloads of the last run shown, for flags
        self.build()
        self.client.on_delete(self._forget)
        sockets.guard(self.client.id, self.live, self.end)

    # ---- layout ---------------------------------------------------------------------------
    def build(self) -> None:
        iface = self.iface
        with ui.column().classes("nf-interface w-full max-w-6xl mx-auto gap-4 p-4"):
            if self.username is not None:
                with ui.row().classes("nf-user w-full justify-end items-center gap-2 text-sm text-gray-600"):
                    ui.label(f"Signed in as {self.username}")
                    ui.html(LOGOUT.format(action=html.escape(f"{self.prefix}/logout")), sanitize=False)
            if iface.title:
                ui.label(iface.title).classes("nf-title text-3xl font-bold w-full text-center")
            if iface.description:
                ui.markdown(iface.description).classes("nf-description w-full")
            with ui.row().classes("nf-panels w-full gap-4 items-start no-wrap max-md:flex-wrap"):
                if iface.wire_inputs:
                    with ui.card().classes("nf-inputs grow basis-0 min-w-[280px]"):
                        self.inputs = [self._wrap(c, "input") for c in iface.wire_inputs]
                        self._buttons()
                with ui.card().classes("nf-outputs grow basis-0 min-w-[280px]") as self.output_card:
                    self.outputs = [self._wrap(c, "output") for c in iface.wire_outputs]
                    self.status = ui.label("").classes("nf-status text-sm text-gray-600")
                    self.status.set_visibility(False)
                    self.error = ui.label("").classes("nf-error text-red-700 whitespace-pre-wrap")
                    self.error.set_visibility(False)
                    if not iface.wire_inputs:
                        self._buttons()
                    if self.runner.flags is not None and iface.allow_flagging == "manual":
                        self._flag_buttons()
            if iface.examples:
                self._examples()
            if iface.article:
                ui.markdown(iface.article).classes("nf-article w-full")
        if iface.live:
            for view in self.inputs:
                view.on_change(self.submit)

    def _wrap(self, component: Any, role: str) -> View:
        with ui.column().classes("nf-slot w-full gap-1") as slot:
            view = component.render(role, self.runner.limits)
        view.slot = slot  # type: ignore[attr-defined]  # where overlays go
        return view

    def _buttons(self) -> None:
        with ui.row().classes("nf-buttons w-full gap-2"):
            ui.button("Clear", on_click=self.clear).props("outline").classes("nf-clear")
            if not self.iface.live or not self.iface.wire_inputs:
                self.submit_button = ui.button("Submit", on_click=self.submit).classes("nf-submit")
            self.cancel_button = ui.button("Cancel", on_click=self.cancel).props("flat color=negative").classes("nf-cancel")
            self.cancel_button.set_visibility(False)
            if self.iface.interpretation is not None:
                from .interpretation_view import InterpretationView
                self.interpretation = InterpretationView(self)

    def _flag_buttons(self) -> None:
        with ui.row().classes("nf-flagging w-full gap-2"):
            for option in self.iface.flagging_options or [None]:
                text = f"Flag as {option}" if option is not None else "Flag"
                ui.button(text, on_click=partial(self.flag, option)).props("outline").classes("nf-flag")

    def _examples(self) -> None:
        iface = self.iface
        columns = [{"name": str(i), "label": c.label or c.kind, "field": str(i), "align": "left"}
                   for i, c in enumerate(iface.wire_inputs)]
        rows = [{"id": n, **{str(i): _caption(v) for i, v in enumerate(row)}} for n, row in enumerate(iface.examples)]
        with ui.column().classes("nf-examples w-full gap-1"):
            ui.label("Examples").classes("text-lg font-semibold")
            table = ui.table(columns=columns, rows=rows, row_key="id").classes("w-full cursor-pointer")
            table.props("flat bordered dense hide-bottom")
            table.on("row-click", lambda event: self.fill(_row_id(event.args)))

    # ---- actions --------------------------------------------------------------------------
    def fill(self, number: int | None) -> None:
        """Put example row ``number`` into the inputs (nothing for a row that does not exist)."""
        if number is None or not 0 <= number < len(self.iface.examples):
            return
        for view, component, value in zip(self.inputs, self.iface.wire_inputs, self.iface.examples[number]):
            view.set(component.postprocess(value))

    def clear(self) -> None:
        for view, component in zip(self.inputs, self.iface.wire_inputs):
            view.set(component.initial_payload())
        for view in self.outputs:
            view.set(None)
        self.last_outputs = None
        self.session.state = self.iface.initial_state()
        self._show_error(None)

    async def submit(self) -> None:
        session = self.session
        session.generation += 1
        generation = session.generation
        self._show_error(None)
        payloads = [view.get() for view in self.inputs]
        session.running_since = None if self.runner.queue else time.monotonic()
        with self.output_card:
            ticker = ui.timer(0.1, self._tick)
        try:
            result = await self.runner.run(payloads, session.state, owner=self.client.id,
                                           on_update=self._on_queue_update, on_job=self._on_job)
        except asyncio.CancelledError:
            return
        except QueueFullError as error:
            self._show_error(str(error))
            ui.notify(str(error), type="warning")
            return
        except NicefaceError as error:
            if generation == session.generation:
                self._show_error(str(error) if self.runner.show_error else "Something went wrong.")
            return
        finally:
            ticker.cancel()
            self._done(generation)
        if generation != session.generation or self.client.is_deleted:
            return  # a newer run (live mode) or a cancel superseded this one
        session.state = result.state
        for view, payload in zip(self.outputs, result.payloads):
            view.set(payload)
        self.last_outputs = result.payloads
        if self.runner.flags_every_run:
            await self.flag(None, inputs=payloads, quiet=True)

    async def flag(self, option: str | None, *, inputs: list[Any] | None = None, quiet: bool = False) -> None:
        """Store the inputs shown (or ``inputs``) and the last outputs as a flagged sample."""
        inputs = inputs if inputs is not None else [view.get() for view in self.inputs]
        try:
            await self.runner.flag(inputs, self.last_outputs, option, username=self.username)
        except Exception as error:  # a full disk, a broken flags file: say so, keep the page
            log.exception("could not store a flag")
            ui.notify(f"Could not save the flag: {error}", type="negative", multi_line=True)
            return
        if not quiet:
            ui.notify(f"Flagged{f' as {option}' if option is not None else ''}. Thank you!", type="positive")

    def cancel(self) -> None:
        """Remove the waiting job, or abandon the running one: its output never arrives."""
        if self.session.job is not None:
            self.session.job.cancel()
        self._done(self.session.generation)
        self.session.generation += 1
        self._show_status("Cancelled.")

    # ---- feedback -------------------------------------------------------------------------
    def _on_job(self, job: Any) -> None:
        self.session.job = job
        if hasattr(self, "cancel_button"):
            self.cancel_button.set_visibility(True)

    def _on_queue_update(self, status: Any) -> None:
        if status.kind == "running":
            self.session.running_since = status.started_at
        elif status.kind == "waiting":
            from .queue import format_position
            running = self.runner.queue.running if self.runner.queue else 0
            ahead = status.ahead + running
            text = f"In queue: {format_position(status.position, status.total_waiting)}"
            text += f" · {ahead} job{'s' if ahead != 1 else ''} ahead"
            if status.eta_seconds is not None:
                text += f" · result in about {status.eta_seconds:.0f} s"
            self._show_status(text)

    def _tick(self) -> None:
        if self.session.running_since is not None:
            self._show_status(f"Running… {time.monotonic() - self.session.running_since:.1f} s")

    def _done(self, generation: int) -> None:
        if generation == self.session.generation:
            self.session.job = None
            self.status.set_visibility(False)
            if hasattr(self, "cancel_button"):
                self.cancel_button.set_visibility(False)

    def _show_status(self, text: str) -> None:
        self.status.set_text(text)
        self.status.set_visibility(True)

    def _show_error(self, message: str | None) -> None:
        self.error.set_text(f"Error: {message}" if message else "")
        self.error.set_visibility(bool(message))

    def live(self) -> bool:
        """True while the page may run: no login needed, or its login session has not ended."""
        return self.runner.auth is None or self.runner.auth.user_of(self.token) is not None

    def end(self) -> None:
        """Its login session ended (logout, removal, password change): off to the login page."""
        self.runner.forget(self.client.id)
        with self.client:
            ui.navigate.to("/login")  # NiceGUI puts the app's prefix (root_path, X-Forwarded-Prefix) first

    def _forget(self) -> None:
        self.runner.forget(self.client.id)
        sockets.forget(self.client.id)


def _row_id(args: Any) -> int | None:
    """The example row a row-click event names, if it names one the way our table does."""
    try:
        number = args[1]["id"]
    except (IndexError, KeyError, TypeError):
        return None
    return number if type(number) is int else None


def _caption(value: Any) -> str:
    text = str(value)
    if isinstance(value, (str, Path)) and Path(text).suffix and ("/" in text or "\\" in text):
        text = Path(text).name  # a file: its name is enough
    return text if len(text) <= 60 else text[:57] + "…"


LOGOUT = ('<form method="post" action="{action}" class="nf-logout-form">'
          '<button type="submit" class="nf-logout">Log out</button></form>')


class OpenPages:
    """The pages open under each login session, so that a session's end closes them."""

    def __init__(self) -> None:
        self.by_token: dict[str, weakref.WeakSet[Page]] = {}

    def add(self, page: Page) -> None:
        if page.token is not None:
            self.by_token.setdefault(page.token, weakref.WeakSet()).add(page)

    def end(self, tokens: set[str]) -> None:
        for token in tokens:
            for page in list(self.by_token.pop(token, ())):
                if not page.client.is_deleted:
                    page.end()


def register(runner: Runner) -> None:
    """Serve the interface at "/" (each connection gets its own Page)."""
    ui.add_css(styles.css(runner.iface.css), shared=True)
    pages = OpenPages()
    if runner.auth is not None:
        runner.auth.on_end(pages.end)

    @ui.page("/", title=runner.iface.title or "niceface")
    def index() -> None:
        pages.add(Page(runner))
