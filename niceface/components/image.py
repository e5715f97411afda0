"""Image: an upload, a webcam snapshot or a sketch in; a picture out."""
from __future__ import annotations

from dataclasses import KW_ONLY, dataclass
from typing import TYPE_CHECKING, Any

from typing_extensions import override

from ..exceptions import InputError, one_of
from . import _codecs
from .base import Component, Role, Shown, View, apply_element_options

if TYPE_CHECKING:
    from .limits import Limits


@dataclass(eq=False)
class Image(Component):
    value: Any = None
    _: KW_ONLY
    shape: tuple[int, int] | None = None  # (width, height): centre-crop and resize to it
    image_mode: str = "RGB"
    source: str = "upload"  # "upload", "webcam" or "canvas"
    type: str = "numpy"  # "numpy", "pil" or "filepath"
    invert_colors: bool = False

    kind = "image"
    expects = "a numpy array, a PIL image or a file path"
    takes_upload = True
    accept_types = ("image/",)

    def __post_init__(self) -> None:
        one_of(f"{self.describe()}: source", self.source, ("upload", "webcam", "canvas"))
        one_of(f"{self.describe()}: type", self.type, ("numpy", "pil", "filepath"))

    @override
    def check_content(self, payload: str, limits: Limits) -> None:
        try:
            _codecs.image_pixels_ok(_codecs.data_url_head(payload), lambda: _codecs.from_data_url(payload)[0],
                                    limits.max_image_pixels)
        except InputError as error:
            raise type(error)(f"{self.describe()}: {error}") from None

    def to_pil(self, payload: Any) -> Any:
        """The picture as a PIL image in image_mode, cropped to shape; InputError if unreadable."""
        try:
            image = _codecs.to_pil(payload)
        except TypeError:
            raise self.reject(f"expected an image, got {type(payload).__name__}") from None
        except Exception as error:  # noqa: BLE001 - whatever the decoder says is the input's fault
            raise self.reject(str(error)) from None
        image = image.convert(self.image_mode) if self.image_mode else image
        if self.shape:
            image = _codecs.crop_resize(image, *self.shape)
        if self.invert_colors:
            from PIL import ImageOps
            image = ImageOps.invert(image.convert("RGB"))
        return image

    @override
    def preprocess(self, payload: Any) -> Any:
        if payload is None:
            return None
        image = self.to_pil(payload)
        if self.type == "pil":
            return image
        if self.type == "filepath":
            from ..storage.tempfiles import save_temp
            return str(save_temp(_codecs.encode_png(image), "image/png"))
        import numpy as np
        return np.array(image)

    @override
    def postprocess(self, value: Any) -> str | None:
        if value is None:
            return None
        if _codecs.is_data_url(value):
            return str(value)
        return _codecs.to_data_url(_codecs.encode_png(_codecs.to_pil(value)), "image/png")

    def shown_region(self, width: int, height: int) -> tuple[float, float, float, float]:
        """Where in a ``width`` × ``height`` picture fn's picture comes from (``shape`` crops
        the centre): (left, top, width, height) as fractions of the picture."""
        if not self.shape:
            return 0.0, 0.0, 1.0, 1.0
        target = self.shape[0] / self.shape[1]
        if width / height > target:
            kept = height * target / width
            return (1 - kept) / 2, 0.0, kept, 1.0
        kept = width / target / height
        return 0.0, (1 - kept) / 2, 1.0, kept

    @override
    def render(self, role: Role, limits: Limits) -> View:
        from nicegui import ui
        first = self.postprocess(self.value) if self.value is not None else None
        with ui.column().classes("w-full gap-1") as box:
            if self.label:
                ui.label(self.label).classes("nf-field-label")
            if role == "input" and self.source == "canvas":
                shown, overlay = self._render_sketch(limits)
            elif role == "input" and self.source == "upload":
                shown, overlay = self._render_upload(limits, first)
            else:
                shown, overlay = self._render_picture(role, limits, first)
        apply_element_options(self, box)
        return shown.view(box, overlay=overlay)

    def _render_sketch(self, limits: Limits) -> tuple[Shown, Any]:
        """A sketch pad: the drawing itself is the picture (overlays go on it)."""
        from ._picture import Sketch
        from ._upload import checked
        from .capture import Capture
        capture = Capture(mode="canvas")
        sketch = Sketch(capture)
        shown = Shown(sketch.show)
        capture.on_capture(checked(self, limits, lambda payload: shown.set(sketch.from_canvas(payload))))
        return shown, capture

    def _render_upload(self, limits: Limits, first: str | None) -> tuple[Shown, Any]:
        """A drop zone showing the chosen picture inside it."""
        from ._picture import Picture
        from ._upload import render_upload
        zone = render_upload(self, limits, "image/*", what="an image", pastes=True)
        with zone:
            picture = Picture(first)

        def show(payload: Any) -> None:
            picture.show(payload)
            zone.set_empty(payload is None)
        shown = Shown(show, first)
        zone.set_empty(first is None)
        zone.deliver_to(shown.set)
        return shown, picture.frame

    def _render_picture(self, role: Role, limits: Limits, first: str | None) -> tuple[Shown, Any]:
        """An output picture, or a webcam's snapshot."""
        from ._picture import Picture
        picture = Picture(first)
        shown = Shown(picture.show, first)
        if role == "input":
            from ._upload import checked
            from .capture import Capture
            Capture(mode="webcam").on_capture(checked(self, limits, shown.set))
        return shown, picture.frame
