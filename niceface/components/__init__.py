"""Components: specs of inputs and outputs. One module each; nothing here imports NiceGUI."""
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

__all__ = [
           "HTML",
           "JSON",
           "Audio",
           "Chatbot",
           "Checkbox",
           "CheckboxGroup",
           "Component",
           "Dataframe",
           "Dropdown",
           "File",
           "HighlightedText",
           "Image",
           "Label",
           "Markdown",
           "Number",
           "Radio",
           "Slider",
           "State",
           "Textbox",
           "Video",
]
