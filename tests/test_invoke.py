"""The one door to fn: every kind of fn, every error path, plain and wire calls."""
from __future__ import annotations

import asyncio
import base64
import io

import numpy as np
import pytest
from PIL import Image

import niceface as gr
from niceface.app.core.invoke import Call, call_fn, invoke
from niceface.components.limits import Limits
from niceface.exceptions import ArityError, FileTooLargeError, FunctionError, InputError


def wire(iface, *payloads, state=None, on_partial=None):
    return invoke(iface, Call(list(payloads), state, limits=Limits()), on_partial)


def png(width: int, height: int) -> str:
    out = io.BytesIO()
    Image.new("RGB", (width, height), "white").save(out, format="PNG")
    return "data:image/png;base64," + base64.b64encode(out.getvalue()).decode()


def test_an_output_value_its_component_cannot_show_is_fns_error_not_a_crash():
    iface = gr.Interface(lambda text: 42, "text", "image")
    with pytest.raises(FunctionError, match=r"<lambda> returned int 42 for Image 'output': expected a numpy array, a PIL image or a file path"):
        wire(iface, "x")
    json_out = gr.Interface(lambda text: object(), "text", "json")
    with pytest.raises(FunctionError, match="for JSON 'output': expected a JSON-serializable value"):
        wire(json_out, "x")


def test_an_async_fn_called_directly_returns_its_result_not_a_coroutine():
    async def double(x):
        await asyncio.sleep(0)
        return x * 2
    iface = gr.Interface(double, "number", "number")
    assert iface(21) == 42


async def test_an_async_fn_called_directly_inside_a_running_loop_too():
    """As in a notebook cell: this thread's loop is busy, so the coroutine runs beside it."""
    async def double(x):
        return x * 2
    assert gr.Interface(double, "number", "number")(4) == 8


def test_a_generator_reports_each_yield_and_returns_the_last():
    def count_up(n):
        for i in range(int(n)):
            yield f"{i + 1} of {int(n)}"
    iface = gr.Interface(count_up, "number", "text")
    partial = []
    result = wire(iface, 3, on_partial=partial.append)
    assert result.outputs == ["3 of 3"] and [p.outputs for p in partial] == [["1 of 3"], ["2 of 3"]]
    assert iface(2) == "2 of 2"


def test_an_async_generator_works_the_same():
    async def count_up(n):
        for i in range(int(n)):
            yield i
    assert wire(gr.Interface(count_up, "number", "number"), 3).outputs == [2]


def test_a_batch_fn_gets_lists_and_returns_one_list_per_output():
    seen = []

    def shout(texts):
        seen.append(list(texts))
        return [[text.upper() for text in texts]]
    iface = gr.Interface(shout, "text", "text", batch=True, max_batch_size=4)
    assert wire(iface, "a").outputs == ["A"] and iface("b") == "B"
    assert call_fn(iface, [["x"], ["y"], ["z"]]) == ["X", "Y", "Z"] and seen[-1] == ["x", "y", "z"]
    broken = gr.Interface(lambda texts: [t.upper() for t in texts], "text", "text", batch=True)
    with pytest.raises(FunctionError, match=r"must return one list of 2 value\(s\) per output \(1\)"):
        call_fn(broken, [["ab"], ["cd"]])


def test_errors_come_out_as_niceface_errors():
    def boom(text):
        raise ValueError("exploded")
    with pytest.raises(FunctionError, match="boom raised ValueError: exploded"):
        wire(gr.Interface(boom, "text", "text"), "x")

    def refused(text):
        raise gr.Error("not that one")
    with pytest.raises(FunctionError, match="^not that one$"):
        wire(gr.Interface(refused, "text", "text"), "x")
    with pytest.raises(ArityError, match=r"takes 1 value\(s\) \(text\), got 2"):
        wire(gr.Interface(lambda text: text, "text", "text"), "a", "b")
    with pytest.raises(FunctionError, match="returned 1 value"):
        wire(gr.Interface(lambda t: t, "text", ["text", "text"]), "x")


def test_wire_values_are_checked_plain_values_are_not(tmp_path):
    iface = gr.Interface(lambda image: image.shape, "image", "json")
    with pytest.raises(InputError, match="expected a base64 data URL"):
        wire(iface, "/etc/passwd")
    with pytest.raises(FileTooLargeError, match="megapixels"):
        invoke(iface, Call([png(300, 300)], limits=Limits(max_image_pixels=10_000)))
    assert wire(iface, png(4, 3)).outputs == [[3, 4, 3]]
    picture = tmp_path / "p.png"
    Image.new("RGB", (5, 2)).save(picture)
    assert iface(str(picture)) == (2, 5, 3) and iface(np.zeros((2, 2, 3), dtype=np.uint8)) == (2, 2, 3)


def test_state_goes_in_and_comes_back_out_of_band():
    def remember(text, history):
        history = [*history, text]
        return " ".join(history), history
    iface = gr.Interface(remember, ["text", gr.State(value=[])], ["text", "state"])
    result = wire(iface, "a", state=["z"])
    assert result.outputs == ["z a"] and result.state == ["z", "a"]
    assert iface("b", []) == ("b", ["b"])  # plain calls pass state like any value
