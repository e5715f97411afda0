"""Component: a spec of one input or output, not a UI element.

A component converts between three forms of a value:

- the *payload*: JSON-friendly, what the browser and the HTTP API exchange
  (text, numbers, lists, and base64 data URLs for media);
- the *fn value*: what the wrapped function takes or returns (numpy arrays, PIL images, paths...).

``preprocess(payload) -> fn value`` and ``postprocess(fn value) -> payload`` are the two hooks.
``render(role)`` builds a NiceGUI element for one client and is only called inside a page.
"""
from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import KW_ONLY, dataclass, field
from typing import Any, ClassVar, Literal

from ..exceptions import FileTooLargeError, InputError
from . import _codecs
from .limits import Limits

Role = Literal["input", "output"]


@dataclass(eq=False)
class View:
    """One client's widget for a component: its element and how to read and write it."""

    element: Any
    get: Callable[[], Any]
    set: Callable[[Any], None]
    on_change: Callable[[Callable[[], Any]], None] = lambda _handler: None
    overlay: Any = None  # container the interpretation overlay is drawn into
    on_enter: Callable[[Callable[[], Any]], None] = lambda _handler: None  # the widget's "submit" key

    @classmethod
    def of_value(cls, element: Any, box: Any = None) -> View:
        """The View of a NiceGUI value element (input, number, checkbox, radio, select,
        slider), shown inside ``box`` (default: the element itself)."""
        return cls(box if box is not None else element, lambda: element.value, element.set_value,
                   lambda handler: element.on_value_change(lambda _: handler()))


class Shown:
    """The payload a widget shows when no NiceGUI value holds it (media, labels, tables):
    ``set`` stores it, lets ``show`` draw it and tells the change handlers; ``view`` wraps it
    as the widget's View."""

    def __init__(self, show: Callable[[Any], Any], payload: Any = None) -> None:
        self.show, self.payload = show, payload
        self.handlers: list[Callable[[], Any]] = []

    def set(self, payload: Any) -> None:
        self.payload = payload
        self.show(payload)
        for handler in self.handlers:
            handler()

    def view(self, element: Any, overlay: Any = None) -> View:
        return View(element, lambda: self.payload, self.set, self.handlers.append, overlay=overlay)


@dataclass(eq=False)
class Component:
    """Base of all components. Subclasses add options and override the hooks they need."""

    _: KW_ONLY
    label: str | None = None
    elem_id: str | None = None
    visible: bool = True
    interactive: bool | None = None

    kind: ClassVar[str] = "component"
    #: what fn may return for this output, in words ("a number"), for errors
    expects: ClassVar[str] = "a value it can show"
    #: a value of this component holds media that may be large (uploads are size-checked)
    takes_upload: ClassVar[bool] = False
    #: MIME type prefixes a media value may declare ("image/" takes every image); () takes any
    accept_types: ClassVar[tuple[str, ...]] = ()

    # ---- conversion hooks ---------------------------------------------------------------
    def preprocess(self, payload: Any) -> Any:
        return payload

    def postprocess(self, value: Any) -> Any:
        return value

    def check(self, payload: Any, limits: Limits) -> None:
        """Refuse what a browser or an API caller sent if this component must not take it:
        media only as data URLs of an accepted type within ``limits`` (InputError, or
        FileTooLargeError over a limit). Nothing is decoded but a picture's header."""
        if not self.takes_upload or payload is None:
            return
        if not _codecs.media_source(payload):
            raise self.reject("expected a base64 data URL (data:<type>;base64,...)")
        size = _codecs.data_url_size(payload)
        if limits.max_file_size is not None and size > limits.max_file_size:
            raise FileTooLargeError(f"{self.describe()}: the file is {size:,} bytes; "
                                    f"the limit is {limits.max_file_size:,} bytes")
        mime = _codecs.data_url_mime(payload)
        if self.accept_types and not mime.startswith((*self.accept_types, "application/octet-stream")):
            raise self.reject(f"{mime} files cannot be used here; expected {' or '.join(self.accept_types)}*")
        self.check_content(payload, limits)

    def check_content(self, payload: str, limits: Limits) -> None:
        """Checks of a media value's content, after its type and size (Image: its pixels)."""

    def initial_payload(self) -> Any:
        """The payload shown when a page opens and after Clear."""
        return copy.deepcopy(getattr(self, "value", None))

    # ---- rendering (NiceGUI, inside a page only) ----------------------------------------
    def render(self, role: Role, limits: Limits) -> View:
        """This component's widget for one page; ``limits`` bound what a browser may send."""
        raise NotImplementedError(f"{type(self).__name__} cannot be shown as an {role}")

    # ---- helpers for subclasses ---------------------------------------------------------
    def describe(self) -> str:
        return f"{type(self).__name__} {self.label!r}" if self.label else type(self).__name__

    def reject(self, message: str) -> InputError:
        return InputError(f"{self.describe()}: {message}")

    def css_classes(self) -> str:
        return f"nf-component nf-{self.kind}"


def type_name(value: Any) -> str:
    return type(value).__name__


def options(**kwargs: Any) -> Any:
    """A dataclass field whose default is a fresh copy (for list defaults)."""
    default = kwargs.pop("default")
    return field(default_factory=lambda: copy.deepcopy(default), **kwargs)


def apply_element_options(component: Component, element: Any) -> Any:
    """Give an element the stable CSS hooks and elem_id of its component."""
    element.classes(component.css_classes())
    if component.elem_id:
        element.props(f'id="{component.elem_id}"')
    if not component.visible:
        element.set_visibility(False)
    return element
