"""load(): Hub models through a local stand-in of the Hub and its inference API."""
from __future__ import annotations

import base64
import wave
from pathlib import Path

import httpx
import numpy as np
import pytest
from conftest import ROOT, run_wire
from hub_server import HubServer, wav_bytes, wav_peak

import niceface as gr
from niceface.exceptions import ConfigurationError, FunctionError

DIGIT_0 = ROOT / "examples" / "images" / "digit_0.png"


@pytest.fixture(scope="module")
def hub():
    server = HubServer()
    yield server
    server.stop()


@pytest.fixture(autouse=True)
def endpoints(hub, monkeypatch):
    monkeypatch.setenv("NICEFACE_HF_ENDPOINT", hub.url)
    monkeypatch.setenv("NICEFACE_HF_INFERENCE_ENDPOINT", hub.url)


def test_a_text_classifier_becomes_a_callable_interface(hub):
    model = gr.load("huggingface/acme/sentiment")
    assert [type(c).__name__ for c in model.input_components] == ["Textbox"]
    assert [type(c).__name__ for c in model.output_components] == ["Label"]
    assert model.title == "acme/sentiment"
    assert model("I love this good film") == {"POSITIVE": 0.4, "NEGATIVE": 0.6}
    assert gr.Interface.load("models/acme/sentiment")("nice") == {"POSITIVE": 1.0, "NEGATIVE": 0.0}


def test_the_api_key_goes_to_the_hub_and_the_inference_endpoint(hub):
    model = gr.load("acme/sentiment", src="models", api_key="hf_secret")
    model("good")
    sent = [auth for method, path, auth in hub.requests[-2:]]
    assert sent == ["Bearer hf_secret", "Bearer hf_secret"]


@pytest.mark.parametrize(("repo", "values", "expected"), [
    ("acme/fill", ["the capital is [MASK]"], {"paris": 0.7, "lyon": 0.2, "nice": 0.1}),
    ("acme/qa", ["Ada wrote the first program", "who?"], ("program", {"program": 0.04})),
    ("acme/zero-shot", ["cats and more cats", "cats, dogs", True], {"cats": 0.75, "dogs": 0.25}),
    ("acme/summarize", ["one two three four five"], "one two three"),
    ("acme/translate", ["hello big world"], "world big hello"),
    ("acme/generate", ["once upon a time"], "once upon a time and so on"),
    ("acme/t5", ["question"], "question and so on"),
    ("acme/similar", ["red fox", "a red car\nblue sky"], {"a red car": 0.5, "blue sky": 0.0}),
    ("acme/embed", ["aa b"], [[2.0, 2.0], [1.0, 0.0]]),
    ("acme/ner", ["meet Ada and Alan"], {"text": "meet Ada and Alan", "entities": [
        {"start": 5, "end": 8, "entity": "PER"}, {"start": 13, "end": 17, "entity": "PER"}]}),
])
def test_text_tasks_convert_both_ways(repo, values, expected):
    assert gr.load(f"models/{repo}")(*values) == expected


def test_image_classification_takes_a_path_and_the_page_payload(hub):
    model = gr.load("models/acme/brightness")
    scores = model(str(DIGIT_0))
    assert set(scores) == {"bright", "dark"} and 0 < scores["bright"] < 1
    data_url = "data:image/png;base64," + base64.b64encode(DIGIT_0.read_bytes()).decode()
    result = run_wire(model, [data_url])[0]
    assert result["label"] in ("bright", "dark") and len(result["confidences"]) == 2


def test_an_overridden_webcam_input_sends_the_picture_as_a_file():
    model = gr.load("models/acme/brightness", inputs="webcam")  # the guide's override: numpy arrays
    assert model.input_components[0].source == "webcam"
    assert model(np.full((8, 8, 3), 255, dtype=np.uint8)) == {"bright": 1.0, "dark": 0.0}


