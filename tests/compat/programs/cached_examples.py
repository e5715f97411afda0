"""A Gradio 3 style program: five examples, two a page, cached when the app starts."""
import os
from pathlib import Path

import niceface as gr

RUNS = Path(os.environ.get("COMPAT_RUNS", "runs.log"))


def shout(word):
    with RUNS.open("a") as log:
        log.write(word + "\n")
    return word.upper() + "!"


demo = gr.Interface(shout, gr.Textbox(label="word"), gr.Textbox(label="shouted"),
                    examples=[["one"], ["two"], ["three"], ["four"], ["five"]], examples_per_page=2,
                    cache_examples=True, allow_flagging="never")

if __name__ == "__main__":
    demo.launch()
