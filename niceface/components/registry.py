"""Shortcut strings → components, and the legacy ``inputs`` / ``outputs`` namespaces."""
from __future__ import annotations

import difflib
from collections.abc import Callable
from typing import Any

from ..exceptions import ConfigurationError, UnknownComponentError
from . import templates
from .audio import Audio
from .base import Component
from .chatbot import Chatbot
from .checkbox import Checkbox
from .choices import CheckboxGroup, Dropdown, Radio
from .dataframe import Dataframe
from .file import File, Video
from .highlighted_text import HighlightedText
from .image import Image
from .json_view import JSON
from .label import Label
from .markup import HTML, Markdown
from .number import Number
from .slider import Slider
from .state import State
from .textbox import Textbox

SHORTCUTS: dict[str, Callable[[], Component]] = {
    "text": Textbox, "textbox": Textbox, "textarea": templates.TextArea,
    "number": Number, "slider": Slider, "checkbox": Checkbox, "checkboxgroup": CheckboxGroup,
    "radio": Radio, "dropdown": Dropdown,
    "image": Image, "webcam": templates.Webcam, "sketchpad": templates.Sketchpad, "paint": templates.Paint,
    "pil": templates.Pil,
    "audio": Audio, "microphone": templates.Microphone, "mic": templates.Microphone,
    "video": Video, "playable_video": Video, "file": File, "dataframe": Dataframe, "numpy": templates.Numpy,
    "matrix": templates.Matrix, "list": templates.List, "label": Label,
    "highlight": HighlightedText, "highlightedtext": HighlightedText, "chatbot": Chatbot,
    "json": JSON, "html": HTML, "markdown": Markdown, "state": State, "variable": State,
}


def component(spec: Any, where: str) -> Component:
    """A component from an instance or a shortcut string; ``where`` names the slot in errors."""
    if isinstance(spec, Component):
        return spec
    if isinstance(spec, type) and issubclass(spec, Component):
        return spec()
    if isinstance(spec, str):
        factory = SHORTCUTS.get(spec.lower().strip())
        if factory is None:
            close = difflib.get_close_matches(spec.lower(), SHORTCUTS, n=1, cutoff=0.5)
            hint = f"; did you mean {close[0]!r}?" if close else f"; known names: {', '.join(sorted(SHORTCUTS))}"
            raise UnknownComponentError(f"{where}: unknown component {spec!r}{hint}")
        return factory()
    raise ConfigurationError(f"{where}: expected a component or a shortcut string, got {type(spec).__name__}")


def component_list(specs: Any, side: str) -> list[Component]:
    """``inputs=`` / ``outputs=`` as a list of components (None and [] give an empty list)."""
    if specs is None:
        return []
    if not isinstance(specs, (list, tuple)):
        return [component(specs, side)]
    return [component(spec, f"{side}[{i}]") for i, spec in enumerate(specs)]


# ---- the 2.x-era namespaces: gr.inputs.Textbox(lines=5, default="..."), gr.outputs.Label() ----

_LEGACY_ONLY = {"optional", "numeric", "tool", "keep_filename", "plot", "max_choices"}


def _legacy(cls: type[Component], **preset: Any) -> Callable[..., Component]:
    def make(*args: Any, default: Any = None, **kwargs: Any) -> Component:
        for name in _LEGACY_ONLY & kwargs.keys():
            kwargs.pop(name)
        if default is not None:
            kwargs["value"] = default
        if cls is Label and "type" in kwargs:
            kwargs.pop("type")
        return cls(*args, **{**preset, **kwargs})
    make.__name__ = make.__qualname__ = cls.__name__
    make.__doc__ = f"Legacy spelling of {cls.__name__} (``default=`` is ``value=``)."
    return make


class inputs:  # noqa: N801 - a namespace spelled as in Gradio 2
    """``niceface.inputs.*``: the Gradio 2 spelling of input components."""

    Textbox = _legacy(Textbox)
    Number = _legacy(Number)
    Slider = _legacy(Slider)
    Checkbox = _legacy(Checkbox)
    CheckboxGroup = _legacy(CheckboxGroup)
    Radio = _legacy(Radio)
    Dropdown = _legacy(Dropdown)
    Image = _legacy(Image)
    Audio = _legacy(Audio)
    Video = _legacy(Video)
    File = _legacy(File)
    Dataframe = _legacy(Dataframe)
    State = _legacy(State)


class outputs:  # noqa: N801
    """``niceface.outputs.*``: the Gradio 2 spelling of output components."""

    Textbox = _legacy(Textbox)
    Label = _legacy(Label)
    Image = _legacy(Image)
    Audio = _legacy(Audio)
    Video = _legacy(Video)
    File = _legacy(File)
    Dataframe = _legacy(Dataframe)
    HighlightedText = _legacy(HighlightedText)
    Chatbot = _legacy(Chatbot)
    JSON = _legacy(JSON)
    HTML = _legacy(HTML)
    State = _legacy(State)
