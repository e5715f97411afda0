"""[UI] One client's page: title, inputs, buttons, outputs, examples, article.

Each browser connection gets its own small element tree and its own session; both die with
the connection. Runs go through the app's Service (its scheduler, then the one door to fn).
"""
from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any, Protocol

from nicegui import context, ui

from ...components.base import is_update
from ...exceptions import NicefaceError, QueueFullError
from ...storage.media import MediaStore, browser_key, release, uploads_to
from ..core.context import Notice, ProgressUpdate, Request
from ..core.invoke import Result
from ..core.jobs import Job, JobStatus
from ..core.visitor import visitor_of
from . import layout, sockets
from .buttons import ButtonBar
from .feedback import Feedback
from .field import Field, apply_update
from .frozen import FREEZER

if TYPE_CHECKING:
    from ...components.base import Component
    from ..core.service import Service

log = logging.getLogger(__name__)


class Sessions(Protocol):
    """What a page needs of the login sessions (the serving layer's Authenticator)."""

    def user_of(self, token: str | None) -> str | None: ...

    def on_end(self, listener: Callable[[set[str]], Any]) -> None: ...


class RunState:
    """Per page load: the session state and the run in flight."""

    __slots__ = ("__weakref__", "generation", "job", "state")

    def __init__(self, state: Any) -> None:
        self.state = state
        self.generation = 0  # bumped by every run; a late result of an older run is dropped
        self.job: Job[Any] | None = None


