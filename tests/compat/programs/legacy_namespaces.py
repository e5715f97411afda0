"""A Gradio 2 era program, still valid in Gradio 3: gr.inputs / gr.outputs with positional arguments."""
import niceface as gr


def classify(text, strength, mode):
    score = min(1.0, len(text) / 20) * strength / 10
    return {"long": score, "short": 1 - score}, f"{mode}: {text.upper()}"


demo = gr.Interface(
    classify,
    [gr.inputs.Textbox(3, "Write something", "hello there"), gr.inputs.Slider(0, 10, 1, 5),
     gr.inputs.Radio(["plain", "fancy"], "value", "fancy", label="mode")],
    [gr.outputs.Label(2), gr.outputs.Textbox(label="echo")],
    allow_flagging="never",
)

if __name__ == "__main__":
    demo.launch()
