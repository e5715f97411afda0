"""Shared fixtures: serve an app script on a free 127.0.0.1 port; a real Chromium via Playwright."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest

ROOT = Path(__file__).resolve().parent.parent
APPS = Path(__file__).resolve().parent / "apps"
CHROMIUM = os.environ.get("NICEFACE_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream"]


def run_wire(iface: object, payloads: list[object], state: object = None) -> list[object]:
    """What the page and the API do with payloads: a checked wire run through the one door."""
    from niceface.app.core.invoke import Call, invoke
    from niceface.components.limits import Limits
    return invoke(iface, Call(list(payloads), state, limits=Limits())).outputs  # type: ignore[arg-type]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Served:
    """An app script running in its own process on 127.0.0.1; stops itself at teardown."""

    def __init__(self, script: Path, env: dict[str, str] | None = None, cwd: Path | None = None,
                 https: bool = False, umask: int | None = None, preexec: Callable[[], object] | None = None) -> None:
        self.port = free_port()
        self.url = f"{'https' if https else 'http'}://127.0.0.1:{self.port}/"
        self.log = Path(os.environ.get("TMPDIR", "/tmp")) / f"niceface-{script.stem}-{self.port}.log"
        environment = {**os.environ, "NICEFACE_SERVER_PORT": str(self.port), "NICEFACE_INBROWSER": "0",
                       "PYTHONUNBUFFERED": "1", **(env or {})}
        self.process = subprocess.Popen([sys.executable, str(script)], env=environment, cwd=cwd or ROOT,
                                        stdout=self.log.open("w"), stderr=subprocess.STDOUT,
                                        preexec_fn=preexec or (None if umask is None else lambda: os.umask(umask)))
        self._wait()

    def _wait(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"app exited with {self.process.returncode}:\n{self.output()}")
            try:
                if httpx.get(self.url, timeout=2, verify=False).status_code in (200, 401):  # 401: behind a login
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.05)
        self.stop()
        raise RuntimeError(f"app did not answer within {timeout} s:\n{self.output()}")

    def output(self) -> str:
        return self.log.read_text(errors="replace") if self.log.exists() else ""

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


class GradioApp:
    """A real Gradio app (tests/gradio_apps/<name>.py) run from its own virtualenv (made by
    scripts/test.sh; gradio is never a niceface dependency) on 127.0.0.1; ``stop()`` ends it."""

    def __init__(self, name: str, **env: str) -> None:
        python = os.environ.get("NICEFACE_GRADIO_PYTHON")
        if not python or not Path(python).exists():
            pytest.fail("this test needs a Python with gradio: run `bash scripts/test.sh` (it makes "
                        ".venv-gradio) or set NICEFACE_GRADIO_PYTHON")
        port = free_port()
        self.url = f"http://127.0.0.1:{port}/"
        self.log = Path(os.environ.get("TMPDIR", "/tmp")) / f"niceface-gradio-{name}-{port}.log"
        self.process = subprocess.Popen([python, str(Path(__file__).parent / "gradio_apps" / f"{name}.py")],
                                        env={**os.environ, "PORT": str(port), "GRADIO_ANALYTICS_ENABLED": "False", **env},
                                        stdout=self.log.open("w"), stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                pytest.fail(f"the Gradio app exited:\n{self.log.read_text()}")
            try:
                if httpx.get(self.url, timeout=2).status_code == 200:
                    return
            except httpx.TransportError:
                time.sleep(0.2)
        self.stop()
        pytest.fail(f"the Gradio app did not start:\n{self.log.read_text()}")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()


@pytest.fixture
def serve() -> Iterator[Callable[..., Served]]:
    """serve("name") runs tests/apps/name.py (or any script path) and gives its URL."""
    started: list[Served] = []

    def start(script: str | Path, **kwargs: object) -> Served:
        path = Path(script)
        path = path if path.suffix == ".py" else APPS / f"{script}.py"
        served = Served(path, **kwargs)  # type: ignore[arg-type]
        started.append(served)
        return served
    yield start
    for served in started:
        served.stop()


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: object) -> Iterator[object]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture
def new_page(browser: object) -> Iterator[Callable[[], object]]:
    """Pages in separate browser contexts (separate users)."""
    contexts: list[object] = []

    def make() -> object:
        context = browser.new_context(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        return page
    yield make
    for context in contexts:
        context.close()  # type: ignore[attr-defined]


def fill_login(page: object, username: str, password: str) -> None:
    """Type into niceface's login form and press Log in."""
    page.get_by_label("Username").fill(username)  # type: ignore[attr-defined]
    page.get_by_label("Password").fill(password)  # type: ignore[attr-defined]
    page.get_by_role("button", name="Log in").click()  # type: ignore[attr-defined]


def submit_text(page: object, text: str, expected: str) -> None:
    """Type into the "text" input, Submit, and wait until the "result" output reads ``expected``."""
    page.get_by_label("text", exact=True).fill(text)  # type: ignore[attr-defined]
    page.get_by_role("button", name="Submit").click()  # type: ignore[attr-defined]
    page.wait_for_function(  # type: ignore[attr-defined]
        f"document.querySelector('[aria-label=result]')?.value === {expected!r}")


def screenshot(page: object, name: str) -> Path:
    """Save a screenshot under tests/screenshots/ for a person to look at."""
    folder = Path(__file__).resolve().parent / "screenshots"
    folder.mkdir(exist_ok=True)
    path = folder / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)  # type: ignore[attr-defined]
    return path


BROWSER_FIXTURES = {"browser", "page", "new_page"}


def pytest_collection_modifyitems(config: object, items: list[pytest.Item]) -> None:
    """Browser tests last: Playwright's sync API keeps an event loop running in this thread
    for the session, and the asyncio tests need the thread to themselves. A test is a browser
    test by its mark or by the fixtures it asks for (a test that forgot the mark once started
    Playwright early, and every later asyncio.run() failed)."""
    def uses_browser(item: pytest.Item) -> bool:
        fixtures = set(getattr(item, "fixturenames", ()))
        return item.get_closest_marker("browser") is not None or bool(fixtures & BROWSER_FIXTURES)
    items.sort(key=uses_browser)
