"""A login-guarded text app for the attack tests. The auth callable counts the password checks
it is asked for (one line per check in COUNT_FILE), so a test sees how many guesses were
hashed; with AUTH_FILE the users come from a credential file instead. Forwarded headers are
believed only as FORWARDED_ALLOW_IPS says (unset: from nobody)."""
import os
import threading

import niceface as gr

_lock = threading.Lock()


def check(username, password):
    with _lock, open(os.environ["COUNT_FILE"], "a") as count:
        count.write(f"{username}\n")
    return (username, password) in {("admin", "pass1234"), ("ann", "correct horse")}


def shout(text):
    with open(os.environ["RUNS_FILE"], "a") as runs:  # which runs fn really made
        runs.write(f"{text}\n")
    return text.upper()


demo = gr.Interface(shout, gr.Textbox(label="text"), gr.Textbox(label="result"), allow_flagging="never")

if __name__ == "__main__":
    demo.launch(auth=os.environ.get("AUTH_FILE") or check, allow_embedding=bool(os.environ.get("EMBED")))
