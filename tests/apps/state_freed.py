"""Serve in-process, open a page, close it, and check by weakref that its state object is freed."""
import gc
import sys
import time
import weakref
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from conftest import CHROMIUM, CHROMIUM_ARGS, free_port

import niceface as gr


class Memory(list):
    """A list that can be weakly referenced."""


refs = []


def keep(word, memory):
    memory = memory if memory is not None else Memory()
    memory.append(word)
    refs.append(weakref.ref(memory))
    return len(memory), memory


demo = gr.Interface(keep, ["text", "state"], ["number", "state"])
port = free_port()
demo.launch(server_port=port, prevent_thread_lock=True, quiet=True)

from playwright.sync_api import sync_playwright  # noqa: E402

with sync_playwright() as playwright:
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    page = browser.new_page()
    page.goto(f"http://127.0.0.1:{port}/")
    for count, word in enumerate(("a", "b"), start=1):
        page.get_by_label("word").fill(word)
        page.get_by_role("button", name="Submit").click()
        page.wait_for_function(f"document.querySelector('[aria-label=output]')?.value == {count}")
    gc.collect()
    print("alive while open:", refs[-1]() is not None, flush=True)
    page.close()
    browser.close()

deadline = time.monotonic() + 20  # the client is deleted a few seconds after its socket closes
while time.monotonic() < deadline and refs[-1]() is not None:
    time.sleep(0.25)
    gc.collect()
print("freed after close:", refs[-1]() is None, flush=True)
demo.close()
