"""Custom interpretation: a callable taking fn's (preprocessed) arguments."""
from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from ..app import pipeline
from ..exceptions import FunctionError, NicefaceError

if TYPE_CHECKING:
    from ..app.interface import Interface

log = logging.getLogger(__name__)


def explain_all(iface: Interface, payloads: Sequence[Any], state: Any) -> list[Any]:
    """``interpretation=callable``: it returns one structure per input (or, for an interface with
    one input, that input's structure)."""
    args = pipeline.preprocess(iface, list(payloads), state)
    result = call(iface, iface.interpretation, args)
    count = len(iface.wire_inputs)
    structures = [result] if count == 1 else result
    if not isinstance(structures, (list, tuple)) or len(structures) != count:
        got = len(structures) if isinstance(structures, (list, tuple)) else type(structures).__name__
        raise FunctionError(f"the interpretation function must return one structure per input ({count}), got {got}")
    return list(structures)


def call(iface: Interface, interpreter: Callable[..., Any], args: list[Any]) -> Any:
    """Call a user's interpretation function; its errors become FunctionError like fn's."""
    try:
        return interpreter(*args)
    except NicefaceError:
        raise
    except Exception as error:
        name = getattr(interpreter, "__name__", type(interpreter).__name__)
        log.exception("the interpretation function %s raised", name)
        raise FunctionError(f"the interpretation function {name} raised {type(error).__name__}: {error}") from error
