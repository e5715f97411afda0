"""Pure conversions between wire values (data URLs) and Python values.

Nothing here touches the network or the UI; heavy libraries (numpy, PIL) load on first use.
"""
from __future__ import annotations

import base64
import binascii
import io
import mimetypes
import re
import wave
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..exceptions import FileTooLargeError, InputError
from ..storage.media import MediaFile, output_sink

if TYPE_CHECKING:
    import numpy as np
    from PIL import Image as PILImage

#: a media value as it travels: a data URL, or a file of a page session
Media = str | MediaFile
_DATA_URL = re.compile(r"^data:(?P<mime>[\w.+-]+/[\w.+-]+)?(?:;[^,;]*)*?(?P<b64>;base64)?,", re.I)
#: the header bytes enough to read an image's size (PNG, GIF, BMP, WebP: a few dozen; JPEG: its markers)
_HEADER_BYTES = 256 * 1024


def is_data_url(value: object) -> bool:
    return isinstance(value, str) and value.startswith("data:")


def is_media(value: object) -> bool:
    """A media value as it travels: a data URL, or a file of a page session (``MediaFile``)."""
    return isinstance(value, MediaFile) or is_data_url(value)


def media_source(value: object) -> str:
    """What a media element (``set_source``, a link's href) may be given for ``value``: a data
    URL as it is, a page session's file as its URL, anything else as "". A path or URL there
    would make NiceGUI publish a server file, or the page fetch an address someone else chose."""
    if isinstance(value, MediaFile):
        return value.url
    return value if isinstance(value, str) and _DATA_URL.match(value) else ""


def data_url_size(url: str | MediaFile) -> int:
    """Bytes a media value holds: a file's size, or what a base64 data URL decodes to, from
    its length alone (nothing is decoded)."""
    if isinstance(url, MediaFile):
        return url.size()
    match = _DATA_URL.match(url)
    body = len(url) - match.end() if match else len(url)
    return body * 3 // 4 if match and match.group("b64") else body


def data_url_mime(url: str | MediaFile) -> str:
    """The MIME type a media value declares (lower case; application/octet-stream if none)."""
    if isinstance(url, MediaFile):
        return url.mime.lower()
    match = _DATA_URL.match(url)
    return (match.group("mime") if match and match.group("mime") else "application/octet-stream").lower()


def data_url_head(url: str | MediaFile, size: int = _HEADER_BYTES) -> bytes:
    """The first ``size`` bytes of a media value (of a base64 data URL, only those are decoded)."""
    if isinstance(url, MediaFile):
        return url.head(size)
    match = _DATA_URL.match(url)
    if not match or not match.group("b64"):
        return from_data_url(url)[0][:size]
    chunk = url[match.end():match.end() + (size + 2) // 3 * 4]
    try:
        return base64.b64decode(chunk, validate=True)
    except (binascii.Error, ValueError) as error:
        raise InputError(f"the data URL is not valid base64 ({error})") from None


def to_data_url(data: bytes, mime: str) -> str:
    return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"


def media_out(data: bytes, mime: str) -> str | MediaFile:
    """fn's media as it leaves a run: a file of the page's session when a page asked
    (``storage.media.outputs_to``), else a data URL (the API's edge, plain calls)."""
    sink = output_sink()
    return sink.save(data, mime) if sink is not None else to_data_url(data, mime)


def from_data_url(url: str | MediaFile) -> tuple[bytes, str]:
    """Return (bytes, mime type) of a media value; InputError when it is not one."""
    if isinstance(url, MediaFile):
        return url.read(), url.mime
    match = _DATA_URL.match(url)
    if not match:
        raise InputError(f"not a data URL: {url[:40]!r}")
    body = url[match.end():]
    mime = match.group("mime") or "application/octet-stream"
    if not match.group("b64"):
        from urllib.parse import unquote_to_bytes
        return unquote_to_bytes(body), mime
    try:
        return base64.b64decode(body, validate=True), mime
    except (binascii.Error, ValueError) as error:
        raise InputError(f"the data URL is not valid base64 ({error})") from None


def file_to_data_url(path: str | Path) -> str | MediaFile:
    """A file fn (or the developer) named, as media leaving a run: copied into the page
    session's folder (streamed) when a page asked, else read into a data URL."""
    path = Path(path)
    mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    sink = output_sink()
    return sink.copy(path, mime) if sink is not None else to_data_url(path.read_bytes(), mime)


def read_bytes(value: bytes | str | Path | MediaFile) -> bytes:
    """Bytes of a wire value: raw bytes, a data URL, a session's file, or a path to an existing file."""
    if isinstance(value, bytes):
        return value
    if isinstance(value, MediaFile):
        return value.read()
    if is_data_url(value):
        return from_data_url(str(value))[0]
    path = Path(value)
    if not path.is_file():
        raise InputError(f"no such file: {str(value)[:80]!r}")
    return path.read_bytes()


# ---- images -----------------------------------------------------------------------------

_IMAGE_ERRORS: tuple[type[Exception], ...] = (OSError, SyntaxError, ValueError)


def _open_image(data: bytes) -> PILImage.Image:
    """The image's header (PIL reads pixels only on ``load()``)."""
    from PIL import Image
    try:
        return Image.open(io.BytesIO(data))
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError) as error:
        raise InputError(f"the file is not an image that can be read ({error})") from None


