"""[UI] The examples under the panels: one card per row, pictures as thumbnails, values as a
person reads them; a click fills the inputs. The cards wrap, so they never overflow a phone."""
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


def render(definition: Definition, fill: Callable[[int], Any]) -> None:
    """The examples of ``definition``, ``examples_per_page`` at a time (with buttons to page
    through more); clicking row ``n`` calls ``fill(n)``."""
    cards = previews(definition)
    per_page = definition.examples_per_page
    pages = (len(cards) + per_page - 1) // per_page

    @ui.refreshable
    def grid(page: int = 0) -> None:
        with ui.element("div").classes("nf-examples-grid"):
            for number in range(page * per_page, min(len(cards), (page + 1) * per_page)):
                card = ui.element("button").classes("nf-example").props('type="button"')
                card.props["aria-label"] = f"Example {number + 1}"
                card.on("click", functools.partial(fill, number))
                with card:
                    ui.html(cards[number], sanitize=False)
        if pages > 1:
            with ui.row().classes("nf-example-pages items-center gap-1"):
                for shown in range(pages):
                    button = ui.button(str(shown + 1), on_click=functools.partial(grid.refresh, shown))
                    button.props(f'flat dense no-caps aria-label="Examples page {shown + 1}"'
                                 + (' color=primary aria-current="page"' if shown == page else ""))

    with ui.column().classes("nf-examples w-full gap-2"):
        ui.label("Examples").classes("text-lg font-semibold")
        grid()


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
