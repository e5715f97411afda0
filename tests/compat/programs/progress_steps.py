"""A Gradio 3 style program: a slow fn that reports its progress and sends toasts.

The test opens a gate file (COMPAT_GATE) to let each step finish, so it can watch the bar."""
import os
import time
from pathlib import Path

import niceface as gr

GATE = Path(os.environ.get("COMPAT_GATE", "/nonexistent"))


def wait_for_gate(step):
    if not os.environ.get("COMPAT_GATE"):
        time.sleep(0.2)
        return
    while not (GATE.parent / f"{GATE.name}.{step}").exists():
        time.sleep(0.02)


def count_words(text, progress=gr.Progress()):
    words = text.split()
    if len(words) > 50:
        gr.Warning("That is a long text; counting may take a while")
    progress(0, desc="Starting")
    for step, _ in enumerate(progress.tqdm(range(3), desc="Counting")):
        wait_for_gate(step)
    gr.Info("Counted every word")
    return len(words)


demo = gr.Interface(count_words, gr.Textbox(label="text"), gr.Number(label="words"), title="Word counter")

if __name__ == "__main__":
    demo.queue(concurrency_count=2, max_size=20).launch()
