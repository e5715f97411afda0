"""The page as people use it, in Chromium: interpretation that never shows a stale or misplaced
overlay, pictures never cropped, readable colours, the keys and controls people expect."""
from __future__ import annotations

import base64
import io

import httpx
import pytest
from conftest import APPS, ROOT, screenshot
from PIL import Image

pytestmark = pytest.mark.browser
DESKTOP, PHONE = {"width": 1280, "height": 900}, {"width": 390, "height": 844}
DIGITS = ROOT / "examples" / "image_classifier_interpretation.py"

#: the rectangle an <img> really paints, from its box, its natural size and its object-fit
PAINTED = """(img) => {
  const box = img.getBoundingClientRect(), fit = getComputedStyle(img).objectFit;
  const ratio = img.naturalWidth / img.naturalHeight;
  let width = box.width, height = box.height;
  if (fit === 'contain' || fit === 'scale-down') {
    if (box.width / box.height > ratio) width = box.height * ratio; else height = box.width / ratio;
  } else if (fit === 'cover') {
    if (box.width / box.height > ratio) height = box.width / ratio; else width = box.height * ratio;
  }
  return {x: box.x + (box.width - width) / 2, y: box.y + (box.height - height) / 2, width, height,
          ratio, shownRatio: box.width / box.height, fit};
}"""


def picture(tmp_path, name: str, size: tuple[int, int]):
    path = tmp_path / f"{name}.png"
    image = Image.new("RGB", size, "white")
    for x in range(size[0] // 2):  # a dark left half: something to explain
        for y in range(size[1]):
            image.putpixel((x, y), (20, 20, 20))
    image.save(path)
    return path


def heatmap_drawn(page) -> None:
    page.get_by_role("button", name="Interpret").click()
    page.locator("img.nf-interpretation-heatmap").wait_for()


# ---- interpretation: overlays only while their input is unchanged --------------------------

def test_an_overlay_goes_away_as_soon_as_its_input_changes(serve, page, tmp_path):
    app = serve(DIGITS)
    page.goto(app.url)
    page.locator(".nf-example").nth(1).click()  # a 3
    heatmap_drawn(page)
    page.locator(".nf-label-top", has_text="3").wait_for()
    assert page.locator(".nf-legend").is_visible()
    page.locator(".nf-example").nth(2).click()  # a 7: the 3's heatmap must not stay over it
    page.locator("img.nf-interpretation-heatmap").wait_for(state="detached")
    assert page.locator(".nf-legend").count() == 0
    heatmap_drawn(page)
    page.get_by_role("button", name="Clear", exact=True).click()
    page.locator("img.nf-interpretation-heatmap").wait_for(state="detached")
    assert page.locator(".nf-legend").count() == 0
    page.locator("input[type=file]").set_input_files(str(ROOT / "examples" / "images" / "digit_0.png"))
    page.locator("img.nf-image-preview").first.wait_for(state="visible")
    assert page.locator("img.nf-interpretation-heatmap").count() == 0  # the old one never comes back


def test_interpret_after_an_edit_explains_and_predicts_the_new_text(serve, page):
    app = serve(ROOT / "examples" / "gender_sentence_default_interpretation.py")
    page.goto(app.url)
    page.get_by_role("button", name="Interpret").click()
    page.locator(".nf-interpretation-text").wait_for()
    page.locator(".nf-label-top", has_text="female").wait_for()
    page.get_by_role("textbox").first.fill("He went to his house to get his keys.")
    page.locator(".nf-interpretation-text").wait_for(state="detached")  # typing removed it
    page.get_by_role("button", name="Interpret").click()
    page.locator(".nf-label-top", has_text="male").wait_for()  # the prediction follows the edit
    page.locator(".nf-interpretation-text", has_text="He went").wait_for()
    assert page.locator(".nf-label-top").inner_text() == "male"


# ---- pictures: never cropped or distorted; heatmaps exactly on them --------------------------

@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
@pytest.mark.parametrize("size", [(128, 128), (400, 120), (90, 300)], ids=["square", "wide", "tall"])
def test_the_heatmap_covers_exactly_the_painted_picture(serve, browser, tmp_path, size, viewport):
    app = serve(APPS / "pictures_app.py")
    page = browser.new_page(viewport=viewport)
    page.set_default_timeout(30_000)
    page.goto(app.url)
    page.locator("input[type=file]").set_input_files(str(picture(tmp_path, "p", size)))
    page.locator("img.nf-image-preview").first.wait_for(state="visible")
    heatmap_drawn(page)
    shown = page.locator(".nf-inputs img.nf-image-preview").evaluate(PAINTED)
    heat = page.locator("img.nf-interpretation-heatmap").bounding_box()
    for key in ("x", "y", "width", "height"):
        assert abs(shown[key] - heat[key]) <= 1.0, (key, shown, heat)
    assert abs(shown["ratio"] - size[0] / size[1]) < 0.01 and abs(shown["shownRatio"] - shown["ratio"]) < 0.02
    output = page.locator(".nf-outputs img.nf-image-preview").evaluate(PAINTED)  # the same picture, uncropped
    assert abs(output["shownRatio"] - size[0] / size[1]) < 0.02 and output["width"] <= viewport["width"]
    screenshot(page, f"heatmap_{size[0]}x{size[1]}_{viewport['width']}")
    page.close()


def test_a_sketch_is_shown_once_its_heatmap_lies_on_the_drawing_and_clear_wipes_it(serve, page):
    app = serve(APPS / "sketch_interpret_app.py")
    page.goto(app.url)
    canvas = page.locator("canvas")
    box = canvas.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2 - 30, box["y"] + 40)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] / 2 + 30, box["y"] + box["height"] - 40, steps=10)
    page.mouse.up()
    assert page.locator("img.nf-image-preview").count() == 0  # the drawing itself, not a copy beside it
    heatmap_drawn(page)
    heat = page.locator("img.nf-interpretation-heatmap").bounding_box()
    # the sketchpad's fn sees the centre square (shape 28x28) of the 4:3 canvas: the heatmap covers that
    assert abs(heat["height"] - box["height"]) <= 1.5 and abs(heat["width"] - box["height"]) <= 1.5
    assert abs(heat["x"] - (box["x"] + (box["width"] - box["height"]) / 2)) <= 1.5
    page.get_by_role("button", name="Clear", exact=True).click()
    page.wait_for_function("""() => {
        const c = document.querySelector('canvas'), pixels = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        return pixels.every((value) => value === 255);
    }""")
    assert page.locator("img.nf-interpretation-heatmap").count() == 0
    page.get_by_role("button", name="Submit").click()
    page.locator(".nf-label-top", has_text="blank").wait_for()  # fn got no drawing: nothing stale was sent


