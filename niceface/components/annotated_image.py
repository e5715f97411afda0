"""AnnotatedImage: a picture with labelled regions (boxes or masks) drawn over it, and a legend.

fn returns ``(picture, [(region, label), ...])``: the picture as a numpy array, a PIL image or
a file path; each region a box ``(x1, y1, x2, y2)`` in pixels or a mask (a numpy array of the
picture's height × width: booleans, 0–1 or 0–255). The payload, as Gradio 3's, is
``[picture, [[mask, label], ...]]``: each mask a PNG data URL of the picture's size, the
region in its label's colour (translucent), transparent elsewhere.
"""
from __future__ import annotations

import colorsys
from dataclasses import KW_ONLY
from typing import TYPE_CHECKING, Any, ClassVar

from typing_extensions import override

from . import _codecs
from ._roles import OUTPUT_ONLY
from .base import Component, Role, Shown, View, apply_element_options, caption, component, type_name

if TYPE_CHECKING:
    import numpy as np

    from .limits import Limits

OPACITY = 0.6  # a region's strongest colour (a mask's 1, a box's border)
BOX_FILL = 0.5  # a box's inside, as a fraction of that


@component
class AnnotatedImage(Component):
    """``show_legend``: the labels under the picture, each in its colour (pointing at one
    brings its regions forward); ``height`` / ``width``: the largest size shown, in pixels
    (never distorted); ``color_map``: label → colour ("#rrggbb"); other labels get evenly
    spaced hues."""

    value: Any = None
    _: KW_ONLY
    show_legend: bool = True
    height: int | None = None
    width: int | None = None
    color_map: dict[str, str] | None = None

    kind = "annotatedimage"
    expects = "a (picture, [(box or mask, label), ...]) pair"
    roles: ClassVar[tuple[str, ...]] = OUTPUT_ONLY

    @override
    def postprocess(self, value: Any) -> list[Any] | None:
        if value is None:
            return None
        if not isinstance(value, (tuple, list)) or len(value) != 2 or not isinstance(value[1], (tuple, list)):
            raise self.reject(f"expected (picture, [(box or mask, label), ...]), got {type_name(value)}")
        picture = _codecs.to_pil(value[0]).convert("RGB")
        width, height = picture.size
        regions = [self._region(item, number) for number, item in enumerate(value[1])]
        colours = self.colours([label for _, label in regions])
        masks = [[self._mask_png(_alpha(region, width, height, number, self), colours[label]), label]
                 for number, (region, label) in enumerate(regions)]
        return [_codecs.media_out(_codecs.encode_png(picture), "image/png"), masks]

    @override
    def initial_payload(self) -> Any:
        return self.postprocess(self.value() if callable(self.value) else self.value)

    def _region(self, item: Any, number: int) -> tuple[Any, str]:
        if not isinstance(item, (tuple, list)) or len(item) != 2:
            raise self.reject(f"annotation {number} must be a (box or mask, label) pair, got {type_name(item)}")
        return item[0], str(item[1])

    def colours(self, labels: list[str]) -> dict[str, str]:
        """Each label's colour as "#rrggbb": its color_map entry, else one of evenly spaced hues."""
        from PIL import ImageColor
        distinct = list(dict.fromkeys(labels))
        colours = {}
        for index, label in enumerate(distinct):
            given = (self.color_map or {}).get(label)
            try:
                rgb = ImageColor.getrgb(str(given))[:3] if given else \
                    tuple(round(255 * c) for c in colorsys.hls_to_rgb(index / max(1, len(distinct)), 0.5, 1.0))
            except ValueError:
                raise self.reject(f"color_map[{label!r}]: {given!r} is not a colour") from None
            colours[label] = "#" + "".join(f"{channel:02x}" for channel in rgb)
        return colours

    def _mask_png(self, alpha: np.ndarray, colour: str) -> _codecs.Media:
        import numpy as np
        from PIL import Image
        pixels = np.zeros((*alpha.shape, 4), dtype=np.uint8)
        pixels[..., :3] = [int(colour[i:i + 2], 16) for i in (1, 3, 5)]
        pixels[..., 3] = np.round(alpha * OPACITY * 255).astype(np.uint8)
        return _codecs.media_out(_codecs.encode_png(Image.fromarray(pixels, "RGBA")), "image/png")

    # ---- rendering ----------------------------------------------------------------------
    @override
    def render(self, role: Role, limits: Limits) -> View:
        from nicegui import ui

        from ._annotated_view import AnnotatedView
        with ui.column().classes("w-full gap-1") as box:
            caption(self)
            view = AnnotatedView(self)
        first = self.initial_payload()
        view.show(first)
        apply_element_options(self, box)
        return Shown(view.show, first).view(box)


def _alpha(region: Any, width: int, height: int, number: int, owner: AnnotatedImage) -> np.ndarray:
    """A region as opacity per pixel (0 to 1): a mask scaled to that range, or a box's inside
    at BOX_FILL and its border (about 1% of the picture) at 1."""
    import numpy as np
    if isinstance(region, (tuple, list)) and len(region) == 4:
        alpha = np.zeros((height, width))
        try:
            x1, y1, x2, y2 = (round(float(v)) for v in region)
        except (TypeError, ValueError):
            raise owner.reject(f"annotation {number}: a box is (x1, y1, x2, y2) in pixels, got {region!r}") from None
        x1, x2 = sorted((max(0, min(width, x1)), max(0, min(width, x2))))
        y1, y2 = sorted((max(0, min(height, y1)), max(0, min(height, y2))))
        border = max(2, round(min(width, height) / 100))
        alpha[y1:y2, x1:x2] = 1.0
        alpha[y1 + border:y2 - border, x1 + border:x2 - border] = BOX_FILL
        return alpha
    mask = np.asarray(region)
    if mask.ndim == 3 and mask.shape[2] in (1, 3, 4):
        mask = mask.max(axis=2)
    if mask.shape != (height, width):
        raise owner.reject(f"annotation {number}: the mask is {mask.shape[1::-1] if mask.ndim == 2 else mask.shape} "
                           f"(width, height) but the picture is {(width, height)}")
    mask = mask.astype(np.float64)
    top = float(mask.max()) if mask.size else 0.0
    return np.clip(mask / 255.0 if top > 1 else mask, 0.0, 1.0)
