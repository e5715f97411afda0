"""A real Gradio app that loads a niceface app (NICEFACE_URL) the way gr.load loads a Space
(gradio.external.from_spaces_blocks: gradio_client, then Blocks.from_config) and serves it on PORT."""
import os

from gradio.external import from_spaces_blocks

demo = from_spaces_blocks(os.environ["NICEFACE_URL"], None)

if __name__ == "__main__":
    demo.launch(server_name="127.0.0.1", server_port=int(os.environ["PORT"]))