# ---- colours ------------------------------------------------------------------------------

CONTRAST = """(e) => {
  const parse = (css) => css.match(/[\\d.]+/g).slice(0, 3).map(Number);
  const luminance = ([r, g, b]) => {
    const linear = (c) => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
  };
  const style = getComputedStyle(e), a = luminance(parse(style.color)), b = luminance(parse(style.backgroundColor));
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}"""


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_coloured_words_and_cells_keep_text_readable(serve, page, theme):
    app = serve(ROOT / "examples" / "gender_sentence_custom_interpretation.py")
    page.goto(f"{app.url}?__theme={theme}")
    page.get_by_role("button", name="Interpret").click()
    chips = page.locator(".nf-interpretation-text .nf-token[style]")
    chips.first.wait_for()
    assert sorted(chips.nth(i).inner_text() for i in range(chips.count())) == ["She", "her", "his"]  # whole words
    for i in range(chips.count()):
        assert chips.nth(i).evaluate(CONTRAST) >= 4.5, chips.nth(i).inner_text()


def test_cells_keep_text_readable(serve, page):
    app = serve(APPS / "interpret_cells.py")
    page.goto(app.url)
    page.get_by_role("button", name="Interpret").click()
    cells = page.locator(".nf-cell[style]")
    cells.first.wait_for()
    assert min(cells.nth(i).evaluate(CONTRAST) for i in range(cells.count())) >= 4.5


# ---- keys and controls ----------------------------------------------------------------------

