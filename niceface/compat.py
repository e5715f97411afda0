"""Gradio 3's Interface API, and what niceface does with each part of it: the one place the
README's compatibility table is made from (``python -m niceface.compat`` prints it;
tests/compat/test_compat_table.py checks that the README holds exactly that).

The component and option rows come from the code itself (which classes exist, which
parameters each accepts without effect and why, the launch() and Interface() options said to
change nothing); the rest is the list below."""
from __future__ import annotations

from typing import Literal

Status = Literal["supported", "differs", "not supported"]

#: Gradio 3.50 components (its own names); BarPlot, LinePlot, ScatterPlot are Blocks charts
GRADIO_COMPONENTS = ("AnnotatedImage", "Audio", "Button", "Chatbot", "Checkbox", "CheckboxGroup", "Code", "ColorPicker",
                     "Dataframe", "Dropdown", "File", "Files", "Gallery", "HTML", "HighlightedText", "Image", "JSON",
                     "Label", "Markdown", "Model3D", "Number", "Plot", "Radio", "Slider", "State", "Textbox",
                     "Timeseries", "UploadButton", "Video")
TEMPLATES = ("Text", "TextArea", "Webcam", "Sketchpad", "Paint", "ImageMask", "ImagePaint", "Pil", "PlayableVideo",
             "Microphone", "Mic", "Numpy", "Matrix", "List", "DataFrame", "Json", "Variable", "Highlight",
             "Highlightedtext")
NOT_SUPPORTED: dict[str, str] = {
    "BarPlot, LinePlot, ScatterPlot": "Blocks charts fed by a DataFrame; an Interface uses Plot (matplotlib, "
                                      "plotly, altair)",
    "gr.Blocks, gr.Row, gr.Column, event listeners": "Blocks are out of scope: niceface is the Interface API",
    "gr.HuggingFaceDatasetSaver, gr.SimpleCSVLogger": "not provided: pass gr.CSVLogger() or your own callback "
                                                      "with setup() and flag()",
    "Plot of a bokeh figure": "refused with a message; matplotlib, plotly and altair figures are shown",
    "gr.Interface.load of Hub themes (theme=\"gradio/seafoam\")": "themes are not downloaded; the page keeps its "
                                                                  "look and says so",
}
#: the rest of the API an Interface program touches: (name, status, how)
FEATURES: list[tuple[str, Status, str]] = [
    ("Interface(fn, inputs, outputs, ...)", "supported", "every Gradio 3.50 argument, in its order; a misspelt "
     "one is a TypeError naming the right one"),
    ("examples= (rows, a flat list, a folder with log.csv or files)", "supported", "missing files are reported at "
     "start-up"),
    ("cache_examples=, examples_per_page=", "supported", "cached in the background at start-up "
     "(NICEFACE_CACHE_EXAMPLES / GRADIO_CACHE_EXAMPLES); a click before then runs the example"),
    ("live=True", "supported", "superseded runs are withdrawn; streaming webcam and microphone inputs feed it"),
    ("interpretation= (\"default\", \"shap\", a function)", "supported", "drawn as overlays on the inputs"),
    ("theme= (gr.themes.*, \"soft\", \"dark\", ...)", "differs", "the main colour, neutral colour, radius and font "
     "are mapped onto niceface's page; other theme variables change nothing"),
    ("css=", "supported", "added after niceface's stylesheet"),
    ("allow_flagging=, flagging_options=, flagging_dir=", "supported", "without flagging_callback= flags go to "
     "niceface's store (TinyDB shards; `niceface flags export` writes CSV); a flag pairs the outputs with the "
     "inputs that gave them (Gradio 3: whatever the fields hold, changed since the run or not)"),
    ("flagging_callback= (gr.CSVLogger(), gr.FlaggingCallback, your own)", "differs", "setup() once at launch, "
     "flag() per flag on a worker thread, media as data URLs; with allow_flagging=\"auto\" flag_data holds the "
     "outputs too (Gradio 3: the inputs only)"),
    ("batch=, max_batch_size=", "supported", ""),
    ("api_name=", "supported", "POST /api/<api_name> (and /api/predict)"),
    ("analytics_enabled=", "differs", "accepted; niceface sends no analytics"),
    ("demo.queue(concurrency_count=, max_size=, ...)", "supported", "returns the Interface"),
    ("demo.launch(...)", "supported", "every Gradio 3.50 option; see the launch() rows for those that change "
     "nothing"),
    ("gr.Progress (progress=gr.Progress(), progress.tqdm)", "supported", "a progress bar and its words on the page"),
    ("gr.Request (a parameter typed gr.Request)", "supported", "headers, query, client address, username, "
     "session_hash"),
    ("gr.Warning, gr.Info", "supported", "toasts on the page; the log outside a run"),
    ("gr.Error", "supported", "its message is shown in the page and the API, also with show_error=False"),
    ("show_error=", "supported", "off by default as in Gradio 3: the page says an error happened, the log has it"),
    ("generators (yield)", "supported", "partial outputs in the page; in the API with ?stream=true (JSON lines)"),
    ("gr.update(...), Component.update(...)", "supported", "value, visible, label, interactive"),
    ("component.style(...)", "differs", "height, width, container, grid (Gallery) and the like are set; "
     "the rest change nothing"),
    ("a callable value= (and every=)", "supported", "called on each page load (and every N seconds)"),
    ("gr.TabbedInterface", "supported", "each tab answers at /api/<api_name>"),
    ("gr.Parallel, gr.Series", "supported", ""),
    ("gr.Interface.load / gr.load (\"models/...\", \"spaces/...\")", "supported", "the Hub and Gradio apps it "
     "reaches are configurable (NICEFACE_HF_ENDPOINT)"),
    ("gr.Examples", "differs", "in an Interface program, Interface(examples=gr.Examples(...)) uses its rows"),
    ("gr.make_waveform", "supported", "needs ffmpeg: pip install 'niceface[video]'"),
    ("gr.mount_gradio_app", "supported", "page, API and login under the path"),
    ("gr.close_all", "supported", ""),
    ("gr.inputs.*, gr.outputs.* (Gradio 2)", "supported", "their own positional orders; default= is value="),
    ("gr.themes.* (Base, Default, Soft, Glass, Monochrome, colors, sizes, GoogleFont)", "differs",
     "fonts are named, never downloaded"),
]


