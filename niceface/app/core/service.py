"""Service: what one launched app shares between its pages and its HTTP API.

It owns the definition, the scheduler (chosen once from RunOptions: the queue, or at once on
a bounded pool) and the flag store. Every run and every interpretation enters through
``run`` / ``schedule``, which add ``run_timeout``; fn itself is called only by ``invoke``.
No NiceGUI, no HTTP.
"""
from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

from ...components._codecs import from_data_url, is_media
from ...exceptions import (
    ConfigurationError,
    ExecutorError,
    FunctionError,
    NicefaceError,
    OutputError,
    RunTimeoutError,
)
from .context import Request
from .example_cache import ExampleCache
from .invoke import Call, Result, invoke
from .jobs import Job, JobStatus, Listener, Scheduler, Work
from .options import RunOptions

if TYPE_CHECKING:
    from ...storage.media import Sink
    from .definition import Definition
    from .flagging import Flags

T = TypeVar("T")
#: what a page or API caller is told of an error in fn when show_error is off
HIDDEN_ERROR = ("This app ran into an error; its details are in the server's log (its author can show them here "
                "with launch(show_error=True)).")


@dataclass(eq=False)
class Service:
    definition: Definition
    options: RunOptions = field(default_factory=RunOptions)
    flags: Flags | None = None  # the FlagStore or a flagging_callback; None when allow_flagging="never"
    scheduler: Scheduler = field(init=False)
    examples: ExampleCache | None = field(init=False)  # cache_examples=True: the outputs of each example
    loop: asyncio.AbstractEventLoop | None = field(default=None, init=False)

    def __post_init__(self) -> None:
        self.scheduler = self.options.scheduler()
        self.examples = ExampleCache(self) if self.definition.cache_examples else None

    def start(self) -> None:
        """Begin serving; call inside the server's event loop."""
        self.loop = asyncio.get_running_loop()
        self.scheduler.start()
        if self.examples is not None:
            self.examples.start()

    async def stop(self) -> None:
        if self.examples is not None:
            await self.examples.stop()
        await self.scheduler.stop()

    def call(self, inputs: list[Any], state: Any = None, request: Request | None = None,
             media: Sink | None = None) -> Call:
        """A Call of untrusted wire values, with this app's limits; media outputs to ``media``
        (a page session's files) or, without it, as data URLs."""
        return Call(inputs, state, wire=True, limits=self.options.limits, loop=self.loop, request=request,
                    media=media, executor=self.options.executor)

    async def run(self, inputs: list[Any], state: Any = None, *, owner: str | None = None,
                  on_update: Listener | None = None, on_job: Callable[[Job[Any]], Any] | None = None,
                  request: Request | None = None, media: Sink | None = None) -> Result:
        """One run of fn on wire values (page, API): through the scheduler, within run_timeout.
        ``on_job`` receives the job (so that a page can cancel it); ``on_update`` its statuses
        (what the run reports comes as "progress": a generator's partial Result, fn's
        ``gr.Progress`` (a ProgressUpdate) and ``gr.Warning``/``gr.Info`` (a Notice))."""
        call = self.call(inputs, state, request, media)
        return await self.schedule(lambda report: invoke(self.definition, call, report),
                                   owner=owner, on_update=on_update, on_job=on_job)

    async def schedule(self, work: Work[T], *, owner: str | None = None, on_update: Listener | None = None,
                       on_job: Callable[[Job[Any]], Any] | None = None) -> T:
        """Any work (a run, an interpretation) on the app's scheduler; its result, or
        RunTimeoutError once it has run longer than ``run_timeout``."""
        if self.options.run_timeout is None:
            job = self.scheduler.submit(work, owner=owner, on_update=on_update)
            if on_job is not None:
                on_job(job)
            return await job.result()
        started = asyncio.Event()

        def listen(status: JobStatus) -> None:
            if status.kind == "running":
                started.set()
            if on_update is not None:
                on_update(status)
        job = self.scheduler.submit(work, owner=owner, on_update=listen)
        if on_job is not None:
            on_job(job)
        return await self._within_timeout(job, started, self.options.run_timeout)

    async def _within_timeout(self, job: Job[T], started: asyncio.Event, timeout: float) -> T:
        """The job's result, or RunTimeoutError once it has run ``timeout`` seconds (waiting does not count)."""
        outcome = asyncio.ensure_future(job.result())
        begun = asyncio.ensure_future(started.wait())
        try:
            await asyncio.wait({outcome, begun}, return_when=asyncio.FIRST_COMPLETED)  # no timeout while waiting
            if not outcome.done() and not (await asyncio.wait({outcome}, timeout=timeout))[0]:
                job.cancel()
                raise RunTimeoutError(f"{self.definition.name} took longer than {timeout:g} s (run_timeout) and "
                                      "was abandoned")
            return outcome.result()
        finally:
            begun.cancel()
            outcome.cancel()  # shielded: the job itself goes on unless cancelled above

    def shown(self, error: NicefaceError) -> str:
        """What a page or an API caller is told of ``error``: their own mistakes and fn's
        ``niceface.Error`` messages always; what else fn raised only with ``show_error``
        (otherwise it is in the server's log)."""
        if isinstance(error, (RunTimeoutError, OutputError, ExecutorError)) or not isinstance(error, FunctionError) \
                or error.intended or self.options.show_error:
            return str(error)
        return HIDDEN_ERROR

    def forget(self, owner: str) -> None:
        """A page is gone for good: withdraw its waiting work."""
        self.scheduler.cancel_owner(owner)

    # ---- flags --------------------------------------------------------------------------
    @property
    def flags_every_run(self) -> bool:
        return self.flags is not None and self.definition.allow_flagging == "auto"

    async def flag(self, inputs: list[Any], outputs: list[Any] | None, option: str | None = None,
                   username: str | None = None) -> Any:
        """Store one flagged sample (wire payloads, media as Blobs) and return what the store
        says (the FlagStore's record, or what a flagging_callback's flag() returned); the write
        runs on the loop's default pool, never behind the app's fns."""
        if self.flags is None:
            raise ConfigurationError("flagging is off for this interface (allow_flagging='never')")
        flags = self.flags

        def add() -> Any:  # media read here, off the loop: a page session's files may be large
            return flags.add(_blobs(inputs), None if outputs is None else _blobs(outputs), option=option,
                             username=username)
        return await asyncio.get_running_loop().run_in_executor(None, add)


def _blobs(payload: Any, depth: int = 0) -> Any:
    """Media (data URLs, a page session's files; also inside lists such as a Gallery's) as the
    bytes the flag store keeps; other values as they are."""
    if is_media(payload):
        from ...storage.flags import Blob
        return Blob(*from_data_url(payload))
    if depth < 8 and isinstance(payload, (list, tuple)):
        return [_blobs(item, depth + 1) for item in payload]
    if depth < 8 and isinstance(payload, dict):
        return {key: _blobs(item, depth + 1) for key, item in payload.items()}
    return payload
