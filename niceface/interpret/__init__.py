"""Explaining one prediction: which parts of the input pushed the output where (SPEC §4).

    explain(iface, values)        one structure per wire input (None where not interpreted)
    check_interpretation(iface)   ConfigurationError now, without running fn, for an unusable
                                  interpretation= (Interface construction can call it)

Modules: ``features`` (tokens and neighbours per component type), ``scoring`` (difference of
predictions), ``runner`` (fn on perturbed inputs, batched), ``leave_one_out``, ``kernel_shap``,
``custom`` (the three methods) and ``overlay`` (pure render data for the page).
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from concurrent.futures import Executor
from itertools import chain
from typing import TYPE_CHECKING, Any, cast

from ..app.core.invoke import Call, check_arity
from ..components.base import Component
from ..components.limits import Limits
from ..exceptions import ConfigurationError
from . import custom, features, kernel_shap, leave_one_out
from .evaluator import Evaluator, Progress
from .scoring import Reference

if TYPE_CHECKING:
    from ..app.core.definition import Definition as Interface

__all__ = ["check_interpretation", "explain"]

Method = str | Callable[..., Any] | None
_NAMES = {"default": "default", "shap": "shap", "shapley": "shap"}
_TOKEN_KINDS = "Textbox, Image and Audio"
_ALL_KINDS = "Textbox, Image, Audio, Number, Slider, Checkbox, CheckboxGroup, Radio and Dropdown"


def explain(iface: Interface, values: Sequence[Any], *, state: Any = None, progress: Progress | None = None,
            limits: Limits | None = None, executor: Executor | None = None) -> list[Any]:
    """Interpret fn at ``values`` (the wire inputs: plain values, or payloads checked against
    ``limits`` when given). ``progress(done, total)`` is called as fn evaluations complete.
    With an ``executor`` fn's evaluations run there, many at once."""
    values = list(values)
    check_arity(iface, values, with_state=False)
    state = iface.initial_state() if state is None else state
    call = Call(values, state, wire=True, limits=limits, executor=executor)
    if callable(iface.interpretation):
        return custom.explain_all(iface, call)
    methods = _methods(iface)
    if "shap" in methods:
        kernel_shap.import_shap()
    defaults = _splits(iface, values, methods, "default")
    shaps = cast("dict[int, features.Tokens]", _splits(iface, values, methods, "shap"))
    planned = [len(split) for split in defaults.values()]
    planned += [kernel_shap.planned_runs(tokens, iface.num_shap) for tokens in shaps.values()]
    runner = Evaluator(iface, call, total=1 + sum(planned) if planned else 0, progress=progress)
    results = _measured(iface, runner, defaults, shaps) if planned else [None] * len(values)
    for index, method in enumerate(methods):
        if callable(method):
            results[index] = custom.call(iface, method, runner.args)
    runner.finish()
    return results


def check_interpretation(iface: Interface) -> None:
    """ConfigurationError naming the input when ``iface.interpretation`` cannot be used for it."""
    if not callable(iface.interpretation):
        _methods(iface)


# ---- planning ---------------------------------------------------------------------------

def _methods(iface: Interface) -> list[Method]:
    """The method of each wire input: "default", "shap", a callable or None."""
    spec, wire = iface.interpretation, iface.wire_inputs
    if spec is None:
        raise ConfigurationError("this Interface has no interpretation: pass interpretation='default', "
                                 "'shap' or a function to Interface()")
    if isinstance(spec, str):
        methods = [spec] * len(wire)
    elif isinstance(spec, (list, tuple)):
        methods = _per_wire_input(iface, list(spec))
    else:
        raise ConfigurationError(f"interpretation must be 'default', 'shap', a function, or a list of those "
                                 f"per input, not {type(spec).__name__}")
    return [_method(iface, component, method) for component, method in zip(wire, methods, strict=False)]


def _per_wire_input(iface: Interface, methods: list[Any]) -> list[Any]:
    if len(methods) == len(iface.input_components) and iface.state_input is not None:
        del methods[iface.state_input]
    if len(methods) != len(iface.wire_inputs):
        raise ConfigurationError(f"interpretation lists {len(methods)} method(s) but the interface has "
                                 f"{len(iface.wire_inputs)} input(s); give one (or None) per input")
    return methods


def _method(iface: Interface, component: Component, method: Any) -> Method:
    if method is None or callable(method):
        return method  # type: ignore[no-any-return]  # mypy cannot narrow Any by callable()
    name = _NAMES.get(method.lower()) if isinstance(method, str) else None
    where = f"{component.describe()} (inputs[{iface.input_components.index(component)}])"
    if name is None:
        raise ConfigurationError(f"{where}: unknown interpretation {method!r}; use 'default', 'shap', "
                                 f"a function or None")
    if name == "shap" and not features.has_tokens(component):
        raise ConfigurationError(f"{where}: interpretation 'shap' masks tokens, and only {_TOKEN_KINDS} "
                                 f"inputs have them; use 'default' for this input, e.g. a list "
                                 f"interpretation=['shap', 'default'] with one method per input")
    if features.handler_for(features.SPLITTERS, component) is None:
        raise ConfigurationError(f"{where} cannot be interpreted; interpretation supports {_ALL_KINDS} "
                                 f"inputs (give None for this one in a list)")
    return name


def _splits(iface: Interface, values: list[Any], methods: list[Method], name: str) -> dict[int, features.Split]:
    """The features of each input that uses method ``name`` and has a value to explain."""
    splits = {index: features.split(component, value)
              for index, (component, value, method) in enumerate(zip(iface.wire_inputs, values, methods, strict=False))
              if method == name}
    return {index: split for index, split in splits.items() if split is not None}


# ---- running ----------------------------------------------------------------------------

def _measured(iface: Interface, runner: Evaluator, defaults: dict[int, features.Split],
              shaps: dict[int, features.Tokens]) -> list[Any]:
    """Structures of the "default" and "shap" inputs; the original run goes with the first batch."""
    results: list[Any] = [None] * len(iface.wire_inputs)
    changes = {index: leave_one_out.changes(index, split) for index, split in defaults.items()}
    payloads = runner.run([None, *chain.from_iterable(changes.values())])
    reference, cursor = Reference.of(payloads[0]), 1
    for index, split in defaults.items():
        results[index] = leave_one_out.arrange(split, reference, payloads[cursor:cursor + len(split)])
        cursor += len(split)
    for index, tokens in shaps.items():
        results[index] = kernel_shap.explain(runner, reference, index, tokens, iface.num_shap)
    return results
