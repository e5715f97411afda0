"""Image + text in, Label + text out, with flagging; mode, options, folder and flagging_callback
("csv": niceface.CSVLogger, "mine": a team's own callback writing JSON lines) from the environment."""
import json
import os
import threading
from pathlib import Path

import numpy as np

import niceface as gr


class JSONLines:
    """A team's own callback, written as for Gradio 3 (no niceface base class)."""

    def setup(self, components, flagging_dir):
        self.path = Path(flagging_dir) / "mine.jsonl"
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.count = 0
        self._write({"setup": [component.label for component in components], "dir": flagging_dir})

    def flag(self, flag_data, flag_option=None, username=None):
        self.count += 1
        self._write({"data": flag_data, "option": flag_option, "username": username,
                     "main_thread": threading.current_thread() is threading.main_thread()})
        return self.count

    def _write(self, line):
        with self.path.open("a") as out:
            out.write(json.dumps(line) + "\n")


def describe(image, note):
    brightness = float(np.asarray(image).mean()) / 255
    return {"bright": brightness, "dark": 1 - brightness}, note.upper()


callbacks = {"csv": gr.CSVLogger, "mine": JSONLines}
options = [option for option in os.environ.get("FLAG_OPTIONS", "").split(",") if option]
callback = callbacks[os.environ["FLAG_CALLBACK"]]() if os.environ.get("FLAG_CALLBACK") else None
demo = gr.Interface(describe, [gr.Image(label="picture"), gr.Textbox(label="note")],
                    [gr.Label(label="verdict"), gr.Textbox(label="shouted")],
                    allow_flagging=os.environ.get("FLAG_MODE", "manual"), flagging_options=options or None,
                    flagging_dir=os.environ["FLAG_DIR"], flagging_callback=callback)

if __name__ == "__main__":
    demo.launch()
