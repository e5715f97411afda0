"""A 1-second fn behind a queue with one worker; "slow…" texts take 5 s. Prints each run."""
import os
import time

import niceface as gr


def work(text: str) -> str:
    print(f"ran: {text}", flush=True)
    time.sleep(5 if text.startswith("slow") else 1)
    return text.upper()


demo = gr.Interface(work, gr.Textbox(label="text"), gr.Textbox(label="result"))

if __name__ == "__main__":
    max_size = os.environ.get("QUEUE_MAX_SIZE")
    demo.launch(enable_queue=True, concurrency_count=1, max_size=int(max_size) if max_size else None)
