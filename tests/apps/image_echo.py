"""Image in; its size as a label and the picture flipped out."""
import numpy as np

import niceface as gr

demo = gr.Interface(lambda image: (f"{image.shape[1]}x{image.shape[0]}", np.fliplr(image)),
                    gr.Image(label="picture"), [gr.Label(label="size"), gr.Image(label="flipped")])

if __name__ == "__main__":
    demo.launch()
