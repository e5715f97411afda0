"""Gradio 3's arguments to Interface() and launch(): every one accepted, the retired ones said
to change nothing, a misspelt one an error that names the right one; errors a user can act on."""
from __future__ import annotations

import logging

import pytest
from drive import answer, predict, run, submit
from playwright.sync_api import expect

import niceface as gr


@pytest.fixture(scope="module")
def wrong_output():
    app = run("wrong_output")
    yield app
    app.stop()


def test_a_value_fn_returns_that_its_output_cannot_show_is_named_in_the_api(wrong_output):
    response = predict(wrong_output, "number")
    assert response.status_code == 500
    assert response.json()["detail"].startswith(
        "draw returned int 42 for Image 'picture': expected a numpy array, a PIL image or a file path")


def test_show_error_off_hides_what_fn_raised_but_the_log_has_it(wrong_output):
    response = predict(wrong_output, "crash")
    assert response.status_code == 500
    detail = response.json()["detail"]
    assert "hunter2" not in detail and "launch(show_error=True)" in detail
    assert "RuntimeError: secret database password is hunter2" in wrong_output.output()


def test_show_error_on_shows_what_fn_raised():
    app = run("wrong_output", SHOW_ERROR="1")
    try:
        assert "RuntimeError: secret database password is hunter2" in predict(app, "crash").json()["detail"]
    finally:
        app.stop()


@pytest.mark.browser
def test_the_page_names_a_wrong_output_and_hides_a_crash(wrong_output, page):
    page.goto(wrong_output.url)
    page.get_by_text("number", exact=True).click()
    submit(page)
    page.locator(".nf-error", has_text="draw returned int 42 for Image 'picture': expected a numpy array").wait_for()
    page.get_by_text("crash", exact=True).click()
    submit(page)
    page.locator(".nf-error", has_text="its details are in the server's log").wait_for()
    assert "hunter2" not in page.content()


def test_fn_that_cannot_take_the_inputs_is_reported_when_the_interface_is_built(caplog):
    with caplog.at_level(logging.WARNING):
        gr.Interface(lambda a, b: a + b, "text", "text")
    assert "<lambda> takes 2 argument(s) but the interface has 1 input(s)" in caplog.text
    caplog.clear()
    with caplog.at_level(logging.WARNING):
        gr.Interface(lambda a, b=1, progress=gr.Progress(): a, "text", "text")
        gr.Interface(lambda *values: values[0], ["text", "text"], "text")
    assert caplog.text == ""  # optional parameters, progress and *args fit


def test_retired_interface_options_warn_and_misspelt_ones_are_errors(caplog):
    with caplog.at_level(logging.WARNING):
        demo = gr.Interface(lambda x: x, "text", "text", capture_session=True, layout="vertical",
                            analytics_enabled=False, enable_queue=True, allow_screenshot=False)
    assert demo("a") == "a"
    for name in ("capture_session", "layout", "enable_queue", "allow_screenshot"):
        assert f"{name}= is a Gradio option niceface ignores" in caplog.text
    with pytest.raises(TypeError, match="'tittle'; did you mean 'title'"):
        gr.Interface(lambda x: x, "text", "text", tittle="Hi")


def test_every_gradio_3_interface_argument_is_accepted_in_its_order():
    demo = gr.Interface(lambda x: x, "text", "text", [["hi"]], False, 5, False, None, 2.0, "Title",
                        "Description", "Article", None, None, None, "never", None, "flags", None, None, False,
                        4, "predict")
    assert (demo.title, demo.description, demo.article, demo.allow_flagging) == ("Title", "Description", "Article",
                                                                                  "never")
    assert demo.examples == [["hi"]] and demo.examples_per_page == 5


def test_launch_share_serves_locally_and_says_so_once():
    app = run("who_asked")
    try:
        assert answer(app, "Al")[0].startswith("Hello Al")
        assert app.output().count("no public share link") == 1
    finally:
        app.stop()


@pytest.mark.browser
def test_a_gradio_2_program_with_inputs_and_outputs_namespaces_runs(page):
    app = run("legacy_namespaces")
    try:
        label, echo = answer(app, "a long sentence here", 10, "plain")
        assert echo == "plain: A LONG SENTENCE HERE" and label["label"] == "long"
        page.goto(app.url)
        expect(page.get_by_label("text", exact=True)).to_have_value("hello there")  # default=, the 3rd argument
        expect(page.get_by_role("radio", name="fancy")).to_be_checked()
        submit(page)
        page.wait_for_function("document.querySelector('[aria-label=echo]').value === 'fancy: HELLO THERE'")
        expect(page.locator(".nf-label-row")).to_have_count(2)  # outputs.Label(2): two classes shown
    finally:
        app.stop()
