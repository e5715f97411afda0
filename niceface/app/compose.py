"""Parallel and Series: Interfaces made of Interfaces.

Both are Interfaces (callable, launchable, nestable, and they take Interface options such as
``title=`` or ``examples=`` as overrides). Each member keeps its own components: a run of the
composite hands the values to its members through the one door (``core.invoke``), so a
member with ``Image(type="pil")`` and one with ``Image(type="numpy")`` each get what they asked for.

    Parallel(a, b)   a and b take the same inputs; both run at once; outputs: a's, then b's,
                     labelled by member name
    Series(a, b)     a's outputs are b's inputs; outputs: the last member's
"""
from __future__ import annotations

import copy
from itertools import pairwise
from typing import Any, Literal

from ..components.base import Component
from ..exceptions import ConfigurationError
from .core.definition import Composition
from .core.invoke import Call, invoke
from .interface import Interface


class _Composite(Interface):
    kind: Literal["parallel", "series"]

    def __init__(self, members: tuple[Interface, ...], inputs: list[Component], outputs: list[Component],
                 overrides: dict[str, Any]) -> None:
        for option in ("interpretation", "batch", "live"):
            if overrides.get(option):
                raise ConfigurationError(f"{type(self).__name__} does not take {option}=; give it to a member")
        self.members = list(members)
        self.composition = Composition(self.kind, members)
        super().__init__(_named(self._plain, self._describe()), inputs, outputs, **overrides)

    def _describe(self) -> str:
        return f"{type(self).__name__}({', '.join(member_name(m) for m in self.members)})"

    def _plain(self, *values: Any) -> Any:
        """The composite as a plain function (what ``fn`` is for a composite)."""
        return invoke(self, Call(values, wire=False)).value()


class Parallel(_Composite):
    """Run interfaces that take the same inputs side by side, at once."""

    kind = "parallel"

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


class Series(_Composite):
    """Feed each interface's outputs into the next one's inputs."""

    kind = "series"

    def __init__(self, *interfaces: Interface, **overrides: Any) -> None:
        _check_members("Series", interfaces)
        for number, (before, after) in enumerate(pairwise(interfaces), start=1):
            if len(before.wire_outputs) != len(after.wire_inputs):
                raise TypeError(f"Series: stage {number} ({member_name(before)}) gives {len(before.wire_outputs)} "
                                f"output(s) but stage {number + 1} ({member_name(after)}) takes "
                                f"{len(after.wire_inputs)} input(s)")
        super().__init__(interfaces, copy.deepcopy(interfaces[0].wire_inputs),
                         copy.deepcopy(interfaces[-1].wire_outputs), overrides)


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


def _named(function: Any, name: str) -> Any:
    def named(*values: Any) -> Any:
        return function(*values)
    named.__name__ = named.__qualname__ = name
    return named
