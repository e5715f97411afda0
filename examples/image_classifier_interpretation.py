"""The guide's image classifier with interpretation: which parts of the picture made the digit.

After "Interpret", a red/blue heatmap lies over the picture: red regions raised the top class,
blue regions lowered it.
"""
from __future__ import annotations

from pathlib import Path

import niceface as gr

try:
    from digits_model import to_features, train
except ImportError:
    from examples.digits_model import to_features, train

model = train()
HERE = Path(__file__).parent


def classify_image(image):
    if image is None:
        raise gr.Error("Choose, drop or paste a picture of a digit first.")
    probabilities = model.predict_proba(to_features(image))[0]
    return {str(digit): float(p) for digit, p in zip(model.classes_, probabilities, strict=True)}


image = gr.Image(shape=(128, 128), label="digit")
label = gr.Label(num_top_classes=3)

demo = gr.Interface(
    fn=classify_image,
    inputs=image,
    outputs=label,
    interpretation="default",
    title="Digits, explained",
    examples=[str(HERE / "images" / f"digit_{d}.png") for d in (0, 3, 7)],
)

if __name__ == "__main__":
    demo.launch()
