"""Parallel and Series: construction checks, running (plain values and wire payloads), nesting."""
from __future__ import annotations

import base64
import time

import numpy as np
import pytest
from conftest import ROOT, run_wire

import niceface as gr
from niceface.exceptions import ConfigurationError, FunctionError

PNG_URL = "data:image/png;base64," + base64.b64encode((ROOT / "examples/images/digit_7.png").read_bytes()).decode()


def upper(text):
    return text.upper()


def reverse(text):
    return text[::-1]


UPPER = gr.Interface(upper, "text", "text")
REVERSE = gr.Interface(reverse, "text", gr.Textbox(label="reversed"), title="Reverser")


def test_parallel_outputs_all_members_in_order_labelled_by_member():
    both = gr.Parallel(UPPER, REVERSE)
    assert [c.label for c in both.output_components] == ["upper", "Reverser"]
    assert [c.label for c in both.input_components] == ["text"]
    assert both("abc") == ("ABC", "cba")
    assert run_wire(both, ["abc"]) == ["ABC", "cba"]
    assert UPPER.output_components[0].label == "output"  # members are not changed


def test_parallel_members_with_several_outputs_are_labelled_per_output():
    stats = gr.Interface(lambda text: (len(text), text.count(" ")), "text",
                         [gr.Number(label="letters"), gr.Number(label="spaces")], title="stats")
    both = gr.Parallel(UPPER, stats)
    assert [c.label for c in both.output_components] == ["upper", "stats: letters", "stats: spaces"]
    assert both("a b") == ("A B", 3, 1)


def test_parallel_runs_members_at_once():
    def slow(text):
        time.sleep(0.4)
        return text

    both = gr.Parallel(*(gr.Interface(slow, "text", "text") for _ in range(3)))
    begin = time.monotonic()
    assert both("x") == ("x", "x", "x")
    assert run_wire(both, ["y"]) == ["y", "y", "y"]
    assert time.monotonic() - begin < 1.1  # two calls of three 0.4 s members each, not 2.4 s


def test_each_parallel_member_preprocesses_for_itself():
    seen = {}

    def as_pil(image):
        seen["pil"] = type(image).__name__
        return "pil"

    def as_numpy(image):
        seen["numpy"] = (type(image).__name__, image.shape)
        return "numpy"

    both = gr.Parallel(gr.Interface(as_pil, gr.Image(type="pil"), "text"),
                       gr.Interface(as_numpy, gr.Image(type="numpy"), "text"))
    assert run_wire(both, [PNG_URL]) == ["pil", "numpy"]
    assert seen["pil"] == "Image" and seen["numpy"][0] == "ndarray" and len(seen["numpy"][1]) in (2, 3)


def test_parallel_members_must_take_the_same_inputs():
    with pytest.raises(TypeError, match=r"Parallel: <lambda> takes \(Number\) but upper takes \(Textbox\)"):
        gr.Parallel(UPPER, gr.Interface(lambda x: x, "number", "text"))
    with pytest.raises(TypeError, match="member 2 is a str"):
        gr.Parallel(UPPER, "text")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="at least one"):
        gr.Parallel()


def test_series_feeds_each_stage_into_the_next():
    chain = gr.Series(UPPER, REVERSE)
    assert chain("abc") == "CBA"
    assert run_wire(chain, ["abc"]) == ["CBA"]
    assert [c.label for c in chain.output_components] == ["reversed"]


def test_series_arity_mismatch_is_a_type_error_at_construction():
    pair = gr.Interface(lambda a, b: a + b, ["text", "text"], "text")
    with pytest.raises(TypeError, match=r"stage 1 \(upper\) gives 1 output\(s\) but stage 2 \(<lambda>\) takes 2"):
        gr.Series(UPPER, pair)


def test_series_through_media_payloads():
    invert = gr.Interface(lambda image: 255 - image, gr.Image(type="numpy"), gr.Image())
    mean = gr.Interface(lambda image: float(np.asarray(image).mean()), gr.Image(type="numpy"), "number")
    chain = gr.Series(invert, mean)
    original = gr.Interface(lambda image: float(np.asarray(image).mean()), gr.Image(type="numpy"), "number")
    before = run_wire(original, [PNG_URL])[0]
    after = run_wire(chain, [PNG_URL])[0]
    assert after == pytest.approx(255 - before, abs=0.5)


def test_composites_nest_and_take_interface_options():
    joined = gr.Interface(lambda a, b: f"{a}|{b}", ["text", "text"], "text")
    nested = gr.Series(gr.Parallel(UPPER, REVERSE), joined, title="Both, joined", examples=["hello"])
    assert nested("ab") == "AB|ba"
    assert run_wire(nested, ["ab"]) == ["AB|ba"]
    assert nested.title == "Both, joined" and nested.examples == [["hello"]]
    assert gr.Parallel(nested, UPPER)("ab") == ("AB|ba", "AB")
    inner = gr.Parallel(gr.Parallel(UPPER, REVERSE), gr.Series(UPPER, REVERSE))
    assert [c.label for c in inner.output_components] == ["upper", "Reverser", "Series(upper, Reverser)"]


def test_a_failing_member_fails_the_run_with_its_name():
    def broken(text):
        raise ValueError("member broke")

    both = gr.Parallel(UPPER, gr.Interface(broken, "text", "text"))
    with pytest.raises(FunctionError, match="broken raised ValueError: member broke"):
        run_wire(both, ["x"])


def test_unsupported_options_and_members_are_refused():
    with pytest.raises(ConfigurationError, match="does not take interpretation"):
        gr.Series(UPPER, interpretation="default")
    with pytest.raises(TypeError, match="keeps session state"):
        gr.Parallel(gr.Interface(lambda text, state: (text, state), ["text", "state"], ["text", "state"]))
    joined = gr.Interface(lambda a, b: a + b, ["text", "text"], "text")
    with pytest.raises(ConfigurationError, match=r"examples\[0\] has 1 value\(s\); the interface has 2 input"):
        gr.Series(joined, UPPER, examples=[["only one"]])
