"""Every parameter of Gradio 3.50's Interface-era API is taken, in Gradio's positional order.

The reference is tests/compat/gradio3_signatures.json, written from gradio 3.50.2 itself by
scripts/gradio3_signatures.py (names, kinds and defaults only)."""
from __future__ import annotations

import dataclasses
import inspect
import json
from pathlib import Path

import pytest

import niceface as gr
from niceface.app.serve.options import GRADIO_ONLY as LAUNCH_GRADIO_ONLY
from niceface.components import legacy
from niceface.components.base import GRADIO_ONLY, RETIRED

API = json.loads((Path(__file__).parent / "gradio3_signatures.json").read_text())
#: components Gradio 3 has that an Interface program does not use, and why
NOT_FOR_INTERFACES = {"BarPlot": "a Blocks chart fed by a DataFrame; use Plot", "LinePlot": "as BarPlot",
                      "ScatterPlot": "as BarPlot"}


def accepted(cls: type) -> set[str]:
    fields = {f.name for f in dataclasses.fields(cls) if f.init}
    return fields | set(GRADIO_ONLY) | set(getattr(cls, "gradio_only", {})) | set(RETIRED)


def positional(parameters: list) -> list[str]:
    return [name for name, kind, _ in parameters if kind == "POSITIONAL_OR_KEYWORD"]


@pytest.mark.parametrize("name", sorted(set(API["components"]) - set(NOT_FOR_INTERFACES)))
def test_each_component_takes_every_gradio_parameter_in_its_order(name):
    ours = getattr(gr, name)
    theirs = API["components"][name]
    missing = [p for p, kind, _ in theirs if not kind.startswith("VAR_") and p not in accepted(ours)]
    assert missing == [], f"{name} lacks {missing}"
    mine = [p.name for p in inspect.signature(ours).parameters.values() if p.kind == p.POSITIONAL_OR_KEYWORD]
    assert mine[:len(positional(theirs))] == positional(theirs), f"{name}: positional {mine} vs {positional(theirs)}"


@pytest.mark.parametrize("name", sorted(set(API["components"]) - set(NOT_FOR_INTERFACES)))
def test_each_component_starts_from_gradios_defaults(name):
    ours = getattr(gr, name)
    defaults = {f.name: f.default for f in dataclasses.fields(ours) if f.default is not dataclasses.MISSING}
    differ = {p: (theirs, defaults[p]) for p, _, theirs in API["components"][name]
              if p in defaults and not (isinstance(theirs, str) and theirs.startswith("<"))
              and _differs(theirs, defaults[p], p)}
    assert differ == {}, f"{name}: Gradio's default vs ours: {differ}"


#: defaults that read differently but mean the same: None is "shown" / "editable as an input"
SAME = {"show_label": (True, None), "interactive": (True, None)}


def _differs(theirs: object, ours: object, name: str = "") -> bool:
    if SAME.get(name) == (theirs, ours):
        return False
    if isinstance(theirs, list) and isinstance(ours, tuple | list):
        return list(ours) != theirs
    return theirs != ours


@pytest.mark.parametrize("space", ["inputs", "outputs"])
def test_the_gradio_2_namespaces_take_their_own_positional_orders(space):
    table = legacy.INPUTS if space == "inputs" else legacy.OUTPUTS
    for qualified, parameters in API["legacy"].items():
        prefix, name = qualified.split(".")
        if prefix != space or name == "Carousel":
            continue
        theirs = tuple(p for p, kind, _ in parameters if kind == "POSITIONAL_OR_KEYWORD")
        assert table[name][:len(theirs)] == theirs, qualified


def test_interface_takes_gradios_positional_order():
    mine = [p.name for p in inspect.signature(gr.Interface).parameters.values()
            if p.kind == p.POSITIONAL_OR_KEYWORD]
    theirs = [p for p in positional(API["Interface"]) if p not in ("allow_duplication",)]
    assert mine[:len(theirs)] == theirs


@pytest.mark.parametrize("method", ["launch", "queue"])
def test_every_launch_and_queue_option_is_accepted(method):
    ours = inspect.signature(getattr(gr.Interface, method)).parameters
    missing = [p for p, kind, _ in API[f"Interface.{method}"]
               if kind != "VAR_KEYWORD" and p not in ours and p not in LAUNCH_GRADIO_ONLY]
    assert missing == []


def test_every_component_name_is_also_a_shortcut_string():
    from niceface.components.registry import SHORTCUTS
    names = {name.lower() for name in API["components"]} - {name.lower() for name in NOT_FOR_INTERFACES}
    assert sorted(names - set(SHORTCUTS)) == []
    assert type(gr.Interface(lambda x: x, "imagemask", "playablevideo").input_components[0]).__name__ == "ImageMask"
