"""The FIFO job queue: ``k`` workers, live positions and ETAs, a size limit, cancellation.

Pure asyncio (no UI). One ``JobQueue`` per launched app; the page and the HTTP API submit
a zero-argument coroutine function (usually ``lambda: pipeline.run(iface, payloads, state)``)
and await the returned ``Job``::

    queue = JobQueue(concurrency=2, max_size=20)
    queue.start()                                   # inside the running event loop
    job = queue.submit(work, owner=client_id, on_update=show_status)
    result = await job                              # work's result, or its exception

A cancelled job raises ``asyncio.CancelledError`` in whoever awaits it. Cancelling a
running job abandons it: an async fn is cancelled, a sync fn's thread runs to its end
unseen, and its worker moves on to the next job at once.
"""
from __future__ import annotations

import asyncio
import logging
import time
from collections import deque
from collections.abc import Awaitable, Callable, Generator
from dataclasses import dataclass
from itertools import count
from typing import Any, Generic, Literal, TypeVar

from ..exceptions import QueueFullError

log = logging.getLogger(__name__)
T = TypeVar("T")
Kind = Literal["waiting", "running", "done", "failed", "cancelled"]
_MEAN_OVER = 20
_ids = count(1)


@dataclass(frozen=True, slots=True)
class JobStatus:
    """What a page shows about one job; only the fields of its ``kind`` are set.

    waiting: ``position`` (1-based), ``ahead``, ``total_waiting``, ``eta_seconds`` (seconds
    until its result, ``None`` until a first run has completed); running: ``started_at``
    (``time.monotonic()``); done / failed: ``duration`` in seconds.
    """

    kind: Kind
    position: int | None = None
    ahead: int | None = None
    total_waiting: int | None = None
    eta_seconds: float | None = None
    started_at: float | None = None
    duration: float | None = None


def ordinal(number: int) -> str:
    """1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st, 112th ..."""
    suffix = "th" if number % 100 in (11, 12, 13) else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def format_position(position: int, total: int) -> str:
    """The text a waiting page shows: ``format_position(3, 7) == "3rd of 7"``."""
    return f"{ordinal(position)} of {total}"


class Job(Generic[T]):
    """One submitted run. Await it (or ``await job.result()``) for the work's result."""

    __slots__ = ("id", "owner", "status", "started_at", "_work", "_on_update", "_future", "_task",
                 "_queue", "_sent")

    def __init__(self, queue: JobQueue, work: Callable[[], Awaitable[T]], owner: str | None,
                 on_update: Callable[[JobStatus], None] | None) -> None:
        self.id = next(_ids)
        self.owner = owner
        self.status = JobStatus("waiting")
        self.started_at: float | None = None
        self._work = work
        self._on_update = on_update
        self._future: asyncio.Future[T] = asyncio.get_running_loop().create_future()
        self._task: asyncio.Task[T] | None = None
        self._queue = queue
        self._sent: tuple[int, int] | None = None  # (ahead, total) last pushed while waiting

    async def result(self) -> T:
        """The work's result or exception; ``asyncio.CancelledError`` if the job was cancelled.
        Cancelling the awaiting task does not cancel the job (use ``cancel()``)."""
        return await asyncio.shield(self._future)

    def __await__(self) -> Generator[Any, None, T]:
        return self.result().__await__()

    def done(self) -> bool:
        return self._future.done()

    def cancel(self) -> bool:
        """Drop the job if waiting (its work never runs), abandon it if running.
        False if it had already finished."""
        if self._future.done():
            return False
        self._queue._withdraw(self)
        if self._task is not None:
            self._task.cancel()
        self._future.cancel()
        self._update(JobStatus("cancelled"))
        return True

    def _update(self, status: JobStatus) -> None:
        self.status = status
        if self._on_update is None:
            return
        try:
            self._on_update(status)
        except Exception:
            log.exception("on_update of job %s raised", self.id)

    def _settle(self, task: asyncio.Task[T], duration: float) -> bool:
        """Hand the finished task's outcome to the awaiting caller; True if it succeeded."""
        if self._future.done():  # cancelled while running: the result is discarded
            return False
        if task.cancelled():
            self._future.cancel()
            self._update(JobStatus("cancelled"))
        elif (error := task.exception()) is not None:
            self._future.set_exception(error)
            self._update(JobStatus("failed", duration=duration))
        else:
            self._future.set_result(task.result())
            self._update(JobStatus("done", duration=duration))
            return True
        return False

    def __repr__(self) -> str:
        return f"<Job {self.id} {self.status.kind} owner={self.owner!r}>"


