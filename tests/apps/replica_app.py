"""One replica of a team app: text in, text out with the replica's name (REPLICA), behind the
credential file AUTH_FILE, the queue on (docs/deploy.md's replicas)."""
import os

import niceface as gr

demo = gr.Interface(lambda text: f"{text.upper()} from {os.environ.get('REPLICA', '?')}", gr.Textbox(label="text"),
                    gr.Textbox(label="result"), title="Team tool", allow_flagging="never")

if __name__ == "__main__":
    demo.launch(auth=os.environ["AUTH_FILE"], enable_queue=True)
