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
import dataclasses
import difflib
import functools
import inspect
import logging
from collections.abc import Callable
from dataclasses import KW_ONLY, dataclass, field
from typing import Any, ClassVar, Literal, TypeVar

from typing_extensions import dataclass_transform

from ..exceptions import ConfigurationError, FileTooLargeError, InputError
from . import _codecs
from .limits import Limits

Role = Literal["input", "output"]
log = logging.getLogger("niceface")
T = TypeVar("T", bound=type)

#: Gradio 3 parameters every component takes that an Interface page has no use for, and why
GRADIO_ONLY: dict[str, str] = {
    "render": "an Interface places its components itself (gr.Blocks only)",
    "scale": "an Interface stacks its components; scale sizes them in a gr.Row",
    "min_width": "an Interface stacks its components; min_width sizes them in a gr.Row",
    "root_url": "components of a remote app are loaded with niceface.load()",
    "show_share_button": "niceface has no share service",
}
#: Gradio 2 and early-3 parameters Gradio 3.50 still accepts without effect
RETIRED = ("optional", "numeric", "keep_filename", "verbose", "allow_screenshot", "capture_session", "plot",
           "item_container", "rounded", "border", "margin", "full_width")


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
        self.changed()

    def changed(self) -> None:
        call_all(self.handlers)

    def view(self, element: Any, overlay: Any = None) -> View:
        return View(element, lambda: self.payload, self.set, self.handlers.append, overlay=overlay)


def call_all(handlers: list[Callable[[], Any]]) -> None:
    """Tell change handlers of a change (an async one, such as a live page's submit, runs as a task)."""
    for handler in handlers:
        result = handler()
        if inspect.isawaitable(result):
            from nicegui import background_tasks
            background_tasks.create(result, name="niceface-change")


@dataclass_transform(eq_default=False, field_specifiers=(field,))
def component(cls: T) -> T:
    """Make ``cls`` a component dataclass that, like Gradio 3, takes keyword arguments it has no
    field for: Gradio's own (``gradio_only``, the RETIRED ones) change nothing; ``default=`` is
    Gradio 2's ``value=``; any other name is said, with the field it was perhaps meant to be."""
    made: Any = dataclass(eq=False)(cls)
    init = made.__init__
    names = {f.name for f in dataclasses.fields(made) if f.init}

    @functools.wraps(init)
    def __init__(self: Component, *args: Any, **kwargs: Any) -> None:  # noqa: N807
        extra = {name: kwargs.pop(name) for name in list(kwargs) if name not in names}
        if "default" in extra and "value" in names and "value" not in kwargs and len(args) == 0:
            kwargs["value"] = extra.pop("default")  # Gradio 2's spelling
        init(self, *args, **kwargs)
        self.take_extra(extra, names)
    made.__init__ = __init__
    signature = inspect.signature(init)  # the class's own, also when it has a __new__ (File routes to Files)
    made.__signature__ = signature.replace(parameters=list(signature.parameters.values())[1:])
    return made  # type: ignore[no-any-return]


