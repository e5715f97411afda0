"""The one door to fn: every run, from any caller, goes through ``invoke`` (or, for many
argument sets at once, ``call_fn``), and nothing else in niceface calls fn.

    invoke(definition, Call(inputs, state))   -> Result
        checks -> preprocessing -> fn -> postprocessing, in the calling thread (a worker's)

- ``Call.wire``: True for the wire layout (State kept aside; outputs come back as payloads),
  False for plain calls (``Interface.__call__``: State among the values; fn's values come
  back as they are). ``Call.limits``: given for values from a browser or an API caller, which
  are checked against them (media only as data URLs of accepted types and sizes); None for
  the developer's own values (paths, arrays), which are not.
- fn may be sync, async (run to completion: on ``Call.loop``, the server's, when there is
  one), a generator (each yield is a partial result, the last is the result) or, with
  ``batch=True``, take and return lists.
- Every failure comes out as a NicefaceError: ArityError, InputError (bad input),
  FunctionError (fn raised, or returned what its outputs cannot show).
- A Definition with a ``composition`` (Parallel, Series) runs its members through this same
  door instead of fn.
"""
from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
import time
import traceback
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Executor
from dataclasses import dataclass, replace
from functools import partial
from typing import Any

from ...components._codecs import json_safe
from ...components.base import Component, is_update
from ...components.limits import Limits
from ...exceptions import ArityError, Error, FunctionError, InputError, NicefaceError, OutputError
from ...storage.media import Sink, outputs_to
from ...storage.tempfiles import scratch
from .completion import complete
from .context import Request, Run, running
from .definition import Definition
from .remote import RemoteError, call_all

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Call:
    """One run's inputs (State excluded when ``wire``; included for plain values) and how to treat them."""

    inputs: Sequence[Any]
    state: Any = None
    wire: bool = True
    limits: Limits | None = None
    loop: asyncio.AbstractEventLoop | None = None  # where async fns run (the server's loop)
    request: Request | None = None  # who asked (for fn's gr.Request parameter)
    media: Sink | None = None  # where media outputs go (a page session's files); None: data URLs
    executor: Executor | None = None  # where fn runs (launch(executor=...)); None: in the calling thread


@dataclass(slots=True)
class Result:
    """Outputs (wire: payloads without State; plain: fn's values, State included), the new
    session state, and the run's seconds."""

    outputs: list[Any]
    state: Any
    duration: float

    def value(self) -> Any:
        """The outputs as fn returned them: one value, a tuple, or None for none."""
        return None if not self.outputs else self.outputs[0] if len(self.outputs) == 1 else tuple(self.outputs)


def invoke(definition: Definition, call: Call, report: Callable[[Any], Any] | None = None) -> Result:
    """One run of ``definition`` on ``call``, in the calling thread. ``report`` hears what the
    run says as it goes: a generator's partial Results, fn's ``gr.Progress`` and notices."""
    started = time.perf_counter()
    if definition.composition is not None:
        return _invoke_members(definition, call, started)
    with scratch() if call.wire else contextlib.nullcontext():  # wire inputs' temporary files go at the end
        args = arguments(definition, call)
        partial = None if report is None else lambda value: report(_result(definition, call, value, started))
        with running(Run(report, call.request)):
            returned = call_fn(definition, [args], call.loop, on_yield=partial, request=call.request,
                               executor=call.executor)[0]
        return _result(definition, call, returned, started)


def arguments(definition: Definition, call: Call) -> list[Any]:
    """fn's arguments for ``call``: arity and (wire) media checked, each input preprocessed."""
    _check_arity(definition, call.inputs, with_state=not call.wire)
    values = iter(call.inputs)
    args = []
    for index, component in enumerate(definition.input_components):
        if index == definition.state_input:
            args.append(call.state if call.wire else next(values))
            continue
        value = next(values)
        if call.limits is not None:
            component.check(value, call.limits)
        args.append(_preprocess(component, value))
    return args


