"""Interpretation (SPEC §4): what Interface.interpret() returns, with real shap and scikit-image."""
from __future__ import annotations

import importlib.util
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest

import niceface as gr
from niceface.exceptions import ConfigurationError, FunctionError, MissingDependencyError
from niceface.interpret import explain
from niceface.interpret.features import superpixels
from niceface.interpret.overlay import heatmap, overlay_for, png_data_url, spans

pytestmark = pytest.mark.filterwarnings("ignore:Linear regression equation is singular")  # shap, few samples

SENTENCE = "She went to his house to get her keys."
MALE, FEMALE = ["he", "his", "him"], ["she", "hers", "her"]


def gender_of_sentence(sentence: str) -> dict[str, float]:
    """The guide's demo: the share of male and female words."""
    words = [word.lower() for word in sentence.split()]
    male = sum(word in MALE for word in words)
    female = sum(word in FEMALE for word in words)
    total = max(male + female, 1)
    return {"male": male / total, "female": female / total}


def counted(fn: Callable[..., Any]) -> Callable[..., Any]:
    """fn that counts its calls in ``.calls``."""
    def wrapper(*args: Any) -> Any:
        wrapper.calls += 1  # type: ignore[attr-defined]
        return fn(*args)
    wrapper.calls = 0  # type: ignore[attr-defined]
    wrapper.__name__ = fn.__name__
    return wrapper


def words_only(structure: list[tuple[str, float]]) -> list[tuple[str, float]]:
    return structure[::2]


# ---- default: text ----------------------------------------------------------------------

def test_gender_sentence_scores_she_his_her_and_nothing_else() -> None:
    iface = gr.Interface(gender_of_sentence, "text", "label", interpretation="default")
    (structure,) = iface.interpret(SENTENCE)
    scores = dict(words_only(structure))
    assert scores["She"] == pytest.approx(1 / 6)
    assert scores["his"] == pytest.approx(-1 / 3)
    assert scores["her"] == pytest.approx(1 / 6)
    assert [s for w, s in words_only(structure) if w not in ("She", "his", "her")] == [0] * 6


def test_text_result_puts_a_zero_space_between_tokens() -> None:
    iface = gr.Interface(gender_of_sentence, "text", "label", interpretation="default")
    (structure,) = iface.interpret(SENTENCE)
    assert "".join(token for token, _ in structure) == SENTENCE
    assert structure[1::2] == [(" ", 0)] * 8


def test_default_on_twenty_words_calls_fn_once_per_word_plus_the_original() -> None:
    fn = counted(lambda text: {"a": 0.5, "b": 0.5})
    iface = gr.Interface(fn, "text", "label", interpretation="default")
    iface.interpret(" ".join(f"w{i}" for i in range(20)))
    assert fn.calls == 21


def test_a_plain_label_scores_one_where_removing_the_token_changes_it() -> None:
    iface = gr.Interface(lambda text: "long" if len(text.split()) > 3 else "short", "text", "label",
                         interpretation="default")
    (structure,) = iface.interpret("one two three four")
    assert [score for _, score in words_only(structure)] == [1, 1, 1, 1]


def test_progress_reports_every_evaluation_up_to_the_total() -> None:
    seen: list[tuple[int, int]] = []
    iface = gr.Interface(gender_of_sentence, "text", "label", interpretation="default")
    explain(iface, [SENTENCE], progress=lambda done, total: seen.append((done, total)))
    assert seen[-1] == (10, 10)
    assert [done for done, _ in seen] == sorted(done for done, _ in seen)


# ---- default: neighbour inputs ----------------------------------------------------------

