"""Definition: a fn with its input and output components and the options of its page.

Plain data and checks, made when an Interface is built; no UI, no server, no interpretation.
``niceface.Interface`` is a Definition with the methods that reach the layers above
(``launch``, ``interpret``, ``load``).
"""
from __future__ import annotations

import copy
import inspect
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from ...components.base import Component
from ...components.registry import component_list
from ...components.state import State
from ...exceptions import ConfigurationError, one_of

log = logging.getLogger(__name__)

FLAGGING_MODES = ("manual", "auto", "never")
#: Gradio options that change nothing here: accepted, with a warning
LEGACY_OPTIONS = {"layout", "thumbnail", "analytics_enabled", "allow_screenshot", "enable_queue",
                  "cache_examples", "show_input", "show_output", "capture_session", "server_name",
                  "server_port", "verbose", "examples_per_page", "show_tips"}


@dataclass(frozen=True, slots=True)
class Composition:
    """A Definition made of others: "parallel" (same inputs, all outputs) or "series" (each
    one's outputs are the next one's inputs). ``invoke`` runs the members instead of fn."""

    kind: Literal["parallel", "series"]
    members: tuple[Definition, ...]


class Definition:
    """Wrap ``fn`` with ``inputs`` and ``outputs`` and the options of its page."""

    composition: Composition | None = None

    def __init__(self, fn: Callable[..., Any], inputs: Any, outputs: Any, *,
                 examples: list[Any] | None = None, live: bool = False, title: str | None = None,
                 description: str | None = None, article: str | None = None, css: str | None = None,
                 interpretation: Any = None, num_shap: float = 2.0, allow_flagging: str | bool = "manual",
                 flagging_options: list[str] | None = None, flagging_dir: str = "flagged",
                 batch: bool = False, max_batch_size: int = 4, theme: str | None = None,
                 **legacy: Any) -> None:
        if not callable(fn):
            raise ConfigurationError(f"fn must be callable, got {type(fn).__name__}")
        for name in legacy:
            if name not in LEGACY_OPTIONS:
                raise TypeError(f"Interface() got an unexpected keyword argument {name!r}")
            log.warning("Interface(%s=...) is a Gradio option niceface ignores", name)
        self.fn = fn
        self.input_components: list[Component] = component_list(inputs, "inputs")
        self.output_components: list[Component] = component_list(outputs, "outputs")
        self.state_input = _state_index(self.input_components, "inputs")
        self.state_output = _state_index(self.output_components, "outputs")
        self.live, self.batch, self.max_batch_size = live, batch, max_batch_size
        self.title, self.description, self.article, self.theme = title, description, article, theme
        self.css = _read_css(css)
        self.num_shap = num_shap
        self.interpretation = interpretation
        self.allow_flagging = _flagging_mode(allow_flagging)
        self.flagging_options, self.flagging_dir = flagging_options, flagging_dir
        self._name_components()
        self.examples = self._check_examples(examples)
        self._check()

    # ---- naming ---------------------------------------------------------------------------
    @property
    def name(self) -> str:
        return str(getattr(self.fn, "__name__", type(self.fn).__name__))

    @property
    def wire_inputs(self) -> list[Component]:
        """The inputs the browser and the API send (State stays on the server)."""
        return [c for i, c in enumerate(self.input_components) if i != self.state_input]

    @property
    def wire_outputs(self) -> list[Component]:
        return [c for i, c in enumerate(self.output_components) if i != self.state_output]

    @property
    def is_async(self) -> bool:
        return inspect.iscoroutinefunction(self.fn) or inspect.isasyncgenfunction(self.fn)

    def _name_components(self) -> None:
        params = _positional_parameters(self.fn)
        for index, component in enumerate(self.input_components):
            if component.label is None and index < len(params):
                component.label = params[index].name
        for index, component in enumerate(self.output_components):
            if component.label is None and not isinstance(component, State):
                component.label = "output" if len(self.wire_outputs) == 1 else f"output {index + 1}"
        state = self.input_components[self.state_input] if self.state_input is not None else None
        if isinstance(state, State) and state.value is None and self.state_input is not None \
                and self.state_input < len(params) and params[self.state_input].default is not inspect.Parameter.empty:
            state.value = params[self.state_input].default

    def initial_state(self) -> Any:
        """A fresh deep copy of the session state's starting value, for one page load."""
        state = self.input_components[self.state_input] if self.state_input is not None else None
        return copy.deepcopy(state.value) if isinstance(state, State) else None

    # ---- checks ---------------------------------------------------------------------------
    def _check_examples(self, examples: Any) -> list[list[Any]]:
        if examples is None:
            return []
        if not isinstance(examples, (list, tuple)):
            raise ConfigurationError(f"examples must be a list of rows, got {type(examples).__name__}")
        width = len(self.wire_inputs)
        rows = [list(row) if isinstance(row, (list, tuple)) and width > 1 else [row] for row in examples]
        for number, row in enumerate(rows):
            if len(row) != width:
                raise ConfigurationError(f"examples[{number}] has {len(row)} value(s); "
                                         f"the interface has {width} input(s)")
        return rows

    def _check(self) -> None:
        """Checks that need the layers above (an Interface checks its interpretation)."""

    def __repr__(self) -> str:
        ins = ", ".join(type(c).__name__ for c in self.input_components)
        outs = ", ".join(type(c).__name__ for c in self.output_components)
        return f"<niceface.{type(self).__name__} {self.name}({ins}) -> ({outs})>"


def _positional_parameters(fn: Callable[..., Any]) -> list[inspect.Parameter]:
    try:
        parameters = inspect.signature(fn).parameters.values()
    except (TypeError, ValueError):  # builtins and some C callables have no signature
        return []
    return [p for p in parameters if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]


def _state_index(components: list[Component], side: str) -> int | None:
    indices = [i for i, c in enumerate(components) if isinstance(c, State)]
    if len(indices) > 1:
        raise ConfigurationError(f"{side}: 'state' may appear only once, found it {len(indices)} times")
    return indices[0] if indices else None


def _flagging_mode(value: str | bool) -> str:
    if value is True:
        return "manual"
    if value is False:
        return "never"
    return str(one_of("allow_flagging", value, FLAGGING_MODES))


def _read_css(css: str | None) -> str | None:
    if css and css.strip().endswith(".css") and "\n" not in css and Path(css).is_file():
        return Path(css).read_text(encoding="utf-8")
    return css
