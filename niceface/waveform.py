"""gr.make_waveform: a video of a sound's waveform (bars), with the sound, for a Video output.

    def speak(text):
        rate, samples = synthesize(text)
        return gr.make_waveform((rate, samples))      # a path to an .mp4 file

The frames are drawn with Pillow; the video is encoded by the ffmpeg that the ``video`` extra
installs (``pip install 'niceface[video]'``: imageio-ffmpeg carries its own binary).
"""
from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

from .exceptions import ConfigurationError, MissingDependencyError

FPS = 10


def make_waveform(audio: str | tuple[int, Any], *, bg_color: str = "#f3f4f6", bg_image: str | None = None,
                  fg_alpha: float = 0.75, bars_color: str | tuple[str, str] = ("#fbbf24", "#ea580c"),
                  bar_count: int = 50, bar_width: float = 0.6, animate: bool = False) -> str:
    """The path of an mp4 video showing ``audio`` (a sound file's path, or (rate, samples)) as
    ``bar_count`` bars coloured ``bars_color`` (one colour, or a gradient from left to right) on
    ``bg_color`` or ``bg_image``; ``animate`` colours the bars already heard as it plays."""
    from .components import _codecs
    from .storage.tempfiles import save_temp
    rate, samples = _codecs.decode_wav(_codecs.read_bytes(audio)) if isinstance(audio, (str, Path)) \
        else (int(audio[0]), audio[1])
    if bar_count < 1 or not 0 < bar_width <= 1:
        raise ConfigurationError("make_waveform: bar_count must be at least 1 and bar_width in (0, 1]")
    heights = _bar_heights(samples, bar_count)
    sound = save_temp(_codecs.encode_wav(rate, samples), "audio/wav")
    seconds = max(len(samples) / rate, 1 / FPS)
    colours = (bars_color, bars_color) if isinstance(bars_color, str) else tuple(bars_color)
    background = _background(bg_color, bg_image)
    draw = _Drawer(background, heights, colours, bar_width, fg_alpha)  # type: ignore[arg-type]
    frames = [draw(None)] if not animate else [draw(i / (seconds * FPS)) for i in range(int(seconds * FPS) + 1)]
    out = sound.with_suffix(".mp4")
    _encode(frames, sound, out, seconds)
    return str(out)


def _bar_heights(samples: Any, count: int) -> list[float]:
    import numpy as np
    values = np.abs(np.asarray(samples, dtype=np.float64))
    if values.ndim > 1:
        values = values.mean(axis=1)
    if values.size == 0:
        return [0.0] * count
    chunks = np.array_split(values, count)
    peaks = np.array([chunk.max() if chunk.size else 0.0 for chunk in chunks])
    top = peaks.max()
    return [float(p / top) if top else 0.0 for p in peaks]


def _background(color: str, image: str | None) -> Any:
    from PIL import Image
    size = (1000, 400)
    if image is None:
        return Image.new("RGB", size, color)
    return Image.open(image).convert("RGB").resize(size)


class _Drawer:
    """Draws one frame: every bar, those before ``played`` (0..1, None: all) in full colour."""

    def __init__(self, background: Any, heights: list[float], colours: tuple[str, str], width: float,
                 alpha: float) -> None:
        self.background, self.heights, self.colours, self.width, self.alpha = background, heights, colours, width, alpha

    def __call__(self, played: float | None) -> Any:
        from PIL import Image, ImageColor, ImageDraw
        frame = self.background.copy().convert("RGBA")
        layer = Image.new("RGBA", frame.size, (0, 0, 0, 0))
        pen = ImageDraw.Draw(layer)
        start, end = (ImageColor.getrgb(c) for c in self.colours)
        step = frame.width / len(self.heights)
        for index, height in enumerate(self.heights):
            share = index / max(len(self.heights) - 1, 1)
            red, green, blue = (round(a + (b - a) * share) for a, b in zip(start[:3], end[:3], strict=True))
            heard = played is None or index / len(self.heights) <= played
            opacity = round(255 * (self.alpha if heard else self.alpha * 0.35))
            half = max(2.0, height * frame.height * 0.45)
            left = index * step + step * (1 - self.width) / 2
            box = (left, frame.height / 2 - half, left + step * self.width, frame.height / 2 + half)
            pen.rounded_rectangle(box, radius=step * self.width / 2, fill=(red, green, blue, opacity))
        return Image.alpha_composite(frame, layer).convert("RGB")


def _encode(frames: list[Any], sound: Path, out: Path, seconds: float) -> None:
    try:
        import imageio_ffmpeg
    except ImportError:
        raise MissingDependencyError("make_waveform needs ffmpeg: pip install 'niceface[video]'") from None
    still = len(frames) == 1
    command = [imageio_ffmpeg.get_ffmpeg_exe(), "-y", "-loglevel", "error", "-f", "image2pipe", "-vcodec", "png",
               *(["-loop", "1"] if still else []), "-framerate", str(1 if still else FPS), "-i", "-",
               "-i", str(sound), "-c:v", "libx264", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest",
               "-t", f"{seconds:.3f}", "-movflags", "+faststart", str(out)]
    import io
    data = bytearray()
    for frame in frames:
        buffer = io.BytesIO()
        frame.save(buffer, format="PNG")
        data += buffer.getvalue()
    result = subprocess.run(command, input=bytes(data), capture_output=True, timeout=300, check=False)
    if result.returncode != 0 or not out.exists():
        raise RuntimeError(f"make_waveform: ffmpeg failed: {result.stderr.decode(errors='replace')[-400:]}")
