"""Evaluating fn on the original inputs and on perturbed ones, for interpretation.

Through the one door (``core.invoke.call_fn``): only the first wire output is postprocessed
(it is what interpretation explains), so an image or audio output costs nothing per
perturbation. With ``batch=True`` the runs go to fn in batches of ``max_batch_size``. With an
executor (``launch(executor=...)``) all the runs of a step go to it at once, as many tasks.
"""
from __future__ import annotations

import copy
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from ..app.core.invoke import Call, arguments, call_fn, postprocess, split_outputs

if TYPE_CHECKING:
    from ..app.core.definition import Definition

Progress = Callable[[int, int], Any]
#: one run: None for the original inputs, or (wire input index, perturbed payload)
Change = tuple[int, Any] | None


class Evaluator:
    """Evaluates fn for a list of changes to the original inputs; counts evaluations."""

    def __init__(self, definition: Definition, call: Call, *, total: int, progress: Progress | None = None) -> None:
        self.definition, self.state, self.progress, self.loop = definition, call.state, progress, call.loop
        self.executor = call.executor
        self.args = arguments(definition, call)
        self.positions = [i for i in range(len(definition.input_components)) if i != definition.state_input]
        self.output = next(i for i in range(len(definition.output_components)) if i != definition.state_output)
        self.batch_size = max(1, int(definition.max_batch_size)) if definition.batch else 1
        self.done, self.total = 0, total

    def run(self, changes: Sequence[Change]) -> list[Any]:
        """The first output's payload for each change, in order."""
        argsets = [self._args(change) for change in changes]
        component = self.definition.output_components[self.output]
        returned: list[Any] = []
        if self.executor is not None:  # all at once, as many tasks on the executor; progress as each is done
            returned = call_fn(self.definition, argsets, self.loop, executor=self.executor, on_done=self._advance)
        for start in range(0, len(argsets) if self.executor is None else 0, self.batch_size):
            chunk = argsets[start:start + self.batch_size]
            returned += call_fn(self.definition, chunk, self.loop)
            self._advance(len(chunk))
        return [postprocess(self.definition, component, split_outputs(self.definition, value)[self.output])
                for value in returned]

    def finish(self) -> None:
        """Report completion (SHAP may need fewer evaluations than planned)."""
        if self.done < self.total:
            self._advance(self.total - self.done)

    def _args(self, change: Change) -> list[Any]:
        args = list(self.args)
        if change is not None:
            index, payload = change
            args[self.positions[index]] = self.definition.wire_inputs[index].preprocess(payload)
        if self.definition.state_input is not None and self.state is not None:
            args[self.definition.state_input] = copy.deepcopy(self.state)  # runs never change the session
        return args

    def _advance(self, count: int) -> None:
        self.done += count
        if self.progress is not None:
            self.progress(self.done, self.total)
