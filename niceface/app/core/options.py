"""RunOptions: how one launched app runs fn (the ``launch()`` options that are not about serving)."""
from __future__ import annotations

from concurrent.futures import Executor
from dataclasses import dataclass, field

from ...components.limits import Limits
from .jobs import Scheduler


@dataclass(frozen=True, slots=True, kw_only=True)
class RunOptions:
    """``enable_queue``: every run waits in one FIFO queue of ``concurrency_count`` workers,
    holding at most ``max_size`` waiting runs; else runs start at once on the app's pool of
    ``max_threads`` threads. ``run_timeout``: seconds after which a run is abandoned and its
    caller told so (None: never). ``show_error``: the page shows fn's error message (else a
    generic one). ``limits``: what browsers and API callers may send. ``executor``: where fn runs
    (any ``concurrent.futures.Executor``, e.g. Dask's ``Client.get_executor()``); the scheduler's
    threads still keep the order, positions and ``concurrency_count`` (runs in flight there); None:
    in those threads."""

    enable_queue: bool = False
    concurrency_count: int = 1
    max_size: int | None = None
    max_threads: int = 40
    run_timeout: float | None = None
    show_error: bool = False
    limits: Limits = field(default_factory=Limits)
    executor: Executor | None = None

    def __post_init__(self) -> None:
        from ...exceptions import ConfigurationError
        if self.run_timeout is not None and not self.run_timeout > 0:
            raise ConfigurationError(f"run_timeout must be a number of seconds above 0, not {self.run_timeout!r}")
        if self.executor is not None and not isinstance(self.executor, Executor):
            raise ConfigurationError("executor must be a concurrent.futures.Executor (Dask: "
                                     f"Client(...).get_executor()), not {type(self.executor).__name__}")

    def scheduler(self) -> Scheduler:
        """Where runs happen, chosen once: the queue, or at once on a bounded pool."""
        if self.enable_queue:
            from .queue import JobQueue
            return JobQueue(concurrency=self.concurrency_count, max_size=self.max_size)
        from .scheduler import DirectScheduler
        return DirectScheduler(max_threads=self.max_threads)
