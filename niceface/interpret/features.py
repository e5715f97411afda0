"""Per component type: split an input into features and build the perturbed inputs.

Two kinds of input:

- **tokens** (Textbox, Image, Audio) split into parts that can be masked: words, SLIC
  superpixels, 8 equal audio segments. "default" masks one part at a time; "shap" masks any
  subset. A token's score says how much it supports the prediction.
- **neighbours** (Number, Slider, Checkbox, CheckboxGroup, Radio, Dropdown) have a few
  alternative values. A neighbour's score says how much moving there raises the prediction,
  so it is the negated difference (``sign = -1``).

Each split knows how to arrange its scores into the structure of SPEC §4. The behaviour is
keyed on the component class through the registries at the bottom (subclasses included).
"""
from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import Any, ClassVar, TypeVar

import numpy as np

from ..components.audio import Audio
from ..components.base import Component
from ..components.checkbox import Checkbox
from ..components.choices import CheckboxGroup, Dropdown, Radio
from ..components.image import Image
from ..components.number import Number, parse_number
from ..components.slider import Slider
from ..components.textbox import Textbox
from ..exceptions import MissingDependencyError

IMAGE_SEGMENTS = 16
AUDIO_SEGMENTS = 8
NUMBER_STEPS = 3
SLIDER_STEPS = 8

Arrange = Callable[[list[float]], Any]


@dataclass(slots=True)
class Tokens:
    """An input split into ``count`` parts; ``masked(keep)`` is the input with only the kept parts."""

    count: int
    masked: Callable[[np.ndarray], Any]
    arrange: Arrange
    sign: ClassVar[int] = 1

    def __len__(self) -> int:
        return self.count

    def neighbours(self) -> list[Any]:
        """Leave-one-out inputs: each drops one token."""
        return [self.masked(keep) for keep in ~np.eye(self.count, dtype=bool)]


@dataclass(slots=True)
class Neighbours:
    """Alternative values of an input (as payloads its component accepts)."""

    values: list[Any]
    arrange: Arrange
    sign: ClassVar[int] = -1

    def __len__(self) -> int:
        return len(self.values)

    def neighbours(self) -> list[Any]:
        return self.values


Split = Tokens | Neighbours


# ---- tokens -----------------------------------------------------------------------------

def text_tokens(component: Textbox, payload: Any) -> Tokens:
    words = component.preprocess(payload).split(" ")

    def masked(keep: np.ndarray) -> str:
        return " ".join(word for word, kept in zip(words, keep, strict=False) if kept)

    def arrange(scores: list[float]) -> list[tuple[str, float]]:
        pairs: list[tuple[str, float]] = []
        for word, score in zip(words, scores, strict=False):
            pairs += [(" ", 0), (word, float(score))] if pairs else [(word, float(score))]
        return pairs
    return Tokens(len(words), masked, arrange)


def image_tokens(component: Image, payload: Any) -> Tokens | None:
    if payload is None:
        return None
    picture = np.asarray(payload_picture(component, payload))
    segments = superpixels(picture)
    fill = np.round(picture.mean(axis=(0, 1))).astype(picture.dtype)

    def masked(keep: np.ndarray) -> np.ndarray:
        out: np.ndarray = picture.copy()
        out[~keep[segments]] = fill
        return out

    def arrange(scores: list[float]) -> np.ndarray:
        per_pixel: np.ndarray = np.asarray(scores, dtype=float)[segments]
        return per_pixel
    return Tokens(int(segments.max()) + 1, masked, arrange)


def payload_picture(component: Image, payload: Any) -> Any:
    """The picture as its payload holds it (image_mode, shape), before invert_colors: the
    perturbed pictures go through ``preprocess``, which inverts them like the original."""
    return replace(component, invert_colors=False).to_pil(payload)


def superpixels(picture: np.ndarray) -> np.ndarray:
    """SLIC segments of a picture, numbered 0..M-1 (M about IMAGE_SEGMENTS)."""
    slic = import_slic()
    axis = -1 if picture.ndim == 3 else None
    segments = slic(picture, n_segments=IMAGE_SEGMENTS, compactness=10, sigma=1, start_label=0, channel_axis=axis)
    return np.unique(segments, return_inverse=True)[1].reshape(segments.shape)


def import_slic() -> Callable[..., np.ndarray]:
    try:
        from skimage.segmentation import slic
    except ImportError as error:
        raise MissingDependencyError("interpreting an Image needs scikit-image: "
                                     "pip install 'niceface[interpret]'") from error
    segment: Callable[..., np.ndarray] = slic
    return segment


