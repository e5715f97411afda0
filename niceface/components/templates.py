"""Gradio 3's ready-made variants and other names of components (its ``templates``).

A variant is the component with other defaults (``TextArea`` is a Textbox of 7 lines); an
alias is the same class under Gradio's other spelling (``DataFrame``, ``Json``, ``Variable``).
"""
from __future__ import annotations

from dataclasses import KW_ONLY

from .audio import Audio
from .base import component
from .dataframe import Dataframe
from .file import Video
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


@component
class TextArea(Textbox):
    _: KW_ONLY
    lines: int = 7


@component
class Webcam(Image):
    _: KW_ONLY
    source: str = "webcam"


@component
class Sketchpad(Image):
    """A black-on-white drawing, given to fn as the 28×28 white-on-black picture digit models expect."""

    _: KW_ONLY
    source: str = "canvas"
    image_mode: str = "L"
    shape: tuple[int, int] | None = (28, 28)
    invert_colors: bool = True


@component
class Paint(Image):
    """A sketch pad with a pen colour choice; fn gets the painting."""

    _: KW_ONLY
    source: str = "canvas"
    tool: str | None = "color-sketch"


@component
class ImageMask(Image):
    """An uploaded picture to draw a mask on; fn gets {"image": picture, "mask": white where drawn}."""

    _: KW_ONLY
    tool: str | None = "sketch"


@component
class ImagePaint(Image):
    """An uploaded picture to paint on in colours; fn gets the painted picture."""

    _: KW_ONLY
    tool: str | None = "color-sketch"


@component
class Pil(Image):
    _: KW_ONLY
    type: str = "pil"


@component
class Microphone(Audio):
    _: KW_ONLY
    source: str = "microphone"


Mic = Microphone


@component
class PlayableVideo(Video):
    """A video meant to play in any browser (Gradio converts to mp4; here it is sent as fn gives it)."""

    _: KW_ONLY
    format: str | None = "mp4"


@component
class Numpy(Dataframe):
    _: KW_ONLY
    type: str = "numpy"


@component
class Matrix(Dataframe):
    _: KW_ONLY
    type: str = "array"


@component
class List(Dataframe):
    _: KW_ONLY
    type: str = "array"
    col_count: int | None = 1


__all__ = ["DataFrame", "Highlight", "Highlightedtext", "ImageMask", "ImagePaint", "Json", "List", "Matrix", "Mic",
           "Microphone", "Numpy", "Paint", "Pil", "PlayableVideo", "Sketchpad", "Text", "TextArea", "Variable",
           "Webcam"]
