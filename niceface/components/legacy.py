"""Gradio 2's ``inputs`` / ``outputs`` namespaces, still in Gradio 3: ``gr.inputs.Textbox(5,
"Type here")``, ``gr.outputs.Label(3)`` — each with its own order of positional arguments,
``default=`` for ``value=``, and options that were retired (``optional``, ``numeric``, …).
Each makes today's component."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..exceptions import ConfigurationError
from .base import Component

#: positional parameters of each Gradio 2 class, in order
INPUTS: dict[str, tuple[str, ...]] = {
    "Textbox": ("lines", "placeholder", "default", "numeric", "type", "label", "optional"),
    "Number": ("default", "label", "optional"),
    "Slider": ("minimum", "maximum", "step", "default", "label", "optional"),
    "Checkbox": ("default", "label", "optional"),
    "CheckboxGroup": ("choices", "default", "type", "label", "optional"),
    "Radio": ("choices", "type", "default", "label", "optional"),
    "Dropdown": ("choices", "type", "default", "label", "optional"),
    "Image": ("shape", "image_mode", "invert_colors", "source", "tool", "type", "label", "optional"),
    "Video": ("type", "source", "label", "optional"),
    "Audio": ("source", "type", "label", "optional"),
    "File": ("file_count", "type", "label", "keep_filename", "optional"),
    "Dataframe": ("headers", "row_count", "col_count", "datatype", "col_width", "default", "type", "label",
                  "optional"),
    "Timeseries": ("x", "y", "label", "optional"),
    "State": ("label", "default"),
    "Image3D": ("label", "optional"),
}
OUTPUTS: dict[str, tuple[str, ...]] = {
    "Textbox": ("type", "label"),
    "Image": ("type", "plot", "label"),
    "Video": ("type", "label"),
    "Audio": ("type", "label"),
    "File": ("label",),
    "Dataframe": ("headers", "max_rows", "max_cols", "overflow_row_behaviour", "type", "label"),
    "Timeseries": ("x", "y", "label"),
    "State": ("label",),
    "Label": ("num_top_classes", "type", "label"),
    "KeyValues": ("value", "label"),
    "HighlightedText": ("color_map", "label", "show_legend"),
    "JSON": ("label",),
    "HTML": ("label",),
    "Chatbot": ("label",),
    "Image3D": ("clear_color", "label"),
}
#: the Gradio 2 names of today's components (shortcut names), where they differ
TODAY = {"Image3D": "model3d", "KeyValues": "json"}
RETIRED = ("optional", "numeric", "keep_filename", "col_width", "plot")


def _options(space: str, name: str, names: tuple[str, ...], args: tuple[Any, ...],
             kwargs: dict[str, Any]) -> dict[str, Any]:
    if len(args) > len(names):
        raise TypeError(f"{space}.{name}() takes {len(names)} positional argument(s) but {len(args)} were given")
    options = {**dict(zip(names, args, strict=False)), **kwargs}
    for retired in RETIRED:
        options.pop(retired, None)
    if "default" in options:
        options["value"] = options.pop("default")
    if name == "Video" and "type" in options:
        options["format"] = options.pop("type")  # Gradio 2's Video(type=) is the video format
    if space == "outputs" and name in ("Textbox", "Image", "Audio", "Dataframe", "Label"):
        options.pop("type", None)  # "auto", "str", "pil", "plot"…: an output shows what fn returns
    if name == "Image" and options.get("tool") == "editor":
        options.pop("tool")  # Gradio 2's default: a plain upload
    return options


def _maker(space: str, name: str, names: tuple[str, ...]) -> Callable[..., Component]:
    def make(*args: Any, **kwargs: Any) -> Component:
        from .registry import SHORTCUTS
        options = _options(space, name, names, args, kwargs)
        factory = SHORTCUTS.get(TODAY.get(name, name.lower()))
        if factory is None:
            raise ConfigurationError(f"{space}.{name} has no niceface counterpart yet")
        return factory(**options)
    make.__name__ = make.__qualname__ = name
    make.__doc__ = f"Gradio 2's {space}.{name}({', '.join(names)}): today's {name} component."
    return make


class _Namespace:
    def __init__(self, space: str, table: dict[str, tuple[str, ...]]) -> None:
        self._space = space
        for name, names in table.items():
            setattr(self, name, _maker(space, name, names))

    def __getattr__(self, name: str) -> Any:
        raise AttributeError(f"{self._space}.{name} is not a Gradio 2 {self._space[:-1]} component")


inputs: Any = _Namespace("inputs", INPUTS)
outputs: Any = _Namespace("outputs", OUTPUTS)
#: Gradio 2 spelled some inputs as their own names too (gr.inputs.Textbox is also gr.inputs.Text)
inputs.Text = inputs.Textbox
