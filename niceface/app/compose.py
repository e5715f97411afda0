"""Parallel and Series: Interfaces made of Interfaces.

Both are Interfaces (callable, launchable, nestable, and they take Interface options such as
``title=`` or ``examples=`` as overrides). Each member keeps its own components and runs
its own pipeline: a run of the composite hands wire payloads to its members, so a member
with ``Image(type="pil")`` and one with ``Image(type="numpy")`` each get what they asked for.

    Parallel(a, b)   a and b take the same inputs; both run at once; outputs: a's, then b's,
                     labelled by member name
    Series(a, b)     a's outputs are b's inputs; outputs: the last member's
"""
from __future__ import annotations

import copy
import threading
import time
from typing import Any

from ..components.limits import Limits
from ..exceptions import ConfigurationError
from . import pipeline
from .interface import Interface


class _Composite(Interface):
    members: list[Interface]

    def __init__(self, interfaces: tuple[Interface, ...], inputs: list[Any], outputs: list[Any],
                 overrides: dict[str, Any]) -> None:
        for option in ("interpretation", "batch", "live"):
            if overrides.get(option):
                raise ConfigurationError(f"{type(self).__name__} does not take {option}=; give it to a member")
        self.members = list(interfaces)
        super().__init__(_named(self._call_members, self._describe()), inputs, outputs, **overrides)

    def _describe(self) -> str:
        return f"{type(self).__name__}({', '.join(member_name(m) for m in self.members)})"

    def __call__(self, *values: Any) -> Any:
        """Plain values in, plain values out, through the members' own ``__call__``."""
        return self._call_members(*values)

    def _call_members(self, *values: Any) -> Any:
        raise NotImplementedError

    def run_wire(self, payloads: list[Any], state: Any = None, limits: Limits = Limits()) -> pipeline.Result:
        raise NotImplementedError


class Parallel(_Composite):
    """Run interfaces that take the same inputs side by side, at once."""

    def __init__(self, *interfaces: Interface, **overrides: Any) -> None:
        _check_members("Parallel", interfaces)
        first = interfaces[0]
        kinds = [type(c) for c in first.wire_inputs]
        for member in interfaces[1:]:
            if [type(c) for c in member.wire_inputs] != kinds:
                raise TypeError(f"Parallel: {member_name(member)} takes ({_kinds(member)}) but "
                                f"{member_name(first)} takes ({_kinds(first)}); members must take the same inputs")
        outputs = []
        for member in interfaces:
            # an untitled Parallel inside keeps its outputs' labels (they name its members already)
            prefix = member.title or (None if isinstance(member, Parallel) else member.name)
            for component in member.wire_outputs:
                labelled = copy.deepcopy(component)
                if prefix is not None:
                    labelled.label = prefix if len(member.wire_outputs) == 1 else f"{prefix}: {component.label}"
                outputs.append(labelled)
        super().__init__(interfaces, copy.deepcopy(first.wire_inputs), outputs, overrides)

    def _call_members(self, *values: Any) -> Any:
        answers = _at_once([lambda m=member: m(*values) for member in self.members])
        flat = []
        for member, answer in zip(self.members, answers):
            flat += list(answer) if len(member.wire_outputs) > 1 else [answer]
        return flat[0] if len(flat) == 1 else tuple(flat)

    def run_wire(self, payloads: list[Any], state: Any = None, limits: Limits = Limits()) -> pipeline.Result:
        started = time.perf_counter()
        pipeline.check_arity(self, payloads, with_state=False)
        results = _at_once([lambda m=member: m.run_wire(payloads, None, limits) for member in self.members])
        return pipeline.Result([p for result in results for p in result.payloads], state,
                               time.perf_counter() - started)


class Series(_Composite):
    """Feed each interface's outputs into the next one's inputs."""

    def __init__(self, *interfaces: Interface, **overrides: Any) -> None:
        _check_members("Series", interfaces)
        for number, (before, after) in enumerate(zip(interfaces, interfaces[1:]), start=1):
            if len(before.wire_outputs) != len(after.wire_inputs):
                raise TypeError(f"Series: stage {number} ({member_name(before)}) gives {len(before.wire_outputs)} "
                                f"output(s) but stage {number + 1} ({member_name(after)}) takes "
                                f"{len(after.wire_inputs)} input(s)")
        super().__init__(interfaces, copy.deepcopy(interfaces[0].wire_inputs),
                         copy.deepcopy(interfaces[-1].wire_outputs), overrides)

    def _call_members(self, *values: Any) -> Any:
        answer: Any = None
        for number, member in enumerate(self.members):
            answer = member(*values)
            if number + 1 < len(self.members):
                values = tuple(answer) if len(member.wire_outputs) > 1 else (answer,)
        return answer

    def run_wire(self, payloads: list[Any], state: Any = None, limits: Limits = Limits()) -> pipeline.Result:
        started = time.perf_counter()
        pipeline.check_arity(self, payloads, with_state=False)
        for member in self.members:
            payloads = member.run_wire(payloads, None, limits).payloads
        return pipeline.Result(payloads, state, time.perf_counter() - started)


def member_name(member: Interface) -> str:
    return member.title or member.name


def _kinds(member: Interface) -> str:
    return ", ".join(type(c).__name__ for c in member.wire_inputs)


def _check_members(kind: str, interfaces: tuple[Any, ...]) -> None:
    if not interfaces:
        raise TypeError(f"{kind}() needs at least one Interface")
    for number, member in enumerate(interfaces, start=1):
        if not isinstance(member, Interface):
            raise TypeError(f"{kind}: member {number} is a {type(member).__name__}, not an Interface")
        if member.state_input is not None or member.state_output is not None:
            raise TypeError(f"{kind}: {member_name(member)} keeps session state; members of {kind} cannot")
        if pipeline.is_async(member):
            raise TypeError(f"{kind}: {member_name(member)} has an async fn; members of {kind} need plain functions")


def _named(function: Any, name: str) -> Any:
    def named(*values: Any) -> Any:
        return function(*values)
    named.__name__ = named.__qualname__ = name
    return named


def _at_once(calls: list[Any]) -> list[Any]:
    """Run the calls in threads (the first in this one); results in order; the first error raised."""
    results: list[Any] = [None] * len(calls)
    errors: list[BaseException | None] = [None] * len(calls)

    def run(index: int) -> None:
        try:
            results[index] = calls[index]()
        except BaseException as error:  # handed to the caller below
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
