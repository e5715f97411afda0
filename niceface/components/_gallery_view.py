"""[UI] A Gallery's widget: a grid of thumbnails (never cropped unless object_fit says so),
captions over their foot, and a dialog that shows one picture large, with its caption,
the previous and next ones, and a download link."""
from __future__ import annotations

import mimetypes
from functools import partial
from typing import Any, Protocol

from nicegui import ui

from . import _codecs
from ._picture import PIXELATED_BELOW


class Gallery(Protocol):
    """What the view reads of its Gallery (a Protocol: the view does not import the component)."""

    @property
    def rows(self) -> Any: ...
    @property
    def object_fit(self) -> str | None: ...
    @property
    def allow_preview(self) -> bool: ...
    @property
    def preview(self) -> bool | None: ...
    @property
    def selected_index(self) -> int | None: ...
    @property
    def show_download_button(self) -> bool: ...
    def grid_style(self) -> str: ...
    def height_css(self) -> str | None: ...

_WIDTHS = "".join(
    f"@media (min-width: {width}px) {{ :where(.nf-gallery-grid) {{ --nf-cols: var(--nf-gc{i}); "
    f"--nf-rows: var(--nf-gr{i}, 1); }} }}\n" for i, width in enumerate((576, 768, 992, 1200, 1400), start=1))
CSS = """
:where(.nf-gallery-box) { container-type: inline-size; }
:where(.nf-gallery-grid) {
  display: grid; gap: 8px; width: 100%; --nf-cols: var(--nf-gc0); --nf-rows: var(--nf-gr0, 1);
  grid-template-columns: repeat(var(--nf-cols), minmax(0, 1fr));
}
""" + _WIDTHS + """
:where(.nf-gallery-rows) {
  overflow-y: auto;
  max-height: calc(var(--nf-rows) * ((100cqw - (var(--nf-cols) - 1) * 8px) / var(--nf-cols) + var(--nf-cap, 0px))
                   + (var(--nf-rows) - 1) * 8px + 2px);
}
:where(.nf-gallery-captioned) { --nf-cap: 22px; }
:where(.nf-gallery-item) {
  display: flex; flex-direction: column; padding: 0; margin: 0; overflow: hidden; cursor: zoom-in; font: inherit;
  border: 1px solid var(--nf-border, #e3e6ea); border-radius: 8px; background: var(--nf-bg, #f5f6f8);
}
:where(.nf-gallery-item:focus-visible) { outline: 2px solid var(--nf-accent, #4f46e5); outline-offset: 1px; }
:where(.nf-gallery-still) { cursor: default; }
:where(.nf-gallery-item > img) { display: block; width: 100%; aspect-ratio: 1; object-fit: var(--nf-fit, contain); }
:where(.nf-gallery-caption) {
  height: var(--nf-cap, 22px); padding: 0 6px; font-size: 0.8rem; line-height: var(--nf-cap, 22px); text-align: left;
  white-space: nowrap; overflow: hidden; text-overflow: ellipsis; color: var(--nf-text, #1f2937);
  background: var(--nf-panel, #fff); border-top: 1px solid var(--nf-border, #e3e6ea);
}
:where(.nf-gallery-large) { display: block; max-width: 100%; }
:where(.nf-gallery-pixelated) { image-rendering: pixelated; }
:where(.nf-gallery-large-caption) { max-width: min(90vw, 1200px); text-align: center; white-space: pre-wrap; }
"""


def large_style(size: tuple[int, int] | None) -> str:
    """The large view's CSS: the picture's aspect ratio, as large as the window allows."""
    if size is None:
        return "max-height: 72vh"
    width, height = size
    return f"aspect-ratio: {width} / {height}; width: min(88vw, 1100px, calc(72vh * {width} / {height}))"


class GalleryView:
    """The grid of one Gallery on one page; ``show`` puts a payload in it."""

    def __init__(self, gallery: Gallery) -> None:
        self.gallery = gallery
        self.items: list[tuple[Any, str | None]] = []  # (a picture's payload, its caption)
        self.index = 0
        fit = f"; --nf-fit: {gallery.object_fit}" if gallery.object_fit else ""
        self.grid = ui.element("div").classes("nf-gallery-grid").style(gallery.grid_style() + fit)
        if gallery.rows is not None and gallery.height_css() is None:
            self.grid.classes("nf-gallery-rows")
        self.dialog = ui.dialog()
        with self.dialog, ui.card().classes("items-center gap-2 nf-gallery-preview").style("max-width: 95vw"):
            self.large = ui.element("img").classes("nf-gallery-large").props('alt=""')
            self.large_caption = ui.label("").classes("nf-gallery-large-caption")
            with ui.row().classes("items-center gap-2"):
                ui.button(icon="chevron_left", on_click=lambda: self.open(self.index - 1)) \
                    .props('flat round aria-label="Previous picture"')
                self.counter = ui.label("").classes("text-sm nf-gallery-counter")
                ui.button(icon="chevron_right", on_click=lambda: self.open(self.index + 1)) \
                    .props('flat round aria-label="Next picture"')
                self.download = ui.link("Download", "").classes("text-sm nf-gallery-download")
                self.download.set_visibility(gallery.show_download_button)
                ui.button(icon="close", on_click=self.dialog.close).props('flat round aria-label="Close"')

    def show(self, payload: Any) -> None:
        self.items = [(item[0], None if item[1] is None else str(item[1]))
                      for item in payload or [] if isinstance(item, (list, tuple)) and len(item) == 2
                      and _codecs.media_source(item[0])]
        self.grid.clear()
        captioned = any(text for _, text in self.items)
        _toggle(self.grid, "nf-gallery-captioned", captioned)
        with self.grid:
            for number, (source, text) in enumerate(self.items):
                self._thumbnail(number, source, text)
        if self.gallery.preview and self.items:
            self.open(self.gallery.selected_index or 0)
        else:
            self.dialog.close()

    def _thumbnail(self, number: int, picture: Any, text: str | None) -> None:
        cell = ui.element("button").classes("nf-gallery-item").props('type="button"')
        cell.props["aria-label"] = text or f"Picture {number + 1}"
        cell.props["title"] = text or ""
        with cell:
            image = ui.element("img").props('loading="lazy"')
            image.props["src"] = _codecs.media_source(picture)
            image.props["alt"] = text or ""
            if text:
                ui.label(text).classes("nf-gallery-caption")
        if self.gallery.allow_preview:
            cell.on("click", partial(self.open, number))
        else:
            cell.classes("nf-gallery-still")

    def open(self, number: int) -> None:
        """Show picture ``number`` (wrapping round) large."""
        if not self.items:
            return
        self.index = number % len(self.items)
        picture, text = self.items[self.index]
        source = _codecs.media_source(picture)
        self.large.props["src"] = source
        self.large.props["alt"] = text or ""
        size = _codecs.image_size(picture)
        self.large.style(replace=large_style(size))
        _toggle(self.large, "nf-gallery-pixelated", size is not None and min(size) < PIXELATED_BELOW)
        self.large.update()
        self.large_caption.set_text(text or "")
        self.large_caption.set_visibility(bool(text))
        self.counter.set_text(f"{self.index + 1} / {len(self.items)}")
        self.download.props["href"] = source
        suffix = mimetypes.guess_extension(_codecs.data_url_mime(picture)) or ".png"
        self.download.props["download"] = f"picture-{self.index + 1}{suffix}"
        self.download.update()
        self.dialog.open()


def _toggle(element: Any, name: str, on: bool) -> None:
    element.classes(add=name if on else "", remove="" if on else name)
