"""The queue as people see it: positions, ETA, a full queue, closing and cancelling, the API."""
from __future__ import annotations

import re
import time

import httpx
import pytest
from conftest import APPS, screenshot

pytestmark = pytest.mark.browser


def submit(page, text: str) -> None:
    page.get_by_label("text").fill(text)
    page.get_by_role("button", name="Submit").click()


def result_is(page, value: str, timeout: float = 20_000) -> None:
    page.wait_for_function(f"document.querySelector('[aria-label=result]')?.value === {value!r}", timeout=timeout)


def test_third_page_sees_its_place_and_an_eta(serve, new_page):
    app = serve(APPS / "queue_app.py")
    assert httpx.post(app.url + "api/predict", json={"data": ["warm"]}, timeout=10).json()["data"] == ["WARM"]
    pages = [new_page() for _ in range(3)]
    for page in pages:
        page.goto(app.url)
    for n, page in enumerate(pages):
        submit(page, f"page {n}")
        time.sleep(0.05)
    status = pages[2].locator(".nf-status")
    # read at once: a second later the first job is done and this page is 1st of 1
    status.get_by_text(re.compile(r"In queue: 2nd of 2 · 2 jobs ahead · result in about \d+ s")).wait_for()
    screenshot(pages[2], "queue_waiting")
    for n, page in enumerate(pages):
        result_is(page, f"PAGE {n}")
    assert app.output().count("ran: page") == 3


def test_full_queue_refuses_the_next_job_and_keeps_the_rest(serve, new_page):
    app = serve(APPS / "queue_app.py", env={"QUEUE_MAX_SIZE": "2"})
    pages = [new_page() for _ in range(4)]
    for page in pages:
        page.goto(app.url)
    for n, page in enumerate(pages[:3]):
        submit(page, f"slow job {n}" if n == 0 else f"job {n}")
        time.sleep(0.15)
    submit(pages[3], "job 3")
    error = pages[3].locator(".nf-error")
    error.wait_for(state="visible", timeout=2000)
    assert "queue is full" in error.inner_text()
    response = httpx.post(app.url + "api/predict", json={"data": ["api"]}, timeout=5)
    assert response.status_code == 503 and "queue is full" in response.json()["detail"]
    for n, page in enumerate(pages[:3]):
        result_is(page, f"SLOW JOB {n}" if n == 0 else f"JOB {n}")
    assert "ran: job 3" not in app.output() and "ran: api" not in app.output()


def second_waits(app, new_page, running: str, waiting: str):
    """Two pages: the first's slow job runs, the second's waits first in line."""
    first, second = new_page(), new_page()
    first.goto(app.url)
    second.goto(app.url)
    submit(first, running)
    time.sleep(0.3)
    submit(second, waiting)
    second.locator(".nf-status").get_by_text("1st of 1").wait_for()
    return first, second


def test_closing_a_waiting_page_drops_its_job(serve, new_page):
    app = serve(APPS / "queue_app.py")
    runner, leaver = second_waits(app, new_page, "slow first", "never runs")
    leaver.context.close()
    result_is(runner, "SLOW FIRST")
    time.sleep(1.5)
    assert "ran: never runs" not in app.output()


def test_cancel_removes_a_waiting_job(serve, new_page):
    app = serve(APPS / "queue_app.py")
    first, second = second_waits(app, new_page, "slow one", "cancelled job")
    second.get_by_role("button", name="Cancel").click()
    second.locator(".nf-status").get_by_text("Cancelled").wait_for()
    result_is(first, "SLOW ONE")
    time.sleep(1.5)
    assert "ran: cancelled job" not in app.output()
    assert second.get_by_label("result").input_value() == ""
    submit(second, "after cancel")  # the page is still usable
    result_is(second, "AFTER CANCEL")


def test_api_waits_in_the_same_queue_as_pages(serve, page):
    app = serve(APPS / "queue_app.py")
    page.goto(app.url)
    submit(page, "slow page")
    time.sleep(0.3)
    started = time.monotonic()
    response = httpx.post(app.url + "api/predict", json={"data": ["api call"]}, timeout=30)
    elapsed = time.monotonic() - started
    assert response.json()["data"] == ["API CALL"]
    assert elapsed > 4.5, f"the API call did not wait for the running page job ({elapsed:.1f} s)"
    result_is(page, "SLOW PAGE")
    log = app.output()
    assert log.index("ran: slow page") < log.index("ran: api call")
