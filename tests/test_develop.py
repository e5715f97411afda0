"""`niceface run app.py`: edit, save, see. Real processes (the supervisor and its children) on
127.0.0.1, a real Chromium; every wait is for a condition, with room for a busy machine."""
from __future__ import annotations

import contextlib
import os
import re
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest
from conftest import free_port

from niceface.app.develop import find
from niceface.exceptions import ConfigurationError

WAIT = 30.0  # seconds: generous, for a busy 2-core machine; a healthy reload takes well under one


def app_source(title: str, body: str, *, launch: str = "", css: str = "") -> str:
    """An app file whose fn returns ``body`` (an expression of ``text``)."""
    css_option = f", css={css!r}" if css else ""
    return textwrap.dedent(f"""\
        import niceface as gr

        def fn(text):
            return {body}

        demo = gr.Interface(fn, gr.Textbox(label="text"), gr.Textbox(label="result"), title={title!r}{css_option})
        """) + launch


class Running:
    """A command (``niceface run …`` or ``python app.py``) in its own process group, stopped
    with all its children at teardown."""

    def __init__(self, command: list[str], cwd: Path, env: dict[str, str] | None = None) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self.log = cwd / "terminal.log"
        temp = cwd / ".tmp"  # the supervisor's own folder, left behind only when it is killed
        temp.mkdir(exist_ok=True)
        environment = {**os.environ, "NICEFACE_INBROWSER": "0", "PYTHONUNBUFFERED": "1", "TMPDIR": str(temp),
                       **(env or {})}
        command = [part.replace("{port}", str(self.port)) for part in command]
        self.process = subprocess.Popen(command, cwd=cwd, env=environment, stdout=self.log.open("w"),
                                        stderr=subprocess.STDOUT, start_new_session=True)

    def terminal(self) -> str:
        return self.log.read_text(errors="replace")

    def get(self, path: str = "") -> httpx.Response | None:
        try:
            return httpx.get(self.url + path, timeout=5)
        except httpx.HTTPError:
            return None

    def wait_for(self, condition: Callable[[], object], what: str) -> None:
        """Poll ``condition`` until true; fail with the terminal's text after WAIT seconds."""
        deadline = time.monotonic() + WAIT
        while not condition():
            if self.process.poll() is not None:
                pytest.fail(f"the command exited ({self.process.returncode}) waiting for {what}:\n{self.terminal()}")
            if time.monotonic() > deadline:
                pytest.fail(f"no {what} within {WAIT} s:\n{self.terminal()}")
            time.sleep(0.05)

    def wait_for_page(self, text: str) -> str:
        found: list[str] = []

        def shows() -> bool:
            answer = self.get()
            found[:] = [answer.text] if answer is not None and text in answer.text else []
            return bool(found)
        self.wait_for(shows, f"page showing {text!r}")
        return found[0]

    def wait_for_style(self, text: str) -> None:
        """Until the stylesheet the page links to has ``text`` in it."""
        def styled() -> bool:
            page = self.get()
            link = re.search(r'href="/(_niceface/css/[0-9a-f]+\.css)"', page.text) if page is not None else None
            sheet = self.get(link.group(1)) if link is not None else None
            return sheet is not None and text in sheet.text
        self.wait_for(styled, f"stylesheet with {text!r}")

    def boot_id(self) -> str | None:
        answer = self.get("_niceface/boot")
        return answer.text if answer is not None and answer.status_code == 200 else None

    def wait_for_gone(self) -> None:
        """Until no process of the group is left and the port answers no more."""
        def gone() -> bool:
            try:
                os.killpg(self.process.pid, 0)
            except ProcessLookupError:
                return self.get() is None
            return False
        deadline = time.monotonic() + WAIT
        while not gone():
            if time.monotonic() > deadline:
                pytest.fail(f"processes left after {WAIT} s:\n{self.terminal()}")
            time.sleep(0.05)

    def stop(self) -> None:
        """SIGTERM to the group (the supervisor stops its children), then SIGKILL to what is left."""
        try:
            os.killpg(self.process.pid, signal.SIGTERM)
        except ProcessLookupError:
            return
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(timeout=15)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()


