"""Several apps in one process, driven from stdin: each line is a command, each answer a line.

    launch NAME [PORT]   launch an Interface titled NAME (prevent_thread_lock), print its URL
    close NAME           close it
    close_all            niceface.close_all()
"""
import sys

import niceface as gr

apps = {}
for line in sys.stdin:
    command, *args = line.split()
    if command == "launch":
        name = args[0]
        apps[name] = gr.Interface(lambda text, name=name: f"{name}: {text}", gr.Textbox(label="text"),
                                  gr.Textbox(label="result"), title=name, allow_flagging="never")
        port = int(args[1]) if len(args) > 1 else None
        _app, local_url, share_url = apps[name].launch(prevent_thread_lock=True, server_port=port, quiet=True)
        assert share_url is None and apps[name].local_url == local_url  # as Gradio's launch() returns
        print(local_url, flush=True)
    elif command == "close":
        apps[args[0]].close()
        print("closed", flush=True)
    elif command == "close_all":
        gr.close_all()
        print("closed all", flush=True)
