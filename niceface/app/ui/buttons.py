"""[UI] A page's buttons as one element: Clear, Submit, Cancel (shown while a run is slow) and
Interpret; and Quasar's markup of a button, for HTML that the page shows as one element.

Each button is plain HTML drawn as Quasar draws its own, in one ``ui.html`` whose single click
listener says which button was pressed (``data-action``): one element and one listener per
page instead of a row, two to four buttons and their listeners. What changes while the page
runs (Cancel shown, Interpret busy) is a class on that element.
"""
from __future__ import annotations

import functools
import html
from collections.abc import Callable
from typing import Any

from nicegui import ui

#: Quasar's markup of a button (as ``ui.button(...).props("... no-caps")`` draws it); ``look`` is
#: its variant and colour classes
BUTTON = ('<button class="q-btn q-btn-item non-selectable no-outline {look} q-btn--actionable q-focusable '
          'q-hoverable q-btn--no-uppercase {classes}" tabindex="0" type="button"{data}><span class="q-focus-helper">'
          '</span><span class="q-btn__content text-center col items-center q-anchor--skip justify-center row">'
          '<span class="block">{text}</span></span></button>')
OUTLINE = "q-btn--outline q-btn--rectangle text-primary"
UNELEVATED = "q-btn--unelevated q-btn--rectangle bg-primary text-white"
FLAT_NEGATIVE = "q-btn--flat q-btn--rectangle text-negative"


def button(text: str, look: str, classes: str, data: str = "") -> str:
    """One button's HTML (``text`` is escaped; ``data``: its data- attributes, already escaped)."""
    return BUTTON.format(look=look, classes=classes, data=data, text=html.escape(text))


#: the buttons a bar may hold: name -> (label, look, CSS hook)
KINDS = {"clear": ("Clear", OUTLINE, "nf-clear"), "submit": ("Submit", UNELEVATED, "nf-submit"),
         "cancel": ("Cancel", FLAT_NEGATIVE, "nf-cancel"), "interpret": ("Interpret", OUTLINE, "nf-interpret")}

#: in the browser: a click on a button of the bar says which (other clicks send nothing)
PRESSED = "(e) => { const b = e.target.closest('[data-action]'); if (b) emit({action: b.dataset.action}); }"


class ButtonBar:
    """The row of buttons under the inputs. ``on(name, handler)`` makes button ``name`` (one of
    KINDS) call ``handler()``; buttons appear in the order of KINDS. Cancel is hidden until
    ``show_cancel(True)``; ``busy("interpret", True)`` greys Interpret out and ignores its clicks."""

    def __init__(self, names: tuple[str, ...]) -> None:
        self.names = tuple(name for name in KINDS if name in names)
        self.handlers: dict[str, Callable[[], Any]] = {}
        self.busy_names: set[str] = set()
        self.element = ui.html(_bar_html(self.names), sanitize=False) \
            .classes("nicegui-row row nf-buttons w-full gap-2 no-wrap")
        self.element.on("click", self._pressed, js_handler=PRESSED)

    def on(self, name: str, handler: Callable[[], Any]) -> None:
        self.handlers[name] = handler

    def show_cancel(self, shown: bool) -> None:
        self._state("nf-can-cancel", shown)

    def busy(self, name: str, busy: bool) -> None:
        (self.busy_names.add if busy else self.busy_names.discard)(name)
        self._state(f"nf-busy-{name}", busy)

    def _state(self, css_class: str, on: bool) -> None:
        present = css_class in self.element.classes
        if on != present:
            self.element.classes(add=css_class) if on else self.element.classes(remove=css_class)

    def _pressed(self, event: Any) -> Any:
        name = event.args.get("action") if isinstance(event.args, dict) else None
        if name not in self.names or name in self.busy_names or (name == "cancel" and "nf-can-cancel"
                                                                not in self.element.classes):
            return None  # not a button of this bar, or one that is hidden or busy now
        handler = self.handlers.get(name)
        return handler() if handler is not None else None


@functools.lru_cache(maxsize=64)
def _bar_html(names: tuple[str, ...]) -> str:
    return "".join(button(KINDS[name][0], KINDS[name][1], KINDS[name][2], f' data-action="{name}"')
                   for name in names)
