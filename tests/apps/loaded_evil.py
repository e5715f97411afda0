"""A niceface app serving a loaded (hostile) Gradio app: EVIL_URL."""
import os

import niceface as gr

demo = gr.load(os.environ["EVIL_URL"])

if __name__ == "__main__":
    demo.launch()
