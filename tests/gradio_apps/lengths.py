"""A real Gradio app (run from its own virtualenv) for the Spaces tests: text, a number and a
picture in; a Label, text and a picture out. "boom" raises."""
import os

import gradio as gr
import numpy as np


def measure(text, times, picture):
    if text == "boom":
        raise gr.Error("the Space refused: boom")
    share = min(1.0, len(text) / 20)
    inverted = None if picture is None else 255 - np.asarray(picture)
    return {"long": share, "short": 1 - share}, text * int(times), inverted


demo = gr.Interface(measure, [gr.Textbox(label="text"), gr.Number(label="times", value=2), gr.Image(label="picture")],
                    [gr.Label(label="length"), gr.Textbox(label="repeated"), gr.Image(label="inverted")])
demo.launch(server_name="127.0.0.1", server_port=int(os.environ["PORT"]))
