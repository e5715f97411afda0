"""Running fn on the original inputs and on perturbed ones, for interpretation.

Only the first wire output is postprocessed (it is what interpretation explains), so an image
or audio output costs nothing per perturbation. With ``batch=True`` the runs go to fn in
batches of ``max_batch_size``: one list per input in, one list per output back.
"""
from __future__ import annotations

import asyncio
import copy
import inspect
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from ..app import pipeline
from ..exceptions import FunctionError, NicefaceError

if TYPE_CHECKING:
    from ..app.interface import Interface

Progress = Callable[[int, int], Any]
#: one run: None for the original inputs, or (wire input index, perturbed payload)
Change = tuple[int, Any] | None


class Runner:
    """Evaluates fn for a list of changes to the original inputs; counts evaluations and calls."""

    def __init__(self, iface: Interface, payloads: Sequence[Any], state: Any, *,
                 total: int, progress: Progress | None = None) -> None:
        self.iface, self.state, self.progress = iface, state, progress
        self.args = pipeline.preprocess(iface, list(payloads), state)
        self.positions = [i for i in range(len(iface.input_components)) if i != iface.state_input]
        self.output = next(i for i in range(len(iface.output_components)) if i != iface.state_output)
        self.batch_size = max(1, int(iface.max_batch_size)) if iface.batch else 1
        self.done, self.total, self.calls = 0, total, 0

    def run(self, changes: Sequence[Change]) -> list[Any]:
        """The first output's payload for each change, in order."""
        argsets = [self._args(change) for change in changes]
        results: list[Any] = []
        for start in range(0, len(argsets), self.batch_size):
            chunk = argsets[start:start + self.batch_size]
            results += self._call_batch(chunk) if self.iface.batch else [self._call_one(chunk[0])]
            self._advance(len(chunk))
        postprocess = self.iface.output_components[self.output].postprocess
        return [postprocess(result) for result in results]

    def finish(self) -> None:
        """Report completion (SHAP may need fewer evaluations than planned)."""
        if self.done < self.total:
            self._advance(self.total - self.done)

    # ---- internals ------------------------------------------------------------------------
    def _args(self, change: Change) -> list[Any]:
        args = list(self.args)
        if change is not None:
            index, payload = change
            args[self.positions[index]] = self.iface.wire_inputs[index].preprocess(payload)
        if self.iface.state_input is not None and self.state is not None:
            args[self.iface.state_input] = copy.deepcopy(self.state)  # runs never change the session
        return args

    def _call_one(self, args: list[Any]) -> Any:
        return pipeline.split_outputs(self.iface, self._invoke(args))[self.output]

    def _call_batch(self, argsets: list[list[Any]]) -> list[Any]:
        columns = [list(column) for column in zip(*argsets)]
        result = self._invoke(columns)
        outputs = len(self.iface.output_components)
        if not isinstance(result, (list, tuple)) or len(result) != outputs:
            raise FunctionError(f"{self.iface.name} (batch=True) must return one list per output "
                                f"({outputs}), got {type(result).__name__}")
        column = list(result[self.output])
        if len(column) != len(argsets):
            raise FunctionError(f"{self.iface.name} (batch=True) returned {len(column)} value(s) "
                                f"for a batch of {len(argsets)}")
        return column

    def _invoke(self, args: list[Any]) -> Any:
        self.calls += 1
        try:
            result = self.iface.fn(*args)
            return asyncio.run(result) if inspect.iscoroutine(result) else result
        except NicefaceError:
            raise
        except Exception as error:
            raise pipeline.describe_failure(self.iface, error) from error

    def _advance(self, count: int) -> None:
        self.done += count
        if self.progress is not None:
            self.progress(self.done, self.total)
