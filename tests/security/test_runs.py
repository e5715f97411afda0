"""Runs that take long, hang, or lose their caller: nothing piles up, nothing else waits."""
from __future__ import annotations

import threading
import time

import httpx
import pytest
from conftest import APPS


@pytest.fixture
def slow(serve, tmp_path):
    """Start slow_app.py; ``app.runs()`` lists the runs fn made; ``app.release()`` lets "slow" ones end."""
    def start(**env: str):
        app = serve(APPS / "slow_app.py", env={"RUNS_FILE": str(tmp_path / "runs"), "RELEASE_FILE": str(tmp_path / "go"),
                                                "FLAG_DIR": str(tmp_path / "flags"), **env})
        app.runs = lambda: (tmp_path / "runs").read_text().split() if (tmp_path / "runs").exists() else []
        app.release = lambda: (tmp_path / "go").touch()
        return app
    return start


def predict(app, text: str, timeout: float = 60) -> httpx.Response:
    return httpx.post(app.url + "api/predict", json={"data": [text]}, timeout=timeout)


def in_background(call) -> list:
    """Start ``call`` in a thread; the list gets its result (or error) when it ends."""
    outcome: list = []
    threading.Thread(target=lambda: outcome.append(_attempt(call)), daemon=True).start()
    return outcome


def _attempt(call):
    try:
        return call()
    except httpx.HTTPError as error:
        return error


def wait_until(condition, what: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"waited {seconds} s for {what}"
        time.sleep(0.02)


def test_a_caller_that_disconnects_has_its_waiting_run_withdrawn(slow):
    app = slow(QUEUE="1")
    first = in_background(lambda: predict(app, "slow-first"))
    wait_until(lambda: app.runs() == ["slow-first"], "the first run to start")
    gone = in_background(lambda: predict(app, "slow-abandoned", timeout=1))  # gives up after 1 s, disconnects
    wait_until(lambda: gone, "the impatient caller to give up")
    wait_until(lambda: "the run was withdrawn" in app.output(), "the server to notice")
    app.release()
    wait_until(lambda: first, "the first run to end")
    assert first[0].json()["data"] == ["SLOW-FIRST"]
    assert predict(app, "after").json()["data"] == ["AFTER"]
    assert app.runs() == ["slow-first", "after"]  # before the fix: slow-abandoned ran too


def test_a_run_over_run_timeout_is_abandoned_and_the_next_one_is_served(slow):
    app = slow(QUEUE="1", RUN_TIMEOUT="1")
    answer = predict(app, "hang")
    assert answer.status_code == 504 and "took longer than 1 s (run_timeout)" in answer.json()["detail"]
    assert predict(app, "next").json()["data"] == ["NEXT"]  # the hung thread holds no queue place


@pytest.mark.browser
def test_busy_fn_threads_keep_nothing_else_waiting(slow, page):
    """All of the app's fn threads busy: pages load, flags save, and a further run waits its
    turn (it is not refused) and is served as soon as a thread is free."""
    app = slow(MAX_THREADS="2")
    busy = [in_background(lambda n=n: predict(app, f"slow-{n}")) for n in range(2)]
    wait_until(lambda: len(app.runs()) == 2, "both threads to be busy")
    page.goto(app.url)
    page.get_by_label("text").fill("flag me")
    page.get_by_role("button", name="Flag").click()
    page.locator(".q-notification", has_text="Flagged").wait_for()  # before the fix: behind the fns
    assert httpx.get(app.url + "docs", timeout=10).status_code == 200
    waiting = in_background(lambda: predict(app, "third"))
    page.get_by_role("button", name="Submit").click()
    page.locator(".nf-status", has_text="ahead").wait_for()  # the page says why it waits
    assert not waiting and "third" not in app.runs()
    app.release()
    wait_until(lambda: waiting and all(busy), "every run to end")
    assert waiting[0].json()["data"] == ["THIRD"]
    page.wait_for_function("document.querySelector('[aria-label=result]')?.value === 'FLAG ME'")