def test_number_neighbours_are_one_percent_steps_with_signed_scores() -> None:
    iface = gr.Interface(lambda x: x ** 2, "number", "number", interpretation="default")
    (structure,) = iface.interpret(2)
    values = [value for value, _ in structure]
    assert values == pytest.approx([1.94, 1.96, 1.98, 2, 2.02, 2.04, 2.06])
    assert structure[3] == (2, None)
    expected = [v ** 2 - 4 for v in (1.94, 1.96, 1.98)] + [v ** 2 - 4 for v in (2.02, 2.04, 2.06)]
    scores = [score for _, score in structure if score is not None]
    assert scores == pytest.approx(expected)
    assert scores[0] < 0 < scores[-1]  # moving up raises x²


def test_slider_scores_eight_evenly_spaced_values() -> None:
    iface = gr.Interface(lambda x: x, gr.Slider(0, 70), "number", interpretation="default")
    (structure,) = iface.interpret(35)
    assert structure == pytest.approx([v - 35 for v in range(0, 80, 10)])


@pytest.mark.parametrize(("value", "expected"), [(True, (pytest.approx(-0.7), None)),
                                                 (False, (None, pytest.approx(-0.7)))])
def test_checkbox_scores_the_flipped_value_and_leaves_the_current_slot_empty(value: bool, expected: Any) -> None:
    def fn(flag: bool) -> dict[str, float]:
        return {"yes": 0.9, "no": 0.1} if flag else {"yes": 0.2, "no": 0.8}
    iface = gr.Interface(fn, "checkbox", "label", interpretation="default")
    (structure,) = iface.interpret(value)
    assert tuple(structure) == expected


def test_checkbox_group_toggles_each_choice() -> None:
    iface = gr.Interface(len, gr.CheckboxGroup(["a", "b", "c"]), "number", interpretation="default")
    (structure,) = iface.interpret(["a"])
    assert structure == [(-1, None), (None, 1), (None, 1)]


@pytest.mark.parametrize("component", [gr.Radio, gr.Dropdown])
def test_choices_score_every_other_choice(component: Any) -> None:
    iface = gr.Interface(lambda index: 2 * index, component(["a", "b", "c", "d"], type="index"), "number",
                         interpretation="default")
    (structure,) = iface.interpret("b")
    assert structure == [-2, None, 2, 4]


# ---- default: media ---------------------------------------------------------------------

def block_picture() -> np.ndarray:
    """64×64, a 4×4 grid of flat blocks: red top-left, green bottom-right, greys and blues elsewhere."""
    picture = np.zeros((64, 64, 3), dtype=np.uint8)
    for row in range(4):
        for col in range(4):
            shade = 40 + 12 * (row * 4 + col)
            picture[16 * row:16 * row + 16, 16 * col:16 * col + 16] = (shade, shade, 255 - shade)
    picture[:16, :16] = (255, 0, 0)
    picture[48:, 48:] = (0, 255, 0)
    return picture


def red_cat(image: np.ndarray) -> dict[str, float]:
    """'cat' rises with the red top-left block and falls with the green bottom-right one."""
    red = np.mean((image[:16, :16, 0] > 200) & (image[:16, :16, 1] < 60))
    green = np.mean((image[48:, 48:, 1] > 200) & (image[48:, 48:, 0] < 60))
    cat = float(np.clip(0.3 + 0.5 * red - 0.2 * green, 0, 1))
    return {"cat": cat, "dog": 1 - cat}


def test_image_scores_rank_the_key_region_first_and_keep_negative_signs() -> None:
    iface = gr.Interface(red_cat, "image", "label", interpretation="default")
    (scores,) = iface.interpret(block_picture())
    assert isinstance(scores, np.ndarray) and scores.shape == (64, 64)
    assert scores[8, 8] == pytest.approx(0.5, abs=0.01) and scores[8, 8] == scores.max()
    assert scores[56, 56] == pytest.approx(-0.2, abs=0.01) and scores[56, 56] == scores.min()
    assert scores[8, 40] == 0


