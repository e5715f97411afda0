"""A Gradio 3 style gallery: n coloured tiles of different shapes, each with its caption
(WHICH=preview: one row shown, the second picture opened large as soon as they arrive)."""
import os

import numpy as np

import niceface as gr

COLOURS = [("red", (220, 40, 40)), ("green", (40, 170, 60)), ("blue", (40, 80, 220)), ("gold", (230, 180, 30))]


def tiles(count):
    pictures = []
    for number in range(int(count)):
        name, rgb = COLOURS[number % len(COLOURS)]
        tile = np.zeros((60 + 30 * (number % 3), 120, 3), dtype=np.uint8)
        tile[:, :] = rgb
        pictures.append((tile, f"{name} tile {number + 1}"))
    return pictures


options = {"preview": True, "selected_index": 1, "rows": 1} if os.environ.get("WHICH") == "preview" else {}
demo = gr.Interface(tiles, gr.Slider(1, 8, value=5, step=1, label="count"),
                    gr.Gallery(label="tiles", columns=3, **options), allow_flagging="never")

if __name__ == "__main__":
    demo.launch()
