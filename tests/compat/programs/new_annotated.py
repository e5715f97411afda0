"""A Gradio 3 style detector: a box round the bright square and a mask over the dark half."""
import numpy as np

import niceface as gr


def detect(size):
    size = int(size)
    picture = np.full((size, size * 2, 3), 200, dtype=np.uint8)
    picture[:, size:] = 60
    picture[size // 4: size // 2, size // 4: size // 2] = 255
    dark = np.zeros((size, size * 2), dtype=bool)
    dark[:, size:] = True
    return picture, [((size // 4, size // 4, size // 2, size // 2), "square"), (dark, "shadow")]


demo = gr.Interface(detect, gr.Slider(40, 200, value=120, step=10, label="size"),
                    gr.AnnotatedImage(label="found", color_map={"square": "#ff8800"}), allow_flagging="never")

if __name__ == "__main__":
    demo.launch()
