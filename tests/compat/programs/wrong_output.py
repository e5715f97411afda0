"""A Gradio 3 style program with mistakes: a fn returning what its output cannot show, and
a fn that crashes (show_error is left at Gradio 3's default: off)."""
import os

import niceface as gr


def draw(kind):
    if kind == "crash":
        raise RuntimeError("secret database password is hunter2")
    return 42


demo = gr.Interface(draw, gr.Radio(["number", "crash"], label="kind"), gr.Image(label="picture"))

if __name__ == "__main__":
    demo.launch(show_error=os.environ.get("SHOW_ERROR") == "1")
