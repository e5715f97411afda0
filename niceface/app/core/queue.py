"""JobQueue: a FIFO queue with ``k`` workers, live positions and ETAs, a size limit, cancellation.

One per launched app with ``enable_queue=True``; the page, the HTTP API and interpretation
submit work to it like to any scheduler (``jobs.Scheduler``)::

    queue = JobQueue(concurrency=2, max_size=20)
    queue.start()                                   # inside the running event loop
    job = queue.submit(work, owner=client_id, on_update=show_status)
    result = await job.result()                     # work's result, or its exception

A worker is a thread: given a job, it runs it and then every job at the head of the queue,
back to back, until the queue is empty; the event loop only hears of each start and end (a
round trip through the loop between jobs was most of the queue's overhead per job).
Cancelling a running job abandons it: its thread finishes it unseen and takes no other,
and its place goes to a new worker at once.
"""
from __future__ import annotations

import asyncio
import threading
import time
from collections import deque
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, TypeVar

from ...exceptions import QueueFullError
from .jobs import Job, JobStatus, Listener, Work, post

T = TypeVar("T")
_MEAN_OVER = 20


@dataclass(slots=True, eq=False)
class _Worker:
    """One worker thread's stretch: the job it runs (None once it stops taking jobs), and
    whether it was abandoned (its job was cancelled while running)."""

    job: Job[Any] | None
    abandoned: bool = False


