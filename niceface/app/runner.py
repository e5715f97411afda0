"""Runner: what one launched app shares between its pages and its HTTP API.

It owns the interface, the optional job queue, the flag store, the authenticator and the
limits, and is the single door through which every run enters the pipeline. Pure: no NiceGUI.
"""
from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any

from ..components.limits import Limits
from ..exceptions import ConfigurationError
from . import pipeline

if TYPE_CHECKING:
    from ..storage.flags import FlagStore
    from .auth import Authenticator
    from .interface import Interface
    from .queue import Job, JobQueue, JobStatus


@dataclass(eq=False)
class Runner:
    iface: Interface
    queue: JobQueue | None = None
    show_error: bool = True
    limits: Limits = Limits()
    flags: FlagStore | None = None  # None when allow_flagging="never"
    auth: Authenticator | None = None

    async def run(self, payloads: list[Any], state: Any = None, *, owner: str | None = None,
                  on_update: Callable[[JobStatus], None] | None = None,
                  on_job: Callable[[Job], None] | None = None) -> pipeline.Result:
        """One run, through the queue when there is one. ``on_job`` receives the queued job
        (so that a page can cancel it); ``on_update`` its position and progress."""
        if self.queue is None:
            return await pipeline.run(self.iface, payloads, state, self.limits)
        if pipeline.is_async(self.iface):
            job = self.queue.submit(lambda: pipeline.run(self.iface, payloads, state, self.limits),
                                    owner=owner, on_update=on_update)
        else:  # a queue thread runs it, and the jobs behind it, without loop round trips
            job = self.queue.submit(lambda: self.iface.run_wire(payloads, state, self.limits),
                                    in_thread=True, owner=owner, on_update=on_update)
        if on_job is not None:
            on_job(job)
        return await job.result()

    @property
    def flags_every_run(self) -> bool:
        return self.flags is not None and self.iface.allow_flagging == "auto"

    async def flag(self, inputs: list[Any], outputs: list[Any] | None, option: str | None = None,
                   username: str | None = None) -> dict[str, Any]:
        """Store one flagged sample (off the event loop); the record as stored."""
        if self.flags is None:
            raise ConfigurationError("flagging is off for this interface (allow_flagging='never')")
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(pipeline.executor(), partial(self.flags.add, inputs, outputs,
                                                                       option=option, username=username))

    def forget(self, owner: str) -> None:
        """A page is gone for good: drop its waiting jobs."""
        if self.queue is not None:
            self.queue.cancel_owner(owner)
