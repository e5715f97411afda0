"""The smallest demo: greet a person, with examples and a description."""
import niceface as gr


def greet(name: str, excitement: int) -> str:
    if not name.strip():
        raise gr.Error("Please type a name.")
    return f"Hello, {name}{'!' * int(excitement)}"


demo = gr.Interface(
    fn=greet,
    inputs=[gr.Textbox(label="name", placeholder="Your name"), gr.Slider(0, 5, step=1, value=1, label="excitement")],
    outputs="text",
    title="Hello",
    description="Type a name and press **Submit**.",
    examples=[["Ada", 3], ["Grace", 1]],
)

if __name__ == "__main__":
    demo.launch()
