"""[UI] What comes under the panels: the examples (one card per row, pictures as thumbnails, values as a
person reads them; a click fills the inputs; the cards wrap, so they never overflow a phone), the
article and the footer."""
from __future__ import annotations

import functools
import html
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from nicegui import ui

from ...components import _codecs
from ...components.image import Image

if TYPE_CHECKING:
    from ..core.definition import Definition

THUMBNAIL = 112  # pixels: the longer side of an example's picture preview


def tail(definition: Definition, fill: Callable[[int], Any], footer: str = "") -> None:
    """What comes under the panels, one element: the examples of ``definition``,
    ``examples_per_page`` at a time (with buttons to page through more), its article, then
    ``footer`` (HTML). Clicking example ``n`` calls ``fill(n)``: one click listener tells the
    cards and the page buttons apart (not an element and a listener per card)."""
    pages = page_count(definition)
    if not (pages or definition.article or footer):
        return
    section = ui.html(tail_html(definition, 0, footer), sanitize=False).classes("nf-tail")
    if not pages:
        return

    def clicked(event: Any) -> Any:
        found = event.args if isinstance(event.args, dict) else {}
        kind, number = found.get("kind"), found.get("number")
        if not isinstance(number, int):
            return None
        if kind == "page" and 0 <= number < pages:
            section.set_content(tail_html(definition, number, footer))
        return fill(number) if kind == "example" else None
    section.on("click", clicked, js_handler=CLICKED)


@functools.lru_cache(maxsize=256)
def tail_html(definition: Definition, page: int, footer: str) -> str:
    """The tail's HTML with page ``page`` of the examples shown (made once, shared by the pages)."""
    from .layout import markdown
    examples = (f'<div class="nf-examples nicegui-column w-full gap-2">{section_html(definition, page)}</div>'
                if definition.examples else "")
    article = f'<div class="nf-article nicegui-markdown">{markdown(definition.article)}</div>' \
        if definition.article else ""
    return examples + article + footer


#: in the browser: a click on a card or a page button says which (other clicks send nothing)
CLICKED = ("(e) => { const t = e.target.closest('[data-example],[data-page]'); if (t) emit("
           "t.dataset.example !== undefined ? {kind: 'example', number: +t.dataset.example} "
           ": {kind: 'page', number: +t.dataset.page}); }")


def page_count(definition: Definition) -> int:
    return (len(definition.examples) + definition.examples_per_page - 1) // definition.examples_per_page


def section_html(definition: Definition, page: int) -> str:
    """The examples' HTML with page ``page`` of the cards shown."""
    cards, per_page, pages = previews(definition), definition.examples_per_page, page_count(definition)
    shown = range(page * per_page, min(len(cards), (page + 1) * per_page))
    grid = "".join(f'<button type="button" class="nf-example" data-example="{number}" '
                   f'aria-label="Example {number + 1}"><div>{cards[number]}</div></button>' for number in shown)
    buttons = "".join(_page_button(number, number == page) for number in range(pages)) if pages > 1 else ""
    more = f'<div class="nf-example-pages">{buttons}</div>' if buttons else ""
    return (f'<div class="text-lg font-semibold">Examples{_columns(definition)}</div>'
            f'<div class="nf-examples-grid">{grid}</div>{more}')


def _columns(definition: Definition) -> str:
    """With several inputs, which value of a card goes where: their labels, in order."""
    if len(definition.wire_inputs) < 2:
        return ""
    labels = " · ".join(html.escape(component.label or component.kind) for component in definition.wire_inputs)
    return f' <span class="nf-example-columns">({labels})</span>'


def _page_button(number: int, current: bool) -> str:
    state = ' aria-current="page"' if current else ""
    return (f'<button type="button" class="nf-example-page" data-page="{number}" '
            f'aria-label="Examples page {number + 1}"{state}>{number + 1}</button>')


@functools.cache
def previews(definition: Definition) -> list[str]:
    """Each example row as HTML (made once per app: pictures are read and shrunk only once)."""
    return ["".join(_cell(component, value) for component, value in zip(definition.wire_inputs, row, strict=True))
            for row in definition.examples]


def _cell(component: Any, value: Any) -> str:
    if isinstance(component, Image) and value is not None:
        thumbnail = _thumbnail(value)
        if thumbnail is not None:
            return thumbnail
    return f'<span class="nf-example-cell">{html.escape(caption(value))}</span>'


def _thumbnail(value: Any) -> str | None:
    """A small preview of an example picture (a path, a data URL, an array), or None."""
    try:
        picture = _codecs.to_pil(value)
    except Exception:  # noqa: BLE001 - a picture that cannot be read is shown as its name
        return None
    small = min(picture.size) < 64
    picture.thumbnail((THUMBNAIL, THUMBNAIL))
    source = _codecs.to_data_url(_codecs.encode_png(picture.convert("RGBA")), "image/png")
    return f'<img class="nf-example-thumb{" nf-pixelated" if small else ""}" src="{source}" alt="">'


def caption(value: Any) -> str:
    """An example value as a person reads it: a file by its name, lists joined, booleans in words."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if value is None:
        return "—"
    if isinstance(value, (str, Path)) and Path(str(value)).suffix and ("/" in str(value) or "\\" in str(value)):
        return Path(str(value)).name
    if isinstance(value, (list, tuple)) and value and all(isinstance(row, (list, tuple)) for row in value):
        return f"a table of {len(value)} row{'s' if len(value) != 1 else ''}"
    if isinstance(value, Sequence) and not isinstance(value, str):
        return ", ".join(caption(item) for item in value) or "—"
    text = str(value)
    return text if len(text) <= 80 else text[:77] + "…"
