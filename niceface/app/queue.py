"""The FIFO job queue: ``k`` workers, live positions and ETAs, a size limit, cancellation.

No UI. One ``JobQueue`` per launched app; the page and the HTTP API submit a zero-argument
coroutine function (``lambda: pipeline.run(iface, payloads, state)``), or a plain function
with ``in_thread=True`` (``lambda: iface.run_wire(payloads, state)``), and await the ``Job``::

    queue = JobQueue(concurrency=2, max_size=20)
    queue.start()                                   # inside the running event loop
    job = queue.submit(work, owner=client_id, on_update=show_status)
    result = await job                              # work's result, or its exception

Each worker is an asyncio task. Given an ``in_thread`` job it hands over to one of the
queue's threads, which runs that job and then every ``in_thread`` job at the head of the
queue, back to back, without a round trip through the event loop in between (the loop only
hears of each start and end). That round trip was most of the queue's overhead per job.

A cancelled job raises ``asyncio.CancelledError`` in whoever awaits it. Cancelling a
running job abandons it: an async fn is cancelled, a sync fn's thread runs to its end
unseen (then stops taking jobs), and its worker moves on to the next job at once.
"""
from __future__ import annotations

import asyncio
import logging
import threading
import time
from collections import deque
from concurrent.futures import ThreadPoolExecutor
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

    __slots__ = ("id", "owner", "status", "started_at", "in_thread", "_work", "_on_update", "_future",
                 "_task", "_drain", "_queue", "_sent")

    def __init__(self, queue: JobQueue, work: Callable[[], Any], owner: str | None,
                 on_update: Callable[[JobStatus], None] | None, in_thread: bool) -> None:
        self.id = next(_ids)
        self.owner = owner
        self.status = JobStatus("waiting")
        self.started_at: float | None = None
        self.in_thread = in_thread
        self._work = work
        self._on_update = on_update
        self._future: asyncio.Future[T] = asyncio.get_running_loop().create_future()
        self._task: asyncio.Task[T] | None = None  # an async job's run
        self._drain: _Drain | None = None  # the thread running an in_thread job
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
        if self._drain is not None:
            self._queue._abandon(self)
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

    def _settle(self, value: Any, error: BaseException | None, duration: float) -> bool:
        """Hand the run's outcome to the awaiting caller; True if it succeeded."""
        if self._future.done():  # cancelled while running: the result is discarded
            return False
        if isinstance(error, asyncio.CancelledError):
            self._future.cancel()
            self._update(JobStatus("cancelled"))
        elif error is not None:
            self._future.set_exception(error)
            self._update(JobStatus("failed", duration=duration))
        else:
            self._future.set_result(value)
            self._update(JobStatus("done", duration=duration))
            return True
        return False

    def __repr__(self) -> str:
        return f"<Job {self.id} {self.status.kind} owner={self.owner!r}>"


class _Drain:
    """One worker's stretch on a thread: the in_thread job it runs now (None once it is done
    taking jobs), and whether the worker has left it (its job was cancelled while running)."""

    __slots__ = ("job", "abandoned", "future")

    def __init__(self, job: Job[Any]) -> None:
        self.job: Job[Any] | None = job
        self.abandoned = False
        self.future: asyncio.Future[None] | None = None