def test_enter_submits_and_shift_enter_starts_a_new_line(serve, page):
    app = serve(ROOT / "examples" / "hello.py")
    page.goto(app.url)
    page.get_by_label("name", exact=True).fill("Ada")
    page.get_by_label("name", exact=True).press("Enter")
    page.wait_for_function("document.querySelector('[aria-label=output]')?.value === 'Hello, Ada!'")
    widgets = serve(APPS / "widgets_app.py")
    page.goto(widgets.url)
    note = page.get_by_label("note")
    note.fill("first")
    note.press("Shift+Enter")
    note.type("second")
    assert note.input_value() == "first\nsecond"
    note.press("Enter")
    page.wait_for_function("document.querySelector('[aria-label=summary]')?.value.startsWith('first\\nsecond|')")


def test_the_whole_drop_zone_opens_the_chooser_and_a_pasted_picture_arrives(serve, page, tmp_path):
    app = serve(APPS / "pictures_app.py")
    page.goto(app.url)
    zone = page.locator(".nf-drop")
    assert "0.0B" not in zone.inner_text()
    with page.expect_file_chooser() as chooser:
        zone.click(position={"x": 20, "y": 20})  # anywhere in it, not a small "+"
    chooser.value.set_files(str(picture(tmp_path, "chosen", (60, 40))))
    page.locator("img.nf-image-preview").first.wait_for(state="visible")
    page.get_by_role("button", name="Clear", exact=True).click()
    page.locator(".nf-drop-hint").wait_for()
    png = io.BytesIO()
    Image.new("RGB", (30, 30), "black").save(png, format="PNG")
    zone.evaluate("""(zone, data) => {
        const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0)), clip = new DataTransfer();
        clip.items.add(new File([bytes], 'pasted.png', {type: 'image/png'}));
        zone.dispatchEvent(new ClipboardEvent('paste', {clipboardData: clip, bubbles: true}));
    }""", base64.b64encode(png.getvalue()).decode())
    page.locator("img.nf-image-preview").first.wait_for(state="visible")
    page.get_by_role("button", name="Submit").click()
    page.locator(".nf-label-top", has_text="dark").wait_for()


def test_labels_outputs_and_sliders_are_whole_on_desktop_and_phone(serve, browser):
    app = serve(APPS / "widgets_app.py")
    for viewport in (DESKTOP, PHONE):
        page = browser.new_page(viewport=viewport)
        page.goto(app.url)
        label = page.locator(".q-field__label", has_text="A fairly long dropdown label")
        assert label.evaluate("e => e.scrollWidth <= e.clientWidth + 1")  # not cut to "An…"
        assert page.locator(".q-field__label", has_text="empty choice").is_visible()  # labelled when empty
        note = page.get_by_label("note")
        assert note.evaluate("e => e.clientHeight >= 3 * parseFloat(getComputedStyle(e).lineHeight) - 1")
        page.get_by_role("button", name="Submit").click()
        result = page.get_by_label("long result")
        page.wait_for_function("document.querySelector('[aria-label=\"long result\"]')?.value.startsWith('long')")
        assert result.evaluate("e => e.scrollHeight <= e.clientHeight + 2 && e.scrollWidth <= e.clientWidth + 2")
        bubble = page.locator(".nf-slider .q-slider__pin").bounding_box() \
            or page.locator(".nf-slider .q-slider__text-container").bounding_box()
        name = page.locator(".nf-slider .nf-field-label").bounding_box()
        assert bubble["y"] >= name["y"] + name["height"] - 1, (bubble, name)  # the value never covers its label
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")  # nothing overflows
        screenshot(page, f"widgets_{viewport['width']}")
        page.close()


def test_examples_read_like_values_and_pictures_are_thumbnails(serve, page):
    app = serve(APPS / "widgets_app.py")
    page.goto(app.url)
    first = page.locator(".nf-example").first.inner_text()
    assert "a, b" in first and "yes" in first and "[" not in first and "True" not in first
    labels = "note · A fairly long dropdown label · empty choice · level · flag · tags"
    assert page.locator(".nf-example-columns").inner_text() == f"({labels})"  # which value goes where
    digits = serve(DIGITS)
    page.goto(digits.url)
    assert page.locator(".nf-example img.nf-example-thumb").count() == 3


