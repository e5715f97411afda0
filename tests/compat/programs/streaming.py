"""A Gradio 3 style program: a live Interface fed by a streaming webcam, and one by a streaming microphone."""
import itertools

import niceface as gr

frames = itertools.count(1)


def look(frame):
    if frame is None:
        return "no frame yet"
    return f"frame {next(frames)}: {frame.shape[1]}x{frame.shape[0]}"


def listen(chunk, heard):
    heard = (heard or 0) + (0 if chunk is None else len(chunk[1]))
    return f"{heard} samples so far", heard


camera = gr.Interface(look, gr.Image(source="webcam", streaming=True, label="camera"), gr.Textbox(label="seen"),
                      live=True, allow_flagging="never")
microphone = gr.Interface(listen, [gr.Audio(source="microphone", streaming=True, label="voice"), "state"],
                          [gr.Textbox(label="heard"), "state"], live=True, allow_flagging="never")

if __name__ == "__main__":
    import os
    (microphone if os.environ.get("WHICH") == "microphone" else camera).launch()
