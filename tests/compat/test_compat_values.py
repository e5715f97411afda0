"""Values converted as Gradio 3 converts them: Textbox(value=3) is "3", Radio([2025, 2030])
hands fn an int, Slider's third argument is its value, a callable value is called on each page
load, a multiselect Dropdown gives a list, and a table of dates leaves as JSON."""
from __future__ import annotations

import re

import pytest
from drive import answer, predict, run, submit
from playwright.sync_api import expect

import niceface as gr


@pytest.fixture(scope="module")
def values_app():
    app = run("values")
    yield app
    app.stop()


def test_values_reach_fn_with_gradios_types_through_the_api(values_app):
    summary, table = answer(values_app, "note", 2025, 4, ["apple", "plum"])
    assert summary == "'note' int 2025 int 4"
    assert table == {"headers": ["day", "fruit", "start"],
                     "data": [["2025-01-01T00:00:00", "apple, plum", 4], ["2025-01-02T00:00:00", "apple, plum", 5]]}
    assert answer(values_app, "n", "2030", 1, [])[0] == "'n' int 2030 int 1"  # the label also names the choice


def test_bad_values_are_refused_with_what_was_expected(values_app):
    wrong = predict(values_app, "x", 2024, 4, [])
    assert wrong.status_code == 422 and "'2024' is not one of ['2025', '2030']" in wrong.json()["detail"]
    too_many = predict(values_app, "x", 2025, 4, ["apple", "pear", "plum"])
    assert too_many.status_code == 422 and "at most 2 choice(s)" in too_many.json()["detail"]
    outside = predict(values_app, "x", 2025, 11, [])
    assert outside.status_code == 422 and "11 is outside 1..10" in outside.json()["detail"]


@pytest.mark.browser
def test_the_page_starts_from_the_values_and_shows_the_dates(values_app, page):
    page.goto(values_app.url)
    expect(page.get_by_label("note", exact=True)).to_have_value("3")
    expect(page.get_by_role("radio", name="2030")).to_be_checked()
    expect(page.locator(".nf-slider .q-slider__pin-value-marker-text, .nf-slider [role=slider]").first) \
        .to_be_visible()
    assert page.locator(".nf-slider [role=slider]").get_attribute("aria-valuenow") == "3"
    submit(page)
    page.wait_for_function("document.querySelector('[aria-label=summary]').value === \"'3' int 2030 int 3\"")
    expect(page.locator(".nf-table")).to_contain_text("2030-01-01T00:00:00")
    expect(page.locator(".nf-table")).to_contain_text("pear")


@pytest.mark.browser
def test_a_callable_value_is_called_on_each_page_load(page):
    app = run("values", WHICH="counter")
    try:
        page.goto(app.url)
        field = page.get_by_label("loads", exact=True)
        expect(field).to_have_value(re.compile(r"page load \d+"))
        first = int(field.input_value().rsplit(" ", 1)[1])
        page.reload()
        expect(page.get_by_label("loads", exact=True)).to_have_value(f"page load {first + 1}")
    finally:
        app.stop()


def test_values_convert_in_a_script_too():
    assert gr.Textbox(3).value == "3"
    radio = gr.Radio([2025, 2030])
    assert radio.preprocess("2025") == 2025 and radio.preprocess(2030) == 2030
    assert gr.Radio([("Small", "s"), ("Large", "l")]).preprocess("Large") == "l"
    assert gr.Slider(1, 10, 3).value == 3 and gr.Slider(1, 10, 3).step == 1
    assert gr.CheckboxGroup([1, 2, 3], value=[2]).preprocess(["1", "3"]) == [1, 3]
    assert gr.Number(precision=0).postprocess(2.6) == 3
    randomized = {gr.Slider(0, 1000, randomize=True).initial_payload() for _ in range(20)}
    assert len(randomized) > 1  # a fresh start on each page load
