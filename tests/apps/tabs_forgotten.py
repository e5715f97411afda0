"""Serve in-process, open three tabs and close them together: their pages go a few seconds
later, and what the pages left in reference cycles is freed by the collection that runs once
THAW_AFTER pages closed (3 here; frozen.py); their tab storages (which NiceGUI makes for every
tab, and keeps 30 days by default) go once older than niceface's TAB_STORAGE_AGE. The
pruner's clock is moved on by that age, so the test need not wait a minute."""
import gc
import sys
import time
import weakref
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from conftest import CHROMIUM, CHROMIUM_ARGS, free_port

import niceface as gr
from niceface.app.serve.host import TAB_STORAGE_AGE
from niceface.app.ui import frozen

frozen.THAW_AFTER = 3


def shout(text):
    return text.upper()


demo = gr.Interface(shout, "text", "text")
port = free_port()
demo.launch(server_port=port, prevent_thread_lock=True, quiet=True)

import importlib  # noqa: E402

from nicegui import Client, app  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

before = set(Client.instances)
with sync_playwright() as playwright:
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    for word in ("one", "two", "three"):
        tab = browser.new_context().new_page()
        tab.goto(f"http://127.0.0.1:{port}/")
        tab.get_by_label("text", exact=True).fill(word)
        tab.get_by_role("button", name="Submit").click()
        tab.wait_for_function(f"document.querySelector('[aria-label=output]')?.value === {word.upper()!r}")
    opened = [Client.instances[id] for id in set(Client.instances) - before]
    pages = [weakref.ref(handler.__self__) for client in opened for handler in client.delete_handlers
             if getattr(handler, "__func__", None) is not None and handler.__func__.__qualname__ == "Page._forget"]
    del opened
    print("pages while open:", len(pages), flush=True)
    print("tab storages while open:", len(app.storage._tabs), flush=True)
    browser.close()


def gone(what, timeout: float = 60) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and not what():
        time.sleep(0.25)
    return what()


print("pages after close:", 0 if gone(lambda: not set(Client.instances) - before) else "some", flush=True)
gone(lambda: frozen.FREEZER.thawing is None)  # set when the third page was deleted, gone once it ran
gc.collect()  # frozen objects are out of its reach: what the thaw froze again stays
print("pages freed after close:", sum(page() is None for page in pages), "of", len(pages), flush=True)


class Later:
    """The pruner's clock, moved on by the storage age (NiceGUI prunes every 10 s)."""

    def __getattr__(self, name):
        return getattr(time, name)

    def time(self):
        return time.time() + TAB_STORAGE_AGE + 1


importlib.import_module("nicegui.app.app").time = Later()  # `nicegui.app` is the App object
print("tab storages after close:", 0 if gone(lambda: not app.storage._tabs) else len(app.storage._tabs), flush=True)
demo.close()
