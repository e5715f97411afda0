"""A file in; its name and size, and the same file back for download."""
import os

import niceface as gr


def inspect(upload):
    return f"{os.path.basename(upload.name)}: {os.path.getsize(upload.name)} bytes", upload.name


demo = gr.Interface(inspect, gr.File(label="upload"), [gr.Textbox(label="result"), gr.File(label="download")])

if __name__ == "__main__":
    demo.launch()
