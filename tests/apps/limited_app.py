"""A picture and a text in, their sizes out; uploads capped at 1 MB (MAX_FILE_SIZE)."""
import os

import niceface as gr


def sizes(picture, text):
    return f"{'none' if picture is None else f'{picture.shape[1]}x{picture.shape[0]}'}; {len(text)} characters"


demo = gr.Interface(sizes, [gr.Image(label="picture"), gr.Textbox(label="text")], gr.Textbox(label="result"),
                    allow_flagging="never")

if __name__ == "__main__":
    demo.launch(max_file_size=os.environ.get("MAX_FILE_SIZE", "1mb"))