def component_rows() -> list[tuple[str, Status, str]]:
    """One row per Gradio 3.50 component: supported, or differs in the parameters it accepts
    without effect (and why)."""
    import niceface
    from niceface.components.base import GRADIO_ONLY

    rows: list[tuple[str, Status, str]] = []
    for name in GRADIO_COMPONENTS:
        own: dict[str, str] = getattr(getattr(niceface, name), "gradio_only", {})
        why = "; ".join(f"{parameter}= ({reason})" for parameter, reason in sorted(own.items()))
        rows.append((f"gr.{name}", "differs" if own else "supported",
                     f"every Gradio 3.50 parameter; without effect: {why}" if own else "every Gradio 3.50 parameter"))
    rows.append((", ".join(f"gr.{name}" for name in TEMPLATES), "supported", "Gradio's templates and other spellings"))
    rows += [(f"{parameter}= (of every component)", "differs", f"accepted without effect: {reason}")
             for parameter, reason in GRADIO_ONLY.items()]
    return rows


def option_rows() -> list[tuple[str, Status, str]]:
    """Interface() and launch() options that change nothing here, and why."""
    from niceface.app.core.definition import LEGACY_OPTIONS
    from niceface.app.serve.options import GRADIO_ONLY

    rows: list[tuple[str, Status, str]] = [(f"launch({name}=)", "differs", reason)
                                           for name, reason in GRADIO_ONLY.items()]
    rows += [(f"Interface({name}=)", "differs", f"accepted with a warning: {reason}")
             for name, reason in LEGACY_OPTIONS.items() if not name.startswith("_")]
    return rows


def table() -> str:
    """The Markdown table for the README."""
    lines = ["| Gradio 3 API | In niceface | How |", "|---|---|---|"]
    rows = [*FEATURES, *component_rows(), *option_rows(),
            *((name, "not supported", why) for name, why in NOT_SUPPORTED.items())]
    for name, status, how in rows:
        lines.append(f"| {_cell(name)} | {status} | {_cell(how)} |")
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


if __name__ == "__main__":
    print(table(), end="")
