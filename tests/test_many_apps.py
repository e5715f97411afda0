"""Many apps per process: two Interfaces launched at once on two ports both serve their own
page and API; close() stops one only; launch() after close() serves again (the same port or
another); close_all() stops them all. And in a Jupyter kernel (nbclient), launch() returns at
once and shows the app inline; running the cell again replaces the app."""
from __future__ import annotations

import os
import subprocess
import sys

import httpx
import nbformat
import pytest
from conftest import APPS, ROOT, submit_text
from nbclient import NotebookClient


class Driver:
    """tests/apps/many_apps.py in a process of its own, one command at a time."""

    def __init__(self) -> None:
        self.process = subprocess.Popen([sys.executable, str(APPS / "many_apps.py")], stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, text=True, cwd=ROOT,
                                        env={**os.environ, "NICEFACE_INBROWSER": "0"})

    def __call__(self, command: str) -> str:
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write(command + "\n")
        self.process.stdin.flush()
        answer = self.process.stdout.readline().strip()
        assert answer, f"{command}: the process ended"
        return answer

    def stop(self) -> None:
        self.process.kill()
        self.process.wait()


@pytest.fixture
def driver():
    started = Driver()
    yield started
    started.stop()


def predict(url: str, text: str) -> str:
    return httpx.post(url + "api/predict", json={"data": [text]}, timeout=30).json()["data"][0]


def refused(url: str) -> bool:
    try:
        httpx.get(url + "healthz", timeout=5)
    except httpx.TransportError:
        return True
    return False


@pytest.mark.browser
def test_two_apps_in_one_process_serve_their_own_pages_and_close_one_at_a_time(driver, page):
    first, second = driver("launch First"), driver("launch Second")
    assert first != second
    assert predict(first, "a") == "First: a" and predict(second, "b") == "Second: b"
    for url, name in ((first, "First"), (second, "Second")):
        page.goto(url)
        page.get_by_text(name, exact=True).first.wait_for()
        assert page.title() == name
        submit_text(page, "hi", f"{name}: hi")
    assert driver("close First") == "closed"
    assert refused(first) and predict(second, "still") == "Second: still"
    port = first.rsplit(":", 1)[1].strip("/")
    assert driver(f"launch Third {port}") == first  # the same port, another app
    assert predict(first, "c") == "Third: c"
    page.goto(first)
    submit_text(page, "again", "Third: again")
    assert driver("close_all") == "closed all"
    assert refused(first) and refused(second)


CELL = """import niceface as gr
demo = gr.Interface(lambda text: "{title}: " + text, "text", "text", title="{title}")
print("launching")
demo.launch()"""


@pytest.mark.browser
def test_in_a_notebook_launch_shows_the_app_inline_and_running_the_cell_again_replaces_it(page):
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(CELL.format(title="First"))])
    client = NotebookClient(notebook, kernel_name="python3", timeout=120, resources={"metadata": {"path": str(ROOT)}})
    with client.setup_kernel():
        client.execute_cell(notebook.cells[0], 0)
        outputs = notebook.cells[0].outputs
        shown = [o for o in outputs if o.output_type == "display_data"]
        assert shown and "<iframe" in shown[0].data["text/html"]
        assert any("launching" in o.get("text", "") for o in outputs)  # and the cell ended: launch() did not block
        url = shown[0].data["text/html"].split('src="', 1)[1].split('"', 1)[0]
        assert predict(url, "x") == "First: x"
        assert not any("Server" in o.get("data", {}).get("text/plain", "") for o in outputs)  # no object shown
        page.set_content(shown[0].data["text/html"])  # the frame, in a page of another origin, as Jupyter's
        page.frame_locator("iframe").get_by_text("First", exact=True).first.wait_for()  # it may be framed
        notebook.cells[0].source = CELL.format(title="Second")  # the cell, edited and run again
        client.execute_cell(notebook.cells[0], 0)
        again = [o for o in notebook.cells[0].outputs if o.output_type == "display_data"]
        assert url in again[0].data["text/html"]  # the same address ...
        assert predict(url, "y") == "Second: y"  # ... now serves the new app
