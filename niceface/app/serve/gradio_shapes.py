"""One table: each component's value in our API (``/api/predict``) and in Gradio's wire protocol.

| our component | Gradio type | our payload | Gradio's value |
| --- | --- | --- | --- |
| Textbox, HTML, Markdown, Code, ColorPicker | same | text | the same text |
| Number, Slider | number, slider | a number | the same number |
| Checkbox | checkbox | true / false | the same |
| Radio, Dropdown (CheckboxGroup) | same | a choice (a list of them) | the same |
| Label | label | ``{"label", "confidences": [{"label", "confidence"}]}`` | the same dict |
| Dataframe | dataframe | ``{"headers", "data"}`` | the same dict |
| HighlightedText, JSON, Chatbot | same | lists and dicts | the same |
| Image, Audio, Video, File, Model3D | same | a data URL or a server-made file | a FileData (below) |
| File(file_count="multiple") | file | a list of those | a list of FileData |
| Gallery | gallery | ``[[picture, caption], …]`` | ``[{"image": FileData, "caption"}, …]`` |

A FileData is ``{"path", "url", "orig_name", "meta": {"_type": "gradio.FileData"}}``. One that
comes in is only ever *looked up* (``resolve``: its ``path`` among the files this server made
for that caller); its ``url`` and any other field are ignored. A FileData that goes out names a
file of the caller (``publish``).
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ...components.base import Component
from ...exceptions import InputError
from ...storage.media import MediaFile

Publish = Callable[[Any], dict[str, Any]]  # a media payload -> the FileData naming it for the caller
Resolve = Callable[[dict[str, Any]], MediaFile]  # a FileData that came in -> the caller's file


@dataclass(frozen=True, slots=True)
class Shape:
    """How one kind of component appears to Gradio: its type, class name, value schema, the
    Python type view_api prints, an example input, and how values travel."""

    gradio: str
    cls: str
    schema: dict[str, Any]
    python: str
    example: Any = None
    travel: str = "plain"  # "plain", "media" (one file), "files" (a list), "gallery"


FILE_META = {"properties": {"_type": {"const": "gradio.FileData", "title": "Type", "type": "string"}},
             "required": ["_type"], "title": "FileDataMeta", "type": "object"}
_OPTIONAL_TEXT = {"anyOf": [{"type": "string"}, {"type": "null"}], "default": None}
FILE_DATA = {"properties": {"path": {"title": "Path", "type": "string"}, "url": _OPTIONAL_TEXT,
                            "size": {"anyOf": [{"type": "integer"}, {"type": "null"}], "default": None},
                            "orig_name": _OPTIONAL_TEXT, "mime_type": _OPTIONAL_TEXT,
                            "is_stream": {"default": False, "type": "boolean"},
                            "meta": {"$ref": "#/$defs/FileDataMeta"}},
             "required": ["path"], "title": "FileData", "type": "object"}
_DEFS = {"$defs": {"FileDataMeta": FILE_META}}
_TEXT = {"type": "string"}
_NUMBER = {"type": "number"}
_EXAMPLE_FILE = {"path": "https://github.com/gradio-app/gradio/raw/main/test/test_files/bus.png",
                 "meta": {"_type": "gradio.FileData"}}


def _media(gradio: str, cls: str) -> Shape:
    return Shape(gradio, cls, {**FILE_DATA, **_DEFS}, "filepath", _EXAMPLE_FILE, "media")


_LABEL = {"type": "object", "title": "LabelData", "properties": {
    "label": {"anyOf": [{"type": "string"}, {"type": "number"}, {"type": "null"}], "default": None},
    "confidences": {"anyOf": [{"type": "array", "items": {"type": "object", "properties": {
        "label": {"anyOf": [{"type": "string"}, {"type": "number"}]}, "confidence": _NUMBER}}},
        {"type": "null"}], "default": None}}}
_TABLE = {"type": "object", "title": "DataframeData", "required": ["headers", "data"], "properties": {
    "headers": {"type": "array", "items": _TEXT},
    "data": {"type": "array", "items": {"type": "array", "items": {}}}}}

SHAPES: dict[str, Shape] = {
    "textbox": Shape("textbox", "Textbox", _TEXT, "str", "Hello!!"),
    "number": Shape("number", "Number", _NUMBER, "float", 3),
    "slider": Shape("slider", "Slider", _NUMBER, "float", 3),
    "checkbox": Shape("checkbox", "Checkbox", {"type": "boolean"}, "bool", True),
    "radio": Shape("radio", "Radio", _TEXT, "str"),
    "dropdown": Shape("dropdown", "Dropdown", _TEXT, "str"),
    "checkboxgroup": Shape("checkboxgroup", "CheckboxGroup", {"type": "array", "items": _TEXT}, "list[str]"),
    "label": Shape("label", "Label", _LABEL, "dict(label: str | float | None, confidences: list[dict])"),
    "dataframe": Shape("dataframe", "Dataframe", _TABLE, "dict(headers: list[str], data: list[list[Any]])",
                       {"headers": ["a", "b"], "data": [["foo", "bar"]]}),
    "highlightedtext": Shape("highlightedtext", "HighlightedText", {"type": "array", "items": {}}, "list[Any]"),
    "json": Shape("json", "JSON", {}, "Any"),
    "chatbot": Shape("chatbot", "Chatbot", {"type": "array", "items": {}}, "list[Any]"),
    "html": Shape("html", "HTML", _TEXT, "str"),
    "markdown": Shape("markdown", "Markdown", _TEXT, "str"),
    "code": Shape("code", "Code", _TEXT, "str"),
    "colorpicker": Shape("colorpicker", "ColorPicker", _TEXT, "str", "#ff0000"),
    "image": _media("image", "Image"),
    "audio": _media("audio", "Audio"),
    "video": _media("video", "Video"),
    "file": _media("file", "File"),
    "model3d": _media("model3d", "Model3D"),
    "files": Shape("file", "File", {"type": "array", "items": {**FILE_DATA}, **_DEFS}, "list[filepath]",
                   [_EXAMPLE_FILE], "files"),
    "gallery": Shape("gallery", "Gallery", {"type": "array", "items": {"type": "object", "properties": {
        "image": {**FILE_DATA}, "caption": _OPTIONAL_TEXT}}, **_DEFS}, "list[dict(image: filepath, caption: str)]",
        None, "gallery"),
}
#: what any other component looks like: a JSON value
OTHER = Shape("json", "JSON", {}, "Any")


def shape_of(component: Component) -> Shape:
    return SHAPES.get(component.kind, OTHER)


def to_gradio(component: Component, payload: Any, publish: Publish) -> Any:
    """Our output payload as Gradio's value (media published for the caller)."""
    travel = shape_of(component).travel
    if payload is None or travel == "plain":
        return payload
    if travel == "media":
        return publish(payload)
    if travel == "files":
        return [publish(item) for item in (payload if isinstance(payload, list) else [payload])]
    return [{"image": publish(picture), "caption": caption} for picture, caption in payload]


