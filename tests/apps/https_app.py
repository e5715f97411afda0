"""Served over https (a test certificate), behind a login, with its own favicon."""
import os

import niceface as gr

demo = gr.Interface(lambda text: text.upper(), gr.Textbox(label="text"), gr.Textbox(label="result"),
                    title="Secure", allow_flagging="never")

if __name__ == "__main__":
    demo.launch(ssl_keyfile=os.environ["KEY"], ssl_certfile=os.environ["CERT"], favicon_path=os.environ["FAVICON"],
                auth=("admin", "pass1234"))
