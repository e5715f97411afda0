"""Pure render data for an interpretation structure: no UI, so the page only draws it.

Red for positive scores, blue for negative, intensity ``sqrt(min(|s|, 1))`` blended from white.

- text → ``spans``: ``[(token, css colour or None), ...]`` (None: a zero score, left plain);
- image → ``heatmap``: an H×W×4 RGBA uint8 array, scores scaled by the largest |score| and the
  alpha following the intensity, to lay over the picture (``png_data_url`` makes it an <img>);
- audio, number, slider, checkbox, choices → ``cells``: ``[(caption, css colour or None), ...]``;
  a cell is a segment or a value the input could take, and None marks the current value.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np

from ..components import _codecs
from ..components.audio import Audio
from ..components.base import Component
from ..components.checkbox import Checkbox
from ..components.choices import CheckboxGroup, Dropdown, Radio
from ..components.highlighted_text import score_color
from ..components.image import Image
from ..components.number import Number
from ..components.slider import Slider
from ..components.textbox import Textbox
from .features import handler_for

HEATMAP_OPACITY = 0.65
Cell = tuple[str, "str | None"]


Region = tuple[float, float, float, float]
WHOLE: Region = (0.0, 0.0, 1.0, 1.0)


@dataclass(frozen=True, slots=True)
class Overlay:
    """What to draw for one input: ``kind`` says how to read ``data``; a heatmap covers
    ``region`` of the shown picture (left, top, width, height as fractions)."""

    kind: Literal["spans", "heatmap", "cells"]
    data: Any
    region: Region = WHOLE


def overlay_for(component: Component, structure: Any, payload: Any = None) -> Overlay | None:
    """The render data of one input's interpretation of ``payload`` (the input it explains);
    None when there is nothing to draw."""
    render = handler_for(_RENDERERS, component)
    if structure is None or render is None:
        return None
    return render(component, structure, payload)


def image_overlay(component: Image, structure: Any, payload: Any) -> Overlay:
    """A heatmap over the part of the picture fn saw (``shape=`` crops the centre)."""
    size = _codecs.image_size(payload) if _codecs.is_media(payload) else None
    region = component.shown_region(*size) if size else WHOLE
    return Overlay("heatmap", heatmap(structure), region)


def color(score: float | None) -> str | None:
    """The css colour of a score (white for 0); None for no score (the current value)."""
    return None if score is None else score_color(float(score))


def spans(structure: Sequence[Sequence[Any]]) -> list[tuple[str, str | None]]:
    """Tokens with their colours; a token scoring 0 stays plain (None). Neighbouring coloured
    tokens of one colour (letters of one word, scored alike) join into one chip."""
    merged: list[tuple[str, str | None]] = []
    for token, score in structure:
        text, shade = str(token), color(score) if score else None
        if merged and _joins(merged[-1], text, shade):
            merged[-1] = (merged[-1][0] + text, shade)
        else:
            merged.append((text, shade))
    return merged


def _joins(previous: tuple[str, str | None], text: str, shade: str | None) -> bool:
    """Coloured text joins the same colour within a word (no space at the seam)."""
    if shade is None or previous[1] != shade:
        return False
    return not (text[:1].isspace() or previous[0][-1:].isspace())


def heatmap(scores: Any) -> np.ndarray:
    """RGBA uint8 (H×W×4): red where positive, blue where negative, transparent at 0."""
    scores = np.asarray(scores, dtype=float)
    peak = float(np.abs(scores).max()) if scores.size else 0.0
    rgba = np.zeros((*scores.shape[:2], 4), dtype=np.uint8)
    if peak == 0:
        return rgba
    strength = np.sqrt(np.minimum(np.abs(scores) / peak, 1.0))
    faded = np.round(255 * (1 - strength))
    positive = scores > 0
    rgba[..., 0] = np.where(positive, 255, faded)
    rgba[..., 1] = faded
    rgba[..., 2] = np.where(positive, faded, 255)
    rgba[..., 3] = np.round(255 * HEATMAP_OPACITY * strength)
    return rgba


def png_data_url(rgba: np.ndarray) -> str:
    return _codecs.to_data_url(_codecs.encode_png(_codecs.array_to_pil(rgba)), "image/png")


# ---- cells ------------------------------------------------------------------------------

def audio_cells(_component: Audio, scores: Sequence[float]) -> list[Cell]:
    return [(f"{k}/{len(scores)}", color(score)) for k, score in enumerate(scores, start=1)]


def number_cells(_component: Number, pairs: Sequence[Sequence[Any]]) -> list[Cell]:
    return [(f"{float(value):g}", color(score)) for value, score in pairs]


def slider_cells(component: Slider, scores: Sequence[float]) -> list[Cell]:
    values = np.linspace(component.minimum, component.maximum, len(scores))
    return [(f"{value:.3g}", color(score)) for value, score in zip(values, scores, strict=True)]


def checkbox_cells(_component: Checkbox, pair: Sequence[float | None]) -> list[Cell]:
    return [("false", color(pair[0])), ("true", color(pair[1]))]


def group_cells(component: CheckboxGroup, pairs: Sequence[Sequence[float | None]]) -> list[Cell]:
    """One cell per choice: toggling it (uncheck when checked, check when not)."""
    return [(f"uncheck {choice}" if if_true is None else f"check {choice}",
             color(if_false if if_true is None else if_true))
            for choice, (if_false, if_true) in zip(component.labels, pairs, strict=True)]


def choice_cells(component: Radio, scores: Sequence[float | None]) -> list[Cell]:
    return [(choice, color(score)) for choice, score in zip(component.labels, scores, strict=True)]


def _cells(render: Callable[[Any, Any], list[Cell]]) -> Callable[[Any, Any, Any], Overlay]:
    return lambda component, structure, _payload: Overlay("cells", render(component, structure))


_RENDERERS: dict[type[Component], Callable[[Any, Any, Any], Overlay]] = {
    Textbox: lambda _component, structure, _payload: Overlay("spans", spans(structure)),
    Image: image_overlay,
    Audio: _cells(audio_cells), Number: _cells(number_cells), Slider: _cells(slider_cells),
    Checkbox: _cells(checkbox_cells), CheckboxGroup: _cells(group_cells), Radio: _cells(choice_cells),
    Dropdown: _cells(choice_cells),
}
