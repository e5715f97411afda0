"""A Gradio 3 style program: an Interface mounted in the program's own FastAPI app."""
import os

import uvicorn
from fastapi import FastAPI

import niceface as gr

app = FastAPI()


@app.get("/")
def home():
    return {"message": "This is the host app"}


demo = gr.Interface(lambda text: text.swapcase(), gr.Textbox(label="text"), gr.Textbox(label="swapped"),
                    allow_flagging="never")
app = gr.mount_gradio_app(app, demo, path="/tools")

if __name__ == "__main__":
    uvicorn.run(app, host="127.0.0.1", port=int(os.environ.get("NICEFACE_SERVER_PORT", "8000")))
