"""socketio's client libraries (aiohttp, requests) are not loaded by a niceface server, and
still work for a program that uses socketio's clients."""
from __future__ import annotations

import subprocess
import sys
import textwrap

from conftest import ROOT

SCRIPT = textwrap.dedent("""
    import asyncio, socket, sys
    import niceface as gr
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    demo = gr.Interface(lambda text: text, "text", "text")
    _, url, _ = demo.launch(prevent_thread_lock=True, server_name="127.0.0.1", server_port=port, inbrowser=False)
    loaded = [name for name in ("aiohttp", "requests") if name in sys.modules]
    print("loaded while serving:", loaded, flush=True)

    import engineio  # a program using engineio's asyncio client against the page's socket.io endpoint

    async def handshake() -> str:
        client = engineio.AsyncClient()
        await client.connect(url, engineio_path="/_nicegui_ws/socket.io", transports=["polling"])
        sid = client.sid
        await client.disconnect()
        return sid
    print("engine.io session:", bool(asyncio.run(handshake())), "aiohttp" in sys.modules, flush=True)
    demo.close()
""")


def test_a_server_leaves_socketio_client_libraries_unloaded_and_they_load_on_use():
    done = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "loaded while serving: []" in done.stdout, done.stdout
    assert "engine.io session: True True" in done.stdout, done.stdout + done.stderr[-2000:]
