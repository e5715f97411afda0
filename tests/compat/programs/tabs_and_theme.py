"""A Gradio 3 style program: two Interfaces as tabs, a theme, gr.update from fn, .style()."""
import niceface as gr


def greet(name):
    return f"Hello {name}!"


def check(word):
    if word == "secret":
        return gr.update(value="hidden", visible=False)
    return gr.Textbox.update(value=word[::-1], visible=True)


hello = gr.Interface(greet, gr.Textbox(label="name", info="Your first name"), gr.Textbox(label="greeting"),
                     allow_flagging="never")
mirror = gr.Interface(check, gr.Textbox(label="word").style(container=False),
                      gr.Textbox(label="reversed", show_copy_button=True, elem_classes=["shiny"]),
                      allow_flagging="never", api_name="reverse")
demo = gr.TabbedInterface([hello, mirror], ["Greeter", "Mirror"], title="Two tools",
                          theme=gr.themes.Soft(primary_hue="emerald"), css=".shiny textarea { font-weight: 700; }")

if __name__ == "__main__":
    demo.queue().launch()
