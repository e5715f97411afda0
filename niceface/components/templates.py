"""Gradio 3's ready-made variants and other names of components (its ``templates``).

A variant is the component with other defaults (``TextArea`` is a Textbox of 7 lines); an
alias is the same class under Gradio's other spelling (``DataFrame``, ``Json``, ``Variable``).
"""
from __future__ import annotations

from dataclasses import KW_ONLY, dataclass

from .audio import Audio
from .dataframe import Dataframe
from .highlighted_text import HighlightedText
from .image import Image
from .json_view import JSON
from .state import State
from .textbox import Textbox

Text = Textbox
DataFrame = Dataframe
Json = JSON
Variable = State
Highlight = Highlightedtext = HighlightedText


@dataclass(eq=False)
class TextArea(Textbox):
    _: KW_ONLY
    lines: int = 7


@dataclass(eq=False)
class Webcam(Image):
    _: KW_ONLY
    source: str = "webcam"


@dataclass(eq=False)
class Sketchpad(Image):
    """A black-on-white drawing, given to fn as the 28×28 white-on-black picture digit models expect."""

    _: KW_ONLY
    source: str = "canvas"
    image_mode: str = "L"
    shape: tuple[int, int] | None = (28, 28)
    invert_colors: bool = True


@dataclass(eq=False)
class Paint(Image):
    _: KW_ONLY
    source: str = "canvas"


@dataclass(eq=False)
class Pil(Image):
    _: KW_ONLY
    type: str = "pil"


@dataclass(eq=False)
class Microphone(Audio):
    _: KW_ONLY
    source: str = "microphone"


Mic = Microphone


@dataclass(eq=False)
class Numpy(Dataframe):
    _: KW_ONLY
    type: str = "numpy"


@dataclass(eq=False)
class Matrix(Dataframe):
    _: KW_ONLY
    type: str = "array"


@dataclass(eq=False)
class List(Dataframe):
    _: KW_ONLY
    type: str = "array"
    col_count: int | None = 1


__all__ = ["DataFrame", "Highlight", "Highlightedtext", "Json", "List", "Matrix", "Mic", "Microphone", "Numpy",
           "Paint", "Pil", "Sketchpad", "Text", "TextArea", "Variable", "Webcam"]
