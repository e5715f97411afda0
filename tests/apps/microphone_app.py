"""A microphone recording reaches fn as (sample_rate, samples); fn reports what it got."""
import numpy as np

import niceface as gr


def describe(recording):
    if recording is None:
        return "no sound"
    rate, samples = recording
    peak = int(np.abs(samples).max()) if samples.size else 0
    return f"rate {rate}; {samples.shape[0] / rate:.1f} s; peak {peak}"


demo = gr.Interface(describe, gr.Audio(source="microphone", label="voice"), gr.Textbox(label="result"))

if __name__ == "__main__":
    demo.launch()
