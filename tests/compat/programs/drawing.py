"""A Gradio 3 style program: draw a mask on a picture (ImageMask), and a waveform video of a sound."""
import numpy as np

import niceface as gr


def masked_share(drawing):
    mask = drawing["mask"]
    covered = (mask[..., 0] > 127).mean()
    return f"{drawing['image'].shape[1]}x{drawing['image'].shape[0]}, {100 * covered:.0f}% masked"


def tone(seconds):
    rate = 8000
    t = np.linspace(0, seconds, int(rate * seconds), endpoint=False)
    return gr.make_waveform((rate, (np.sin(2 * np.pi * 440 * t) * 0.5 * 32767).astype(np.int16)))


masks = gr.Interface(masked_share, gr.ImageMask(label="picture", brush_radius=20), gr.Textbox(label="result"),
                     allow_flagging="never")
waves = gr.Interface(tone, gr.Slider(1, 3, 1, label="seconds"), gr.Video(label="waveform"), allow_flagging="never")

if __name__ == "__main__":
    import os
    (waves if os.environ.get("WHICH") == "waves" else masks).launch()
