"""Gradio 3.50's constructor arguments that change what a person sees or what fn gets, in
Chromium: drawing a mask, streaming a webcam and a microphone into a live Interface, info
lines, hidden labels, a multiselect, bounds, a legend, a coloured label, Markdown chat
messages (with HTML kept as text), a copy button; sound files besides WAV."""
from __future__ import annotations

import io

import numpy as np
import pytest
from drive import answer, data_url, predict, run, submit
from playwright.sync_api import expect

import niceface as gr

pytestmark = pytest.mark.browser


def test_drawing_a_mask_on_an_uploaded_picture_gives_fn_the_mask(page, tmp_path):
    from PIL import Image
    picture = tmp_path / "grey.png"
    Image.new("RGB", (200, 100), (128, 128, 128)).save(picture)
    app = run("drawing")
    try:
        page.goto(app.url)
        page.locator("input[type=file]").set_input_files(str(picture))
        strokes = page.locator("canvas.nf-capture-strokes")
        expect(strokes).to_be_visible()
        box = strokes.bounding_box()
        page.mouse.move(box["x"] + 5, box["y"] + box["height"] / 2)
        page.mouse.down()
        page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2, steps=10)
        page.mouse.up()
        submit(page)
        page.wait_for_function("/^200x100, \\d+% masked$/.test(document.querySelector('[aria-label=result]').value)")
        share = int(page.get_by_label("result", exact=True).input_value().split(", ")[1].split("%")[0])
        assert 5 <= share <= 40, share  # a stroke 20 px wide across half the picture
        page.get_by_role("button", name="Clear drawing").click()
        submit(page)
        expect(page.get_by_label("result", exact=True)).to_have_value("200x100, 0% masked")
    finally:
        app.stop()


def test_the_mask_api_takes_an_image_and_a_mask(tmp_path):
    from PIL import Image
    app = run("drawing")
    try:
        picture, mask = tmp_path / "p.png", tmp_path / "m.png"
        Image.new("RGB", (10, 10), "white").save(picture)
        drawn = Image.new("RGB", (10, 10), "black")
        drawn.paste((255, 255, 255), (0, 0, 5, 10))
        drawn.save(mask)
        assert answer(app, {"image": data_url(picture), "mask": data_url(mask)}) == ["10x10, 50% masked"]
        assert predict(app, {"image": data_url(picture), "mask": "/etc/passwd"}).status_code == 422
        assert predict(app, {"image": data_url(picture), "extra": 1}).status_code == 422
    finally:
        app.stop()


def test_a_streaming_webcam_feeds_a_live_interface_frame_after_frame(page):
    app = run("streaming")
    try:
        page.goto(app.url)
        page.wait_for_function("/^frame \\d+: \\d+x\\d+$/.test(document.querySelector('[aria-label=seen]').value)")
        first = int(page.get_by_label("seen", exact=True).input_value().split()[1].rstrip(":"))
        page.wait_for_function(f"parseInt(document.querySelector('[aria-label=seen]').value.split(' ')[1]) > {first}")
    finally:
        app.stop()


def test_a_streaming_microphone_sends_chunks_that_fn_adds_up(page):
    app = run("streaming", WHICH="microphone")
    try:
        page.goto(app.url)
        page.get_by_role("button", name="Record from microphone").click()
        page.wait_for_function("parseInt(document.querySelector('[aria-label=heard]').value) > 0")
        first = int(page.get_by_label("heard", exact=True).input_value().split()[0])
        page.wait_for_function(f"parseInt(document.querySelector('[aria-label=heard]').value) > {first}")
        page.get_by_role("button", name="Stop recording").click()
    finally:
        app.stop()


def test_constructor_arguments_show_on_the_page(page):
    app = run("widgets_gradio3")
    try:
        page.goto(app.url)
        expect(page.get_by_text("A few words")).to_be_visible()  # info=
        expect(page.get_by_label("text", exact=True)).to_be_focused()  # autofocus=
        assert page.locator(".nf-radio .nf-field-label").count() == 0  # show_label=False
        expect(page.locator(".qty")).to_be_visible()  # elem_classes=
        page.get_by_label("text", exact=True).fill("tiny enormous gigantic cat")
        page.get_by_label("colours").click()
        page.get_by_role("option", name="blue").click()
        page.keyboard.press("Escape")
        submit(page)
        chat = page.locator(".nf-chat")
        expect(chat.locator("strong")).to_have_text("low")  # Markdown
        expect(chat).to_contain_text("red, blue")
        expect(chat).to_contain_text("<script>alert(1)</script>")  # shown as text, never run
        assert chat.evaluate("e => getComputedStyle(e).maxHeight") == "200px"
        marks = page.locator(".nf-highlighted mark")
        expect(marks).to_have_count(3)  # "enormous gigantic" combined
        expect(marks.nth(1)).to_have_text("enormous gigantic")
        expect(page.locator(".nf-highlight-legend .nf-legend-key")).to_have_count(2)
        assert page.locator(".nf-label-top").evaluate("e => getComputedStyle(e).color") == "rgb(21, 128, 61)"
        page.get_by_role("button", name="Copy").click()
        expect(page.get_by_text("Copied")).to_be_visible()
    finally:
        app.stop()


def test_numbers_outside_their_bounds_are_refused():
    app = run("widgets_gradio3")
    try:
        refused = predict(app, "a", "low", [], 11)
        assert refused.status_code == 422 and "11 is above the maximum, 10" in refused.json()["detail"]
        assert predict(app, "a", "low", ["red", "blue"], 4).status_code == 200
    finally:
        app.stop()


@pytest.mark.parametrize("format_", ["MP3", "OGG", "FLAC"])
def test_sound_files_besides_wav_are_read(format_):
    import soundfile
    rate = 16000
    samples = (np.sin(np.linspace(0, 2 * np.pi * 300, rate)) * 0.5).astype(np.float32)
    buffer = io.BytesIO()
    soundfile.write(buffer, samples, rate, format=format_)
    mime = {"MP3": "audio/mpeg", "OGG": "audio/ogg", "FLAC": "audio/flac"}[format_]
    import base64
    url = f"data:{mime};base64," + base64.b64encode(buffer.getvalue()).decode()
    got_rate, got = gr.Audio().preprocess(url)
    assert got_rate == rate and abs(len(got) - rate) < rate * 0.1 and got.dtype == np.int16
