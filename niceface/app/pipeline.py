"""One run of an Interface: preprocess → fn (never on the event loop) → postprocess.

Pure apart from the thread pool: no UI, no server. The page, the HTTP API, the queue and
interpretation all enter here.
"""
from __future__ import annotations

import asyncio
import contextlib
import inspect
import logging
import time
import traceback
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from ..components.limits import Limits
from ..exceptions import ArityError, Error, FunctionError, NicefaceError

if TYPE_CHECKING:
    from .interface import Interface

log = logging.getLogger(__name__)
_executor: ThreadPoolExecutor | None = None


def executor() -> ThreadPoolExecutor:
    """The shared pool fns run in (sized so that 64 runs can wait on I/O at once)."""
    global _executor
    if _executor is None:
        _executor = ThreadPoolExecutor(max_workers=64, thread_name_prefix="niceface-fn")
    return _executor


@dataclass(slots=True)
class Result:
    """Output payloads (State excluded), the new session state, and the run's seconds."""

    payloads: list[Any]
    state: Any
    duration: float


def check_arity(iface: Interface, values: tuple[Any, ...] | list[Any], *, with_state: bool) -> None:
    expected = len(iface.input_components) if with_state else len(iface.wire_inputs)
    if len(values) != expected:
        names = ", ".join(c.label or c.kind for c in (iface.input_components if with_state else iface.wire_inputs))
        raise ArityError(f"{iface.name} takes {expected} value(s) ({names}), got {len(values)}")


def check_wire(iface: Interface, payloads: list[Any], limits: Limits) -> None:
    """Untrusted payloads (browser, API) may carry media only as data URLs of accepted types
    within ``limits``, never as paths."""
    for component, payload in zip(iface.wire_inputs, payloads):
        component.check(payload, limits)


def preprocess(iface: Interface, payloads: list[Any], state: Any) -> list[Any]:
    """fn's arguments from the wire payloads (State excluded) and the session state."""
    values = iter(payloads)
    return [state if index == iface.state_input else component.preprocess(next(values))
            for index, component in enumerate(iface.input_components)]


def split_outputs(iface: Interface, result: Any) -> list[Any]:
    expected = len(iface.output_components)
    if expected == 0:
        return []
    if expected == 1:
        return [result]
    if not isinstance(result, (tuple, list)) or len(result) != expected:
        got = len(result) if isinstance(result, (tuple, list)) else 1
        raise FunctionError(f"{iface.name} returned {got} value(s) but the interface has {expected} outputs")
    return list(result)


def postprocess(iface: Interface, outputs: list[Any], state: Any) -> tuple[list[Any], Any]:
    payloads = []
    for index, (component, value) in enumerate(zip(iface.output_components, outputs)):
        if index == iface.state_output:
            state = value
        else:
            payloads.append(component.postprocess(value))
    return payloads, state


def call_fn(iface: Interface, args: list[Any]) -> Any:
    """Call fn in the current thread (batch fns get one-element lists); errors become FunctionError."""
    with failures(iface):
        if iface.batch:
            return _unbatch(iface, iface.fn(*[[arg] for arg in args]))
        return iface.fn(*args)


@contextlib.contextmanager
def failures(iface: Interface) -> Iterator[None]:
    """Turn what fn raises into FunctionError (gr.Error keeps its message as it is)."""
    try:
        yield
    except Error as error:
        raise FunctionError(str(error)) from error
    except NicefaceError:
        raise
    except Exception as error:
        raise describe_failure(iface, error) from error


def describe_failure(iface: Interface, error: BaseException) -> FunctionError:
    log.error("%s raised:\n%s", iface.name, "".join(traceback.format_exception(error)))
    return FunctionError(f"{iface.name} raised {type(error).__name__}: {error}")


def _unbatch(iface: Interface, batched: Any) -> Any:
    """A batch fn returns one list per output (a 1-tuple for one output); take item 0 of each."""
    if len(iface.output_components) == 1:
        return batched[0][0]
    return tuple(column[0] for column in batched)


def _arguments(iface: Interface, payloads: list[Any], state: Any, limits: Limits) -> list[Any]:
    """Checked and preprocessed fn arguments from untrusted wire payloads."""
    check_arity(iface, payloads, with_state=False)
    check_wire(iface, payloads, limits)
    return preprocess(iface, payloads, state)


def _result(iface: Interface, returned: Any, state: Any, started: float) -> Result:
    out_payloads, new_state = postprocess(iface, split_outputs(iface, returned), state)
    return Result(out_payloads, new_state, time.perf_counter() - started)


def run_blocking(iface: Interface, payloads: list[Any], state: Any = None, limits: Limits = Limits()) -> Result:
    """One run from wire payloads, entirely in the calling thread."""
    started = time.perf_counter()
    args = _arguments(iface, payloads, state, limits)
    return _result(iface, call_fn(iface, args), state, started)


def is_async(iface: Interface) -> bool:
    return inspect.iscoroutinefunction(iface.fn)


async def run(iface: Interface, payloads: list[Any], state: Any = None, limits: Limits = Limits()) -> Result:
    """One run from wire payloads (page, HTTP API): a sync fn and the conversions run in
    the thread pool so the event loop stays free; an async fn is awaited."""
    if not is_async(iface):
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(executor(), iface.run_wire, payloads, state, limits)
    started = time.perf_counter()
    args = _arguments(iface, payloads, state, limits)
    with failures(iface):
        returned = await iface.fn(*([[a] for a in args] if iface.batch else args))
    return _result(iface, _unbatch(iface, returned) if iface.batch else returned, state, started)
