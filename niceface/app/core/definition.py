"""Definition: a fn with its input and output components and the options of its page.

Plain data and checks, made when an Interface is built; no UI, no server, no interpretation.
``niceface.Interface`` is a Definition with the methods that reach the layers above
(``launch``, ``interpret``, ``load``).
"""
from __future__ import annotations

import copy
import difflib
import inspect
import logging
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from ...components._roles import check_roles
from ...components.base import Component
from ...components.registry import component_list
from ...components.state import State
from ...exceptions import ConfigurationError, one_of
from ...themes import resolve as resolve_theme
from .context import special_parameters
from .examples import Examples
from .examples import rows as example_rows

log = logging.getLogger(__name__)

FLAGGING_MODES = ("manual", "auto", "never")
#: Gradio options (of 3.x and earlier) that change nothing here: accepted, with a warning, and why
LEGACY_OPTIONS = {
    "layout": "retired in Gradio 3: inputs and outputs sit side by side", "allow_screenshot": "retired in Gradio 3",
    "enable_queue": "a launch() option (or demo.queue())", "show_input": "retired in Gradio 3",
    "show_output": "retired in Gradio 3", "capture_session": "retired in Gradio 3",
    "server_name": "a launch() option", "server_port": "a launch() option", "verbose": "retired in Gradio 3",
    "show_tips": "retired in Gradio 3", "allow_duplication": "Hugging Face Spaces' Duplicate button",
    "_api_mode": "Gradio's own", "encrypt": "retired in Gradio 3", "mode": "Gradio's own",
    "repeat_outputs_per_model": "retired in Gradio 3"}


@dataclass(frozen=True, slots=True)
class Composition:
    """A Definition made of others: "parallel" (same inputs, all outputs) or "series" (each
    one's outputs are the next one's inputs). ``invoke`` runs the members instead of fn."""

    kind: Literal["parallel", "series"]
    members: tuple[Definition, ...]


