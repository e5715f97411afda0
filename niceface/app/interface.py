"""Interface: a fn with its input and output components and the options of its page."""
from __future__ import annotations

import copy
import inspect
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..components.base import Component
from ..components.label import Label
from ..components.limits import Limits
from ..components.number import Number
from ..components.registry import component_list
from ..components.state import State
from ..exceptions import ConfigurationError
from . import pipeline

log = logging.getLogger(__name__)

_FLAGGING_MODES = ("manual", "auto", "never")
_LEGACY_OPTIONS = {"layout", "thumbnail", "analytics_enabled", "allow_screenshot", "enable_queue",
                   "cache_examples", "show_input", "show_output", "capture_session", "server_name",
                   "server_port", "verbose", "examples_per_page", "show_tips"}


class Interface:
    """Wrap ``fn`` in a page with ``inputs`` and ``outputs``; ``launch()`` serves it."""

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
            if name not in _LEGACY_OPTIONS:
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
        if interpretation is not None:
            self._check_interpretation()
        self.server: Any = None  # set by launch()

    # ---- naming ---------------------------------------------------------------------------
    @property
    def name(self) -> str:
        return getattr(self.fn, "__name__", type(self.fn).__name__)

    @property
    def wire_inputs(self) -> list[Component]:
        """The inputs the browser and the API send (State stays on the server)."""
        return [c for i, c in enumerate(self.input_components) if i != self.state_input]

    @property
    def wire_outputs(self) -> list[Component]:
        return [c for i, c in enumerate(self.output_components) if i != self.state_output]

    def _name_components(self) -> None:
        try:
            params = [p.name for p in inspect.signature(self.fn).parameters.values()
                      if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
        except (TypeError, ValueError):
            params = []
        for index, component in enumerate(self.input_components):
            if component.label is None and index < len(params):
                component.label = params[index]
        outputs = self.output_components
        for index, component in enumerate(outputs):
            if component.label is None and not isinstance(component, State):
                component.label = "output" if len(self.wire_outputs) == 1 else f"output {index + 1}"
        if self.state_input is not None:
            state = self.input_components[self.state_input]
            if state.value is None and self.state_input < len(params):  # type: ignore[attr-defined]
                default = inspect.signature(self.fn).parameters[params[self.state_input]].default
                if default is not inspect.Parameter.empty:
                    state.value = default  # type: ignore[attr-defined]

    def initial_state(self) -> Any:
        """A fresh deep copy of the session state's starting value, for one page load."""
        if self.state_input is None:
            return None
        return copy.deepcopy(self.input_components[self.state_input].value)  # type: ignore[attr-defined]

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
                raise ConfigurationError(f"examples[{number}] has {len(row)} value(s); the interface has {width} input(s)")
        return rows

    def _check_interpretation(self) -> None:
        first = self.wire_outputs[0] if self.wire_outputs else None
        if not isinstance(first, (Label, Number)):
            shown = type(first).__name__ if first else "no output"
            raise ConfigurationError(f"interpretation needs a Label (or Number) as the first output, not {shown}")
        from ..interpret import check_interpretation
        check_interpretation(self)

    # ---- running --------------------------------------------------------------------------
    def __call__(self, *values: Any) -> Any:
        """Run fn on plain values (text, numbers, arrays, file paths) without any UI."""
        pipeline.check_arity(self, values, with_state=True)
        args = [value if index == self.state_input else component.preprocess(value)
                for index, (component, value) in enumerate(zip(self.input_components, values))]
        return pipeline.call_fn(self, args)

    def run_wire(self, payloads: list[Any], state: Any = None, limits: Limits = Limits()) -> pipeline.Result:
        """One run from wire payloads (media as data URLs) in the calling thread: what the
        page, the HTTP API and the queue do. Parallel and Series hand it to their members."""
        return pipeline.run_blocking(self, payloads, state, limits)

    def interpret(self, *values: Any) -> list[Any]:
        """One interpretation structure per input (see SPEC §4)."""
        from ..interpret import explain
        return explain(self, list(values))

    @classmethod
    def load(cls, name: str, src: str | None = None, api_key: str | None = None, alias: str | None = None,
             **overrides: Any) -> Interface:
        """An Interface around a Hub model ("models/<repo>") or a Gradio app ("spaces/<owner>/<name>",
        or its URL); see ``niceface.app.external``."""
        from .external import load
        return load(name, src=src, api_key=api_key, alias=alias, **overrides)

    def launch(self, **options: Any) -> Any:
        """Serve the interface; see ``niceface.app.launch.launch`` for the options."""
        from .launch import launch
        return launch(self, **options)

    def close(self) -> None:
        """Stop a server started with ``launch(prevent_thread_lock=True)``."""
        if self.server is not None:
            self.server.close()
            self.server = None

    def __repr__(self) -> str:
        ins = ", ".join(type(c).__name__ for c in self.input_components)
        outs = ", ".join(type(c).__name__ for c in self.output_components)
        return f"<niceface.Interface {self.name}({ins}) -> ({outs})>"


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
    if value not in _FLAGGING_MODES:
        raise ConfigurationError(f"allow_flagging must be one of {_FLAGGING_MODES}, not {value!r}")
    return value


def _read_css(css: str | None) -> str | None:
    if css and css.strip().endswith(".css") and "\n" not in css and Path(css).is_file():
        return Path(css).read_text(encoding="utf-8")
    return css
