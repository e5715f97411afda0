"""load() of a Space and of a Gradio app's URL, against a real Gradio app on 127.0.0.1 (run
from its own virtualenv, made by scripts/test.sh; gradio is never a niceface dependency)."""
from __future__ import annotations

import base64
from pathlib import Path

import httpx
import numpy as np
import pytest
from conftest import ROOT, GradioApp, run_wire
from hub_server import HubServer
from PIL import Image

import niceface as gr
from niceface.exceptions import ConfigurationError, FunctionError

DIGIT_7 = ROOT / "examples" / "images" / "digit_7.png"


@pytest.fixture(scope="module")
def gradio_app():
    app = GradioApp("lengths")
    yield app.url
    app.stop()


@pytest.fixture(scope="module")
def hub(gradio_app):
    server = HubServer(spaces={"acme/lengths": gradio_app})
    yield server
    server.stop()


@pytest.fixture(autouse=True)
def endpoints(hub, monkeypatch):
    monkeypatch.setenv("NICEFACE_HF_ENDPOINT", hub.url)


def test_components_come_from_the_apps_api(gradio_app):
    app = gr.load(gradio_app)
    assert [(type(c).__name__, c.label) for c in app.input_components] == [
        ("Textbox", "text"), ("Number", "times"), ("Image", "picture")]
    assert app.input_components[1].value == 2  # the app's default
    assert [(type(c).__name__, c.label) for c in app.output_components] == [
        ("Label", "length"), ("Textbox", "repeated"), ("Image", "inverted")]


def test_a_space_by_name_is_callable_with_plain_values(hub):
    space = gr.load("spaces/acme/lengths")
    assert space.title == "acme/lengths"
    label, repeated, inverted = space("hello", 3, str(DIGIT_7))
    assert label == {"short": 0.75, "long": 0.25} and repeated == "hellohellohello"
    original = np.asarray(Image.open(DIGIT_7).convert("RGB"), dtype=int)
    assert Path(inverted).is_file()
    assert np.abs(np.asarray(Image.open(inverted).convert("RGB"), dtype=int) - (255 - original)).max() <= 1


def test_the_guides_webcam_override_reaches_the_space(hub):
    space = gr.load("spaces/acme/lengths", inputs=["text", "number", "webcam"], title="Webcam")
    assert space.title == "Webcam" and space.input_components[2].source == "webcam"
    _, _, inverted = space("x", 1, np.zeros((6, 6, 3), dtype=np.uint8))
    assert np.asarray(Image.open(inverted).convert("L")).min() == 255  # black came back white


def test_page_payloads_go_through_the_space(gradio_app):
    app = gr.load(gradio_app)
    picture = "data:image/png;base64," + base64.b64encode(DIGIT_7.read_bytes()).decode()
    label, repeated, inverted = run_wire(app, ["abcd", 2, picture])
    assert label["label"] == "short" and label["confidences"][1] == {"label": "long", "confidence": 0.2}
    assert repeated == "abcdabcd" and inverted.startswith("data:image/")


def test_errors_name_the_space(gradio_app):
    with pytest.raises(FunctionError, match="the Space refused: boom"):
        gr.load(gradio_app)("boom", 1, None)
    with pytest.raises(ConfigurationError, match="Space 'acme/missing' was not found"):
        gr.load("spaces/acme/missing")
    with pytest.raises(ConfigurationError, match=r"cannot load the Gradio app at http://127\.0\.0\.1:9/"):
        gr.load("http://127.0.0.1:9/")


def test_a_loaded_space_serves_its_page_and_api(serve, hub):
    app = serve(ROOT / "tests" / "apps" / "loaded_space.py", env={"NICEFACE_HF_ENDPOINT": hub.url})
    answer = httpx.post(app.url + "api/predict", json={"data": ["hey", 2, None]}, timeout=30).json()
    assert answer["data"][1] == "heyhey" and answer["data"][0]["label"] == "short"