class JobQueue:
    """FIFO queue served by ``concurrency`` workers; refuses new jobs once ``max_size`` are
    waiting (running jobs do not count; ``None`` means no limit).

    The waiting and running sets are shared with the queue's threads, under ``_lock``; job
    statuses and callbacks happen on the event loop only."""

    def __init__(self, concurrency: int = 1, max_size: int | None = None) -> None:
        if concurrency < 1:
            raise ValueError(f"concurrency must be at least 1, got {concurrency}")
        if max_size is not None and max_size < 0:
            raise ValueError(f"max_size must be None or at least 0, got {max_size}")
        self.concurrency = concurrency
        self.max_size = max_size
        self._lock = threading.Lock()
        self._waiting: deque[Job[Any]] = deque()
        self._active: set[Job[Any]] = set()  # handed to a worker, not finished
        self._idle: deque[asyncio.Future[Job[Any]]] = deque()  # workers waiting for a job
        self._durations: deque[float] = deque(maxlen=_MEAN_OVER)
        self._workers: list[asyncio.Task[None]] = []
        self._threads: ThreadPoolExecutor | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
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
            self._loop = loop = asyncio.get_running_loop()
            # twice k: a thread whose job was abandoned finishes it while its worker goes on
            self._threads = ThreadPoolExecutor(max_workers=2 * self.concurrency, thread_name_prefix="niceface-queue")
            self._workers = [loop.create_task(self._serve(self._next()), name=f"niceface-queue-{index}")
                             for index in range(self.concurrency)]

    async def stop(self) -> None:
        """Cancel every waiting and running job, then end the workers."""
        with self._lock:
            jobs = [*self._waiting, *self._active]
        for job in jobs:
            job.cancel()
        for worker in self._workers:
            worker.cancel()
        await asyncio.gather(*self._workers, return_exceptions=True)
        self._workers.clear()
        self._idle.clear()
        if self._threads is not None:
            self._threads.shutdown(wait=False, cancel_futures=True)
            self._threads = None

    def submit(self, work: Callable[[], Any], *, in_thread: bool = False, owner: str | None = None,
               on_update: Callable[[JobStatus], None] | None = None) -> Job[Any]:
        """Queue ``work``: a zero-argument coroutine function, or with ``in_thread`` a plain
        function run in one of the queue's threads. Raises QueueFullError at once if
        ``max_size`` jobs are waiting already."""
        job = Job(self, work, owner, on_update, in_thread)
        with self._lock:
            if self.max_size is not None and len(self._waiting) >= self.max_size:
                raise QueueFullError(f"The queue is full ({len(self._waiting)} jobs waiting); "
                                     "try again in a moment.")
            while self._idle:
                worker = self._idle.popleft()
                if not worker.done():
                    self._active.add(job)
                    break
            else:
                worker = None
                self._waiting.append(job)
        if worker is None:
            self._positions_changed()
            return job
        if job.in_thread:
            self._start_thread(job)  # now, not when the worker's task next gets the loop
        worker.set_result(job)
        return job

    def cancel_owner(self, owner: str, *, running: bool = False) -> int:
        """Cancel the owner's waiting jobs (and its running ones if ``running``); how many."""
        with self._lock:
            jobs = [job for job in self._waiting if job.owner == owner]
            if running:
                jobs += [job for job in self._active if job.owner == owner]
        return sum(job.cancel() for job in jobs)

    def _withdraw(self, job: Job[Any]) -> None:
        with self._lock:
            try:
                self._waiting.remove(job)
            except ValueError:
                return
        self._positions_changed()

    def _abandon(self, job: Job[Any]) -> None:
        """``job`` runs on a thread and was cancelled: its worker goes on without that thread,
        which finishes the job unseen and takes no other."""
        with self._lock:
            drain = job._drain
            self._active.discard(job)
            if drain is None or drain.job is not job or drain.abandoned:
                return
            drain.abandoned = True
        if drain.future is not None:
            drain.future.cancel()

    async def _serve(self, next_job: asyncio.Future[Job[Any]]) -> None:
        while True:
            job = await next_job
            try:
                await (self._run_in_thread(job) if job.in_thread else self._run(job))
            finally:
                with self._lock:
                    self._active.discard(job)
            next_job = self._next()

    def _next(self) -> asyncio.Future[Job[Any]]:
        """The next job for a worker: done at once if one is waiting, else when one is submitted."""
        future: asyncio.Future[Job[Any]] = asyncio.get_running_loop().create_future()
        with self._lock:
            if self._waiting:
                job = self._waiting.popleft()
                self._active.add(job)
                future.set_result(job)
            else:
                self._idle.append(future)
        if future.done():
            self._positions_changed()
            if job.in_thread:
                self._start_thread(job)
        return future

    async def _run(self, job: Job[Any]) -> None:
        if job.done():  # cancelled between hand-over and wake-up
            return
        job.started_at = started = time.monotonic()
        job._update(JobStatus("running", started_at=started))
        task = job._task = asyncio.get_running_loop().create_task(_call(job._work))
        await asyncio.wait((task,))
        duration = time.monotonic() - started
        if task.cancelled():
            value, error = None, asyncio.CancelledError()
        else:
            value, error = (None, task.exception()) if task.exception() is not None else (task.result(), None)
        if job._settle(value, error, duration):
            self._durations.append(duration)

    # ---- in_thread jobs ---------------------------------------------------------------------
    def _start_thread(self, job: Job[Any]) -> None:
        """Hand ``job``, just given to a worker, to a thread that goes on with the in_thread
        jobs after it."""
        if job.done() or self._loop is None or self._threads is None:
            return
        drain = job._drain = _Drain(job)
        job.started_at = time.monotonic()
        drain.future = self._loop.run_in_executor(self._threads, self._drain_in_thread, drain)
        job._update(JobStatus("running", started_at=job.started_at))

    async def _run_in_thread(self, job: Job[Any]) -> None:
        """The worker's part: return when ``job``'s thread stops taking jobs, or at once when
        the job it runs is cancelled."""
        drain = job._drain
        if drain is None or drain.future is None:
            return  # cancelled before it started
        await asyncio.wait((drain.future,))
        if not drain.future.cancelled() and drain.future.exception() is not None:
            log.error("a queue thread failed", exc_info=drain.future.exception())

    def _drain_in_thread(self, drain: _Drain) -> None:
        """On a queue thread: run the drain's job, then the next in_thread job at the head of
        the queue, and so on; the loop hears of each end (and the next start) in one call."""
        job = drain.job
        while job is not None:
            try:
                value, error = job._work(), None
            except Exception as failure:
                value, error = None, failure
            ended = time.monotonic()
            with self._lock:
                following = None if drain.abandoned else self._take_in_thread()
                drain.job = following
                if following is not None:
                    following._drain = drain
                    following.started_at = ended
            self._post(self._ended, job, value, error, ended - (job.started_at or ended), following)
            job = following

    def _take_in_thread(self) -> Job[Any] | None:
        """Under the lock: the next waiting job if it runs in a thread (else the worker takes it)."""
        while self._waiting and self._waiting[0].in_thread:
            job = self._waiting.popleft()
            if not job._future.done():
                self._active.add(job)
                return job
        return None

    def _post(self, callback: Callable[..., None], *args: Any) -> None:
        try:
            self._loop.call_soon_threadsafe(callback, *args)  # type: ignore[union-attr]
        except RuntimeError:  # the loop is closed: nobody is waiting any more
            pass

    def _ended(self, job: Job[Any], value: Any, error: BaseException | None, duration: float,
               following: Job[Any] | None) -> None:
        """On the loop: settle a job a thread finished, and announce the one it took next."""
        with self._lock:
            self._active.discard(job)
        if job._settle(value, error, duration):
            self._durations.append(duration)
        if following is not None:
            self._positions_changed()
            if not following.done():
                following._update(JobStatus("running", started_at=following.started_at))

    # ---- positions --------------------------------------------------------------------------
    def _positions_changed(self) -> None:
        """Push positions once per event-loop turn, however many changes it brought."""
        if not self._push_scheduled:
            self._push_scheduled = True
            asyncio.get_running_loop().call_soon(self._push_positions)

    def _push_positions(self) -> None:
        self._push_scheduled = False
        with self._lock:
            waiting = list(self._waiting)  # a callback may cancel or submit
            active = [job.started_at for job in self._active]
        total = len(waiting)
        mean = self.mean_duration
        free = self._free_in(mean, active) if mean is not None else None
        for ahead, job in enumerate(waiting):
            if job._on_update is None or job._sent == (ahead, total) or job.done():
                continue
            job._sent = (ahead, total)
            eta = None
            if free is not None and mean is not None:
                rounds, slot = divmod(ahead, self.concurrency)
                eta = free[slot] + (rounds + 1) * mean
            job._update(JobStatus("waiting", position=ahead + 1, ahead=ahead, total_waiting=total,
                                  eta_seconds=eta))

    def _free_in(self, mean: float, started: list[float | None]) -> list[float]:
        """Seconds until each worker is free, soonest first (a run is expected to take ``mean``)."""
        now = time.monotonic()
        busy = [max(0.0, mean - (now - at)) if at is not None else mean for at in started]
        return sorted(busy + [0.0] * max(0, self.concurrency - len(busy)))


async def _call(work: Callable[[], Awaitable[T]]) -> T:
    return await work()