class JobQueue:
    """FIFO queue served by ``concurrency`` worker tasks; refuses new jobs once
    ``max_size`` are waiting (running jobs do not count; ``None`` means no limit)."""

    def __init__(self, concurrency: int = 1, max_size: int | None = None) -> None:
        if concurrency < 1:
            raise ValueError(f"concurrency must be at least 1, got {concurrency}")
        if max_size is not None and max_size < 0:
            raise ValueError(f"max_size must be None or at least 0, got {max_size}")
        self.concurrency = concurrency
        self.max_size = max_size
        self._waiting: deque[Job[Any]] = deque()
        self._active: set[Job[Any]] = set()  # handed to a worker, not finished
        self._idle: deque[asyncio.Future[Job[Any]]] = deque()  # workers waiting for a job
        self._durations: deque[float] = deque(maxlen=_MEAN_OVER)
        self._workers: list[asyncio.Task[None]] = []
        self._push_scheduled = False

    @property
    def waiting(self) -> int:
        return len(self._waiting)

    @property
    def running(self) -> int:
        return len(self._active)

    @property
    def mean_duration(self) -> float | None:
        """Mean run time of the last successful runs (up to 20); None before the first."""
        return sum(self._durations) / len(self._durations) if self._durations else None

    def start(self) -> None:
        """Start the workers; call inside the running event loop. A no-op if started."""
        if not self._workers:
            loop = asyncio.get_running_loop()
            self._workers = [loop.create_task(self._serve(self._next()), name=f"niceface-queue-{index}")
                             for index in range(self.concurrency)]

    async def stop(self) -> None:
        """Cancel every waiting and running job, then end the workers."""
        for job in [*self._waiting, *self._active]:
            job.cancel()
        for worker in self._workers:
            worker.cancel()
        await asyncio.gather(*self._workers, return_exceptions=True)
        self._workers.clear()
        self._idle.clear()

    def submit(self, work: Callable[[], Awaitable[T]], *, owner: str | None = None,
               on_update: Callable[[JobStatus], None] | None = None) -> Job[T]:
        """Queue ``work`` (a zero-argument coroutine function); raises QueueFullError at once
        if ``max_size`` jobs are waiting already."""
        if self.max_size is not None and len(self._waiting) >= self.max_size:
            raise QueueFullError(f"The queue is full ({len(self._waiting)} jobs waiting); "
                                 "try again in a moment.")
        job = Job(self, work, owner, on_update)
        while self._idle:
            worker = self._idle.popleft()
            if not worker.done():
                self._active.add(job)
                worker.set_result(job)
                return job
        self._waiting.append(job)
        self._positions_changed()
        return job

    def cancel_owner(self, owner: str, *, running: bool = False) -> int:
        """Cancel the owner's waiting jobs (and its running ones if ``running``); how many."""
        jobs = [job for job in self._waiting if job.owner == owner]
        if running:
            jobs += [job for job in self._active if job.owner == owner]
        return sum(job.cancel() for job in jobs)

    def _withdraw(self, job: Job[Any]) -> None:
        try:
            self._waiting.remove(job)
        except ValueError:
            return
        self._positions_changed()

    async def _serve(self, next_job: asyncio.Future[Job[Any]]) -> None:
        while True:
            job = await next_job
            try:
                await self._run(job)
            finally:
                self._active.discard(job)
            next_job = self._next()

    def _next(self) -> asyncio.Future[Job[Any]]:
        """The next job for a worker: done at once if one is waiting, else when one is submitted."""
        future: asyncio.Future[Job[Any]] = asyncio.get_running_loop().create_future()
        if self._waiting:
            job = self._waiting.popleft()
            self._active.add(job)
            self._positions_changed()
            future.set_result(job)
        else:
            self._idle.append(future)
        return future

    async def _run(self, job: Job[Any]) -> None:
        if job.done():  # cancelled between hand-over and wake-up
            return
        job.started_at = started = time.monotonic()
        job._update(JobStatus("running", started_at=started))
        task = job._task = asyncio.get_running_loop().create_task(_call(job._work))
        await asyncio.wait((task,))
        duration = time.monotonic() - started
        if job._settle(task, duration):
            self._durations.append(duration)
        elif not task.cancelled():
            task.exception()  # retrieved: an abandoned run's error is not logged as unhandled

    def _positions_changed(self) -> None:
        """Push positions once per event-loop turn, however many changes it brought."""
        if not self._push_scheduled:
            self._push_scheduled = True
            asyncio.get_running_loop().call_soon(self._push_positions)

    def _push_positions(self) -> None:
        self._push_scheduled = False
        total = len(self._waiting)
        mean = self.mean_duration
        free = self._free_in(mean) if mean is not None else None
        for ahead, job in enumerate(list(self._waiting)):  # a callback may cancel or submit
            if job._on_update is None or job._sent == (ahead, total):
                continue
            job._sent = (ahead, total)
            eta = None
            if free is not None and mean is not None:
                rounds, slot = divmod(ahead, self.concurrency)
                eta = free[slot] + (rounds + 1) * mean
            job._update(JobStatus("waiting", position=ahead + 1, ahead=ahead, total_waiting=total,
                                  eta_seconds=eta))

    def _free_in(self, mean: float) -> list[float]:
        """Seconds until each worker is free, soonest first (a run is expected to take ``mean``)."""
        now = time.monotonic()
        busy = [max(0.0, mean - (now - job.started_at)) if job.started_at is not None else mean
                for job in self._active]
        return sorted(busy + [0.0] * max(0, self.concurrency - len(busy)))


async def _call(work: Callable[[], Awaitable[T]]) -> T:
    return await work()
