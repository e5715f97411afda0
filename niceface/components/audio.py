"""Audio: an uploaded or recorded sound in; a playable sound out."""
from __future__ import annotations

import logging
from dataclasses import KW_ONLY
from typing import TYPE_CHECKING, Any, ClassVar

from typing_extensions import override

from ..exceptions import ConfigurationError, one_of
from ..storage.media import MediaFile
from . import _codecs
from .base import Component, Role, Shown, View, apply_element_options, caption, component

if TYPE_CHECKING:
    from .limits import Limits

log = logging.getLogger("niceface")


@component
class Audio(Component):
    """A sound in or out. In: ``source`` "upload" (WAV, MP3, OGG, FLAC…) or "microphone"
    (``streaming`` sends a chunk every second to a live Interface); fn gets ``type`` "numpy"
    (sample_rate, int16 samples) or "filepath" (a WAV file). Out: a player (``autoplay``;
    ``show_download_button``); fn's (rate, samples) are sent as WAV (``format`` "wav")."""

    value: Any = None
    _: KW_ONLY
    source: str | None = None  # "upload" (None) or "microphone"
    type: str = "numpy"  # "numpy": (sample_rate, samples); "filepath": path to a WAV file
    streaming: bool = False
    format: str = "wav"
    autoplay: bool = False
    show_download_button: bool = True

    kind = "audio"
    expects = "a (sample rate, numpy array) pair or a file path"
    takes_upload = True
    accept_types = ("audio/",)
    gradio_only: ClassVar[dict[str, str]] = {"show_edit_button": "sounds are not trimmed in the page"}

    def __post_init__(self) -> None:
        self.source = self.source or "upload"
        one_of(f"{self.describe()}: source", self.source, ("upload", "microphone"))
        one_of(f"{self.describe()}: type", self.type, ("numpy", "filepath"))
        one_of(f"{self.describe()}: format", self.format, ("wav", "mp3"))
        if self.format == "mp3":
            log.warning("%s: format='mp3': sounds fn returns are sent as WAV", self.describe())
        if self.streaming and self.source != "microphone":
            raise ConfigurationError(f"{self.describe()}: streaming=True needs source='microphone'")

    def to_samples(self, payload: Any) -> tuple[int, Any]:
        """(sample_rate, samples) of a payload: a (rate, array) pair, WAV data URL, bytes or path."""
        if isinstance(payload, (tuple, list)) and len(payload) == 2:
            import numpy as np
            return int(payload[0]), np.asarray(payload[1])
        if not isinstance(payload, (str, bytes, MediaFile)):
            raise self.reject(f"expected a WAV file or (sample_rate, samples), got {type(payload).__name__}")
        try:
            return _codecs.decode_wav(_codecs.read_bytes(payload))
        except Exception as error:  # noqa: BLE001 - whatever the decoder says is the input's fault
            raise self.reject(str(error)) from None

    @override
    def preprocess(self, payload: Any) -> Any:
        if payload is None:
            return None
        rate, samples = self.to_samples(payload)
        if self.type == "numpy":
            return rate, samples
        from ..storage.tempfiles import save_temp
        return str(save_temp(_codecs.encode_wav(rate, samples), "audio/wav"))

    @override
    def postprocess(self, value: Any) -> _codecs.Media | None:
        if value is None:
            return None
        if isinstance(value, (tuple, list)):
            return _codecs.media_out(_codecs.encode_wav(int(value[0]), value[1]), "audio/wav")
        if _codecs.is_media(value):
            return value  # type: ignore[no-any-return]
        return _codecs.file_to_data_url(value)

    @override
    def render(self, role: Role, limits: Limits) -> View:
        from nicegui import ui
        with ui.column().classes("w-full gap-1") as box:
            caption(self)
            zone = None
            if role == "input" and self.source == "upload":
                from ._upload import render_upload
                zone = render_upload(self, limits, "audio/*", what="a sound file")
            with zone if zone is not None else box:
                player = ui.audio("", autoplay=self.autoplay and role == "output").classes("w-full nf-audio-player")
                if not self.show_download_button:
                    player.props('controlslist="nodownload"')
                player.set_visibility(False)

            def show(payload: Any) -> None:
                player.set_source(_codecs.media_source(payload))
                player.set_visibility(payload is not None)
                if zone is not None:
                    zone.set_empty(payload is None)
            shown = Shown(show)
            if zone is not None:
                zone.deliver_to(shown.set)
            if role == "input" and self.source == "microphone":
                from ._upload import checked
                from .capture import Capture
                capture = Capture(mode="microphone", streamEvery=1000 if self.streaming else 0)
                capture.on_capture(checked(self, limits, shown.set))
                if self.streaming:
                    capture.on_frame(checked(self, limits, shown.set))
        apply_element_options(self, box)
        return shown.view(box)