@pytest.fixture
def run(tmp_path: Path) -> Iterator[Callable[..., Running]]:
    """run("--no-reload") runs `niceface run app.py --port P …` in tmp_path (app.py written first)."""
    started: list[Running] = []

    def start(*options: str, command: list[str] | None = None, env: dict[str, str] | None = None) -> Running:
        command = command or [sys.executable, "-m", "niceface.cli", "run", "app.py", "--port", "{port}", *options]
        running = Running(command, tmp_path, env)
        started.append(running)
        return running
    yield start
    for running in started:
        running.stop()


@pytest.mark.browser
def test_a_save_shows_the_new_title_and_fn_in_the_open_tab_and_a_bad_save_its_error(run, tmp_path, page):
    app = tmp_path / "app.py"
    app.write_text(app_source("Version one", "text.upper()", launch="demo.launch()\n"))  # a launch() in the file
    served = run()
    served.wait_for_page("Version one")
    page.goto(served.url)
    page.get_by_text("Version one").first.wait_for()
    submit(page, "hello", "HELLO")

    app.write_text(app_source("Version two", "text[::-1]"))  # no launch() at all
    page.get_by_text("Version two").first.wait_for(timeout=WAIT * 1000)  # the tab reloaded by itself
    submit(page, "hello", "olleh")

    app.write_text(app_source("Version three", "text[::-1]") + "def broken(:\n")
    page.get_by_text("SyntaxError").wait_for(timeout=WAIT * 1000)
    assert "app.py failed to load" in page.content()
    served.wait_for(lambda: "SyntaxError" in served.terminal(), "traceback in the terminal")

    app.write_text(app_source("Version three", "text + '!'"))
    page.get_by_text("Version three").first.wait_for(timeout=WAIT * 1000)
    submit(page, "hello", "hello!")
    assert served.process.poll() is None


def submit(page: object, text: str, expected: str) -> None:
    page.get_by_label("text", exact=True).fill(text)  # type: ignore[attr-defined]
    page.get_by_role("button", name="Submit").click()  # type: ignore[attr-defined]
    page.wait_for_function(  # type: ignore[attr-defined]
        f"document.querySelector('[aria-label=result]')?.value === {expected!r}", timeout=WAIT * 1000)


def test_an_exception_at_import_is_served_with_its_traceback_and_the_next_save_recovers(run, tmp_path):
    app = tmp_path / "app.py"
    app.write_text(app_source("Fine", "text") + "raise RuntimeError('the model file is missing')\n")
    served = run()
    page = served.wait_for_page("the model file is missing")
    assert "Traceback" in page and "app.py" in page and served.get().status_code == 500
    assert "_niceface/boot" in page  # it reloads itself when the app is back
    assert "the model file is missing" in served.terminal()
    failed = served.boot_id()

    (tmp_path / "helper.py").write_text("WORD = 'from a module beside it'\n")
    app.write_text("from helper import WORD\n" + app_source("Fine", "WORD"))
    served.wait_for_page("Fine")
    assert served.boot_id() not in (None, failed)


def test_a_save_of_a_module_beside_the_app_reloads_it(run, tmp_path):
    (tmp_path / "words.py").write_text("TITLE = 'First words'\n")
    (tmp_path / "app.py").write_text("from words import TITLE\n" + app_source("x", "text").replace("'x'", "TITLE"))
    served = run()
    served.wait_for_page("First words")
    (tmp_path / "words.py").write_text("TITLE = 'Second words'\n")
    served.wait_for_page("Second words")


def test_a_css_file_given_to_css_is_watched_even_outside_the_apps_folder(run, tmp_path):
    styles = tmp_path.parent / f"{tmp_path.name}-styles"
    styles.mkdir()
    look = styles / "look.css"
    look.write_text(".nf-submit { color: rgb(1, 2, 3); }\n")
    (tmp_path / "app.py").write_text(app_source("Styled", "text", css=str(look)))
    served = run()
    served.wait_for_style("rgb(1, 2, 3)")
    served.wait_for(lambda: "look.css too" in served.terminal(), "the css= file watched")
    look.write_text(".nf-submit { color: rgb(4, 5, 6); }\n")
    served.wait_for_style("rgb(4, 5, 6)")


