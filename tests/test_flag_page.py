"""Flagging in a real browser: "Flag as <option>" buttons, auto mode, never mode."""
from __future__ import annotations

import base64
import csv
import time

import httpx
import pytest
from conftest import ROOT, screenshot

from niceface.storage.flags import FlagStore

pytestmark = pytest.mark.browser
DIGIT_7 = ROOT / "examples" / "images" / "digit_7.png"
IMAGE_URL = "data:image/png;base64," + base64.b64encode(DIGIT_7.read_bytes()).decode()


def stored(folder):
    return list(FlagStore(folder).records())


def run_once(page, url: str, note: str) -> None:
    page.goto(url)
    page.locator("input[type=file]").set_input_files(str(DIGIT_7))
    page.locator("img.nf-image-preview").first.wait_for(state="attached")
    page.get_by_label("note").fill(note)
    page.get_by_role("button", name="Submit").click()
    page.wait_for_function(f"document.querySelector('[aria-label=shouted]')?.value === {note.upper()!r}")


def test_flag_as_option_stores_inputs_outputs_and_the_picture(serve, page, tmp_path):
    folder = tmp_path / "flagged"
    app = serve("flag_app", env={"FLAG_DIR": str(folder), "FLAG_OPTIONS": "incorrect,ambiguous,other"})
    run_once(page, app.url, "looks like a seven")
    buttons = page.locator(".nf-flag")
    assert buttons.all_inner_texts() == ["Flag as incorrect", "Flag as ambiguous", "Flag as other"]
    assert not folder.exists()  # nothing written before a flag
    page.get_by_role("button", name="Flag as ambiguous").click()
    page.get_by_text("Flagged as ambiguous. Thank you!").wait_for()
    screenshot(page, "flag_options")
    (record,) = stored(folder)
    assert record["option"] == "ambiguous" and record["username"] is None
    assert record["inputs"]["note"] == "looks like a seven"
    assert record["outputs"]["shouted"] == "LOOKS LIKE A SEVEN"
    assert set(record["outputs"]["verdict"]) >= {"label", "confidences"}
    picture = folder / record["inputs"]["picture"]
    assert picture.parent == folder / "files" and picture.read_bytes() == DIGIT_7.read_bytes()  # a copy of the upload
    page.get_by_role("button", name="Flag as other").click()
    page.get_by_text("Flagged as other. Thank you!").wait_for()
    assert [r["option"] for r in stored(folder)] == ["ambiguous", "other"]


def test_a_flag_after_the_inputs_changed_stores_the_outputs_with_the_inputs_that_gave_them(serve, page, tmp_path):
    folder = tmp_path / "flagged"
    app = serve("flag_app", env={"FLAG_DIR": str(folder)})
    run_once(page, app.url, "a seven")
    seven = page.locator("img.nf-image-preview").first.get_attribute("src")
    page.locator("input[type=file]").set_input_files(str(ROOT / "examples" / "images" / "digit_0.png"))
    page.wait_for_function("src => document.querySelector('img.nf-image-preview')?.getAttribute('src') !== src", arg=seven)
    page.get_by_label("note").fill("a zero")  # the outputs shown now belong to other inputs (faded)
    page.get_by_role("button", name="Flag").click()
    page.get_by_text("Flagged. Thank you!").wait_for()
    (record,) = stored(folder)
    assert record["inputs"]["note"] == "a seven" and record["outputs"]["shouted"] == "A SEVEN"
    assert (folder / record["inputs"]["picture"]).read_bytes() == DIGIT_7.read_bytes()  # not the zero


GENERATOR_APP = """
import os, time
from pathlib import Path
import niceface as gr
GATE = Path(os.environ["GATE"])

def say(words):
    yield f"partial {words}"
    yield f"partial {words}"  # a yield is shown when the next one comes (the last is the result)
    while not GATE.exists():  # the test opens the gate when it has seen the partial output
        time.sleep(0.05)
    yield f"done {words}"

gr.Interface(say, gr.Textbox(label="words"), gr.Textbox(label="said"), flagging_dir=os.environ["FLAG_DIR"]).launch()
"""


def test_a_flag_during_a_run_pairs_its_partial_output_with_its_inputs(serve, page, tmp_path):
    script, gate, folder = tmp_path / "generator_app.py", tmp_path / "gate", tmp_path / "flagged"
    script.write_text(GENERATOR_APP)
    app = serve(script, env={"GATE": str(gate), "FLAG_DIR": str(folder)})
    page.goto(app.url)
    said = "document.querySelector('[aria-label=said]')?.value === {!r}"
    page.get_by_label("words").fill("first")
    page.get_by_role("button", name="Submit").click()
    page.wait_for_function(said.format("partial first"))
    gate.touch()
    page.wait_for_function(said.format("done first"))
    gate.unlink()
    page.get_by_label("words").fill("second")
    page.get_by_role("button", name="Submit").click()
    page.wait_for_function(said.format("partial second"))  # the run goes on
    page.get_by_role("button", name="Flag").click()
    page.get_by_text("Flagged. Thank you!").wait_for()
    gate.touch()
    (record,) = stored(folder)
    assert record["inputs"]["words"] == "second" and record["outputs"]["said"] == "partial second"


def test_auto_flags_every_run_from_page_and_api(serve, page, tmp_path):
    folder = tmp_path / "auto"
    app = serve("flag_app", env={"FLAG_DIR": str(folder), "FLAG_MODE": "auto"})
    run_once(page, app.url, "first")
    assert page.locator(".nf-flag").count() == 0  # auto: no button
    deadline = time.monotonic() + 10
    while not stored(folder) and time.monotonic() < deadline:  # written just after the output shows
        time.sleep(0.05)
    answer = httpx.post(app.url + "api/predict", json={"data": [IMAGE_URL, "second"]}, timeout=10)
    assert answer.status_code == 200
    notes = [r["inputs"]["note"] for r in stored(folder)]
    assert notes == ["first", "second"] and all(r["option"] is None for r in stored(folder))


def test_never_shows_no_button_and_creates_no_folder(serve, page, tmp_path):
    folder = tmp_path / "never"
    app = serve("flag_app", env={"FLAG_DIR": str(folder), "FLAG_MODE": "never"})
    run_once(page, app.url, "quiet")
    assert page.locator(".nf-flag").count() == 0
    assert httpx.post(app.url + "api/predict", json={"data": [IMAGE_URL, "x"]}, timeout=10).status_code == 200
    assert not folder.exists()


def test_flag_button_with_csv_logger_writes_log_csv(serve, page, tmp_path):
    folder = tmp_path / "csv"
    app = serve("flag_app", env={"FLAG_DIR": str(folder), "FLAG_OPTIONS": "incorrect,other", "FLAG_CALLBACK": "csv"})
    run_once(page, app.url, "=looks like a seven")
    page.get_by_role("button", name="Flag as incorrect").click()
    page.get_by_text("Flagged as incorrect. Thank you!").wait_for()
    header, row = list(csv.reader((folder / "log.csv").open(newline="")))
    assert header == ["picture", "note", "verdict", "shouted", "flag", "username", "timestamp"]
    assert row[1] == "'=looks like a seven" and row[3] == "'=LOOKS LIKE A SEVEN" and row[4:6] == ["incorrect", ""]
    assert (folder / row[0]).stat().st_size > 100  # the picture, saved beside the log
    assert not (folder / "flags").exists()