def test_image_accepts_a_data_url_and_makes_one_run_per_superpixel() -> None:
    fn = counted(red_cat)
    iface = gr.Interface(fn, "image", "label", interpretation="default")
    (scores,) = iface.interpret(gr.Image().postprocess(block_picture()))
    assert fn.calls == 1 + int(superpixels(block_picture()).max()) + 1
    assert scores[8, 8] > 0 > scores[56, 56]


def test_a_sketchpad_perturbs_the_picture_fn_saw_despite_invert_colors() -> None:
    def ink(image: np.ndarray) -> dict[str, float]:
        share = float(np.mean(image > 128))
        return {"ink": share, "blank": 1 - share}
    sketch = np.full((28, 28), 255, dtype=np.uint8)
    sketch[4:14, 4:14] = 0  # a black stroke on white, which fn sees inverted: white ink on black
    iface = gr.Interface(ink, "sketchpad", "label", interpretation="default")
    (scores,) = iface.interpret(sketch)
    assert scores[8, 8] < 0  # the stroke speaks against "blank"
    assert scores[24, 24] == 0


def test_audio_scores_eight_segments() -> None:
    samples = np.zeros(8000, dtype=np.int16)
    samples[2000:3000] = 1000  # all the sound is in the third segment

    def loudness(audio: tuple[int, np.ndarray]) -> float:
        return float(np.abs(audio[1].astype(float)).sum())
    iface = gr.Interface(loudness, "audio", "number", interpretation="default")
    (structure,) = iface.interpret((8000, samples))
    assert structure == [0, 0, 1_000_000, 0, 0, 0, 0, 0]


# ---- shap ---------------------------------------------------------------------------------

WEIGHTS = {"great": 0.30, "good": 0.15, "fine": 0.05, "the": 0.0, "bad": -0.10, "awful": -0.05}


def additive(text: str) -> dict[str, float]:
    positive = 0.4 + sum(WEIGHTS.get(word, 0.0) for word in text.split())
    return {"positive": positive, "negative": 0.1}


def test_shap_values_are_exact_for_an_additive_model() -> None:
    text = "great good fine the bad awful"
    iface = gr.Interface(additive, "text", "label", interpretation="shap", num_shap=5)
    (structure,) = iface.interpret(text)
    values = dict(words_only(structure))
    assert sum(values.values()) == pytest.approx(additive(text)["positive"] - additive("")["positive"])
    assert values == pytest.approx(WEIGHTS, abs=1e-9)
    assert sorted(values, key=values.get) == ["bad", "awful", "the", "fine", "good", "great"]  # type: ignore[arg-type]


@pytest.mark.parametrize("num_shap", [2, 4])
def test_shap_runs_follow_num_shap(num_shap: float) -> None:
    fn = counted(additive)
    iface = gr.Interface(fn, "text", "label", interpretation="shapley", num_shap=num_shap)
    iface.interpret(" ".join(f"w{i}" for i in range(10)))
    assert fn.calls == 1 + 1 + int(num_shap * 10)  # original, all masked, the sampled coalitions


def test_shap_on_an_image_explains_its_superpixels() -> None:
    iface = gr.Interface(red_cat, "image", "label", interpretation="shap", num_shap=4)
    (scores,) = iface.interpret(block_picture())
    assert scores[8, 8] == scores.max() > 0
    assert scores[56, 56] == scores.min() < 0


def test_shap_on_a_number_input_is_a_clear_configuration_error_before_fn_runs() -> None:
    fn = counted(lambda x: x)
    with pytest.raises(ConfigurationError, match=r"Number.*inputs\[0\].*'default'"):
        gr.Interface(fn, "number", "number", interpretation="shap").interpret(2)
    assert fn.calls == 0


def test_unusable_interpretation_is_refused_when_the_interface_is_built() -> None:
    with pytest.raises(ConfigurationError, match=r"Slider.*inputs\[1\]"):
        gr.Interface(lambda text, x: x, ["text", "slider"], "number", interpretation="shap")