def test_a_failed_run_clears_the_stale_output_and_the_running_clock_never_stays(serve, page):
    app = serve(APPS / "widgets_app.py")
    page.goto(app.url)
    page.get_by_label("note").fill("fine")
    page.get_by_role("button", name="Submit").click()
    page.wait_for_function("document.querySelector('[aria-label=summary]')?.value.startsWith('fine|')")
    page.get_by_label("note").fill("fail")
    page.get_by_role("button", name="Submit").click()
    page.locator(".nf-error", has_text="its details are in the server's log").wait_for()  # show_error=False
    assert "asked to fail" not in page.locator(".nf-error").inner_text() and "asked to fail" in app.output()
    assert page.get_by_label("summary").input_value() == ""  # not the previous result beside the error
    for n in range(15):  # quick runs: the clock is gone each time the result is there
        page.get_by_label("note").fill(f"run {n}")
        page.get_by_role("button", name="Submit").click()
        page.wait_for_function(f"document.querySelector('[aria-label=summary]')?.value.startsWith('run {n}|')")
        page.locator(".nf-status").wait_for(state="hidden")


def test_dark_mode_follows_the_address_and_the_system(serve, browser):
    app = serve(ROOT / "examples" / "hello.py")
    page = browser.new_page(color_scheme="dark")
    page.goto(app.url)
    page.wait_for_function("document.body.classList.contains('body--dark')")  # the system prefers dark
    page.goto(f"{app.url}?__theme=light")
    page.wait_for_function("document.body.classList.contains('body--light')")
    page.goto(f"{app.url}?__theme=dark")
    page.wait_for_function("document.body.classList.contains('body--dark')")
    screenshot(page, "hello_dark")
    page.close()


def test_use_via_api_shows_calls_that_work(serve, page):
    app = serve(ROOT / "examples" / "hello.py")
    page.goto(app.url)
    page.get_by_role("link", name="Use via API").click()
    page.get_by_text("From Python").wait_for()
    code = page.locator(".nicegui-code code").first.inner_text()  # waits for the code itself
    assert f"{app.url}api/predict" in code
    body = code.split("-d '", 1)[1].split("'", 1)[0]  # the shell call, as shown
    answer = httpx.post(app.url + "api/predict", content=body, headers={"content-type": "application/json"}, timeout=30)
    assert answer.status_code == 200 and answer.json()["data"][0].startswith("Hello")


# ---- after a new user's trial: calls that run, a theme that sticks, honest messages --------