def check_pixels(image: PILImage.Image, max_pixels: int | None) -> None:
    """FileTooLargeError if the picture has more than ``max_pixels`` pixels (from its header)."""
    width, height = image.size
    if max_pixels is not None and width * height > max_pixels:
        raise FileTooLargeError(f"the image is {width}×{height} = {width * height / 1e6:.1f} megapixels; "
                                f"the limit is {max_pixels / 1e6:g} megapixels")


def image_pixels_ok(head: bytes, data: Callable[[], bytes], max_pixels: int | None) -> None:
    """Check an encoded image's pixel count before anything is decoded: from ``head`` (its
    first bytes), or from the whole file (``data()``) when the header lies further in."""
    try:
        image = _open_image(head)
    except InputError:
        image = _open_image(data())
    check_pixels(image, max_pixels)


def image_size(url: str | MediaFile) -> tuple[int, int] | None:
    """Width and height of a media picture, read from its header; None if it is not one."""
    try:
        try:
            image = _open_image(data_url_head(url))
        except InputError:
            image = _open_image(from_data_url(url)[0])
    except InputError:
        return None
    width, height = image.size
    return int(width), int(height)


def decode_image(data: bytes, max_pixels: int | None = None) -> PILImage.Image:
    """The picture in ``data``; its size is checked against ``max_pixels`` before decoding."""
    image = _open_image(data)
    check_pixels(image, max_pixels)
    try:
        image.load()
    except _IMAGE_ERRORS as error:
        raise InputError(f"the file is not an image that can be read ({error})") from None
    return image