class Definition:
    """Wrap ``fn`` with ``inputs`` and ``outputs`` and the options of its page."""

    composition: Composition | None = None

    def __init__(self, fn: Callable[..., Any], inputs: Any, outputs: Any, examples: Any = None,  # noqa: PLR0917
                 cache_examples: bool | None = None, examples_per_page: int = 10, live: bool = False,
                 interpretation: Any = None, num_shap: float = 2.0, title: str | None = None,
                 description: str | None = None, article: str | None = None, thumbnail: str | None = None,
                 theme: Any = None, css: str | None = None, allow_flagging: str | bool | None = None,
                 flagging_options: list[Any] | None = None, flagging_dir: str = "flagged",
                 flagging_callback: Any = None, analytics_enabled: bool | None = None, batch: bool = False,
                 max_batch_size: int = 4, api_name: str | None = "predict", **legacy: Any) -> None:
        """The parameters of Gradio 3.50's ``Interface``, in its order; see SPEC §1.
        ``analytics_enabled`` changes nothing (niceface sends no analytics)."""
        del analytics_enabled
        if not callable(fn):
            raise ConfigurationError(f"fn must be callable, got {type(fn).__name__}")
        _check_legacy(legacy, "Interface()", ("cache_examples", "examples_per_page", "thumbnail", "flagging_callback",
                                              "api_name", *_OWN))
        self.fn = fn
        self.special = special_parameters(fn)  # gr.Progress and gr.Request parameters: not inputs
        self.progress_defaults = {name: param.default for name, param in _all_parameters(fn).items()
                                  if name in self.special and param.default is not inspect.Parameter.empty}
        self.input_components: list[Component] = component_list(inputs, "inputs")
        check_roles(self.input_components, "inputs")  # a Plot or a Gallery is an output only
        self.output_components: list[Component] = component_list(outputs, "outputs")
        self.state_input = _state_index(self.input_components, "inputs")
        self.state_output = _state_index(self.output_components, "outputs")
        self.live, self.batch, self.max_batch_size = live, batch, max_batch_size
        self.title, self.description, self.article, self.theme = title, description, article, theme
        self.thumbnail, self.api_name, self.flagging_callback = thumbnail, api_name, flagging_callback
        if flagging_callback is not None:
            from .flagging import check_callback
            check_callback(flagging_callback)
        self.css_file = _css_file(css)  # watched by `niceface run`
        self.css = self.css_file.read_text(encoding="utf-8") if self.css_file else css
        self.look = resolve_theme(theme)  # (a theme to apply or None, start dark?): said once if unknown
        self.num_shap = num_shap
        self.interpretation = interpretation
        self.allow_flagging = _flagging_mode(allow_flagging)
        self.flagging_options, self.flagging_dir = flagging_options, flagging_dir
        self._name_components()
        if isinstance(examples, Examples):
            cache_examples = examples.cache_examples if cache_examples is None else cache_examples
            examples_per_page = examples.examples_per_page if examples_per_page == 10 else examples_per_page
        self.examples = example_rows(examples, self.wire_inputs)
        self.cache_examples = _cache_examples(cache_examples) and bool(self.examples)
        self.examples_per_page = max(1, int(examples_per_page))
        self._check_parameters()
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
    def _check_parameters(self) -> None:
        """Warn, as Gradio does, when fn cannot take as many values as there are inputs."""
        try:
            parameters = [p for p in inspect.signature(self.fn).parameters.values() if p.name not in self.special]
        except (TypeError, ValueError):
            return
        if any(p.kind == p.VAR_POSITIONAL for p in parameters) or self.composition is not None:
            return
        positional = [p for p in parameters if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
        least = sum(p.default is inspect.Parameter.empty for p in positional)
        given = len(self.input_components)
        if not least <= given <= len(positional):
            expected = least if least == len(positional) else f"{least} to {len(positional)}"
            log.warning("%s takes %s argument(s) but the interface has %d input(s); runs will fail",
                        self.name, expected, given)

    def _check(self) -> None:
        """Checks that need the layers above (an Interface checks its interpretation)."""

    def __repr__(self) -> str:
        ins = ", ".join(type(c).__name__ for c in self.input_components)
        outs = ", ".join(type(c).__name__ for c in self.output_components)
        return f"<niceface.{type(self).__name__} {self.name}({ins}) -> ({outs})>"


def _all_parameters(fn: Callable[..., Any]) -> dict[str, inspect.Parameter]:
    try:
        return dict(inspect.signature(fn).parameters)
    except (TypeError, ValueError):
        return {}


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


def _flagging_mode(value: str | bool | None) -> str:
    """``allow_flagging``; unset: GRADIO_ALLOW_FLAGGING, else "manual" (as Gradio 3)."""
    if value is None:
        value = os.environ.get("NICEFACE_ALLOW_FLAGGING") or os.environ.get("GRADIO_ALLOW_FLAGGING") or "manual"
    if value is True:
        return "manual"
    if value is False:
        return "never"
    return str(one_of("allow_flagging", value, FLAGGING_MODES))


def _cache_examples(value: bool | None) -> bool:
    """``cache_examples``; NICEFACE_CACHE_EXAMPLES (or Gradio's GRADIO_CACHE_EXAMPLES) decides
    when it is not given."""
    if value is not None:
        return bool(value)
    switch = os.environ.get("NICEFACE_CACHE_EXAMPLES") or os.environ.get("GRADIO_CACHE_EXAMPLES") or ""
    return switch.strip().lower() in ("1", "true", "yes")


#: names a subclass adds to the signature (none today): kept out of the misspelling check
_OWN: tuple[str, ...] = ()


def _check_legacy(options: dict[str, Any], where: str, known: tuple[str, ...]) -> None:
    """Gradio's retired options warn; anything else is a TypeError that suggests the right name."""
    for name in options:
        if name in LEGACY_OPTIONS:
            log.warning("%s: %s= is a Gradio option niceface ignores", where, name)
            continue
        close = difflib.get_close_matches(name, [*known, *_parameters_of(where)], n=1)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        raise TypeError(f"{where} got an unexpected keyword argument {name!r}{hint}")


def _parameters_of(where: str) -> list[str]:
    return list(inspect.signature(Definition.__init__).parameters) if where == "Interface()" else []


def _css_file(css: str | None) -> Path | None:
    """The file ``css`` names, if it names one (else it is CSS text)."""
    if css and css.strip().endswith(".css") and "\n" not in css and Path(css).is_file():
        return Path(css).resolve()
    return None