def test_use_via_api_for_a_picture_input_gives_calls_that_run(serve, page, tmp_path):
    import shutil
    import subprocess
    import sys
    app = serve(DIGITS)
    page.goto(app.url + "use-via-api")
    page.get_by_text("From Python").wait_for()
    shell, python, client = (page.locator(".nicegui-code code").nth(n).inner_text() for n in range(3))
    assert "base64 -w0 picture.png" in shell and 'data_url("picture.png", "image/png")' in python
    assert 'handle_file("picture.png")' in client and 'api_name="/predict"' in client
    shutil.copy(ROOT / "examples" / "images" / "digit_3.png", tmp_path / "picture.png")
    by_shell = subprocess.run(["bash", "-c", shell], cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert '"label":"3"' in by_shell.stdout, by_shell.stdout + by_shell.stderr
    by_python = subprocess.run([sys.executable, "-c", python], cwd=tmp_path, capture_output=True, text=True,
                               timeout=60)
    assert "'label': '3'" in by_python.stdout, by_python.stdout + by_python.stderr
    by_client = subprocess.run([sys.executable, "-c", client], cwd=tmp_path, capture_output=True, text=True,
                               timeout=120)
    assert "'label': '3'" in by_client.stdout, by_client.stdout + by_client.stderr  # Gradio's own client


def test_the_light_or_dark_choice_sticks_across_pages(serve, browser):
    app = serve(ROOT / "examples" / "hello.py")
    page = browser.new_page(color_scheme="light")
    page.goto(app.url)
    page.wait_for_function("document.body.classList.contains('body--light')")
    assert page.locator(".nf-theme .nf-to-dark").is_visible() and not page.locator(".nf-theme .nf-to-light").is_visible()
    page.locator(".nf-theme").click()
    page.wait_for_function("document.body.classList.contains('body--dark')")
    assert page.locator(".nf-theme .nf-to-light").is_visible()  # the button now offers light
    page.reload()
    page.wait_for_function("document.body.classList.contains('body--dark')")
    page.get_by_role("link", name="Use via API").click()
    page.get_by_text("From Python").wait_for()
    page.wait_for_function("document.body.classList.contains('body--dark')")
    page.close()


def test_paste_with_no_picture_says_so(serve, browser):
    app = serve(DIGITS)
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(app.url)
    page.evaluate("navigator.clipboard.writeText('just words')")
    page.get_by_role("button", name="Paste").click()
    page.get_by_text("The clipboard holds no picture").wait_for()
    context.close()


#: how opaque the output (the Label's slot) looks
OUTPUT_OPACITY = "() => Number(getComputedStyle(document.querySelector('.nf-outputs .nf-slot')).opacity)"


def test_outputs_fade_when_the_inputs_change_and_a_missing_picture_is_named(serve, page):
    app = serve(DIGITS)
    page.goto(app.url)
    page.get_by_role("button", name="Submit").click()
    page.locator(".nf-error", has_text="Choose, drop or paste a picture of a digit first.").wait_for()
    page.locator(".nf-example").nth(1).click()
    page.get_by_role("button", name="Submit").click()
    page.locator(".nf-label-top", has_text="3").wait_for()
    assert page.evaluate(OUTPUT_OPACITY) == 1
    page.locator(".nf-example").nth(2).click()  # another picture: the 3 no longer belongs to it
    page.wait_for_function(f"({OUTPUT_OPACITY})() < 0.5")  # faded (after a 0.2 s transition)
    page.get_by_role("button", name="Submit").click()
    page.wait_for_function(f"({OUTPUT_OPACITY})() === 1")


#: how opaque the error line looks
ERROR_OPACITY = "() => Number(getComputedStyle(document.querySelector('.nf-outputs .nf-error')).opacity)"


def test_an_error_fades_when_the_inputs_change_like_an_output(serve, page):
    app = serve(ROOT / "examples" / "hello.py")
    page.goto(app.url)
    page.get_by_role("button", name="Submit").click()
    page.locator(".nf-error", has_text="Please type a name.").wait_for()
    assert page.evaluate(ERROR_OPACITY) == 1
    page.locator(".nf-example").first.click()  # Ada, 3: the error was about an empty name
    page.wait_for_function("document.querySelector('[aria-label=name]')?.value === 'Ada'")
    page.wait_for_function(f"({ERROR_OPACITY})() < 0.5")
    page.get_by_role("button", name="Submit").click()
    page.wait_for_function("document.querySelector('[aria-label=output]')?.value === 'Hello, Ada!!!'")
    page.locator(".nf-error").wait_for(state="hidden")


#: WCAG contrast of an element's text against the page's background
PAGE_CONTRAST = CONTRAST.replace("style.backgroundColor", "getComputedStyle(document.body).backgroundColor")
assert PAGE_CONTRAST != CONTRAST

#: per code block: does any of its text lie under its copy button?
UNDER_COPY_BUTTON = """() => [...document.querySelectorAll('.nicegui-code')].map(block => {
    const button = block.querySelector('.nicegui-code-copy').getBoundingClientRect();
    const range = document.createRange();
    range.selectNodeContents(block.querySelector('code'));
    return [...range.getClientRects()].some(r => r.width > 0 && r.right > button.left && r.left < button.right
                                               && r.bottom > button.top && r.top < button.bottom);
})"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_api_page_on_a_phone_is_readable_and_its_code_clear_of_the_copy_buttons(serve, browser, scheme):
    app = serve(ROOT / "examples" / "hello.py")
    context = browser.new_context(viewport={"width": 390, "height": 844}, color_scheme=scheme)
    page = context.new_page()
    page.goto(app.url + "use-via-api")
    page.locator(".nicegui-code code").nth(2).wait_for()  # the three calls are on the page
    assert page.locator('link[rel=stylesheet][href*="/_niceface/css/"]').count() == 1  # niceface's styles
    for link in ("The OpenAPI description", "← back to the app"):
        assert page.get_by_role("link", name=link).evaluate(PAGE_CONTRAST) >= 4.5, (scheme, link)
    assert page.evaluate(UNDER_COPY_BUTTON) == [False, False, False]
    screenshot(page, f"api_phone_{scheme}")
    context.close()
