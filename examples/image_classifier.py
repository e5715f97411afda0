"""Image classifier: upload a handwritten digit, see the top classes."""
from __future__ import annotations

from pathlib import Path

import niceface as gr

try:
    from digits_model import to_features, train
except ImportError:  # imported as examples.image_classifier
    from examples.digits_model import to_features, train

model = train()
HERE = Path(__file__).parent


def classify_image(image):
    probabilities = model.predict_proba(to_features(image))[0]
    return {str(digit): float(p) for digit, p in zip(model.classes_, probabilities, strict=True)}


demo = gr.Interface(
    fn=classify_image,
    inputs=gr.Image(label="digit"),
    outputs=gr.Label(num_top_classes=3),
    title="Handwritten digits",
    description="A logistic regression trained on scikit-learn's 8×8 digits at start-up.",
    examples=[str(HERE / "images" / f"digit_{d}.png") for d in (0, 3, 7)],
)

if __name__ == "__main__":
    demo.launch()
