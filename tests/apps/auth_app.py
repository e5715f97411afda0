"""Text in, text out behind a login, with the queue on and flagging; AUTH_FILE switches from
the built-in pair to a credential file."""
import os

import niceface as gr

demo = gr.Interface(lambda text: text.upper(), gr.Textbox(label="text"), gr.Textbox(label="result"),
                    title="Private <notes>", flagging_dir=os.environ.get("FLAG_DIR", "flagged"))

if __name__ == "__main__":
    auth = os.environ.get("AUTH_FILE") or [("admin", "pass1234"), ("ann", "correct horse")]
    demo.launch(auth=auth, auth_message="<b>Team</b> only: ask Ann for an account.",
                enable_queue=True, concurrency_count=2)
