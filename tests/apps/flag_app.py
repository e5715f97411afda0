"""Image + text in, Label + text out, with flagging; mode, options and folder from the environment."""
import os

import numpy as np

import niceface as gr


def describe(image, note):
    brightness = float(np.asarray(image).mean()) / 255
    return {"bright": brightness, "dark": 1 - brightness}, note.upper()


options = [option for option in os.environ.get("FLAG_OPTIONS", "").split(",") if option]
demo = gr.Interface(describe, [gr.Image(label="picture"), gr.Textbox(label="note")],
                    [gr.Label(label="verdict"), gr.Textbox(label="shouted")],
                    allow_flagging=os.environ.get("FLAG_MODE", "manual"), flagging_options=options or None,
                    flagging_dir=os.environ["FLAG_DIR"])

if __name__ == "__main__":
    demo.launch()
