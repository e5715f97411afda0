"""Custom interpretation: a callable taking fn's (preprocessed) arguments."""
from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ..app.core.invoke import Call, arguments, failures
from ..exceptions import FunctionError

if TYPE_CHECKING:
    from ..app.core.definition import Definition as Interface


def explain_all(iface: Interface, call_: Call) -> list[Any]:
    """``interpretation=callable``: it returns one structure per input (or, for an interface with
    one input, that input's structure)."""
    result = call(iface, iface.interpretation, arguments(iface, call_))
    count = len(iface.wire_inputs)
    structures = [result] if count == 1 else result
    if not isinstance(structures, (list, tuple)) or len(structures) != count:
        got = len(structures) if isinstance(structures, (list, tuple)) else type(structures).__name__
        raise FunctionError(f"the interpretation function must return one structure per input ({count}), got {got}")
    return list(structures)


def call(iface: Interface, interpreter: Callable[..., Any], args: list[Any]) -> Any:
    """Call a user's interpretation function; its errors become FunctionError like fn's."""
    name = getattr(interpreter, "__name__", type(interpreter).__name__)
    with failures(iface, f"the interpretation function {name}"):
        return interpreter(*args)
