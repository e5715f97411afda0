"""Interpretation overlays as people see them: coloured spans, a heatmap, coloured cells."""
from __future__ import annotations

import pytest
from conftest import APPS, ROOT, screenshot

pytestmark = pytest.mark.browser


def backgrounds(page) -> dict[str, str]:
    spans = page.locator(".nf-interpretation-text .nf-token")
    return {spans.nth(i).inner_text(): spans.nth(i).evaluate("e => getComputedStyle(e).backgroundColor")
            for i in range(spans.count())}


def channels(color: str) -> tuple[int, int, int]:
    r, g, b = (int(float(c)) for c in color[color.index("(") + 1:color.index(")")].split(",")[:3])
    return r, g, b


def is_red(color: str) -> bool:
    r, g, b = channels(color)
    return r > g and r > b and g == b


def is_blue(color: str) -> bool:
    r, g, b = channels(color)
    return b > r and b > g


@pytest.mark.parametrize("demo", ["gender_sentence_default_interpretation", "gender_sentence_custom_interpretation"])
def test_text_spans_are_red_for_she_and_her_and_blue_for_his(serve, page, demo):
    app = serve(ROOT / "examples" / f"{demo}.py")
    page.goto(app.url)
    page.get_by_role("button", name="Interpret").click()
    page.locator(".nf-interpretation-text").wait_for()
    colors = backgrounds(page)
    assert is_red(colors["She"]) and is_red(colors["her"]), colors
    assert is_blue(colors["his"]), colors
    assert colors["house"] in ("rgba(0, 0, 0, 0)", "transparent")
    assert page.locator(".nf-label-top").inner_text() == "female"  # the prediction explained is shown
    assert page.locator(".nf-legend").is_visible()
    screenshot(page, f"interpret_{demo}")


def test_image_heatmap_lies_over_the_picture(serve, page):
    app = serve(ROOT / "examples" / "image_classifier_interpretation.py")
    page.goto(app.url)
    page.get_by_role("button", name="Example 2").click()  # digit_3.png
    page.get_by_role("button", name="Interpret").click()
    heatmap = page.locator("img.nf-interpretation-heatmap")
    heatmap.wait_for()
    preview = page.locator(".nf-image-preview").first.bounding_box()
    overlay = heatmap.bounding_box()
    assert abs(overlay["width"] - preview["width"]) < 2 and abs(overlay["y"] - preview["y"]) < 2
    assert heatmap.get_attribute("src").startswith("data:image/png;base64,")
    page.locator(".nf-label-top", has_text="3").wait_for()
    screenshot(page, "interpret_image_heatmap")


def test_cells_for_number_slider_checkbox_and_radio(serve, page):
    app = serve(APPS / "interpret_cells.py")
    page.goto(app.url)
    page.get_by_role("button", name="Interpret").click()
    page.locator(".nf-interpretation-cells").first.wait_for()
    groups = page.locator(".nf-interpretation-cells")
    assert groups.count() == 4
    number_cells = groups.nth(0).locator(".nf-cell")
    assert number_cells.count() == 7
    assert number_cells.nth(3).inner_text() == "2" and "nf-cell-current" in number_cells.nth(3).get_attribute("class")
    higher = number_cells.nth(6).evaluate("e => getComputedStyle(e).backgroundColor")
    assert is_red(higher)  # moving x up raises "high"
    radio = groups.nth(3).locator(".nf-cell")
    assert [radio.nth(i).inner_text() for i in range(3)] == ["a", "b", "c"]
    assert is_blue(radio.nth(0).evaluate("e => getComputedStyle(e).backgroundColor"))
    assert is_red(radio.nth(2).evaluate("e => getComputedStyle(e).backgroundColor"))
    screenshot(page, "interpret_cells")
