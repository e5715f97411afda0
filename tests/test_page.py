"""The page in a real browser: submit, examples, live mode, errors, uploads, two clients."""
from __future__ import annotations

import base64
import os
import time

import httpx
import pytest
from conftest import APPS, ROOT, screenshot

pytestmark = pytest.mark.browser
DIGIT_3 = ROOT / "examples" / "images" / "digit_3.png"


def output_text(page, label: str) -> str:
    return page.get_by_label(label).input_value()


def test_type_submit_shows_output(serve, page):
    app = serve("text_app")
    page.goto(app.url)
    page.get_by_label("text").fill("quiet words")
    page.get_by_role("button", name="Submit").click()
    page.wait_for_function("document.querySelector('[aria-label=result]')?.value === 'QUIET WORDS'")
    assert output_text(page, "result") == "QUIET WORDS"


def test_example_row_click_fills_input(serve, page):
    app = serve("text_app")
    page.goto(app.url)
    page.locator(".nf-example", has_text="niceface").click()
    page.wait_for_function("document.querySelector('[aria-label=text]')?.value === 'niceface'")
    page.get_by_role("button", name="Submit").click()
    page.wait_for_function("document.querySelector('[aria-label=result]')?.value === 'NICEFACE'")


def test_live_reruns_on_every_change(serve, page):
    app = serve("live_app")
    page.goto(app.url)
    assert page.get_by_role("button", name="Submit").count() == 0
    page.get_by_label("text", exact=True).press_sequentially("abc", delay=50)
    page.wait_for_function("document.querySelector('[aria-label=reversed]')?.value === 'cba'")


def test_fn_error_is_shown_and_page_stays_usable(serve, page):
    app = serve("text_app")
    page.goto(app.url)
    page.get_by_label("text").fill("boom")
    page.get_by_role("button", name="Submit").click()
    error = page.locator(".nf-error")
    error.wait_for(state="visible")
    assert "ValueError: the fn exploded on purpose" in error.inner_text()
    assert "ValueError" in app.output()  # the traceback went to the server log
    page.get_by_label("text").fill("fine")
    page.get_by_role("button", name="Submit").click()
    page.wait_for_function("document.querySelector('[aria-label=result]')?.value === 'FINE'")
    assert not error.is_visible()


def test_slow_page_does_not_block_another(serve, new_page):
    app = serve("text_app")
    slow, fast = new_page(), new_page()
    slow.goto(app.url)
    fast.goto(app.url)
    slow.get_by_label("text").fill("slow")
    fast.get_by_label("text").fill("quick")
    slow.get_by_role("button", name="Submit").click()
    time.sleep(0.2)  # the slow run is under way
    started = time.monotonic()
    fast.get_by_role("button", name="Submit").click()
    fast.wait_for_function("document.querySelector('[aria-label=result]')?.value === 'QUICK'")
    elapsed = time.monotonic() - started
    assert elapsed < 0.9, f"the fast page waited {elapsed:.2f} s behind the slow one"
    assert output_text(slow, "result") == ""  # the slow one is still running
    slow.wait_for_function("document.querySelector('[aria-label=result]')?.value === 'SLOW'")


def test_image_upload_shows_top_classes(serve, page):
    app = serve(ROOT / "examples" / "image_classifier.py")
    page.goto(app.url)
    page.locator("input[type=file]").set_input_files(str(DIGIT_3))
    page.locator("img.nf-image-preview").first.wait_for(state="attached")
    page.get_by_role("button", name="Submit").click()
    page.locator(".nf-label-top", has_text="3").wait_for()
    rows = page.locator(".nf-label-row")
    assert rows.count() == 3  # num_top_classes=3
    assert rows.first.locator(".nf-label-name").inner_text() == "3"
    screenshot(page, "image_classifier")


def test_non_image_upload_is_refused_with_a_message(serve, page, tmp_path):
    """Checked when it arrives (as an API payload would be): a message, and nothing is shown."""
    app = serve(ROOT / "examples" / "image_classifier.py")
    fake = tmp_path / "notes.png"
    fake.write_text("this is not a picture")
    page.goto(app.url)
    page.locator("input[type=file]").set_input_files(str(fake))
    page.locator(".q-notification", has_text="not an image").wait_for()
    assert not page.locator(".nf-image-preview").is_visible()
    page.locator("input[type=file]").set_input_files(str(DIGIT_3))  # still usable
    page.locator(".nf-image-preview").wait_for(state="visible")
    page.get_by_role("button", name="Submit").click()
    page.locator(".nf-label-top", has_text="3").wait_for()


def test_oversized_upload_is_refused(serve, page, tmp_path):
    app = serve("classifier_limited")
    big = tmp_path / "big.png"
    big.write_bytes(DIGIT_3.read_bytes() + os.urandom(40_000))
    page.goto(app.url)
    page.locator("input[type=file]").set_input_files(str(big))
    page.locator(".q-notification", has_text="too large").wait_for()
    # the server refuses it too, whatever the browser does
    payload = "data:image/png;base64," + base64.b64encode(big.read_bytes()).decode()
    response = httpx.post(app.url + "api/predict", json={"data": [payload]})
    assert response.status_code == 413
    assert "20,480 bytes" in response.json()["detail"]
    raw = httpx.post(app.url + "_nicegui/client/x/upload/1", content=b"0" * 200_000,
                     headers={"content-type": "multipart/form-data; boundary=x"})
    assert raw.status_code == 413
    small = "data:image/png;base64," + base64.b64encode(DIGIT_3.read_bytes()).decode()
    assert httpx.post(app.url + "api/predict", json={"data": [small]}).json()["data"][0]["label"] == "3"


def test_parallel_and_series_page_shows_every_member_output(serve, page):
    app = serve(ROOT / "examples" / "parallel_series.py")
    page.goto(app.url)
    page.get_by_label("text", exact=True).fill("red fox runs")
    page.get_by_role("button", name="Submit").click()
    page.wait_for_function("document.querySelector('[aria-label=\"Reversed, then shouted\"]')?.value "
                           "=== 'RUNS FOX RED!'")
    assert output_text(page, "Title case") == "Red Fox Runs"
    assert output_text(page, "Reversed words") == "runs fox red"
    page.wait_for_timeout(400)  # the outputs' labels float up (a Quasar transition)
    screenshot(page, "parallel_series")
    answer = httpx.post(app.url + "api/predict", json={"data": ["a b"]}, timeout=10).json()
    assert answer["data"] == ["A B", "b a", "B A!"]


def test_a_file_goes_in_and_comes_back_for_download(serve, page, tmp_path):
    notes = tmp_path / "notes.txt"
    notes.write_text("twenty-one characters")
    app = serve(APPS / "file_app.py")
    page.goto(app.url)
    page.locator("input[type=file]").set_input_files(str(notes))
    page.locator(".nf-inputs .nf-drop-file", has_text="text/plain · 21 bytes").wait_for()  # the server has it
    page.get_by_role("button", name="Submit").click()
    page.wait_for_function("document.querySelector('[aria-label=result]')?.value.endsWith('bytes')")
    assert page.get_by_label("result").input_value().endswith(".txt: 21 bytes")
    link = page.locator(".nf-outputs .nf-file-link")
    link.wait_for(state="visible")
    href = link.get_attribute("href")
    assert href.startswith("_nf/media/")  # a file of this page's session (tests/test_media.py)
    assert page.request.get(app.url + href).body() == b"twenty-one characters"
