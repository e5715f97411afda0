"""cache_examples=True: each example row is run once, in the background, when the app starts;
a click on an example then shows its outputs at once (before then, it runs like Submit)."""
from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING, Any, Protocol

from ...exceptions import NicefaceError

if TYPE_CHECKING:
    from .definition import Definition
    from .invoke import Result


class Runner(Protocol):
    """What the cache needs of the app's Service."""

    definition: Definition

    async def run(self, inputs: list[Any], state: Any = None, *, owner: str | None = None) -> Result: ...

log = logging.getLogger(__name__)


class ExampleCache:
    """The output payloads of each example row, as they become known."""

    def __init__(self, service: Runner) -> None:
        self.service = service
        self.outputs: dict[int, list[Any]] = {}
        self.task: asyncio.Task[None] | None = None

    def start(self) -> None:
        """Begin running the examples (inside the server's event loop)."""
        self.task = asyncio.get_running_loop().create_task(self._fill(), name="niceface-example-cache")

    def get(self, number: int) -> list[Any] | None:
        return self.outputs.get(number)

    @property
    def done(self) -> bool:
        return self.task is not None and self.task.done()

    async def _fill(self) -> None:
        definition = self.service.definition
        for number, row in enumerate(definition.examples):
            try:
                payloads = [component.postprocess(value) for component, value in
                            zip(definition.wire_inputs, row, strict=True)]
                result = await self.service.run(payloads, definition.initial_state(), owner="niceface-examples")
            except NicefaceError as error:
                log.warning("example %d could not be cached: %s", number + 1, error)
                continue
            self.outputs[number] = result.outputs
        log.info("cached the outputs of %d of %d example(s)", len(self.outputs), len(definition.examples))

    async def stop(self) -> None:
        if self.task is not None and not self.task.done():
            self.task.cancel()
