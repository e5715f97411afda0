"""Limits on what browsers and API callers may send: one frozen value per launched app."""
from __future__ import annotations

from dataclasses import dataclass

#: 40 megapixels: a 7,000 × 5,700 photo passes; decoded as RGB it takes 120 MB
DEFAULT_MAX_IMAGE_PIXELS = 40_000_000


@dataclass(frozen=True, slots=True, kw_only=True)
class Limits:
    """``max_file_size``: bytes per uploaded file or media value (None: no limit);
    ``max_image_pixels``: width × height of a picture, checked from its header before it is
    decoded (None: no limit)."""

    max_file_size: int | None = None
    max_image_pixels: int | None = DEFAULT_MAX_IMAGE_PIXELS


NO_LIMITS = Limits(max_image_pixels=None)