def test_missing_shap_says_how_to_install_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "shap", None)
    iface = gr.Interface(additive, "text", "label", interpretation="shap")
    with pytest.raises(MissingDependencyError, match=r"pip install 'niceface\[interpret\]'"):
        iface.interpret("good")


def test_missing_scikit_image_says_how_to_install_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "skimage", None)
    monkeypatch.setitem(sys.modules, "skimage.segmentation", None)
    iface = gr.Interface(red_cat, "image", "label", interpretation="default")
    with pytest.raises(MissingDependencyError, match=r"pip install 'niceface\[interpret\]'"):
        iface.interpret(block_picture())


# ---- custom, lists, errors ----------------------------------------------------------------

def test_a_custom_function_gets_fn_arguments_and_its_structure_passes_through() -> None:
    def interpret_gender(sentence: str) -> list[tuple[str, int]]:
        return [(word, int(word.lower() in FEMALE)) for word in sentence.split(" ")]
    iface = gr.Interface(gender_of_sentence, "text", "label", interpretation=interpret_gender)
    assert iface.interpret("she and he") == [[("she", 1), ("and", 0), ("he", 0)]]


def test_a_custom_function_for_two_inputs_returns_one_structure_each() -> None:
    iface = gr.Interface(lambda a, b: {"x": 1.0}, ["text", "number"], "label",
                         interpretation=lambda a, b: [[(a, 1)], [(b, None)]])
    assert iface.interpret("hi", 3) == [[("hi", 1)], [(3, None)]]


def test_a_list_picks_a_method_per_input_and_none_skips_one() -> None:
    fn = counted(lambda text, x: {"a": x / 10, "b": 1 - x / 10})
    iface = gr.Interface(fn, ["text", "number"], "label", interpretation=[None, "default"])
    words, number = iface.interpret("one two", 5)
    assert words is None and len(number) == 7
    assert fn.calls == 7


def test_the_first_output_must_be_a_label_or_a_number() -> None:
    with pytest.raises(ConfigurationError, match="Label"):
        gr.Interface(lambda text: text, "text", "text", interpretation="default")


def test_an_unknown_method_and_a_wrong_list_length_are_configuration_errors() -> None:
    with pytest.raises(ConfigurationError, match="unknown interpretation 'lime'"):
        gr.Interface(len, "text", "number", interpretation="lime").interpret("a")
    with pytest.raises(ConfigurationError, match="2 method"):
        gr.Interface(len, "text", "number", interpretation=["default", None]).interpret("a")


def test_an_error_in_fn_during_interpretation_is_a_function_error() -> None:
    def broken(text: str) -> float:
        if len(text.split()) < 3:
            raise ValueError("too short")
        return 1.0
    iface = gr.Interface(broken, "text", "number", interpretation="default")
    with pytest.raises(FunctionError, match="too short"):
        iface.interpret("a b c")


def test_interpretation_never_changes_the_session_state() -> None:
    def remember(text: str, history: list[str]) -> tuple[float, list[str]]:
        history.append(text)
        return float(len(text)), history
    iface = gr.Interface(remember, ["text", "state"], ["number", "state"], interpretation="default")
    history = ["before"]
    explain(iface, ["a b"], state=history)
    assert history == ["before"]


# ---- batch --------------------------------------------------------------------------------

def batched_gender(sentences: list[str]) -> list[list[dict[str, float]]]:
    return [[gender_of_sentence(sentence) for sentence in sentences]]


@pytest.mark.parametrize(("size", "calls"), [(32, 1), (8, 3)])
def test_batch_sends_the_original_and_the_neighbours_in_batches(size: int, calls: int) -> None:
    fn = counted(batched_gender)
    iface = gr.Interface(fn, "text", "label", interpretation="default", batch=True, max_batch_size=size)
    words = (SENTENCE + " " + "and then she left again for a walk home").split(" ")[:20]
    (structure,) = iface.interpret(" ".join(words))
    assert fn.calls == calls
    plain = gr.Interface(gender_of_sentence, "text", "label", interpretation="default")
    assert structure == plain.interpret(" ".join(words))[0]


