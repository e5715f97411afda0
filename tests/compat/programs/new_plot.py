"""A Gradio 3 style chart: the same numbers drawn with matplotlib, plotly or Altair."""
import altair as alt
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import plotly.express as px

import niceface as gr


def chart(library, waves):
    x = np.linspace(0, 2 * np.pi, 100)
    y = np.sin(waves * x)
    if library == "matplotlib":
        figure = plt.figure(figsize=(5, 3), dpi=100)
        plt.plot(x, y)
        plt.title(f"{waves} waves")
        return figure
    if library == "pyplot":
        plt.plot(x, y)  # returns the pyplot module itself, as many Gradio 3 demos do
        return plt
    if library == "plotly":
        return px.line(x=x, y=y, title=f"{waves} waves")
    if library == "altair":
        return alt.Chart(pd.DataFrame({"x": x, "y": y})).mark_line().encode(x="x", y="y").properties(
            title=f"{waves} waves", width=320, height=180)
    return "a sentence is not a chart"


demo = gr.Interface(chart, [gr.Radio(["matplotlib", "pyplot", "plotly", "altair", "text"], value="matplotlib",
                                     label="library"),
                            gr.Slider(1, 5, value=2, step=1, label="waves")],
                    gr.Plot(label="chart"), allow_flagging="never")

if __name__ == "__main__":
    demo.launch()
