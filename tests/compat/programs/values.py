"""A Gradio 3 style program whose values need converting as Gradio 3 does: a number as a
Textbox's value, non-text choices, Slider(minimum, maximum, value), a callable value, a
multiselect Dropdown, and a table of dates out."""
import datetime
import itertools

import pandas as pd

import niceface as gr

loads = itertools.count(1)


def plan(note, year, start, fruits):
    dates = pd.date_range(datetime.date(year, 1, 1), periods=2, freq="D")
    table = pd.DataFrame({"day": dates, "fruit": [", ".join(fruits)] * 2, "start": [start, start + 1]})
    return f"{note!r} {type(year).__name__} {year} {type(start).__name__} {start}", table


demo = gr.Interface(
    plan,
    [gr.Textbox(3, label="note"), gr.Radio([2025, 2030], value=2030, label="year"),
     gr.Slider(1, 10, 3, step=1, label="start"),
     gr.Dropdown(["apple", "pear", "plum"], value=["pear"], multiselect=True, max_choices=2, label="fruits")],
    [gr.Textbox(label="summary"), gr.Dataframe(label="table")],
    description="Loaded",
    article="",
    allow_flagging="never",
)
counter = gr.Interface(lambda: None, [], gr.Textbox(value=lambda: f"page load {next(loads)}", label="loads"),
                       allow_flagging="never")

if __name__ == "__main__":
    import os
    (counter if os.environ.get("WHICH") == "counter" else demo).launch()
