"""A Gradio 3 style colour tool: a colour in, its name-ish description and its complement out."""
import niceface as gr


def complement(colour):
    red, green, blue = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    brightest = max(("red", red), ("green", green), ("blue", blue), key=lambda pair: pair[1])[0]
    return f"{colour} is mostly {brightest}", (255 - red, 255 - green, 255 - blue)


demo = gr.Interface(complement, gr.ColorPicker(value="#ff0000", label="colour"),
                    [gr.Textbox(label="about"), gr.ColorPicker(label="complement")], allow_flagging="never")

if __name__ == "__main__":
    demo.launch()