def call_fn(definition: Definition, argsets: list[list[Any]], loop: asyncio.AbstractEventLoop | None = None, *,
            on_yield: Callable[[Any], Any] | None = None, request: Request | None = None,
            executor: Executor | None = None, on_done: Callable[[int], Any] | None = None) -> list[Any]:
    """fn's return value for each argument set: one call each, or with ``batch=True`` one call
    for all of them (a list per input in, a list per output back). The only caller of fn; its
    ``gr.Progress`` and ``gr.Request`` parameters are passed by keyword. With an ``executor``
    the calls go there all at once (``batch``: in batches of ``max_batch_size``), a generator's
    partial results are not seen, and ``on_done(count)`` hears as each call's argument sets are done."""
    extras = {name: request if kind is Request else definition.progress_defaults[name]
              for name, kind in definition.special.items()}
    with failures(definition):
        if executor is not None:
            return _call_remotely(definition, argsets, extras, executor, on_done)
        if not definition.batch:
            return [complete(definition.fn(*args, **extras), loop, on_yield) for args in argsets]
        columns = _columns(definition, argsets)
        return _unbatch(definition, complete(definition.fn(*columns, **extras), loop, None), len(argsets))


def _columns(definition: Definition, argsets: list[list[Any]]) -> list[list[Any]]:
    """A batch fn's arguments: one list per input."""
    return [list(column) for column in zip(*argsets, strict=True)] or [[] for _ in definition.input_components]


def _call_remotely(definition: Definition, argsets: list[list[Any]], extras: dict[str, Any], executor: Executor,
                   on_done: Callable[[int], Any] | None) -> list[Any]:
    size = max(1, int(definition.max_batch_size)) if definition.batch else 1
    chunks = [argsets[start:start + size] for start in range(0, len(argsets), size)]
    groups = [_columns(definition, chunk) if definition.batch else chunk[0] for chunk in chunks]
    heard = None if on_done is None else lambda index: on_done(len(chunks[index]))
    values = call_all(executor, definition.fn, groups, extras, heard)
    if not definition.batch:
        return values
    return [row for chunk, value in zip(chunks, values, strict=True) for row in _unbatch(definition, value, len(chunk))]


def check_arity(definition: Definition, values: Sequence[Any], *, with_state: bool) -> None:
    _check_arity(definition, values, with_state=with_state)


@contextlib.contextmanager
def failures(definition: Definition, what: str | None = None) -> Iterator[None]:
    """What fn (or ``what``, a user's function) raises as a FunctionError; ``niceface.Error``
    keeps its message as it is; niceface's own errors pass unchanged."""
    try:
        yield
    except Error as error:
        raise FunctionError(str(error), intended=True) from error
    except NicefaceError:
        raise
    except RemoteError as error:  # fn raised on the executor's worker: its traceback is text
        name = what or definition.name
        log.error("%s raised on the executor's worker:\n%s", name, error.text)
        raise FunctionError(f"{name} raised {error.kind}: {error}") from None
    except Exception as error:  # anything a user's function raises
        name = what or definition.name
        log.error("%s raised:\n%s", name, "".join(traceback.format_exception(error)))
        raise FunctionError(f"{name} raised {type(error).__name__}: {error}") from error


def split_outputs(definition: Definition, returned: Any) -> list[Any]:
    """fn's return value as one value per output component."""
    expected = len(definition.output_components)
    if expected == 0:
        return []
    if expected == 1:
        return [returned]
    if not isinstance(returned, (tuple, list)) or len(returned) != expected:
        got = len(returned) if isinstance(returned, (tuple, list)) else 1
        raise FunctionError(f"{definition.name} returned {got} value(s) but the interface has {expected} outputs")
    return list(returned)


