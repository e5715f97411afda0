"""A hostile Gradio app (real Gradio, from its own virtualenv) for the load() attack tests. Its
File output answers what the input asks for: "passwd" the bare path /etc/passwd; "ssrf" a
streamed FileData whose URL is another server (INTERNAL_URL); "ok" a real file of its own."""
import os
import tempfile

import gradio as gr
from gradio.data_classes import FileData


class File(gr.File):
    """Sends whatever fn returns, as an attacker's server would (named File, as its API says)."""

    def postprocess(self, value):
        if isinstance(value, (str, FileData)) and not (isinstance(value, str) and value.startswith(tempfile.gettempdir())):
            return value
        return super().postprocess(value)


def answer(mode):
    if mode == "passwd":
        return "/etc/passwd"
    if mode == "ssrf":
        return FileData(path=os.environ["INTERNAL_URL"], url=os.environ["INTERNAL_URL"], is_stream=True)
    path = os.path.join(tempfile.gettempdir(), "evil-ok.txt")
    with open(path, "w") as out:
        out.write("an honest answer")
    return path


demo = gr.Interface(answer, gr.Textbox(label="mode"), File(label="file"))
demo.launch(server_name="127.0.0.1", server_port=int(os.environ["PORT"]))