def test_no_reload_serves_at_the_commands_port_once_despite_launch_in_the_file(run, tmp_path):
    elsewhere = free_port()
    (tmp_path / "app.py").write_text(app_source("Once", "text", launch=f"demo.launch(server_port={elsewhere})\n"))
    served = run("--no-reload")
    served.wait_for_page("Once")
    assert "_niceface/boot" not in served.get().text
    assert served.boot_id() is None
    with pytest.raises(httpx.HTTPError):
        httpx.get(f"http://127.0.0.1:{elsewhere}/", timeout=2)


def test_name_chooses_the_interface(run, tmp_path):
    (tmp_path / "app.py").write_text(app_source("First", "text")
                                     + "second = gr.Interface(fn, 'text', 'text', title='Second')\n")
    served = run("--name", "second")
    served.wait_for_page("Second")


def test_nicegui_reload_env_reloads_python_app_py(run, tmp_path):
    app = tmp_path / "app.py"
    guarded = "if __name__ == '__main__':\n    demo.launch(server_port=int(__import__('sys').argv[1]))\n"
    app.write_text(app_source("Plain run", "text", launch=guarded))
    served = run(command=[sys.executable, "app.py", "{port}"], env={"NICEFACE_RELOAD": "1"})
    served.wait_for_page("Plain run")
    first = served.boot_id()
    app.write_text(app_source("Plain run, edited", "text", launch=guarded))
    served.wait_for_page("Plain run, edited")
    assert served.boot_id() not in (None, first)


def test_launch_without_the_switch_has_no_reload(serve):
    served = serve("text_app")
    assert "_niceface/boot" not in httpx.get(served.url).text
    assert httpx.get(served.url + "_niceface/boot").status_code == 404


def test_find_takes_gradios_names_then_the_only_interface():
    import niceface as gr
    one, two = gr.Interface(str, "text", "text"), gr.Interface(str, "text", "text")
    assert find({"io": one, "x": 1}, None, "app.py") is one
    assert find({"mine": two}, None, "app.py") is two
    assert find({"demo": one, "mine": two}, "mine", "app.py") is two
    with pytest.raises(ConfigurationError, match="several Interfaces"):
        find({"a": one, "b": two}, None, "app.py")
    with pytest.raises(ConfigurationError, match="no Interface at module level"):
        find({"app": "a FastAPI app, say"}, None, "app.py")
    with pytest.raises(ConfigurationError, match="no Interface named 'other'"):
        find({"demo": one}, "other", "app.py")


def test_ctrl_c_stops_the_supervisor_and_its_children(run, tmp_path):
    (tmp_path / "app.py").write_text(app_source("Stop me", "text"))
    served = run()
    served.wait_for_page("Stop me")
    os.killpg(served.process.pid, signal.SIGINT)  # what Ctrl+C in the terminal does
    assert served.process.wait(timeout=WAIT) == 0
    served.wait_for_gone()
    assert "Traceback" not in served.terminal()


def test_children_end_when_the_supervisor_is_killed(run, tmp_path):
    (tmp_path / "app.py").write_text(app_source("Orphan", "text"))
    served = run()
    served.wait_for_page("Orphan")
    served.process.kill()  # only the supervisor, without a chance to clean up
    served.process.wait()
    served.wait_for_gone()


def test_no_reload_exits_with_the_traceback_when_the_file_fails(run, tmp_path):
    (tmp_path / "app.py").write_text("import niceface as gr\nraise ValueError('no model')\n")
    served = run("--no-reload")
    assert served.process.wait(timeout=WAIT) == 1
    assert "ValueError: no model" in served.terminal()


def test_run_names_a_missing_file(tmp_path, capsys):
    from niceface.cli import main
    assert main(["run", str(tmp_path / "nope.py")]) == 1
    assert "no app file" in capsys.readouterr().err
