"""DirectScheduler: work runs at once, each job on a thread of the app's own pool.

The pool holds ``max_threads`` threads (default 40, as Gradio's ``max_threads``). When all of
them are busy, new work waits its turn in order of arrival (its owner hears "waiting" with
how many runs are ahead) and starts as soon as a thread is free; a page that closes
withdraws its waiting work. The pool is the app's: flag writes, password checks and other
apps never wait behind its fns.
"""
from __future__ import annotations

import asyncio
import threading
import time
from collections import deque
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, TypeVar

from .jobs import Job, JobStatus, Listener, Work, post

T = TypeVar("T")


class DirectScheduler:
    """Runs each job at once on one of ``max_threads`` threads, or as soon as one is free."""

    def __init__(self, max_threads: int = 40) -> None:
        if max_threads < 1:
            raise ValueError(f"max_threads must be at least 1, got {max_threads}")
        self.max_threads = max_threads
        self._pool = ThreadPoolExecutor(max_workers=max_threads, thread_name_prefix="niceface-fn")
        self._lock = threading.Lock()
        self._waiting: deque[Job[Any]] = deque()  # submitted, no thread yet
        self._running: set[Job[Any]] = set()
        self._tasks: dict[Job[Any], Future[None]] = {}

    def start(self) -> None:
        """Nothing to start: threads are made as work arrives."""

    async def stop(self) -> None:
        with self._lock:
            jobs = [*self._waiting, *self._running]
        for job in jobs:
            job.cancel()
        self._pool.shutdown(wait=False, cancel_futures=True)

    def submit(self, work: Work[T], *, owner: str | None = None, on_update: Listener | None = None) -> Job[T]:
        loop = asyncio.get_running_loop()
        job: Job[T] = Job(owner, on_update, self._withdraw)
        with self._lock:
            busy = len(self._running) + len(self._waiting)
            self._waiting.append(job)
            self._tasks[job] = self._pool.submit(self._run, loop, job, work)
        if busy >= self.max_threads:  # it waits for a free thread: say so
            job.queued = True
            job.update(JobStatus("waiting", position=busy - self.max_threads + 1, ahead=busy - self.max_threads,
                                 running=self.max_threads, total_waiting=busy - self.max_threads + 1))
        else:
            job.start(time.monotonic())  # a thread is free: it starts now (no word from the thread needed)
        return job

    def cancel_owner(self, owner: str) -> int:
        with self._lock:
            jobs = [job for job in self._waiting if job.owner == owner]
        return sum(job.cancel() for job in jobs)

    @property
    def running(self) -> int:
        return len(self._running)

    def _run(self, loop: asyncio.AbstractEventLoop, job: Job[T], work: Work[T]) -> None:
        """On a pool thread."""
        with self._lock:
            if job not in self._tasks:  # withdrawn before a thread was free
                return
            self._waiting.remove(job)
            self._running.add(job)
        started = time.monotonic()
        if job.queued and job.heard:  # it waited: now it runs (one loop wake-up, only then)
            post(loop, job.start, started)
        try:
            value, error = work(lambda detail: post(loop, job.report, detail)), None
        except Exception as failure:  # noqa: BLE001 - handed to the job's owner, who awaits it
            value, error = None, failure
        with self._lock:
            self._running.discard(job)
            self._tasks.pop(job, None)
        post(loop, job.settle, value, error, time.monotonic() - started)

    def _withdraw(self, job: Job[Any]) -> None:
        """A cancelled job: taken out before it starts; abandoned if it runs (its thread ends
        it unseen, and counts as busy until then)."""
        with self._lock:
            task = self._tasks.pop(job, None)
            if job in self._waiting:
                self._waiting.remove(job)
        if task is not None:
            task.cancel()
