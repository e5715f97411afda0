"""Textbox: one line or several of text."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import KW_ONLY
from typing import TYPE_CHECKING, Any, ClassVar

from typing_extensions import override

from ..exceptions import one_of
from .base import Component, Role, View, apply_element_options, component, info_line, shown_label, type_name

if TYPE_CHECKING:
    from .limits import Limits


@component
class Textbox(Component):
    """Text in or out. ``lines`` rows high (growing to ``max_lines``); ``type`` "text",
    "password" or "email"; ``autofocus``; ``text_align`` "left" or "right"; ``rtl`` (right
    to left); ``show_copy_button`` (a button that copies the text). ``value`` may be a
    callable (called on each page load); another value is shown as text (``3`` is ``"3"``)."""

    value: Any = ""
    _: KW_ONLY
    lines: int = 1
    max_lines: int = 20
    placeholder: str | None = None
    autofocus: bool = False
    type: str = "text"
    text_align: str | None = None
    rtl: bool = False
    show_copy_button: bool = False

    kind = "textbox"
    expects = "text"
    gradio_only: ClassVar[dict[str, str]] = {"autoscroll": "an output grows to show all its text"}

    def __post_init__(self) -> None:
        one_of(f"{self.describe()}: type", self.type, ("text", "password", "email"))
        if self.text_align is not None:
            one_of(f"{self.describe()}: text_align", self.text_align, ("left", "right"))
        if not callable(self.value):
            self.value = "" if self.value is None else str(self.value)

    @override
    def preprocess(self, payload: Any) -> str:
        if payload is None:
            return ""
        if not isinstance(payload, str):
            raise self.reject(f"expected text, got {type_name(payload)}")
        return payload

    @override
    def postprocess(self, value: Any) -> str:
        return "" if value is None else str(value)

    @override
    def render(self, role: Role, limits: Limits) -> View:
        from nicegui import ui
        element: ui.input | ui.textarea
        first = self.initial_payload()
        if self.lines > 1 or role == "output":  # an output wraps and grows: a long result is never cut
            element = ui.textarea(shown_label(self), placeholder=self.placeholder, value=first)
            element.props(f"rows={self.lines}" + (" autogrow stack-label" if role == "output" else ""))
            element.props["input-style"] = self._style(f"min-height: {1.5 * self.lines + 0.5:.1f}em; max-height: "
                                                       f"{1.5 * max(self.max_lines, self.lines) + 0.5:.1f}em")
        else:
            element = ui.input(shown_label(self), placeholder=self.placeholder, value=first,
                               password=self.type == "password")
            element.props(f"type={self.type}" if self.type == "email" else "")
            element.props["input-style"] = self._style("")
        readonly = role == "output" or self.interactive is False
        element.props("outlined" + (" readonly" if readonly else "") + (" autofocus" if self.autofocus else ""))
        element.classes("w-full")
        if self.rtl:
            element.props('dir="rtl"')
        if self.show_copy_button:
            _copy_button(element)
        info_line(self)
        apply_element_options(self, element)
        view = View.of_value(element)
        view.on_enter = lambda handler: _on_enter(element, handler, multiline=self.lines > 1)
        return view

    def _style(self, style: str) -> str:
        return f"{style}; text-align: {self.text_align}" if self.text_align else style


def _copy_button(element: Any) -> None:
    """A copy icon at the end of the field that copies its text to the clipboard."""
    from nicegui import ui

    def copy() -> None:
        ui.clipboard.write(str(element.value or ""))
        ui.notify("Copied", type="positive", timeout=1000)
    with element.add_slot("append"):
        ui.button(icon="content_copy", on_click=copy).props('flat round dense size=sm aria-label="Copy"') \
            .classes("nf-copy")


def _on_enter(element: Any, handler: Callable[[], Any], *, multiline: bool) -> None:
    """Enter submits; in a box of several lines Shift+Enter starts a new line."""
    if multiline:
        element.on("keydown", lambda _: handler(),
                   js_handler="(e) => { if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) "
                              "{ e.preventDefault(); emit(); } }")
    else:
        element.on("keydown.enter", lambda _: handler())
