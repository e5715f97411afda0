"""Each component's conversions between wire payloads and fn values, and their error messages."""
from __future__ import annotations

import base64
import io

import numpy as np
import pytest
from PIL import Image as PILImage

import niceface as gr
from niceface.components import _codecs
from niceface.exceptions import ConfigurationError, InputError


def png_data_url(width: int = 6, height: int = 4, color=(10, 200, 30)) -> str:
    buffer = io.BytesIO()
    PILImage.new("RGB", (width, height), color).save(buffer, format="PNG")
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()


def test_textbox_accepts_text_and_refuses_other_types():
    box = gr.Textbox(label="t")
    assert box.preprocess("hi") == "hi" and box.preprocess(None) == ""
    with pytest.raises(InputError, match="Textbox 't': expected text, got dict"):
        box.preprocess({"a": 1})


def test_number_parses_and_rounds_to_precision():
    assert gr.Number().preprocess("2.5") == 2.5
    assert gr.Number(precision=0).preprocess(2.6) == 3
    with pytest.raises(InputError, match="expected a number, got bool"):
        gr.Number().preprocess(True)
    with pytest.raises(InputError, match="finite"):
        gr.Number().preprocess(float("nan"))


def test_slider_range_is_enforced():
    slider = gr.Slider(0, 10, label="s")
    assert slider.preprocess(3) == 3 and slider.value == 0
    with pytest.raises(InputError, match="11 is outside 0..10"):
        slider.preprocess(11)
    with pytest.raises(ConfigurationError):
        gr.Slider(5, 1)


def test_checkbox_takes_booleans_only():
    assert gr.Checkbox().preprocess(True) is True
    with pytest.raises(InputError, match="expected true or false, got str"):
        gr.Checkbox().preprocess("yes")


def test_choices_by_value_and_by_index():
    radio = gr.Radio(["a", "b", "c"], type="index")
    assert radio.preprocess("c") == 2 and radio.postprocess(2) == "c"
    group = gr.CheckboxGroup(["x", "y"])
    assert group.preprocess(["y"]) == ["y"]
    with pytest.raises(InputError, match="'z' is not one of"):
        gr.Dropdown(["x", "y"]).preprocess("z")


def test_image_types_and_shape():
    url = png_data_url(6, 4)
    array = gr.Image().preprocess(url)
    assert array.shape == (4, 6, 3) and array[0, 0].tolist() == [10, 200, 30]
    assert isinstance(gr.Image(type="pil").preprocess(url), PILImage.Image)
    path = gr.Image(type="filepath").preprocess(url)
    assert PILImage.open(path).size == (6, 4)
    assert gr.Image(shape=(2, 2)).preprocess(url).shape == (2, 2, 3)
    assert gr.Image(image_mode="L").preprocess(url).shape == (4, 6)


def test_image_refuses_a_file_that_is_not_an_image():
    url = "data:image/png;base64," + base64.b64encode(b"plain words").decode()
    with pytest.raises(InputError, match="Image 'photo': the file is not an image"):
        gr.Image(label="photo").preprocess(url)


def test_image_output_becomes_a_png_data_url():
    url = gr.Image().postprocess(np.zeros((3, 5, 3), dtype=np.uint8))
    data, mime = _codecs.from_data_url(url)
    assert mime == "image/png" and PILImage.open(io.BytesIO(data)).size == (5, 3)
    float_url = gr.Image().postprocess(np.ones((2, 2)) * 0.5)  # floats in 0..1 are scaled
    assert PILImage.open(io.BytesIO(_codecs.from_data_url(float_url)[0])).getpixel((0, 0)) == 127


def test_audio_round_trip_through_wav():
    samples = (np.sin(np.linspace(0, 20, 800)) * 10000).astype(np.int16)
    url = gr.Audio().postprocess((8000, samples))
    rate, decoded = gr.Audio().preprocess(url)
    assert rate == 8000 and np.array_equal(decoded, samples)
    path = gr.Audio(type="filepath").preprocess(url)
    assert open(path, "rb").read(4) == b"RIFF"
    with pytest.raises(InputError, match="not a sound file that can be read"):
        gr.Audio().preprocess("data:audio/wav;base64," + base64.b64encode(b"nope").decode())


def test_file_payload_becomes_a_path_with_a_name():
    url = "data:text/plain;base64," + base64.b64encode(b"hello").decode()
    uploaded = gr.File().preprocess(url)
    assert open(uploaded.name).read() == "hello" and uploaded.endswith(".txt")
    assert gr.File().postprocess(uploaded).startswith("data:text/plain;base64,")


def test_upload_names_never_become_paths():
    with pytest.raises(InputError, match="not a data URL"):
        gr.File().preprocess("data:../../etc/passwd;base64," + base64.b64encode(b"x").decode())
    odd = gr.File().preprocess("data:x-evil/..passwd;base64," + base64.b64encode(b"x").decode())
    assert odd.endswith(".bin") and "passwd" not in odd


def test_dataframe_types():
    payload = {"headers": ["a", "b"], "data": [[1, 2], [3, 4]]}
    assert gr.Dataframe(type="array").preprocess(payload) == [[1, 2], [3, 4]]
    assert gr.Dataframe(type="numpy").preprocess(payload).sum() == 10
    assert gr.Dataframe().postprocess([[1, 2]]) == {"headers": ["1", "2"], "data": [[1, 2]]}
    with pytest.raises(InputError, match="every row must have 2 values"):
        gr.Dataframe(type="array").preprocess({"headers": ["a", "b"], "data": [[1]]})


def test_label_ranks_confidences_and_keeps_top_k():
    payload = gr.Label(num_top_classes=2).postprocess({"cat": 0.2, "dog": 0.7, "cow": 0.1})
    assert payload["label"] == "dog"
    assert [c["label"] for c in payload["confidences"]] == ["dog", "cat"]
    assert gr.Label().postprocess("plain") == {"label": "plain"}


def test_highlighted_text_escapes_html():
    html = gr.HighlightedText().to_html([["<script>x</script>", "evil"], [" ok", None]])
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_chatbot_escapes_html_and_checks_pairs():
    assert "&lt;b&gt;" in gr.Chatbot().to_html([["<b>hi</b>", "hello"]])
    with pytest.raises(InputError, match="pair"):
        gr.Chatbot().postprocess(["lonely"])


def test_json_output_of_numpy_values():
    assert gr.JSON().postprocess({"a": np.float32(0.5), "b": np.arange(2)}) == {"a": 0.5, "b": [0, 1]}


def test_media_components_refuse_bad_options():
    with pytest.raises(ConfigurationError, match="source must be"):
        gr.Image(source="scanner")
    with pytest.raises(ConfigurationError, match="type must be"):
        gr.Audio(type="mp3")
