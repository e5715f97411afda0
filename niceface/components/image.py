"""Image: an upload, a webcam snapshot or a sketch in; a picture out."""
from __future__ import annotations

from dataclasses import KW_ONLY
from typing import TYPE_CHECKING, Any, ClassVar

from typing_extensions import override

from ..exceptions import ConfigurationError, InputError, one_of
from . import _codecs
from .base import Component, Role, Shown, View, apply_element_options, caption, component

if TYPE_CHECKING:
    from .limits import Limits


@component
class Image(Component):
    """A picture in or out. In: ``source`` "upload" (drop, click or paste), "webcam" (a
    snapshot; ``mirror_webcam``; ``streaming`` sends frames to a live Interface) or "canvas"
    (a sketch pad: ``brush_radius``, ``brush_color``; ``tool="color-sketch"`` adds a colour
    choice). fn gets ``type`` "numpy", "pil" or "filepath", in ``image_mode``, centre-cropped to
    ``shape`` (width, height), inverted with ``invert_colors``. Shown at most ``height`` ×
    ``width`` pixels; an output has a download button (``show_download_button``)."""

    value: Any = None
    _: KW_ONLY
    shape: tuple[int, int] | None = None  # (width, height): centre-crop and resize to it
    height: int | None = None
    width: int | None = None
    image_mode: str = "RGB"
    invert_colors: bool = False
    source: str = "upload"  # "upload", "webcam" or "canvas"
    tool: str | None = None
    type: str = "numpy"  # "numpy", "pil" or "filepath"
    show_download_button: bool = True
    streaming: bool = False
    mirror_webcam: bool = True
    brush_radius: float | None = None
    brush_color: str = "#000000"

    kind = "image"
    expects = "a numpy array, a PIL image or a file path"
    takes_upload = True
    accept_types = ("image/",)
    gradio_only: ClassVar[dict[str, str]] = {"mask_opacity": "masks are drawn at one opacity"}

    def __post_init__(self) -> None:
        one_of(f"{self.describe()}: source", self.source, ("upload", "webcam", "canvas"))
        one_of(f"{self.describe()}: type", self.type, ("numpy", "pil", "filepath"))
        one_of(f"{self.describe()}: tool", self.tool, (None, "editor", "select", "sketch", "color-sketch"))
        if self.streaming and self.source != "webcam":
            raise ConfigurationError(f"{self.describe()}: streaming=True needs source='webcam'")

    @property
    def masks(self) -> bool:
        """An upload drawn on with the mask tool: its payload is {"image", "mask"}."""
        return self.tool == "sketch" and self.source == "upload"

    @override
    def check(self, payload: Any, limits: Limits) -> None:
        if isinstance(payload, dict) and self.masks:
            if set(payload) - {"image", "mask"}:
                raise self.reject("expected {'image': data URL, 'mask': data URL}")
            for part in ("image", "mask"):
                super().check(payload.get(part), limits)
            return
        super().check(payload, limits)

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
        if self.masks:
            return self._with_mask(payload)
        return self._as_type(self.to_pil(payload))

    def _with_mask(self, payload: Any) -> dict[str, Any]:
        """{"image", "mask"} for fn: the mask white where drawn, black elsewhere, as big as the picture."""
        if not isinstance(payload, dict):
            payload = {"image": payload, "mask": None}
        image = self.to_pil(payload.get("image"))
        if payload.get("mask") is None:
            from PIL import Image as PILImage
            mask = PILImage.new(image.mode, image.size, 0)
        else:
            mask = self.to_pil(payload["mask"]).resize(image.size)
            if self.invert_colors:
                from PIL import ImageOps
                mask = ImageOps.invert(mask.convert("RGB")).convert(image.mode)
        return {"image": self._as_type(image), "mask": self._as_type(mask)}

    def _as_type(self, image: Any) -> Any:
        if self.type == "pil":
            return image
        if self.type == "filepath":
            from ..storage.tempfiles import save_temp
            return str(save_temp(_codecs.encode_png(image), "image/png"))
        import numpy as np
        return np.array(image)

    @override
    def postprocess(self, value: Any) -> Any:
        if value is None:
            return None
        if isinstance(value, dict) and "image" in value:  # a mask drawing (an example, a flag)
            return {"image": self.postprocess(value["image"]), "mask": self.postprocess(value.get("mask"))} \
                if self.masks else self.postprocess(value["image"])
        if _codecs.is_media(value):
            return value
        return _codecs.media_out(_codecs.encode_png(_codecs.to_pil(value)), "image/png")

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
            caption(self)
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
        capture = Capture(mode="canvas", brushRadius=self.brush_radius or 6, brushColor=self.brush_color,
                          colors=self.tool == "color-sketch")
        sketch = Sketch(capture)
        shown = Shown(sketch.show)
        capture.on_capture(checked(self, limits, lambda payload: shown.set(sketch.from_canvas(payload))))
        return shown, capture

    def _render_upload(self, limits: Limits, first: Any) -> tuple[Shown, Any]:
        """A drop zone showing the chosen picture inside it (or, to draw on, under it)."""
        from ._picture import Picture
        from ._upload import render_upload
        if self.tool in ("sketch", "color-sketch"):
            from ._drawing import render_drawing
            return render_drawing(self, limits, first, masks=self.tool == "sketch", brush_radius=self.brush_radius,
                                  brush_color=self.brush_color)
        zone = render_upload(self, limits, "image/*", what="an image", pastes=True)
        with zone:
            picture = Picture(first, height=self.height, width=self.width)

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
        picture = Picture(first, height=self.height, width=self.width,
                          download=role == "output" and self.show_download_button)
        shown = Shown(picture.show, first)
        if role == "input":
            from ._upload import checked
            from .capture import Capture
            capture = Capture(mode="webcam", mirror=self.mirror_webcam, streamEvery=500 if self.streaming else 0)
            capture.on_capture(checked(self, limits, shown.set))
            if self.streaming:  # the camera's own picture is what the person sees
                capture.on_frame(checked(self, limits, shown.set))
                picture.frame.classes("nf-streamed")
        return shown, picture.frame
