"""Shortcut strings → components, and the legacy ``inputs`` / ``outputs`` namespaces."""
from __future__ import annotations

import difflib
from collections.abc import Callable
from typing import Any

from ..exceptions import ConfigurationError, UnknownComponentError
from . import templates
from .annotated_image import AnnotatedImage
from .audio import Audio
from .base import Component
from .button import Button
from .chatbot import Chatbot
from .checkbox import Checkbox
from .choices import CheckboxGroup, Dropdown, Radio
from .code import Code
from .color_picker import ColorPicker
from .dataframe import Dataframe
from .file import File, UploadButton, Video
from .files import Files
from .gallery import Gallery
from .highlighted_text import HighlightedText
from .image import Image
from .json_view import JSON
from .label import Label
from .markup import HTML, Markdown
from .model3d import Model3D
from .number import Number
from .plot import Plot
from .slider import Slider
from .state import State
from .textbox import Textbox
from .timeseries import Timeseries

SHORTCUTS: dict[str, Callable[[], Component]] = {
    "text": Textbox, "textbox": Textbox, "textarea": templates.TextArea,
    "number": Number, "slider": Slider, "checkbox": Checkbox, "checkboxgroup": CheckboxGroup,
    "radio": Radio, "dropdown": Dropdown,
    "image": Image, "webcam": templates.Webcam, "sketchpad": templates.Sketchpad, "paint": templates.Paint,
    "pil": templates.Pil, "imagemask": templates.ImageMask, "imagepaint": templates.ImagePaint,
    "audio": Audio, "microphone": templates.Microphone, "mic": templates.Microphone,
    "video": Video, "playable_video": templates.PlayableVideo, "playablevideo": templates.PlayableVideo,
    "file": File, "dataframe": Dataframe, "numpy": templates.Numpy,
    "matrix": templates.Matrix, "list": templates.List, "label": Label,
    "highlight": HighlightedText, "highlightedtext": HighlightedText, "chatbot": Chatbot,
    "json": JSON, "html": HTML, "markdown": Markdown, "state": State, "variable": State,
    "plot": Plot, "gallery": Gallery, "colorpicker": ColorPicker, "model3d": Model3D, "timeseries": Timeseries,
    "code": Code, "button": Button, "annotatedimage": AnnotatedImage, "files": Files, "uploadbutton": UploadButton,
}


def component(spec: Any, where: str = "component") -> Component:
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
