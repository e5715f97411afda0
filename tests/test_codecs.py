"""The pure conversions between wire values and Python values, by property: round trips hold
for any bytes, and garbage never raises anything but InputError."""
from __future__ import annotations

import base64
import contextlib
import io

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from niceface.components import _codecs
from niceface.exceptions import FileTooLargeError, InputError

MIMES = st.sampled_from(["image/png", "audio/wav", "application/octet-stream", "text/plain", "video/mp4"])
FAST = settings(max_examples=200, deadline=None)


@FAST
@given(data=st.binary(max_size=4096), mime=MIMES)
def test_a_data_url_gives_back_its_bytes_size_head_and_type(data: bytes, mime: str) -> None:
    url = _codecs.to_data_url(data, mime)
    assert _codecs.from_data_url(url) == (data, mime)
    assert _codecs.data_url_size(url) - len(data) in (0, 1, 2)  # padding: never under
    assert _codecs.data_url_head(url, 100) == data[:100]
    assert _codecs.data_url_mime(url) == mime and _codecs.media_source(url) == url


@FAST
@given(text=st.text(max_size=300))
def test_garbage_is_never_a_data_url_and_raises_only_input_error(text: str) -> None:
    with contextlib.suppress(InputError):
        _codecs.from_data_url(text)
    if not text.startswith("data:"):
        assert _codecs.media_source(text) == ""


@FAST
@given(body=st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZabcdef0123456789+/=!*", max_size=200))
def test_broken_base64_raises_input_error(body: str) -> None:
    url = "data:image/png;base64," + body
    for decode in (_codecs.from_data_url, _codecs.data_url_head):
        with contextlib.suppress(InputError):
            decode(url)


@FAST
@given(data=st.binary(max_size=2048))
def test_random_bytes_are_never_anything_but_a_bad_image_or_sound(data: bytes) -> None:
    for decode in (_codecs.decode_image, _codecs.decode_wav):
        with contextlib.suppress(InputError):
            decode(data)


@FAST
@given(width=st.integers(1, 40), height=st.integers(1, 40), mode=st.sampled_from(["RGB", "L", "RGBA"]))
def test_an_image_survives_png_and_its_pixels_are_checked_from_the_header(width: int, height: int, mode: str) -> None:
    picture = Image.new(mode, (width, height), "white")
    png = _codecs.encode_png(picture)
    assert _codecs.decode_image(png).size == (width, height)
    _codecs.image_pixels_ok(png[:64], lambda: png, max_pixels=width * height)
    if width * height > 1:
        with pytest.raises(FileTooLargeError, match="megapixels"):
            _codecs.image_pixels_ok(png[:64], lambda: png, max_pixels=width * height - 1)


@FAST
@given(samples=st.lists(st.integers(-32768, 32767), max_size=400), rate=st.sampled_from([8000, 16000, 44100]))
def test_a_sound_survives_wav(samples: list[int], rate: int) -> None:
    array = np.asarray(samples, dtype=np.int16)
    assert _codecs.decode_wav(_codecs.encode_wav(rate, array))[0] == rate
    assert np.array_equal(_codecs.decode_wav(_codecs.encode_wav(rate, array))[1], array)


def test_a_jpeg_with_a_big_header_is_still_measured() -> None:
    """When the size lies beyond the first bytes (a large EXIF block), the whole file is read."""
    out = io.BytesIO()
    Image.new("RGB", (30, 20)).save(out, format="JPEG", exif=b"Exif\x00\x00" + b"\x00" * 60_000)
    data = out.getvalue()
    _codecs.image_pixels_ok(data[:1000], lambda: data, max_pixels=600)
    with pytest.raises(FileTooLargeError):
        _codecs.image_pixels_ok(data[:1000], lambda: data, max_pixels=599)
    url = "data:image/jpeg;base64," + base64.b64encode(data).decode()
    assert _codecs.data_url_size(url) >= len(data)
