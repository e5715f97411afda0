"""Text in, text out, with the queue on, served for a reverse proxy: ROOT_PATH sets
launch(root_path=...), PROXY_AUTH=1 turns the login on."""
import os

import niceface as gr

demo = gr.Interface(lambda text: text.upper(), gr.Textbox(label="text"), gr.Textbox(label="result"),
                    title="Proxied", allow_flagging="never")

if __name__ == "__main__":
    demo.launch(root_path=os.environ.get("ROOT_PATH", ""), enable_queue=True,
                auth=("admin", "pass1234") if os.environ.get("PROXY_AUTH") == "1" else None)
