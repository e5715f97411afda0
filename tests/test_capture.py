"""Webcam snapshots (Chromium's fake camera) and sketches drawn with the mouse reach fn."""
from __future__ import annotations

import re

import pytest
from conftest import APPS, screenshot

pytestmark = pytest.mark.browser


def test_webcam_snapshot_and_sketch_reach_fn(serve, page):
    app = serve(APPS / "capture_app.py")
    page.goto(app.url)
    page.wait_for_function("document.querySelector('.nf-capture-webcam video')?.videoWidth > 0")
    page.get_by_role("button", name="Capture").click()
    page.locator("img.nf-image-preview").first.wait_for(state="visible")
    page.wait_for_timeout(300)  # the layout settles before we draw
    canvas = page.locator(".nf-capture-canvas canvas")
    canvas.scroll_into_view_if_needed()
    box = canvas.bounding_box()
    page.mouse.move(box["x"] + 40, box["y"] + 40)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] - 40, box["y"] + box["height"] - 40, steps=12)
    page.mouse.up()
    page.wait_for_timeout(300)
    page.get_by_role("button", name="Submit").click()
    page.wait_for_function("document.querySelector('[aria-label=result]')?.value.startsWith('photo')")
    result = page.get_by_label("result").input_value()
    match = re.fullmatch(r"photo (\d+)x(\d+); sketch 28x28 ink (\d+)", result)
    assert match, result
    assert int(match.group(1)) > 0 and int(match.group(3)) > 5  # a real frame; the stroke left ink
    screenshot(page, "capture")


def test_microphone_recording_reaches_fn_as_samples(serve, page):
    """Chromium's fake microphone plays a beep; recorded for ~1.5 s it arrives as WAV samples."""
    app = serve(APPS / "microphone_app.py")
    page.goto(app.url)
    page.get_by_role("button", name="Record from microphone").click()
    page.get_by_role("button", name="Stop recording").wait_for()
    page.wait_for_timeout(1500)
    page.get_by_role("button", name="Stop recording").click()
    page.locator(".nf-audio audio, audio").first.wait_for(state="attached")
    page.get_by_role("button", name="Submit").click()
    page.wait_for_function("document.querySelector('[aria-label=result]')?.value.startsWith('rate')")
    result = page.get_by_label("result").input_value()
    match = re.fullmatch(r"rate (\d+); ([\d.]+) s; peak (\d+)", result)
    assert match, result
    assert int(match.group(1)) >= 8000 and 1.0 <= float(match.group(2)) <= 3.0
    assert int(match.group(3)) > 1000  # the fake device's beep, not silence
