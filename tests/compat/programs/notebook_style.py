"""A Gradio 3 style notebook cell: launch without blocking, use the app, then close_all()."""
import httpx

import niceface as gr

demo = gr.Interface(lambda text: text.upper(), "text", "text")
server = demo.launch(prevent_thread_lock=True, quiet=True)
reply = httpx.post(server.url + "api/predict", json={"data": ["hello"]}, timeout=30).json()
print("answered:", reply["data"][0])
gr.close_all()
try:
    httpx.get(server.url, timeout=5)
    print("closed: no, it still answers")
except httpx.TransportError:
    print("closed: the port no longer answers")