def test_batch_shap_sends_the_coalitions_together() -> None:
    fn = counted(lambda texts: [[additive(text) for text in texts]])
    iface = gr.Interface(fn, "text", "label", interpretation="shap", num_shap=2, batch=True, max_batch_size=32)
    iface.interpret(" ".join(f"w{i}" for i in range(10)))
    assert fn.calls == 3  # the original, the background, the 20 coalitions


# ---- overlays ------------------------------------------------------------------------------

def rgb(css: str) -> tuple[int, ...]:
    return tuple(int(part) for part in css.removeprefix("rgb(").removesuffix(")").split(","))


def reddish(css: str) -> bool:
    red, _, blue = rgb(css)
    return red > blue


def bluish(css: str) -> bool:
    red, _, blue = rgb(css)
    return blue > red


def test_words_stay_whole_chips_however_the_scores_come() -> None:
    per_letter = [(letter, 1.0) for letter in "her"] + [(" ", 0), ("keys", 0)]
    assert [text for text, _ in spans(per_letter)] == ["her", " ", "keys"]
    two_words = [("she", 1.0), (" ", 0), ("her", 1.0)]
    assert [text for text, _ in spans(two_words)] == ["she", " ", "her"]  # a space splits chips

def test_text_overlay_colours_red_for_support_blue_against_and_leaves_zero_plain() -> None:
    iface = gr.Interface(gender_of_sentence, "text", "label", interpretation="default")
    (structure,) = iface.interpret(SENTENCE)
    overlay = overlay_for(iface.input_components[0], structure)
    assert overlay is not None and overlay.kind == "spans"
    colours = dict(words_only(overlay.data))
    assert reddish(colours["She"]) and bluish(colours["his"])
    assert colours["went"] is None


def test_heatmap_is_red_where_positive_blue_where_negative_and_clear_at_zero() -> None:
    scores = np.array([[1.0, -0.25], [0.0, 0.25]])
    rgba = heatmap(scores)
    assert rgba.shape == (2, 2, 4) and rgba.dtype == np.uint8
    assert tuple(rgba[0, 0, :3]) == (255, 0, 0) and rgba[0, 0, 3] > rgba[1, 1, 3] > 0
    assert rgba[0, 1, 2] == 255 and rgba[0, 1, 0] == rgba[0, 1, 1] > 0
    assert rgba[1, 0, 3] == 0
    assert png_data_url(rgba).startswith("data:image/png;base64,")


def test_cells_mark_the_current_value_with_no_colour() -> None:
    iface = gr.Interface(lambda x: x ** 2, "number", "number", interpretation="default")
    (structure,) = iface.interpret(2)
    overlay = overlay_for(iface.input_components[0], structure)
    assert overlay is not None and overlay.kind == "cells"
    assert overlay.data[3] == ("2", None)
    assert bluish(overlay.data[0][1]) and reddish(overlay.data[-1][1])


# ---- the guide's demos --------------------------------------------------------------------

def load_example(name: str) -> Any:
    path = Path(__file__).resolve().parent.parent / "examples" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(f"example_{name}", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_default_interpretation_demo_explains_its_own_example() -> None:
    demo = load_example("gender_sentence_default_interpretation").demo
    (structure,) = demo.interpret(demo.input_components[0].value)
    assert dict(words_only(structure))["his"] == pytest.approx(-1 / 3)


def test_the_custom_interpretation_demo_scores_every_token() -> None:
    demo = load_example("gender_sentence_custom_interpretation").demo
    (structure,) = demo.interpret(SENTENCE)
    assert "".join(token for token, _ in structure) == SENTENCE
    assert dict(structure)["She"] == 1 and dict(structure)["his"] == -1
