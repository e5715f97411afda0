"""A real small image classifier available offline: logistic regression on scikit-learn's
bundled 8×8 handwritten digits, trained at start-up (about a second)."""
from __future__ import annotations

import numpy as np


def train():
    from sklearn.datasets import load_digits
    from sklearn.linear_model import LogisticRegression
    digits = load_digits()
    model = LogisticRegression(max_iter=2000)
    model.fit(digits.data / 16.0, digits.target)
    return model


def to_features(image: np.ndarray) -> np.ndarray:
    """Any picture → the 8×8 white-on-black 0..1 layout the model was trained on."""
    from PIL import Image
    picture = Image.fromarray(np.asarray(image, dtype=np.uint8)).convert("L").resize((8, 8))
    gray = np.asarray(picture, dtype=float) / 255.0
    if gray.mean() > 0.5:  # dark ink on a light background: invert
        gray = 1.0 - gray
    return gray.reshape(1, -1)


def save_samples(folder: str = "examples/images") -> None:
    """Write a few digits of the data set as 128×128 PNGs (black ink on white)."""
    from pathlib import Path

    from PIL import Image
    from sklearn.datasets import load_digits
    digits = load_digits()
    Path(folder).mkdir(parents=True, exist_ok=True)
    for index in (0, 1, 2, 3, 7):
        pixels = (255 - digits.images[index] * 255 / 16).astype(np.uint8)
        Image.fromarray(pixels).resize((128, 128), Image.NEAREST).save(f"{folder}/digit_{digits.target[index]}.png")
