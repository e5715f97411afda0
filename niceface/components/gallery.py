"""Gallery: pictures fn returns, in a grid; a click shows one large, with its caption."""
from __future__ import annotations

import re
from dataclasses import KW_ONLY
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from typing_extensions import override

from ..exceptions import ConfigurationError, one_of
from . import _codecs
from ._roles import OUTPUT_ONLY
from .base import Component, Role, Shown, View, apply_element_options, caption, component, type_name

if TYPE_CHECKING:
    from .limits import Limits

#: Gradio's six screen widths: columns= and rows= may give one number per width (in pixels, from)
BREAKPOINTS = (0, 576, 768, 992, 1200, 1400)
OBJECT_FITS = ("contain", "cover", "fill", "none", "scale-down")
_CSS_LENGTH = re.compile(r"^\d+(\.\d+)?(px|em|rem|vh|%)$")


@component
class Gallery(Component):
    """Pictures fn returns: a list of numpy arrays, PIL images, file paths or data URLs, or of
    ``(picture, caption)`` pairs. The payload is a list of ``[data URL, caption or None]``.

    ``columns`` (one number, or one per screen width as in Gradio: <576, <768, <992, <1200,
    <1400 and wider pixels; the last repeats); ``rows`` (as many rows shown, the rest
    scroll; same form); ``height`` (pixels, or "auto"); ``object_fit`` of the thumbnails
    ("contain" by default: nothing cropped); ``allow_preview`` (a click shows the picture
    large); ``preview`` (show ``selected_index``, default the first, large as soon as a value
    arrives); ``show_download_button`` (in the large view)."""

    value: Any = None
    _: KW_ONLY
    columns: int | tuple[int, ...] | list[int] | None = 2
    rows: int | tuple[int, ...] | list[int] | None = None
    height: int | float | str | None = None
    allow_preview: bool = True
    preview: bool | None = None
    selected_index: int | None = None
    object_fit: str | None = None
    show_download_button: bool = True

    kind = "gallery"
    expects = "a list of pictures (numpy arrays, PIL images, file paths) or of (picture, caption) pairs"
    roles: ClassVar[tuple[str, ...]] = OUTPUT_ONLY

    def __post_init__(self) -> None:
        if self.object_fit is not None:
            one_of(f"{self.describe()}: object_fit", self.object_fit, OBJECT_FITS)
        self.columns_per_width()
        self.rows_per_width()
        self.height_css()

    # ---- values -------------------------------------------------------------------------
    @override
    def postprocess(self, value: Any) -> list[list[Any]] | None:
        if value is None:
            return None
        if not isinstance(value, (list, tuple)):
            raise self.reject(f"expected a list of pictures, got {type_name(value)}")
        return [self._item(item, number) for number, item in enumerate(value)]

    def _item(self, item: Any, number: int) -> list[Any]:
        picture, text = item if isinstance(item, (list, tuple)) and len(item) == 2 else (item, None)
        return [self._picture(picture, number), None if text is None else str(text)]

    def _picture(self, picture: Any, number: int) -> _codecs.Media:
        if isinstance(picture, (str, Path)) and not _codecs.is_data_url(picture):
            text = str(picture)
            if text.startswith(("http://", "https://")):
                raise self.reject(f"picture {number} is a URL; return the picture itself or a file it was saved to")
            if not Path(text).is_file():
                raise self.reject(f"picture {number}: no such file: {text[:80]!r}")
            url = _codecs.file_to_data_url(text)
        elif _codecs.is_media(picture):
            url = picture
        else:
            url = _codecs.media_out(_codecs.encode_png(_codecs.to_pil(picture)), "image/png")
        if _codecs.data_url_mime(url) != "image/svg+xml" and _codecs.image_size(url) is None:
            raise self.reject(f"picture {number} is not a picture that can be shown")
        return url

    @override
    def initial_payload(self) -> Any:
        return self.postprocess(self.value() if callable(self.value) else self.value)

    # ---- layout options -----------------------------------------------------------------
    def columns_per_width(self) -> list[int]:
        return _per_width(self, "columns", self.columns, 2)

    def rows_per_width(self) -> list[int] | None:
        return None if self.rows is None else _per_width(self, "rows", self.rows, 1)

    def height_css(self) -> str | None:
        """The grid's height limit as a CSS length, None for none ("auto")."""
        if self.height is None or self.height == "auto":
            return None
        if isinstance(self.height, (int, float)) and not isinstance(self.height, bool) and self.height > 0:
            return f"{float(self.height):g}px"
        if isinstance(self.height, str) and _CSS_LENGTH.match(self.height):
            return self.height
        raise ConfigurationError(f"{self.describe()}: height must be a number of pixels or 'auto', got {self.height!r}")

    def grid_style(self) -> str:
        """The grid's inline CSS variables (numbers checked above) and height."""
        parts = [f"--nf-gc{i}: {n}" for i, n in enumerate(self.columns_per_width())]
        rows = self.rows_per_width()
        parts += [f"--nf-gr{i}: {n}" for i, n in enumerate(rows or [])]
        height = self.height_css()
        if height:
            parts.append(f"max-height: {height}; overflow-y: auto")
        return "; ".join(parts)

    # ---- rendering ----------------------------------------------------------------------
    @override
    def render(self, role: Role, limits: Limits) -> View:
        from nicegui import ui

        from ._css import add_once
        from ._gallery_view import CSS, GalleryView
        add_once(CSS)
        with ui.column().classes("w-full gap-1 nf-gallery-box") as box:
            caption(self)
            view = GalleryView(self)
        first = self.initial_payload()
        view.show(first)
        apply_element_options(self, box)
        return Shown(view.show, first).view(box)


def _per_width(component: Component, name: str, value: Any, default: int) -> list[int]:
    """One count per screen width in BREAKPOINTS (the last given repeats)."""
    numbers = [default] if value is None else list(value) if isinstance(value, (list, tuple)) else [value]
    if not numbers or not all(isinstance(n, int) and not isinstance(n, bool) and 1 <= n <= 24 for n in numbers):
        raise ConfigurationError(f"{component.describe()}: {name} must be a whole number from 1 to 24, or one per "
                                 f"screen width (up to {len(BREAKPOINTS)}), got {value!r}")
    return (numbers + numbers[-1:] * len(BREAKPOINTS))[: len(BREAKPOINTS)]
