"""A Gradio 3 style forecast: a series in, the series with its 3-point moving average out."""
import niceface as gr


def smooth(frame):
    frame = frame.copy()
    frame["average"] = frame["sales"].rolling(3, min_periods=1).mean()
    return frame


demo = gr.Interface(smooth, gr.Timeseries(x="day", y=["sales"], label="series"),
                    gr.Timeseries(x="day", y=["sales", "average"], colors=["#999999", "#d62728"], label="smoothed"),
                    examples=[["series/sales.csv"]], allow_flagging="never")

if __name__ == "__main__":
    demo.launch()
