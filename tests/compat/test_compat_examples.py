"""examples= in the forms Gradio 3 programs use: rows, a flat list for one input, a folder
with log.csv (or one file per example); files checked when the Interface is built."""
from __future__ import annotations

import logging

import pytest
from drive import PROGRAMS, run, submit
from playwright.sync_api import expect

import niceface as gr
from niceface.exceptions import ConfigurationError

pytestmark = pytest.mark.browser


def test_one_input_examples_as_rows_or_as_a_flat_list_give_the_value_itself():
    rows = gr.Interface(str.upper, "text", "text", examples=[["a"], ["b"]])
    flat = gr.Interface(str.upper, "text", "text", examples=["a", "b"])
    assert rows.examples == flat.examples == [["a"], ["b"]]
    with pytest.raises(ConfigurationError, match=r"examples\[1\] has 2 value\(s\); the interface has 1 input"):
        gr.Interface(str.upper, "text", "text", examples=[["a"], ["b", "c"]])


def test_an_examples_folder_without_log_csv_gives_one_example_per_file(tmp_path):
    for name in ("b.txt", "a.txt", ".hidden"):
        (tmp_path / name).write_text(name)
    demo = gr.Interface(lambda f: f, "file", "text", examples=str(tmp_path))
    assert demo.examples == [[str(tmp_path / "a.txt")], [str(tmp_path / "b.txt")]]


def test_a_missing_example_file_is_reported_when_the_interface_is_built(caplog, monkeypatch):
    monkeypatch.chdir(PROGRAMS)
    with caplog.at_level(logging.WARNING):
        gr.Interface(lambda picture, caption: caption, ["image", "text"], "text", examples="shapes")
    assert "examples[2]: Image 'picture' names the file 'shapes/missing.png', which does not exist" in caplog.text


def test_clicking_a_one_input_example_fills_the_value_not_a_list(page):
    app = run("examples_forms")
    try:
        page.goto(app.url)
        page.locator(".nf-example").nth(1).click()
        expect(page.get_by_label("text", exact=True)).to_have_value("drawer")
        submit(page)
        page.wait_for_function("document.querySelector('[aria-label=output]').value === 'reward'")
    finally:
        app.stop()


def test_a_folder_of_examples_with_log_csv_fills_pictures_and_text(page):
    app = run("examples_forms", WHICH="pictures")
    try:
        assert "missing.png" in app.output()  # said at start-up
        page.goto(app.url)
        page.locator(".nf-example").nth(1).click()
        expect(page.get_by_label("caption", exact=True)).to_have_value("a blue one")
        submit(page)
        page.wait_for_function(
            "document.querySelector('[aria-label=output]').value === 'a blue one: 48x32, blue in the middle'")
    finally:
        app.stop()
