"""Jobs: one piece of work handed to a scheduler, and what its owner hears about it.

A ``Job`` lives on the event loop: its statuses and its result are set there only (worker
threads post to the loop). ``Scheduler`` is what runs jobs: ``scheduler.DirectScheduler``
(at once, on a bounded pool of threads) or ``queue.JobQueue`` (a FIFO queue with k workers).

Work is a function of one argument, ``report``: it runs in a worker thread and may call
``report(detail)`` any number of times (a generator's partial outputs, an interpretation's
progress); the owner hears each as a ``JobStatus("progress", detail=...)``.
"""
from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from dataclasses import dataclass
from itertools import count
from typing import Any, Generic, Literal, Protocol, TypeVar

log = logging.getLogger(__name__)
T = TypeVar("T")
Kind = Literal["waiting", "running", "progress", "done", "failed", "cancelled"]
Report = Callable[[Any], None]
Work = Callable[[Report], T]
Listener = Callable[["JobStatus"], None]
_ids = count(1)


@dataclass(frozen=True, slots=True)
class JobStatus:
    """What an owner hears about its job; only the fields of its ``kind`` are set.

    waiting: ``position`` (1-based), ``ahead`` (waiting jobs before it), ``running`` (jobs
    being run), ``total_waiting``, ``eta_seconds`` (seconds until its result, None until a
    first run has completed); running: ``started_at`` (``time.monotonic()``); progress:
    ``detail`` (what the work reported); done / failed: ``duration`` in seconds.
    """

    kind: Kind
    position: int | None = None
    ahead: int | None = None
    running: int | None = None
    total_waiting: int | None = None
    eta_seconds: float | None = None
    started_at: float | None = None
    duration: float | None = None
    detail: Any = None


class Job(Generic[T]):
    """One submitted piece of work. ``await job.result()`` for its result; ``cancel()`` withdraws
    it (waiting) or abandons it (running: its result is never delivered)."""

    __slots__ = ("_future", "_listener", "_on_cancel", "id", "owner", "queued", "started_at", "status")

    def __init__(self, owner: str | None, listener: Listener | None, on_cancel: Callable[[Job[Any]], None]) -> None:
        self.id = next(_ids)
        self.owner = owner
        self.status = JobStatus("waiting")
        self.started_at: float | None = None
        self.queued = False  # set by the scheduler when the job had to wait for a worker
        self._listener = listener
        self._on_cancel = on_cancel
        self._future: asyncio.Future[T] = asyncio.get_running_loop().create_future()

    async def result(self) -> T:
        """The work's result or exception; ``asyncio.CancelledError`` if the job was cancelled.
        Cancelling the awaiting task does not cancel the job (use ``cancel()``)."""
        return await asyncio.shield(self._future)

    def done(self) -> bool:
        return self._future.done()

    @property
    def heard(self) -> bool:
        """True if someone listens to this job's statuses (else they need not be sent)."""
        return self._listener is not None

    def cancel(self) -> bool:
        """Withdraw the job if waiting (its work never runs), abandon it if running. False if
        it had finished already."""
        if self._future.done():
            return False
        self._on_cancel(self)
        self._future.cancel()
        self.update(JobStatus("cancelled"))
        return True

    def start(self, at: float) -> None:
        """A worker took the job at ``at`` (``time.monotonic()``)."""
        self.started_at = at
        if not self.done():
            self.update(JobStatus("running", started_at=at))

    def report(self, detail: Any) -> None:
        if not self.done():
            self.update(JobStatus("progress", detail=detail))

    def settle(self, value: Any, error: BaseException | None, duration: float) -> bool:
        """Hand the run's outcome to the awaiting owner; True if it succeeded."""
        if self._future.done():  # cancelled while running: the outcome is discarded
            return False
        if error is not None:
            self._future.set_exception(error)
            self.update(JobStatus("failed", duration=duration))
            return False
        self._future.set_result(value)
        self.update(JobStatus("done", duration=duration))
        return True

    def update(self, status: JobStatus) -> None:
        self.status = status
        if self._listener is None:
            return
        try:
            self._listener(status)
        except Exception:  # an owner's display must not break the scheduler
            log.exception("the listener of job %s raised", self.id)

    def __repr__(self) -> str:
        return f"<Job {self.id} {self.status.kind} owner={self.owner!r}>"


class Scheduler(Protocol):
    """Where work runs. One per launched app, chosen once (``RunOptions.scheduler()``)."""

    def start(self) -> None:
        """Begin; called inside the running event loop."""

    async def stop(self) -> None:
        """Cancel what is waiting and running."""

    def submit(self, work: Work[T], *, owner: str | None = None, on_update: Listener | None = None) -> Job[T]:
        """Schedule ``work``; QueueFullError at once if it cannot be taken."""

    def cancel_owner(self, owner: str) -> int:
        """Withdraw the waiting jobs of ``owner`` (a page that closed); how many."""


def post(loop: asyncio.AbstractEventLoop, callback: Callable[..., Any], *args: Any) -> None:
    """Call ``callback(*args)`` on ``loop`` from a worker thread (nothing if the loop is closed:
    nobody is waiting any more)."""
    with contextlib.suppress(RuntimeError):
        loop.call_soon_threadsafe(callback, *args)
