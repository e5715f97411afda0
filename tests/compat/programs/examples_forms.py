"""Gradio 3 style examples: the common one-input form [["a"], ["b"]] and a folder with log.csv."""
import niceface as gr


def reverse(text):
    return text[::-1]


def describe(picture, caption):
    height, width = picture.shape[:2]
    red, _green, blue = picture[height // 2, width // 2][:3]
    colour = "red" if red > blue else "blue"
    return f"{caption}: {width}x{height}, {colour} in the middle"


words = gr.Interface(reverse, "text", "text", examples=[["stressed"], ["drawer"]], allow_flagging="never")
pictures = gr.Interface(describe, ["image", "text"], "text", examples="shapes", allow_flagging="never")

if __name__ == "__main__":
    import os
    (pictures if os.environ.get("WHICH") == "pictures" else words).launch()
