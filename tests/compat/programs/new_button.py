"""A Gradio 3 style interface with a Button among its inputs and one as an output."""
import niceface as gr


def greet(action, name):
    return f"{action} {name}!", f"{action} again"


demo = gr.Interface(greet, [gr.Button("Hello", variant="primary"), gr.Textbox(label="name")],
                    [gr.Textbox(label="greeting"), gr.Button(label="next")], allow_flagging="never")

if __name__ == "__main__":
    demo.launch()
