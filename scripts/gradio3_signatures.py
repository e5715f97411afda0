"""Write tests/compat/gradio3_signatures.json: the parameters (names, kinds, defaults) of
Gradio 3.50's Interface-era API, which tests/compat/test_compat_signatures.py holds ours to.

Run it with a Python that has gradio 3.50 (never a niceface dependency), e.g.
    python -m venv .venv-gradio3 && .venv-gradio3/bin/pip install 'gradio==3.50.2'
    .venv-gradio3/bin/python scripts/gradio3_signatures.py
It records facts about the API, not Gradio's code.
"""
from __future__ import annotations

import inspect
import json
import re
import warnings
from pathlib import Path

warnings.simplefilter("ignore")
import gradio as gr  # noqa: E402
from gradio import inputs, outputs  # noqa: E402

OUT = Path(__file__).resolve().parent.parent / "tests" / "compat" / "gradio3_signatures.json"
COMPONENTS = ["AnnotatedImage", "Audio", "BarPlot", "Button", "Chatbot", "Checkbox", "CheckboxGroup", "Code",
              "ColorPicker", "Dataframe", "Dropdown", "File", "Gallery", "HTML", "HighlightedText", "Image", "JSON",
              "Label", "LinePlot", "Markdown", "Model3D", "Number", "Plot", "Radio", "ScatterPlot", "Slider", "State",
              "Textbox", "Timeseries", "UploadButton", "Video",
              # templates and other spellings
              "DataFrame", "Files", "Highlight", "Highlightedtext", "ImageMask", "ImagePaint", "Json", "List", "Matrix",
              "Mic", "Microphone", "Numpy", "Paint", "Pil", "PlayableVideo", "Sketchpad", "Text", "TextArea",
              "Variable", "Webcam"]


def default(value: object) -> object:
    if value is inspect.Parameter.empty:
        return "<required>"
    try:
        json.dumps(value)
    except TypeError:
        return re.sub(r" at 0x[0-9a-f]+", "", repr(value))
    return value


def parameters(function: object, skip_self: bool = True) -> list[list[object]]:
    found = list(inspect.signature(function).parameters.values())
    if skip_self and found and found[0].name == "self":
        found = found[1:]
    return [[p.name, p.kind.name, default(p.default)] for p in found if not p.name.startswith("_")]


def main() -> None:
    api: dict[str, object] = {"gradio": gr.__version__, "components": {}, "legacy": {}, "style": {}}
    for name in COMPONENTS:
        api["components"][name] = parameters(getattr(gr, name).__init__)  # type: ignore[index]
        style = getattr(getattr(gr, name), "style", None)
        if style is not None:
            api["style"][name] = [p[0] for p in parameters(style)]  # type: ignore[index]
    for space, module in (("inputs", inputs), ("outputs", outputs)):
        for name, cls in vars(module).items():
            if inspect.isclass(cls) and cls.__module__ == module.__name__:
                api["legacy"][f"{space}.{name}"] = parameters(cls.__init__)  # type: ignore[index]
    api["Interface"] = parameters(gr.Interface.__init__)
    api["Interface.launch"] = parameters(gr.Interface.launch)
    api["Interface.queue"] = parameters(gr.Interface.queue)
    api["TabbedInterface"] = parameters(gr.TabbedInterface.__init__)
    for name in ("load", "make_waveform", "mount_gradio_app", "update", "close_all"):
        api[name] = parameters(getattr(gr, name), skip_self=False)
    api["themes"] = sorted(name for name in vars(gr.themes) if name[0].isupper())
    OUT.write_text(json.dumps(api, indent=1) + "\n")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
