"""niceface: turn any Python function into a web app, with the Gradio 3 Interface API.

    import niceface as gr
    gr.Interface(fn=greet, inputs="text", outputs="text").launch()

NiceGUI, numpy's heavy friends, shap and gradio_client load only when first needed.
"""
from __future__ import annotations

from .app.compose import Parallel, Series
from .app.core.context import Info, Progress, Request, Warning
from .app.interface import Interface
from .components import (
    HTML,
    JSON,
    Audio,
    Chatbot,
    Checkbox,
    CheckboxGroup,
    Dataframe,
    Dropdown,
    File,
    HighlightedText,
    Image,
    Label,
    Markdown,
    Number,
    Radio,
    Slider,
    State,
    Textbox,
    Video,
)
from .components.registry import inputs, outputs
from .components.templates import (
    DataFrame,
    Highlight,
    Highlightedtext,
    Json,
    List,
    Matrix,
    Mic,
    Microphone,
    Numpy,
    Paint,
    Pil,
    Sketchpad,
    Text,
    TextArea,
    Variable,
    Webcam,
)
from .exceptions import Error, NicefaceError

__version__ = "0.1.0"
load = Interface.load


def close_all() -> None:
    """Stop every app this process launched (``launch(prevent_thread_lock=True)``)."""
    from .app.serve.launch import close_all as close
    close()


__all__ = [
    "HTML", "JSON", "Audio", "Chatbot", "Checkbox", "CheckboxGroup", "DataFrame", "Dataframe", "Dropdown", "Error",
    "File", "Highlight", "HighlightedText", "Highlightedtext", "Image", "Info", "Interface", "Json", "Label", "List",
    "Markdown", "Matrix", "Mic", "Microphone", "NicefaceError", "Number", "Numpy", "Paint", "Parallel", "Pil",
    "Progress", "Radio", "Request", "Series", "Sketchpad", "Slider", "State", "Text", "TextArea", "Textbox",
    "Variable", "Video", "Warning", "Webcam", "close_all", "inputs", "load", "outputs",
]