def from_gradio(component: Component, value: Any, resolve: Resolve) -> Any:
    """Gradio's input value as our payload: a FileData only as the caller's own file (looked
    up, never opened by its path); anything else as it is (``Component.check`` judges it)."""
    travel = shape_of(component).travel
    if value is None or travel == "plain":
        return value
    if travel == "media":
        return _file(value, resolve)
    if travel == "files":
        return [_file(item, resolve) for item in (value if isinstance(value, list) else [value])]
    if not isinstance(value, list):
        raise InputError(f"{component.describe()}: expected a list of pictures")
    return [[_file(item.get("image") if isinstance(item, dict) else item, resolve),
             item.get("caption") if isinstance(item, dict) else None] for item in value]


def _file(value: Any, resolve: Resolve) -> Any:
    return resolve(value) if isinstance(value, dict) else value


def props(component: Component, role: str) -> dict[str, Any]:
    """The component's properties in the config document: what Gradio's own component of
    that type is built from (``gr.load``) and what clients show."""
    shape = shape_of(component)
    found: dict[str, Any] = {"name": shape.gradio, "label": component.label or component.kind,
                             "show_label": True, "visible": True, "interactive": role == "input"}
    if component.kind == "slider":
        found |= {"minimum": getattr(component, "minimum", 0), "maximum": getattr(component, "maximum", 100),
                  "step": getattr(component, "step", None) or 1}
    if component.kind in ("radio", "dropdown", "checkboxgroup"):
        found["choices"] = [[label, label] for label in getattr(component, "labels", [])]
    if shape.travel == "files":
        found["file_count"] = "multiple"
    return found


def schema(component: Component) -> dict[str, Any]:
    """The JSON schema of the component's value (choices as an enum)."""
    found = dict(shape_of(component).schema)
    labels = getattr(component, "labels", None)
    if component.kind in ("radio", "dropdown") and labels:
        found["enum"] = list(labels)
    if component.kind == "checkboxgroup" and labels:
        found["items"] = {"type": "string", "enum": list(labels)}
    return found