class Page:
    """Builds and drives one client's page."""

    def __init__(self, service: Service, sessions: Sessions | None, *, show_api: bool = True,
                 framed: bool = True, media: MediaStore | None = None) -> None:
        """``framed``: with the title bar and footer (not for a tab: its page has them);
        ``media``: where this page session's uploads and fn's media outputs are kept as files
        (without it they travel as data URLs)."""
        self.service, self.sessions, self.show_api, self.framed = service, sessions, show_api, framed
        self.definition = definition = service.definition
        self.client = context.client
        self.run = RunState(definition.initial_state())
        visitor = visitor_of(self.client.request.state)
        self.username, self.token = visitor.username, visitor.session  # the login this page runs under
        self.request = Request.of(self.client.request, self.username, self.client.id)  # for fn's gr.Request
        self.inputs: list[Field] = []
        self.outputs: list[Field] = []
        self.last_outputs: list[Any] | None = None  # payloads of the last run shown, for flags
        self.ran_with: list[Any] | None = None  # the inputs that gave them
        self._clear_handlers: list[Callable[[], Any]] = []
        self.media = media
        key = browser_key(self.client.request)
        self.sink = None if media is None or key is None else media.open_session(self.client.id, key)
        with uploads_to(self.sink):
            self.build()
        self.client.on_delete(self._forget)
        sockets.guard(self.client.id, self.live, self.end)
        FREEZER.built()  # see frozen.py

    # ---- layout ---------------------------------------------------------------------------
    def build(self) -> None:
        """The page is one grid (niceface.css), the element the page is built in (NiceGUI's
        content, or a tab): the top (title bar and description), the two panels side by side
        (stacked on a phone), then the examples, article and footer; no rows or columns of its own."""
        definition, request = self.definition, self.client.request
        context.slot.parent.classes("nf-interface nf-grid")
        if self.framed:
            layout.theme(request, definition.look)
        layout.head(definition.title, self.username, layout.prefix(request), definition.description,
                    framed=self.framed)
        self.inputs_card = ui.card().classes("nf-inputs")
        self.inputs_card.set_visibility(bool(definition.wire_inputs))
        with self.inputs_card:
            self.inputs = [self._field(c, "input") for c in definition.wire_inputs]
        with ui.card().classes("nf-outputs" if definition.wire_inputs else "nf-outputs nf-wide") as self.outputs_card:
            self.outputs = [self._field(c, "output") for c in definition.wire_outputs]
            self.feedback = Feedback()
            if self.service.flags is not None and definition.allow_flagging == "manual":
                self._flag_buttons()
        with self.inputs_card if definition.wire_inputs else self.outputs_card:
            self._buttons()
        from .examples import tail
        tail(definition, self.fill, layout.footer_html(layout.prefix(request), self.show_api) if self.framed else "")
        for field in self.inputs:
            field.view.on_change(self.submit if definition.live else self._inputs_changed)

    def _inputs_changed(self) -> None:
        """Outputs (or an error) of other inputs than those shown look faded until the next run."""
        shown = self.last_outputs is not None or self.feedback.error_shown
        self._mark_stale(shown and self.payloads() != self.ran_with)

    def _mark_stale(self, stale: bool) -> None:
        """The CSS fades every output while the first one's slot has the class "nf-stale": a
        class on the card would make the browser redraw the card with all it holds, while the
        first output is redrawn anyway when a run shows its value (the class goes with it)."""
        if self.outputs:
            slot = self.outputs[0].slot
            slot.classes(add="nf-stale") if stale else slot.classes(remove="nf-stale")

    def _field(self, component: Component, role: str) -> Field:
        """The component's widget, in a column of its own only when it is several elements or an
        interpretation is drawn beside it (one element fewer per field on most pages)."""
        if self.definition.interpretation is not None:
            with ui.column().classes("nf-slot w-full gap-1") as slot:
                view = component.widget(role, self.service.options.limits)  # type: ignore[arg-type]
        else:
            parent, first = context.slot.parent, len(context.slot.children)
            view = component.widget(role, self.service.options.limits)  # type: ignore[arg-type]
            slot = layout.slot_of(parent, first)
        if role == "input":
            view.on_enter(self.submit)
        return Field(component, view, slot)

    def _buttons(self) -> None:
        interpreting = self.definition.interpretation is not None
        submits = not self.definition.live or not self.definition.wire_inputs
        self.buttons = ButtonBar(("clear", "cancel") + ("submit",) * submits + ("interpret",) * interpreting)
        self.buttons.on("clear", self.clear)
        self.buttons.on("submit", self.submit)
        self.buttons.on("cancel", self.cancel)
        if interpreting:
            from .interpretation_view import InterpretationView
            InterpretationView(self)  # it reads the page's public parts: see its Host

    def _flag_buttons(self) -> None:
        options: list[str | None] = [*(self.definition.flagging_options or [])] or [None]
        layout.flag_buttons(options, lambda number: self.flag(options[number]))

    # ---- actions --------------------------------------------------------------------------
    def payloads(self) -> list[Any]:
        """What the inputs hold now."""
        return [field.view.get() for field in self.inputs]

    async def fill(self, number: int | None) -> None:
        """Put example row ``number`` into the inputs (nothing for a row that does not exist);
        with cache_examples, show its outputs too (cached, or run now)."""
        if number is None or not 0 <= number < len(self.definition.examples):
            return
        try:
            payloads = [field.component.postprocess(value)
                        for field, value in zip(self.inputs, self.definition.examples[number], strict=False)]
        except (NicefaceError, OSError) as error:
            ui.notify(f"This example cannot be used: {error}", type="warning")
            return
        for field, payload in zip(self.inputs, payloads, strict=False):
            field.view.set(payload)
        cache = self.service.examples
        if cache is None or self.definition.live:  # a live page runs on the change already
            return
        cached = cache.get(number)
        if cached is not None:
            self.feedback.show_error(None)
            self.show(cached, payloads)
        else:
            await self.submit()

    def clear(self) -> None:
        for field in self.inputs:
            field.view.set(field.component.initial_payload())
        self.show_nothing()
        self.run.state = self.definition.initial_state()
        self.feedback.show_error(None)
        for handler in self._clear_handlers:
            handler()

    def on_clear(self, handler: Callable[[], Any]) -> None:
        """Call ``handler()`` when the page is cleared."""
        self._clear_handlers.append(handler)

    def show_nothing(self) -> None:
        """Empty every output (after Clear, or a run that failed: no stale result beside an error)."""
        for field in self.outputs:
            field.view.set(None)
        release(self.last_outputs, keep=())
        self.last_outputs = None
        self._mark_stale(False)

    async def submit(self) -> bool:
        """Run fn on the inputs as they are; True if its outputs are now on the page."""
        run = self.run
        if self.definition.live and run.job is not None and run.job.status.kind == "waiting":
            run.job.cancel()  # superseded before it started: the latest change wins
        run.generation += 1
        generation = run.generation
        self.feedback.show_error(None)
        payloads = self.payloads()
        self.feedback.begin(on_slow=self._offer_cancel)
        try:
            result = await self.service.run(payloads, run.state, owner=self.client.id, request=self.request,
                                            on_update=partial(self._on_update, generation, payloads),
                                            on_job=self._on_job, media=self.sink)
        except asyncio.CancelledError:
            return False
        except QueueFullError as error:
            self.feedback.show_error(str(error))
            ui.notify(str(error), type="warning")
            return False
        except NicefaceError as error:
            if generation == run.generation:
                self.show_nothing()
                self.ran_with = payloads  # what the error is about
                self.feedback.show_error(self.service.shown(error))
            return False
        finally:
            self._done(generation)
        if generation != run.generation or self.client.is_deleted:
            return False  # a newer run (live mode) or a cancel superseded this one
        run.state = result.state
        self.show(result.outputs, payloads)
        if self.service.flags_every_run:
            await self.flag(None, inputs=payloads, quiet=True)
        return True

    def show(self, payloads: list[Any], inputs: list[Any]) -> None:
        """Put a run's output payloads on the page; ``inputs``: the input payloads they came from."""
        self.ran_with = inputs
        for field, payload in zip(self.outputs, payloads, strict=False):
            if is_update(payload):
                apply_update(field, payload)
            else:
                field.view.set(payload)
        shown = [payload.get("value") if is_update(payload) else payload for payload in payloads]
        release(self.last_outputs, keep=shown)  # the files of outputs no longer shown
        self.last_outputs = shown
        self._mark_stale(False)

    async def flag(self, option: str | None, *, inputs: list[Any] | None = None, quiet: bool = False) -> None:
        """Store the last outputs with the inputs that gave them (or ``inputs``) as a flagged
        sample: a pair shown together, even when the inputs were changed since (the outputs
        then look faded); with no outputs shown, the inputs shown."""
        if inputs is None:
            inputs = self.ran_with if self.last_outputs is not None and self.ran_with is not None else self.payloads()
        try:
            await self.service.flag(inputs, self.last_outputs, option, username=self.username)
        except Exception as error:  # a full disk, a broken flags file: say so, keep the page
            log.exception("could not store a flag")
            ui.notify(f"Could not save the flag: {error}", type="negative", multi_line=True)
            return
        if not quiet:
            ui.notify(f"Flagged{f' as {option}' if option is not None else ''}. Thank you!", type="positive")

    def cancel(self) -> None:
        """Remove the waiting job, or abandon the running one: its output never arrives."""
        if self.run.job is not None:
            self.run.job.cancel()
        self._done(self.run.generation)
        self.run.generation += 1
        self.feedback.show_status("Cancelled.")

    # ---- sessions -------------------------------------------------------------------------
    def live(self) -> bool:
        """True while the page may run: no login needed, or its login session has not ended."""
        return self.sessions is None or self.sessions.user_of(self.token) is not None

    def end(self) -> None:
        """Its login session ended (logout, removal, password change): off to the login page."""
        self.service.forget(self.client.id)
        with self.client:
            # "You are logged out." (also where this tab's own Log out may land first); NiceGUI puts
            # the app's prefix (root_path, X-Forwarded-Prefix) first
            ui.navigate.to("/login?out=1")

    # ---- feedback -------------------------------------------------------------------------
    def _on_job(self, job: Job[Any]) -> None:
        self.run.job = job

    def _on_update(self, generation: int, inputs: list[Any], status: JobStatus) -> None:
        if generation != self.run.generation:
            return
        if status.kind != "progress":
            self.feedback.on_status(status)
        elif isinstance(status.detail, Result):
            self.show(status.detail.outputs, inputs)  # a generator's partial output
        elif isinstance(status.detail, Notice):
            with self.client:  # a report comes from the scheduler, outside this page's slot
                ui.notify(status.detail.message, type="warning" if status.detail.kind == "warning" else "info",
                          classes=f"nf-notice nf-notice-{status.detail.kind}")
        elif isinstance(status.detail, ProgressUpdate):
            self.feedback.on_progress(status.detail)

    def _offer_cancel(self) -> None:
        self.buttons.show_cancel(True)

    def _done(self, generation: int) -> None:
        if generation == self.run.generation:
            self.run.job = None
            self.feedback.end()
            self.buttons.show_cancel(False)

    def _forget(self) -> None:
        # The page's own objects may wait in frozen cycles (frozen.py); what the session holds
        # (its state, inputs and outputs shown) is let go of now, so refcounting frees it.
        self.run.state = self.last_outputs = self.ran_with = None
        FREEZER.deleted()
        self.service.forget(self.client.id)
        sockets.forget(self.client.id)
        if self.media is not None:
            self.media.drop(self.client.id)  # the page session's files
