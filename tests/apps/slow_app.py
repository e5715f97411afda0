"""Text in, text out, for the tests of runs that take long. Each run is recorded in RUNS_FILE;
"slow..." waits until RELEASE_FILE exists; "hang" never returns. QUEUE=1 turns the queue on
(one worker); MAX_THREADS and RUN_TIMEOUT as launch() options; flags go to FLAG_DIR."""
import os
import threading
import time

import niceface as gr

_lock = threading.Lock()


def shout(text):
    with _lock, open(os.environ["RUNS_FILE"], "a") as runs:
        runs.write(text + "\n")
    if text.startswith("slow"):
        while not os.path.exists(os.environ["RELEASE_FILE"]):
            time.sleep(0.01)
    if text == "hang":
        time.sleep(3600)
    return text.upper()


demo = gr.Interface(shout, gr.Textbox(label="text"), gr.Textbox(label="result"),
                    flagging_dir=os.environ.get("FLAG_DIR", "flagged"))

if __name__ == "__main__":
    demo.launch(enable_queue=bool(os.environ.get("QUEUE")), max_threads=int(os.environ.get("MAX_THREADS", "40")),
                run_timeout=float(os.environ["RUN_TIMEOUT"]) if os.environ.get("RUN_TIMEOUT") else None)