class JobQueue:
    """FIFO queue served by ``concurrency`` workers; refuses new jobs once ``max_size`` are
    waiting (running jobs do not count; ``None`` means no limit). Shared state lives under
    ``_lock``; job statuses and results are set on the event loop only."""

    def __init__(self, concurrency: int = 1, max_size: int | None = None) -> None:
        if concurrency < 1:
            raise ValueError(f"concurrency must be at least 1, got {concurrency}")
        if max_size is not None and max_size < 0:
            raise ValueError(f"max_size must be None or at least 0, got {max_size}")
        self.concurrency, self.max_size = concurrency, max_size
        self._lock = threading.Lock()
        self._waiting: deque[Job[Any]] = deque()
        self._workers: dict[Job[Any], _Worker] = {}  # running job -> its worker
        self._work: dict[Job[Any], Work[Any]] = {}
        self._free = concurrency  # workers that may still start
        self._durations: deque[float] = deque(maxlen=_MEAN_OVER)
        self._sent: dict[Job[Any], tuple[int, int, int]] = {}  # (ahead, running, total) last pushed
        self._loop: asyncio.AbstractEventLoop | None = None
        self._push_scheduled = False
        # Threads are reused (starting one per stretch of work cost ~0.1 ms a job). The queue's
        # own places bound how many run; a pool without a practical limit never makes a worker
        # wait behind threads that abandoned jobs still hold.
        self._threads = ThreadPoolExecutor(max_workers=1 << 20, thread_name_prefix="niceface-queue")

    @property
    def waiting(self) -> int:
        return len(self._waiting)

    @property
    def running(self) -> int:
        return len(self._workers)

    @property
    def mean_duration(self) -> float | None:
        """Mean run time of the last successful runs (up to 20); None before the first."""
        return sum(self._durations) / len(self._durations) if self._durations else None

    def start(self) -> None:
        """Note the event loop; call inside it."""
        self._loop = asyncio.get_running_loop()

    async def stop(self) -> None:
        """Cancel every waiting and running job."""
        with self._lock:
            jobs = [*self._waiting, *self._workers]
        for job in jobs:
            job.cancel()
        self._threads.shutdown(wait=False)

    def submit(self, work: Work[T], *, owner: str | None = None, on_update: Listener | None = None) -> Job[T]:
        """Queue ``work``; QueueFullError at once if ``max_size`` jobs are waiting already."""
        self._loop = self._loop or asyncio.get_running_loop()
        job: Job[T] = Job(owner, on_update, self._cancelled)
        with self._lock:
            if self.max_size is not None and len(self._waiting) >= self.max_size:
                raise QueueFullError(f"The queue is full ({len(self._waiting)} jobs waiting); try again in a moment.")
            self._work[job] = work
            starts = self._free > 0 and not self._waiting
            if starts:
                self._free -= 1
                self._workers[job] = worker = _Worker(job)
            else:
                job.queued = True
                self._waiting.append(job)
        if starts:
            self._start(worker)
        else:
            self._positions_changed()
        return job

    def cancel_owner(self, owner: str, *, running: bool = False) -> int:
        """Cancel the owner's waiting jobs (and its running ones if ``running``); how many."""
        with self._lock:
            jobs = [job for job in self._waiting if job.owner == owner]
            if running:
                jobs += [job for job in self._workers if job.owner == owner]
        return sum(job.cancel() for job in jobs)

    # ---- workers ------------------------------------------------------------------------------
    def _start(self, worker: _Worker) -> None:
        """On the loop: a worker begins with its job (which starts now) on a thread of ours."""
        assert worker.job is not None
        worker.job.start(time.monotonic())
        self._threads.submit(self._serve, worker)

    def _serve(self, worker: _Worker) -> None:
        """On a worker thread: run the worker's job, then the next waiting one, and so on."""
        loop = self._loop
        assert loop is not None
        job = worker.job
        while job is not None:
            work = self._work.pop(job, None)  # None: cancelled before it began
            outcome = None if work is None else _run(loop, job, work)
            with self._lock:
                self._workers.pop(job, None)
                following = None if worker.abandoned else self._take(worker)
                worker.job = following
            if outcome is not None:  # one loop wake-up per job: its end and the next one's start
                post(loop, self._ended, job, *outcome, following, time.monotonic())
            job = following

    def _take(self, worker: _Worker) -> Job[Any] | None:
        """Under the lock: the next waiting job for ``worker``, or None (and its place is free)."""
        while self._waiting:
            job = self._waiting.popleft()
            if not job.done():
                self._workers[job] = worker
                return job
        self._free += 1
        return None

    def _ended(self, job: Job[Any], value: Any, error: BaseException | None, duration: float,  # noqa: PLR0917
               following: Job[Any] | None, at: float) -> None:
        """On the loop: settle a job a worker finished, and start the one it took next at ``at``."""
        if job.settle(value, error, duration):
            self._durations.append(duration)
        self._sent.pop(job, None)
        if following is not None:
            following.start(at)
            self._positions_changed()

    def _cancelled(self, job: Job[Any]) -> None:
        """A job is cancelled: withdrawn if waiting; abandoned if running, its place given to a new worker."""
        fresh = None
        with self._lock:
            self._work.pop(job, None)
            if job in self._waiting:
                self._waiting.remove(job)
            else:
                worker = self._workers.pop(job, None)
                if worker is None or worker.abandoned:
                    return
                worker.abandoned = True
                fresh = _Worker(None)
                fresh.job = self._take(fresh)
        self._sent.pop(job, None)
        if fresh is not None and fresh.job is not None:
            self._start(fresh)
        self._positions_changed()

    # ---- positions ----------------------------------------------------------------------------
    def _positions_changed(self) -> None:
        """Push positions once per event-loop turn, however many changes it brought."""
        if not self._push_scheduled and self._loop is not None:
            self._push_scheduled = True
            self._loop.call_soon(self._push_positions)

    def _push_positions(self) -> None:
        self._push_scheduled = False
        with self._lock:
            waiting = list(self._waiting)  # a listener may cancel or submit
            started = [job.started_at for job in self._workers]
        total, mean, now = len(waiting), self.mean_duration, time.monotonic()
        elapsed = [now - at if at is not None else 0.0 for at in started]
        for ahead, job in enumerate(waiting):
            if not job.heard or job.done() or self._sent.get(job) == (ahead, len(started), total):
                continue
            self._sent[job] = (ahead, len(started), total)
            job.update(JobStatus("waiting", position=ahead + 1, ahead=ahead, running=len(started), total_waiting=total,
                                 eta_seconds=None if mean is None else eta(ahead, self.concurrency, mean, elapsed)))


def eta(ahead: int, workers: int, mean: float, elapsed: list[float]) -> float:
    """Seconds until the result of a job with ``ahead`` jobs waiting before it, when ``workers``
    serve the queue, a run takes ``mean`` seconds and the running jobs have run ``elapsed``."""
    free = sorted([max(0.0, mean - seconds) for seconds in elapsed] + [0.0] * max(0, workers - len(elapsed)))
    rounds, slot = divmod(ahead, workers)
    return free[slot] + (rounds + 1) * mean


def _run(loop: asyncio.AbstractEventLoop, job: Job[Any], work: Work[Any]) -> tuple[Any, BaseException | None, float]:
    """Run one job's work on this thread: (value, error, seconds)."""
    started = time.monotonic()
    try:
        value, error = work(lambda detail: post(loop, job.report, detail)), None
    except Exception as failure:  # noqa: BLE001 - handed to the job's owner, who awaits it
        value, error = None, failure
    return value, error, time.monotonic() - started
