"""launch(native=True): once the page in the desktop window is connected, read its title through
the window's own JavaScript, record it in MARKER, and close the window (which stops the app)."""
import os
import threading
import time

from nicegui import app, ui

import niceface as gr

demo = gr.Interface(lambda text: text.upper(), "text", "text", title="Native window")


async def connected(client) -> None:
    with client:
        title = await ui.run_javascript("document.title + ' | ' + document.querySelector('.nf-title').innerText")
    with open(os.environ["MARKER"], "a") as marker:
        marker.write(f"{title}\n")

    def close() -> None:
        time.sleep(0.5)
        import webview
        for window in list(webview.windows):
            window.destroy()
    threading.Thread(target=close, daemon=True).start()


app.on_connect(connected)

if __name__ == "__main__":
    demo.launch(native=True)
    print("the window closed; launch() returned", flush=True)
