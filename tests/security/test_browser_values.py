"""Critical: a value that came from a browser never reaches an API that takes a path.

The attack: a page with a webcam, sketchpad or microphone input emits a forged ``capture``
event whose value is a server path. Were it handed to ``set_source``, NiceGUI would publish
that file under /_nicegui/auto/... for anyone to GET."""
from __future__ import annotations

import base64
import io

import httpx
import pytest
from attacks import forge
from conftest import APPS
from PIL import Image

pytestmark = pytest.mark.browser
SECRET = "/etc/passwd"


def published(page, app) -> list[str]:
    """Wait until the forged event had its effect (a message, or a published file), then give
    the contents of every server file the page links to."""
    page.wait_for_function("""() => document.querySelector('.q-notification')
        || [...document.querySelectorAll('[src]')].some((e) => e.getAttribute('src').includes('_nicegui/auto'))""")
    links = page.evaluate("""() => [...document.querySelectorAll('[src],[href]')]
        .map((e) => e.getAttribute('src') || e.getAttribute('href') || '')""")
    return [httpx.get(app.url + link.lstrip("/"), timeout=10).text[:60] for link in links if "_nicegui/auto" in link]


@pytest.mark.parametrize("selector", [".nf-capture-webcam", ".nf-capture-canvas"])
def test_a_forged_capture_of_a_server_path_is_refused(serve, page, selector):
    app = serve(APPS / "capture_app.py")
    page.goto(app.url)
    page.locator(selector).wait_for()
    forge(page, selector, "capture", SECRET)
    assert published(page, app) == []  # before the fix: ['root:x:0:0:root:/root:/bin/bash ...']
    page.locator(".q-notification", has_text="data URL").wait_for()
    assert not page.locator(".nf-image-preview").first.is_visible()
    assert "Traceback" not in app.output()


def test_a_forged_recording_of_a_server_path_is_refused(serve, page):
    app = serve(APPS / "microphone_app.py")
    page.goto(app.url)
    page.locator(".nf-capture-microphone").wait_for()
    forge(page, ".nf-capture-microphone", "capture", SECRET)
    assert published(page, app) == []
    page.locator(".q-notification", has_text="data URL").wait_for()


def test_a_forged_capture_of_the_wrong_type_or_too_many_pixels_is_refused(serve, page):
    app = serve(APPS / "capture_app.py")
    page.goto(app.url)
    page.locator(".nf-capture-canvas").wait_for()
    html = "data:text/html;base64," + base64.b64encode(b"<script>alert(1)</script>").decode()
    forge(page, ".nf-capture-canvas", "capture", html)
    page.locator(".q-notification", has_text="text/html").wait_for()
    out = io.BytesIO()
    Image.new("1", (12000, 12000)).save(out, format="PNG")  # 144 megapixels in a few kilobytes
    bomb = "data:image/png;base64," + base64.b64encode(out.getvalue()).decode()
    forge(page, ".nf-capture-canvas", "capture", bomb)
    page.locator(".q-notification", has_text="megapixels").wait_for()
    assert not page.locator(".nf-image-preview").first.is_visible()
    png = io.BytesIO()
    Image.new("RGB", (40, 30), "red").save(png, format="PNG")  # what the canvas really sends still works
    forge(page, ".nf-capture-canvas", "capture", "data:image/png;base64," + base64.b64encode(png.getvalue()).decode())
    page.get_by_role("button", name="Submit").click()
    page.wait_for_function("document.querySelector('[aria-label=result]')?.value.startsWith('no photo; sketch 28x28')")
