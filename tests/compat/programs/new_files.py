"""A Gradio 3 style file tool: several files (or a folder's) in, their sizes and their reversed copies out."""
import os
import tempfile
from pathlib import Path

import niceface as gr


def reverse_all(files):
    folder = Path(tempfile.mkdtemp())
    made, lines = [], []
    for number, file in enumerate(files or []):
        data = Path(file.name).read_bytes()
        lines.append(f"{number + 1}: {len(data)} bytes")
        copy = folder / f"reversed-{number + 1}.txt"
        copy.write_bytes(data[::-1])
        made.append(str(copy))
    return "\n".join(lines), made


count = "directory" if os.environ.get("WHICH") == "directory" else "multiple"
demo = gr.Interface(reverse_all, gr.Files(file_count=count, label="files"),
                    [gr.Textbox(label="sizes"), gr.Files(label="reversed")], allow_flagging="never")

if __name__ == "__main__":
    demo.launch()
