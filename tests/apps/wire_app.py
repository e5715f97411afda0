"""An app for Gradio's wire protocol: WIRE=values (text and a number in; a Label, text and a
number out; "boom" makes fn raise), media (a picture, a sound and a file in and back out, the
picture mirrored), state (a per-session count) or series (two Interfaces in a Series)."""
import os

import numpy as np
from PIL import Image

import niceface as gr


def values(text: str, count: float) -> tuple[dict[str, float], str, float]:
    if text == "boom":
        raise ValueError("no booms allowed here")
    return {"cat": 0.75, "dog": 0.25}, text.upper(), count * 2


def media(picture: str, sound: str, document: str) -> tuple[np.ndarray, str, str]:
    return np.asarray(Image.open(picture))[:, ::-1], sound, document


def count(text: str, seen: list[str]) -> tuple[str, list[str]]:
    seen = [*seen, text]
    return f"{len(seen)}: {', '.join(seen)}", seen


def build() -> gr.Interface:
    mode = os.environ.get("WIRE", "values")
    if mode == "media":
        return gr.Interface(media, [gr.Image(type="filepath", label="picture"), gr.Audio(type="filepath", label="sound"),
                                    gr.File(label="document")],
                            [gr.Image(label="mirrored"), gr.Audio(label="sound back"), gr.File(label="document back")])
    if mode == "state":
        return gr.Interface(count, ["text", gr.State([])], ["text", "state"])
    if mode == "series":
        first = gr.Interface(lambda text: text + "!", "text", "text")
        second = gr.Interface(lambda text: text.upper(), "text", "text")
        return gr.Series(first, second)
    return gr.Interface(values, [gr.Textbox(label="text"), gr.Number(label="count")],
                        [gr.Label(label="animal"), gr.Textbox(label="shout"), gr.Number(label="double")])


demo = build()

if __name__ == "__main__":
    limit = os.environ.get("MAX_FILE_SIZE")
    demo.launch(show_error=True, max_file_size=int(limit) if limit else None)
