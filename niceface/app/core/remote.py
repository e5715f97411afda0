"""fn on the user's executor: ``launch(executor=...)`` takes any ``concurrent.futures.Executor``
(Dask's ``Client.get_executor()``, a ProcessPoolExecutor, a Ray adapter).

    call_all(executor, fn, groups, extras, on_done)   -> fn's value for each group of arguments

Only fn's call crosses over: checks, preprocessing and postprocessing stay in the server, so
what travels is fn (cloudpickle, as Dask sends it), its preprocessed arguments (session state
among them) and its return value (the new state among it). On the worker, ``run_task`` calls
fn, completes its value (a coroutine run with ``asyncio.run``, a generator run to its last
yield: partial results and ``gr.Progress`` stay on the worker) and sends back the value with
the ``gr.Warning``/``gr.Info`` notices fn gave, which the run then hears. What fn raises comes
back as ``Raised`` with the worker's traceback as text (any exception, picklable or not); an
executor that loses the worker (Dask's KilledWorker, a broken process pool) or cannot send fn
is an ExecutorError that says so.
"""
from __future__ import annotations

import logging
import traceback
import uuid
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Executor, Future, wait
from dataclasses import dataclass, field
from typing import Any

from ...exceptions import Error, ExecutorError
from .completion import complete
from .context import Notice, Run, notify, running

log = logging.getLogger(__name__)
#: what executors raise when the process running a task died (by name: no executor is imported)
DIED = ("KilledWorker", "BrokenProcessPool", "BrokenExecutor", "WorkerCrashedError", "ActorDiedError")


@dataclass(frozen=True, slots=True)
class Task:
    """One call of fn as it travels: fn, its arguments, its keyword extras (gr.Request, gr.Progress)."""

    fn: Callable[..., Any]
    args: list[Any]
    extras: dict[str, Any]
    id: str = field(default_factory=lambda: uuid.uuid4().hex)

    def __dask_tokenize__(self) -> str:
        """Every call is its own (Dask would otherwise hash the arguments and merge equal calls)."""
        return self.id


@dataclass(frozen=True, slots=True)
class Returned:
    value: Any
    notices: list[Notice]


@dataclass(frozen=True, slots=True)
class Raised:
    """What fn raised on the worker: its type's name, message and traceback (text), and whether
    it was ``niceface.Error`` (a message meant for the user)."""

    kind: str
    message: str
    text: str
    intended: bool
    notices: list[Notice]


class RemoteError(Exception):
    """fn raised on a worker; ``text`` is the worker's traceback (``invoke.failures`` logs it)."""

    def __init__(self, raised: Raised) -> None:
        super().__init__(raised.message)
        self.kind, self.text = raised.kind, raised.text


def run_task(task: Task) -> Returned | Raised:
    """On the worker: call fn and complete its value; never raises for fn's errors."""
    heard: list[Any] = []
    with running(Run(heard.append)):
        try:
            value = complete(task.fn(*task.args, **task.extras), None, None)
        except Exception as error:  # noqa: BLE001 - sent back to the server, which reports it
            notices = [item for item in heard if isinstance(item, Notice)]
            return Raised(type(error).__name__, str(error), "".join(traceback.format_exception(error)),
                          isinstance(error, Error), notices)
    return Returned(value, [item for item in heard if isinstance(item, Notice)])


def call_all(executor: Executor, fn: Callable[..., Any], groups: list[list[Any]], extras: dict[str, Any],
             on_done: Callable[[int], Any] | None = None) -> list[Any]:
    """fn's value for each argument list in ``groups``, all sent to ``executor`` at once;
    ``on_done(index)`` as each arrives. The first failure cancels the rest and is raised."""
    futures = [_submit(executor, Task(fn, args, extras)) for args in groups]
    index = {future: number for number, future in enumerate(futures)}
    values: list[Any] = [None] * len(futures)
    pending = set(futures)
    try:
        while pending:
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                values[index[future]] = _value(future)
                if on_done is not None:
                    on_done(index[future])
    finally:
        for future in pending:
            future.cancel()
    return values


def _submit(executor: Executor, task: Task) -> Future[Any]:
    try:
        return executor.submit(run_task, task)
    except Exception as error:  # any executor's refusal, said plainly
        raise _executor_error(error) from error


def _value(future: Future[Any]) -> Any:
    """The value fn returned, its notices heard by the run; fn's error as Error or RemoteError."""
    try:
        outcome = future.result()
    except Exception as error:  # the executor's failure, not fn's
        raise _executor_error(error) from error
    for notice in outcome.notices:
        notify(notice)
    if isinstance(outcome, Raised):
        raise Error(outcome.message) if outcome.intended else RemoteError(outcome)
    return outcome.value


def _executor_error(error: BaseException) -> ExecutorError:
    kind = type(error).__name__
    if kind in DIED:
        message = f"the worker running this job died: {error}"
    elif any(word in f"{kind} {error}".lower() for word in ("pickl", "serializ")):
        message = f"fn or its values could not be sent to the executor ({kind}: {error})"
    else:
        message = f"the executor could not run fn ({kind}: {error})"
    log.error("%s", message)
    return ExecutorError(message)
