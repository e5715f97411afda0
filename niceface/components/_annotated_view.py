"""[UI] An AnnotatedImage's widget: the picture in a frame of its own aspect ratio (so the
masks laid over it cover exactly it, at every width), and a legend whose entries, pointed
at or focused, bring their label's regions forward and fade the others."""
from __future__ import annotations

from functools import partial
from typing import Any, Protocol

from nicegui import ui

from . import _codecs


class AnnotatedImage(Protocol):
    """What the view reads of its AnnotatedImage (a Protocol: the view does not import it)."""

    @property
    def show_legend(self) -> bool: ...
    @property
    def width(self) -> int | None: ...
    @property
    def height(self) -> int | None: ...
    def colours(self, labels: list[str]) -> dict[str, str]: ...

DEFAULT_HEIGHT = 480  # pixels: the picture's height when neither height= nor width= is given
CSS = """
:where(.nf-annotated-frame) {
  position: relative; line-height: 0; max-width: 100%; border-radius: 6px; overflow: hidden;
}
:where(.nf-annotated-frame > img) { display: block; width: 100%; height: 100%; }
:where(.nf-annotated-frame > img.nf-annotated-mask) { position: absolute; inset: 0; pointer-events: none;
  transition: opacity 0.15s; }
:where(.nf-annotated-focus > img.nf-annotated-mask) { opacity: 0.12; }
:where(.nf-annotated-focus > img.nf-annotated-mask.nf-annotated-on) { opacity: 1; }
:where(.nf-annotated-legend) { display: flex; flex-wrap: wrap; gap: 6px; }
:where(.nf-annotated-chip) {
  display: inline-flex; align-items: center; gap: 6px; padding: 2px 10px; border-radius: 999px; font: inherit;
  font-size: 0.85rem; border: 1px solid var(--nf-border, #e3e6ea); background: var(--nf-panel, #fff);
  color: var(--nf-text, #1f2937); cursor: default;
}
:where(.nf-annotated-chip:focus-visible) { outline: 2px solid var(--nf-accent, #4f46e5); }
:where(.nf-annotated-swatch) { display: inline-block; width: 0.9em; height: 0.9em; border-radius: 3px; }
"""


def frame_css(size: tuple[int, int], width: int | None, height: int | None) -> str:
    """The frame's CSS: the picture's aspect ratio, as wide as the column allows, at most
    ``width`` wide and ``height`` tall (without either: DEFAULT_HEIGHT tall)."""
    natural_width, natural_height = size
    limits = [] if width is None else [f"{int(width)}px"]
    if height is not None or width is None:
        limits.append(f"{int(height or DEFAULT_HEIGHT) * natural_width / natural_height:.1f}px")
    return f"aspect-ratio: {natural_width} / {natural_height}; width: min(100%, {', '.join(limits)})"


class AnnotatedView:
    """The picture, its masks and the legend of one AnnotatedImage on one page."""

    def __init__(self, owner: AnnotatedImage) -> None:
        from ._css import add_once
        add_once(CSS)
        self.owner = owner
        self.frame = ui.element("div").classes("nf-annotated-frame")
        self.legend = ui.element("div").classes("nf-annotated-legend")
        self.masks: list[tuple[Any, str]] = []

    def show(self, payload: Any) -> None:
        self.frame.clear()
        self.legend.clear()
        self.masks = []
        base, regions = payload if isinstance(payload, (list, tuple)) and len(payload) == 2 else (None, [])
        source = _codecs.media_source(base)
        size = _codecs.image_size(base) if base is not None and source else None
        self.frame.set_visibility(size is not None)
        self.legend.set_visibility(size is not None and self.owner.show_legend and bool(regions))
        if size is None:
            return
        self.frame.style(replace=frame_css(size, self.owner.width, self.owner.height))
        labels = [str(region[1]) for region in regions]
        with self.frame:
            picture = ui.element("img").props('alt=""')
            picture.props["src"] = source
            for (mask, _), label in zip(regions, labels, strict=True):
                layer = ui.element("img").classes("nf-annotated-mask").props('alt=""')
                layer.props["src"] = _codecs.media_source(mask)
                self.masks.append((layer, label))
        with self.legend:
            for label, colour in self.owner.colours(labels).items():
                self._entry(label, colour)

    def _entry(self, label: str, colour: str) -> None:
        chip = ui.element("button").classes("nf-annotated-chip").props('type="button"')
        with chip:
            ui.element("span").classes("nf-annotated-swatch").style(f"background: {colour}")  # "#rrggbb" only
            ui.label(label)
        for event, focused in (("mouseenter", label), ("focus", label), ("mouseleave", None), ("blur", None)):
            chip.on(event, partial(self.focus, focused))

    def focus(self, label: str | None) -> None:
        """Bring ``label``'s regions forward and fade the others (None: show all alike)."""
        self.frame.classes(add="nf-annotated-focus" if label is not None else "",
                           remove="" if label is not None else "nf-annotated-focus")
        for layer, own in self.masks:
            if label is not None and own == label:
                layer.classes(add="nf-annotated-on")
            else:
                layer.classes(remove="nf-annotated-on")