@component
class Component:
    """Base of all components. Subclasses add options and override the hooks they need.

    The options every component takes (Gradio 3's): ``label``; ``info`` (a line of help under
    it); ``show_label``; ``container`` (False: no frame around it); ``interactive`` (False: an
    input shown but not editable); ``visible``; ``elem_id`` and ``elem_classes`` (hooks for
    custom CSS); ``every`` (seconds: with a callable ``value``, call it again that often)."""

    _: KW_ONLY
    label: str | None = None
    info: str | None = None
    every: float | None = None
    show_label: bool | None = None
    container: bool = True
    interactive: bool | None = None
    visible: bool = True
    elem_id: str | None = None
    elem_classes: list[str] | str | None = None

    kind: ClassVar[str] = "component"
    #: Gradio parameters of this component accepted without effect, and why (besides GRADIO_ONLY)
    gradio_only: ClassVar[dict[str, str]] = {}
    #: what fn may return for this output, in words ("a number"), for errors
    expects: ClassVar[str] = "a value it can show"
    #: a value of this component holds media that may be large (uploads are size-checked)
    takes_upload: ClassVar[bool] = False
    #: MIME type prefixes a media value may declare ("image/" takes every image); () takes any
    accept_types: ClassVar[tuple[str, ...]] = ()

    #: where this component may stand: ("output",) for those Gradio 3 shows only as outputs
    roles: ClassVar[tuple[str, ...]] = ("input", "output")

    # ---- conversion hooks ---------------------------------------------------------------
    def preprocess(self, payload: Any) -> Any:
        if "input" not in self.roles:
            raise input_refused(self)
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
        """The payload shown when a page opens and after Clear (a callable ``value`` is called
        for each, as Gradio does on each page load)."""
        value = getattr(self, "value", None)
        if callable(value):
            return self.postprocess(value())
        return copy.deepcopy(value)

    def take_extra(self, extra: dict[str, Any], names: set[str]) -> None:
        """Keyword arguments without a field (see ``component``)."""
        ignored = {**GRADIO_ONLY, **self.gradio_only}
        for name in extra:
            if name in ignored or name in RETIRED:
                log.debug("%s: %s= changes nothing here (%s)", self.describe(), name, ignored.get(name, "retired"))
                continue
            close = difflib.get_close_matches(name, [*names, *ignored], n=1)
            log.warning("%s: unknown argument %s=%s; it is ignored", self.describe(), name,
                        f" (did you mean {close[0]}=?)" if close else "")

    # ---- rendering (NiceGUI, inside a page only) ----------------------------------------
    def widget(self, role: Role, limits: Limits) -> View:
        """``render`` for one page load: a callable ``value`` is called first (and again every
        ``every`` seconds, for as long as the page is open)."""
        if role not in self.roles:
            raise input_refused(self)
        value = getattr(self, "value", None)
        if not callable(value):
            return self.render(role, limits)
        loaded = copy.copy(self)
        loaded.value = value()  # type: ignore[attr-defined]
        view = loaded.render(role, limits)
        if self.every:
            from nicegui import ui
            ui.timer(self.every, lambda: view.set(self.initial_payload()))
        return view

    def render(self, role: Role, limits: Limits) -> View:
        """This component's widget for one page; ``limits`` bound what a browser may send."""
        raise NotImplementedError(f"{type(self).__name__} cannot be shown as an {role}")

    # ---- Gradio 3's methods ---------------------------------------------------------------
    def style(self, **options: Any) -> Component:
        """Gradio 3's ``.style(height=..., container=False, grid=...)``: options this component
        has are set (``grid`` is a Gallery's ``columns``); the rest change nothing here."""
        names = {f.name for f in dataclasses.fields(self)}
        for name, value in options.items():
            target = "columns" if name == "grid" and "columns" in names else name
            if target in names:
                setattr(self, target, value[0] if target == "columns" and isinstance(value, (list, tuple)) else value)
            else:
                log.debug("%s.style(%s=): changes nothing here", self.describe(), name)
        return self

    @staticmethod
    def update(**changes: Any) -> dict[str, Any]:
        """What fn returns to change an output besides its value (``gr.Textbox.update(value="hi",
        visible=False)``); see ``niceface.update``."""
        return update(**changes)

    # ---- helpers for subclasses ---------------------------------------------------------
    def describe(self) -> str:
        return f"{type(self).__name__} {self.label!r}" if self.label else type(self).__name__

    def reject(self, message: str) -> InputError:
        return InputError(f"{self.describe()}: {message}")

    def css_classes(self) -> str:
        return f"nf-component nf-{self.kind}"


def update(**changes: Any) -> dict[str, Any]:
    """Returned by fn for an output, changes it: ``value``, ``visible``, ``label``, ``interactive``
    (Gradio 3's ``gr.update``); other keys are kept for API callers but change nothing here."""
    return {"__type__": "update", **changes}


def is_update(value: Any) -> bool:
    return isinstance(value, dict) and value.get("__type__") == "update"


def caption(component: Component) -> None:
    """The component's label above it (unless ``show_label=False``), then its ``info`` line."""
    from nicegui import ui
    if component.label and component.show_label is not False:
        ui.label(component.label).classes("nf-field-label")
    info_line(component)


def info_line(component: Component) -> None:
    """The ``info`` line of a widget that shows its label itself."""
    from nicegui import ui
    if component.info:
        ui.label(component.info).classes("nf-field-info")


def shown_label(component: Component) -> str:
    """The label a widget that draws its own shows (empty with ``show_label=False``)."""
    return "" if component.show_label is False else component.label or ""


def type_name(value: Any) -> str:
    return type(value).__name__


def options(**kwargs: Any) -> Any:
    """A dataclass field whose default is a fresh copy (for list defaults)."""
    default = kwargs.pop("default")
    return field(default_factory=lambda: copy.deepcopy(default), **kwargs)


def apply_element_options(component: Component, element: Any) -> Any:
    """Give an element the stable CSS hooks, elem_id and elem_classes of its component."""
    element.classes(component.css_classes())
    if component.elem_classes:
        extra = component.elem_classes
        element.classes(" ".join(extra) if isinstance(extra, (list, tuple)) else str(extra))
    if not component.container:
        element.classes("nf-bare")
    if component.elem_id:
        element.props(f'id="{component.elem_id}"')
    if not component.visible:
        element.set_visibility(False)
    return element


def input_refused(component: Component) -> ConfigurationError:
    """The error for an output-only ``component`` (``roles``) placed in ``inputs=``."""
    name = type(component).__name__
    return ConfigurationError(f"{component.describe()}: a {name} can only be an output (Gradio 3 has no {name} "
                              f"input); move it to outputs=")
