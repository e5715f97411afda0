"""A sketch pad whose ink is counted, explained by "default" interpretation."""
import numpy as np

import niceface as gr


def ink(sketch):
    share = 0.0 if sketch is None else float((np.asarray(sketch) > 0).mean())
    return {"ink": share, "blank": 1 - share}


demo = gr.Interface(ink, "sketchpad", gr.Label(label="verdict"), interpretation="default")

if __name__ == "__main__":
    demo.launch()