def encode_png(image: PILImage.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def to_pil(value: Any) -> PILImage.Image:
    """A PIL image from a PIL image, a numpy array, a data URL, bytes or a file path."""
    from PIL import Image
    if isinstance(value, Image.Image):
        return value
    if hasattr(value, "__array_interface__") or type(value).__module__ == "numpy":
        return array_to_pil(value)
    return decode_image(read_bytes(value))


def array_to_pil(array: Any) -> PILImage.Image:
    import numpy as np
    from PIL import Image
    array = np.asarray(array)
    if array.dtype != np.uint8:
        scale = 255.0 if array.size and float(np.nanmax(array)) <= 1.0 else 1.0
        array = np.clip(np.nan_to_num(array) * scale, 0, 255).astype(np.uint8)
    if array.ndim == 3 and array.shape[2] == 1:
        array = array[:, :, 0]
    return Image.fromarray(array)


def crop_resize(image: PILImage.Image, width: int, height: int) -> PILImage.Image:
    """Centre-crop to the target aspect ratio, then resize to exactly width × height."""
    src_w, src_h = image.size
    target = width / height
    if src_w / src_h > target:
        new_w = round(src_h * target)
        left = (src_w - new_w) // 2
        image = image.crop((left, 0, left + new_w, src_h))
    else:
        new_h = round(src_w / target)
        top = (src_h - new_h) // 2
        image = image.crop((0, top, src_w, top + new_h))
    return image.resize((width, height))


# ---- audio ------------------------------------------------------------------------------

def decode_wav(data: bytes) -> tuple[int, np.ndarray]:
    """(sample rate, int16 samples) of a sound file: WAV, or (with soundfile) MP3, OGG, FLAC…"""
    import numpy as np
    try:
        with wave.open(io.BytesIO(data)) as wav:
            rate, channels, width = wav.getframerate(), wav.getnchannels(), wav.getsampwidth()
            frames = wav.readframes(wav.getnframes())
    except (wave.Error, EOFError) as error:
        return _decode_other(data, error)
    dtype = {1: np.uint8, 2: np.int16, 4: np.int32}.get(width)
    if dtype is None:
        raise InputError(f"unsupported WAV sample width: {width} bytes")
    samples = np.frombuffer(frames, dtype=dtype)
    if width == 1:
        samples = (samples.astype(np.int16) - 128) * 256
    return rate, samples.reshape(-1, channels) if channels > 1 else samples


def _decode_other(data: bytes, wav_error: Exception) -> tuple[int, np.ndarray]:
    try:
        import soundfile
    except ImportError:
        raise InputError(f"the file is not a WAV audio file that can be read ({wav_error})") from None
    try:
        samples, rate = soundfile.read(io.BytesIO(data), dtype="int16", always_2d=False)
    except Exception as error:  # noqa: BLE001 - whatever the decoder says is the file's fault
        reason = str(error).rsplit(": ", 1)[-1]  # "Error opening <_io.BytesIO ...>: Format not recognised."
        raise InputError(f"the file is not a sound file that can be read (WAV, MP3, OGG, FLAC…): {reason}") from None
    return int(rate), samples


def json_safe(value: Any, depth: int = 0, *, strict: bool = False) -> Any:
    """``value`` as plain JSON data: numpy scalars and arrays as numbers and lists, dates and
    times (pandas Timestamps too) as ISO text, NaN and infinities as None, anything else
    without a JSON form as its text (``strict``: a TypeError)."""
    import math
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if depth > 64:
        raise ValueError("nested deeper than 64 levels")
    if isinstance(value, dict):
        return {str(key): json_safe(item, depth + 1, strict=strict) for key, item in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [json_safe(item, depth + 1, strict=strict) for item in value]
    return json_safe(_plain(value, strict=strict), depth + 1, strict=strict)


def _plain(value: Any, *, strict: bool) -> Any:
    """A value with no JSON form of its own as one that has it."""
    if hasattr(value, "isoformat"):  # datetime, date, time, pandas.Timestamp
        return None if str(value) == "NaT" else value.isoformat()
    if hasattr(value, "tolist"):  # numpy arrays and scalars
        return value.tolist()
    if hasattr(value, "item"):
        return value.item()
    if type(value).__name__ in ("Decimal", "Fraction"):
        return float(value)
    if strict:
        raise TypeError(f"{type(value).__name__} has no JSON form")
    return str(value)


def encode_wav(rate: int, samples: Any) -> bytes:
    import numpy as np
    samples = np.asarray(samples)
    if samples.dtype.kind == "f":
        samples = (np.clip(samples, -1.0, 1.0) * 32767).astype(np.int16)
    elif samples.dtype != np.int16:
        samples = samples.astype(np.int16)
    channels = 1 if samples.ndim == 1 else samples.shape[1]
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as wav:
        wav.setnchannels(channels)
        wav.setsampwidth(2)
        wav.setframerate(int(rate))
        wav.writeframes(samples.tobytes())
    return buffer.getvalue()
