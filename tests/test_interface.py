"""Interface definitions: components, labels, examples, __call__, construction errors."""
from __future__ import annotations

import numpy as np
import pytest

import niceface as gr
from niceface.exceptions import ArityError, ConfigurationError, FunctionError, InputError, UnknownComponentError


def greet(name, times=1):
    return "hi " + name * times


def test_shortcut_strings_build_components_case_insensitively():
    iface = gr.Interface(greet, ["TEXT", "Number"], "textbox")
    assert [type(c) for c in iface.input_components] == [gr.Textbox, gr.Number]
    assert isinstance(iface.output_components[0], gr.Textbox)


def test_every_shortcut_string_of_the_spec_is_known():
    names = ["text", "textbox", "textarea", "number", "slider", "checkbox", "checkboxgroup", "radio", "dropdown", "image", "webcam", "sketchpad", "pil", "audio", "microphone", "mic", "video", "file", "dataframe", "label", "highlight", "highlightedtext", "chatbot", "json", "html", "markdown"]
    for name in names:
        gr.Interface(lambda x: x, name, "json")


def test_unknown_shortcut_suggests_the_nearest_name():
    with pytest.raises(UnknownComponentError, match=r"inputs\[1\]: unknown component 'txt'; did you mean 'text'\?"):
        gr.Interface(greet, ["text", "txt"], "text")


def test_labels_default_to_parameter_names_and_output_names():
    iface = gr.Interface(greet, ["text", "number"], ["text", "text"])
    assert [c.label for c in iface.input_components] == ["name", "times"]
    assert [c.label for c in iface.output_components] == ["output 1", "output 2"]
    assert gr.Interface(greet, "text", "text").output_components[0].label == "output"


def test_explicit_labels_are_kept():
    iface = gr.Interface(greet, gr.Textbox(label="Your name"), "text")
    assert iface.input_components[0].label == "Your name"


def test_input_only_and_output_only_interfaces():
    assert gr.Interface(lambda: "fixed", None, "text")() == "fixed"
    seen = []
    assert gr.Interface(seen.append, "text", [])("x") is None
    assert seen == ["x"]


def test_call_runs_fn_on_plain_values():
    iface = gr.Interface(greet, ["text", "number"], "text")
    assert iface("ab", 2) == "hi abab"


def test_call_with_wrong_arity_names_the_inputs():
    iface = gr.Interface(greet, ["text", "number"], "text")
    with pytest.raises(ArityError, match=r"greet takes 2 value\(s\) \(name, times\), got 1"):
        iface("ab")
    with pytest.raises(TypeError):  # ArityError is a TypeError, as calling a function wrongly is
        iface()


def test_call_with_wrong_type_names_the_component():
    iface = gr.Interface(greet, ["text", "number"], "text")
    with pytest.raises(InputError, match="Number 'times': expected a number, got the text 'many'"):
        iface("ab", "many")


def test_call_reports_what_fn_raised():
    def broken(x):
        raise KeyError("missing")
    with pytest.raises(FunctionError, match="broken raised KeyError") as info:
        gr.Interface(broken, "text", "text")("x")
    assert isinstance(info.value.__cause__, KeyError)


def test_user_error_message_is_passed_through():
    def picky(x):
        raise gr.Error("Please type something longer.")
    with pytest.raises(FunctionError, match="^Please type something longer.$"):
        gr.Interface(picky, "text", "text")("x")


def test_image_input_takes_a_file_path(tmp_path):
    from PIL import Image
    path = tmp_path / "red.png"
    Image.new("RGB", (4, 3), (255, 0, 0)).save(path)
    shape = gr.Interface(lambda image: image.shape, gr.Image(), "json")(str(path))
    assert shape == (3, 4, 3)


def test_examples_flat_list_for_one_input_and_rows_for_several():
    assert gr.Interface(greet, "text", "text", examples=["a", "b"]).examples == [["a"], ["b"]]
    assert gr.Interface(greet, ["text", "number"], "text", examples=[["a", 1]]).examples == [["a", 1]]
    with pytest.raises(ConfigurationError, match=r"examples\[0\] has 1 value\(s\); the interface has 2 input\(s\)"):
        gr.Interface(greet, ["text", "number"], "text", examples=[["a"]])


def test_fn_must_be_callable_and_unknown_options_are_refused():
    with pytest.raises(ConfigurationError, match="fn must be callable"):
        gr.Interface("greet", "text", "text")
    with pytest.raises(TypeError, match="unexpected keyword argument 'colour'"):
        gr.Interface(greet, "text", "text", colour="red")


def test_legacy_namespaces_map_default_to_value():
    box = gr.inputs.Textbox(lines=5, label="Input Text", default="hello")
    assert isinstance(box, gr.Textbox) and (box.lines, box.label, box.value) == (5, "Input Text", "hello")
    label = gr.outputs.Label(num_top_classes=3, type="auto")
    assert isinstance(label, gr.Label) and label.num_top_classes == 3
    image = gr.inputs.Image(shape=(28, 28), optional=True)
    assert image.shape == (28, 28)


def test_css_file_path_is_read(tmp_path):
    css = tmp_path / "style.css"
    css.write_text(".nf-submit { background: purple; }")
    assert "purple" in gr.Interface(greet, "text", "text", css=str(css)).css


def test_batch_fn_gets_lists():
    seen = []

    def double(xs):
        seen.append(xs)
        return ([x * 2 for x in xs],)  # one list per output, as in Gradio
    iface = gr.Interface(double, "number", "number", batch=True)
    assert iface(21) == 42 and seen == [[21]]


def test_interface_is_importable_without_nicegui():
    import subprocess
    import sys
    code = "import niceface as gr, sys; gr.Interface(lambda x: x, 'text', 'text')('a'); print('nicegui' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_numpy_outputs_become_json():
    iface = gr.Interface(lambda: np.arange(3), None, "json")
    assert iface.output_components[0].postprocess(iface()) == [0, 1, 2]