def audio_tokens(component: Audio, payload: Any) -> Tokens | None:
    if payload is None:
        return None
    rate, samples = component.to_samples(payload)
    bounds = np.linspace(0, len(samples), AUDIO_SEGMENTS + 1).round().astype(int)

    def masked(keep: np.ndarray) -> tuple[int, np.ndarray]:
        out = samples.copy()
        for start, stop, kept in zip(bounds[:-1], bounds[1:], keep, strict=False):
            if not kept:
                out[start:stop] = 0
        return rate, out
    return Tokens(AUDIO_SEGMENTS, masked, _floats)


# ---- neighbours -------------------------------------------------------------------------

def number_neighbours(component: Number, payload: Any) -> Neighbours | None:
    x = parse_number(component, payload)
    if x is None:
        return None
    step = abs(x) / 100 or 0.01
    values = [x + k * step for k in range(-NUMBER_STEPS, NUMBER_STEPS + 1) if k]

    def arrange(scores: list[float]) -> list[tuple[float, float | None]]:
        pairs: list[tuple[float, float | None]] = [(v, float(s)) for v, s in zip(values, scores, strict=True)]
        return [*pairs[:NUMBER_STEPS], (x, None), *pairs[NUMBER_STEPS:]]
    return Neighbours(values, arrange)


def slider_neighbours(component: Slider, payload: Any) -> Neighbours:
    component.preprocess(payload)  # reject a bad value before fn runs
    values = np.linspace(component.minimum, component.maximum, SLIDER_STEPS).tolist()
    return Neighbours(values, _floats)


def checkbox_neighbours(component: Checkbox, payload: Any) -> Neighbours:
    x = component.preprocess(payload)

    def arrange(scores: list[float]) -> tuple[float | None, float | None]:
        return (float(scores[0]), None) if x else (None, float(scores[0]))
    return Neighbours([not x], arrange)


def group_neighbours(component: CheckboxGroup, payload: Any) -> Neighbours:
    component.preprocess(payload)
    chosen = list(payload or [])
    values = [[c for c in chosen if c != choice] if choice in chosen else [*chosen, choice]
              for choice in component.labels]

    def arrange(scores: list[float]) -> list[tuple[float | None, float | None]]:
        return [(float(s), None) if choice in chosen else (None, float(s))
                for choice, s in zip(component.labels, scores, strict=False)]
    return Neighbours(values, arrange)


def choice_neighbours(component: Radio, payload: Any) -> Neighbours:
    component.preprocess(payload)
    others = [choice for choice in component.labels if choice != payload]

    def arrange(scores: list[float]) -> list[float | None]:
        arranged: list[float | None] = _floats(scores)
        if payload in component.labels:
            arranged.insert(component.labels.index(payload), None)
        return arranged
    return Neighbours(others, arrange)


def _floats(scores: list[float]) -> list[float | None]:
    return [float(score) for score in scores]


# ---- registries -------------------------------------------------------------------------

Splitter = Callable[[Any, Any], "Split | None"]

TOKEN_SPLITTERS: dict[type[Component], Splitter] = {
    Textbox: text_tokens, Image: image_tokens, Audio: audio_tokens,
}
NEIGHBOUR_SPLITTERS: dict[type[Component], Splitter] = {
    Number: number_neighbours, Slider: slider_neighbours, Checkbox: checkbox_neighbours,
    CheckboxGroup: group_neighbours, Radio: choice_neighbours, Dropdown: choice_neighbours,
}
SPLITTERS: dict[type[Component], Splitter] = {**TOKEN_SPLITTERS, **NEIGHBOUR_SPLITTERS}

T = TypeVar("T")


def handler_for(registry: Mapping[type[Component], T], component: Component) -> T | None:
    """The registry entry for the component's class or its nearest registered base class."""
    for cls in type(component).__mro__:
        if cls in registry:
            return registry[cls]
    return None


def has_tokens(component: Component) -> bool:
    return handler_for(TOKEN_SPLITTERS, component) is not None


def split(component: Component, payload: Any) -> Split | None:
    """The features of one input value; None when there is nothing to explain (no value)."""
    splitter = handler_for(SPLITTERS, component)
    if splitter is None:
        raise TypeError(f"{component.describe()} cannot be interpreted")
    return splitter(component, payload)