def test_media_outputs_are_file_paths(tmp_path):
    picture = gr.load("models/acme/paint")("abc")
    assert Path(picture).suffix == ".png" and Path(picture).stat().st_size > 50
    sound = gr.load("models/acme/speak")("hi")
    with wave.open(sound) as opened:
        assert opened.getnframes() == 800
    speech_page = run_wire(gr.load("models/acme/speak"), ["hi"])[0]
    assert speech_page.startswith(("data:audio/wav;base64,", "data:audio/x-wav;base64,"))


def test_audio_inputs(tmp_path):
    recording = tmp_path / "loud.wav"
    recording.write_bytes(wav_bytes([0, 16000, -32000, 100]))
    assert gr.load("models/acme/listen")(str(recording)) == f"{recording.stat().st_size} bytes of sound"
    scores = gr.load("models/acme/loudness")(str(recording))
    assert scores["loud"] == pytest.approx(32000 / 32767)
    halved = gr.load("models/acme/echo")(str(recording))
    assert wav_peak(Path(halved).read_bytes()) == 16000


def test_overrides_replace_the_generated_options():
    model = gr.load("models/acme/sentiment", title="Mood", inputs=gr.Textbox(label="review", lines=3),
                    examples=["good stuff"], alias="mood")
    assert model.title == "Mood" and model.input_components[0].label == "review"
    assert model.examples == [["good stuff"]] and model.name == "mood"


def test_clear_errors_name_what_failed(hub, monkeypatch):
    with pytest.raises(ConfigurationError, match=r"model 'acme/nothing' was not found on http://127\.0\.0\.1"):
        gr.load("models/acme/nothing")
    with pytest.raises(ConfigurationError, match="pipeline tag 'depth-estimation', which load\\(\\) does not support"):
        gr.load("models/acme/depth")
    with pytest.raises(ConfigurationError, match="unknown source 'datasets'"):
        gr.load("datasets/acme/x")
    broken = gr.load("models/acme/broken")
    with pytest.raises(FunctionError, match="acme/broken: the inference endpoint answered HTTP 503: Model is loading"):
        broken("text")
    loaded = gr.load("models/acme/sentiment")
    monkeypatch.setenv("NICEFACE_HF_ENDPOINT", "http://127.0.0.1:9")
    with pytest.raises(ConfigurationError, match=r"cannot reach the Hub at http://127\.0\.0\.1:9"):
        gr.load("models/acme/sentiment")
    monkeypatch.setenv("NICEFACE_HF_INFERENCE_ENDPOINT", "http://127.0.0.1:9")
    monkeypatch.setenv("NICEFACE_HF_ENDPOINT", hub.url)
    unreachable = gr.load("models/acme/sentiment")
    with pytest.raises(FunctionError, match=r"acme/sentiment: the inference call to http://127\.0\.0\.1:9/models/"):
        unreachable("text")
    assert loaded("good") == {"POSITIVE": 1.0, "NEGATIVE": 0.0}  # its endpoint was fixed when loaded


def test_a_loaded_model_serves_its_page_and_api(serve, hub):
    app = serve(ROOT / "tests" / "apps" / "loaded_model.py",
                env={"NICEFACE_HF_ENDPOINT": hub.url, "NICEFACE_HF_INFERENCE_ENDPOINT": hub.url})
    answer = httpx.post(app.url + "api/predict", json={"data": ["great great film"]}, timeout=10).json()
    assert answer["data"][0]["label"] == "POSITIVE"
    assert answer["data"][0]["confidences"][0] == {"label": "POSITIVE", "confidence": pytest.approx(2 / 3)}


def test_the_guides_parallel_and_series_of_loaded_models():
    generator, translator = gr.load("huggingface/acme/generate"), gr.load("huggingface/acme/translate")
    assert gr.Series(generator, translator)("once upon") == "on so and upon once"
    both = gr.Parallel(generator, gr.load("huggingface/acme/t5"))
    assert both("hi") == ("hi and so on", "hi and so on")
    assert [c.label for c in both.output_components] == ["acme/generate", "acme/t5"]
