"""niceface: turn any Python function into a web app, with the Gradio 3 Interface API.

    import niceface as gr
    gr.Interface(fn=greet, inputs="text", outputs="text").launch()

NiceGUI, numpy's heavy friends, shap and gradio_client load only when first needed.
"""
from __future__ import annotations

from . import (
    _lazy_clients,  # noqa: F401 - first: socketio's client libraries load only if used (see there)
    themes,
)
from ._version import __version__ as __version__
from .app.compose import Parallel, Series
from .app.core.context import Info, Progress, Request, Warning
from .app.core.examples import Examples
from .app.core.flagging import CSVLogger, FlaggingCallback
from .app.interface import Interface
from .app.serve.mount import mount_gradio_app
from .app.tabbed import TabbedInterface
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
    templates,
)
from .components.annotated_image import AnnotatedImage
from .components.base import update
from .components.button import Button
from .components.code import Code
from .components.color_picker import ColorPicker
from .components.file import UploadButton
from .components.files import Files
from .components.gallery import Gallery
from .components.legacy import inputs, outputs
from .components.model3d import Model3D
from .components.plot import Plot
from .components.registry import component
from .components.templates import (
    DataFrame,
    Highlight,
    Highlightedtext,
    ImageMask,
    ImagePaint,
    Json,
    List,
    Matrix,
    Mic,
    Microphone,
    Numpy,
    Paint,
    Pil,
    PlayableVideo,
    Sketchpad,
    Text,
    TextArea,
    Variable,
    Webcam,
)
from .components.timeseries import Timeseries
from .exceptions import Error, NicefaceError
from .waveform import make_waveform

load = Interface.load


def close_all() -> None:
    """Stop every app this process launched (``launch(prevent_thread_lock=True)``)."""
    from .app.serve.launch import close_all as close
    close()


__all__ = [
    "HTML",
    "JSON",
    "AnnotatedImage",
    "Audio",
    "Button",
    "CSVLogger",
    "Chatbot",
    "Checkbox",
    "CheckboxGroup",
    "Code",
    "ColorPicker",
    "DataFrame",
    "Dataframe",
    "Dropdown",
    "Error",
    "Examples",
    "File",
    "Files",
    "FlaggingCallback",
    "Gallery",
    "Highlight",
    "HighlightedText",
    "Highlightedtext",
    "Image",
    "ImageMask",
    "ImagePaint",
    "Info",
    "Interface",
    "Json",
    "Label",
    "List",
    "Markdown",
    "Matrix",
    "Mic",
    "Microphone",
    "Model3D",
    "NicefaceError",
    "Number",
    "Numpy",
    "Paint",
    "Parallel",
    "Pil",
    "PlayableVideo",
    "Plot",
    "Progress",
    "Radio",
    "Request",
    "Series",
    "Sketchpad",
    "Slider",
    "State",
    "TabbedInterface",
    "Text",
    "TextArea",
    "Textbox",
    "Timeseries",
    "UploadButton",
    "Variable",
    "Video",
    "Warning",
    "Webcam",
    "close_all",
    "component",
    "inputs",
    "load",
    "make_waveform",
    "mount_gradio_app",
    "outputs",
    "templates",
    "themes",
    "update",
]
