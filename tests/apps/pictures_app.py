"""A picture in (explained by "default" interpretation), its brightness as a Label and the same
picture back: for the tests of how pictures and heatmaps are drawn."""
import numpy as np

import niceface as gr


def brightness(picture):
    level = float(np.asarray(picture).mean()) / 255
    return {"bright": level, "dark": 1 - level}, picture


demo = gr.Interface(brightness, gr.Image(label="picture"), [gr.Label(label="verdict"), gr.Image(label="same")],
                    interpretation="default", title="Pictures")

if __name__ == "__main__":
    demo.launch()