def postprocess(definition: Definition, component: Component, value: Any) -> Any:
    """One output's payload; what the component cannot show is fn's error, named:
    "f returned int 42 for Image 'out': expected a numpy array, a PIL image or a file path"."""
    try:
        if is_update(value):  # gr.update(value=..., visible=...): the value converted, the rest as data
            changes = {key: json_safe(item) for key, item in value.items() if key != "value"}
            return {**changes, **({"value": component.postprocess(value["value"])} if "value" in value else {})}
        return component.postprocess(value)
    except Exception as error:  # noqa: BLE001 - any conversion failure on fn's value is fn's error, named
        detail = str(error) if isinstance(error, NicefaceError) else f"{type(error).__name__}: {error}"
        raise OutputError(f"{definition.name} returned {type(value).__name__} {_short(value)} for "
                          f"{component.describe()}: expected {component.expects} ({detail})") from None


# ---- inside ---------------------------------------------------------------------------------

def _check_arity(definition: Definition, values: Sequence[Any], *, with_state: bool) -> None:
    components = definition.input_components if with_state else definition.wire_inputs
    if not isinstance(values, (list, tuple)) or len(values) != len(components):
        names = ", ".join(c.label or c.kind for c in components)
        got = len(values) if isinstance(values, (list, tuple)) else type(values).__name__
        raise ArityError(f"{definition.name} takes {len(components)} value(s) ({names}), got {got}")


def _preprocess(component: Component, value: Any) -> Any:
    try:
        return component.preprocess(value)
    except NicefaceError:
        raise
    except Exception as error:  # noqa: BLE001 - a value no check foresaw is still the caller's input error
        raise InputError(f"{component.describe()}: cannot use {type(value).__name__} {_short(value)} "
                         f"({type(error).__name__}: {error})") from None


def _result(definition: Definition, call: Call, returned: Any, started: float) -> Result:
    values = split_outputs(definition, returned)
    state = values[definition.state_output] if definition.state_output is not None else call.state
    if not call.wire:
        return Result(values, state, time.perf_counter() - started)
    with outputs_to(call.media):
        payloads = [postprocess(definition, component, value)
                    for index, (component, value) in enumerate(zip(definition.output_components, values, strict=True))
                    if index != definition.state_output]
    return Result(payloads, state, time.perf_counter() - started)


def _unbatch(definition: Definition, returned: Any, size: int) -> list[Any]:
    """A batch fn's lists (one per output, as Gradio's batch fns return them) as one return
    value per argument set."""
    outputs = len(definition.output_components)
    if not isinstance(returned, (list, tuple)) or len(returned) != outputs \
            or any(not isinstance(column, (list, tuple)) or len(column) != size for column in returned):
        raise FunctionError(f"{definition.name} (batch=True) must return one list of {size} value(s) per output "
                            f"({outputs}), got {_short(returned)}")
    return [row[0] if outputs == 1 else tuple(row) for row in zip(*returned, strict=True)]


def _invoke_members(definition: Definition, call: Call, started: float) -> Result:
    composition = definition.composition
    assert composition is not None
    _check_arity(definition, call.inputs, with_state=False)
    members = composition.members
    if composition.kind == "parallel":
        results = at_once([partial(invoke, member, replace(call, state=None)) for member in members])
        outputs = [output for result in results for output in result.outputs]
    else:
        outputs = list(call.inputs)
        for member in members:
            outputs = invoke(member, replace(call, inputs=outputs, state=None)).outputs
    return Result(outputs, call.state, time.perf_counter() - started)


def at_once(calls: list[Callable[[], Any]]) -> list[Any]:
    """Run the calls in threads (the first in this one); results in order; the first error raised."""
    results: list[Any] = [None] * len(calls)
    errors: list[BaseException | None] = [None] * len(calls)

    def run(index: int) -> None:
        try:
            results[index] = calls[index]()
        except BaseException as error:  # handed to the caller below  # noqa: BLE001
            errors[index] = error

    threads = [threading.Thread(target=run, args=(index,), name=f"niceface-member-{index}", daemon=True)
               for index in range(1, len(calls))]
    for thread in threads:
        thread.start()
    run(0)
    for thread in threads:
        thread.join()
    for error in errors:
        if error is not None:
            raise error
    return results


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."
