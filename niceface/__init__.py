"""niceface: turn any Python function into a web app, with the Gradio 3 Interface API.

    import niceface as gr
    gr.Interface(fn=greet, inputs="text", outputs="text").launch()

NiceGUI, numpy's heavy friends, shap and gradio_client load only when first needed.
"""
from __future__ import annotations

from .app.compose import Parallel, Series
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
from .exceptions import Error, NicefaceError

__version__ = "0.1.0"
load = Interface.load

__all__ = [
    "HTML", "JSON", "Audio", "Chatbot", "Checkbox", "CheckboxGroup", "Dataframe", "Dropdown", "Error",
    "File", "HighlightedText", "Image", "Interface", "Label", "Markdown", "NicefaceError", "Number",
    "Parallel", "Radio", "Series", "Slider", "State", "Textbox", "Video", "inputs", "load", "outputs",
]
