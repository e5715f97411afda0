"""A Gradio 3 style code tool: Python source in, the same source with its lines numbered in comments out."""
import niceface as gr


def number_lines(source):
    lines = source.splitlines()
    return "\n".join(f"{line}  # {number}" for number, line in enumerate(lines, start=1))


demo = gr.Interface(number_lines, gr.Code(value="def add(a, b):\n    return a + b", language="python", lines=6,
                                          label="source"),
                    gr.Code(language="python", label="numbered"), allow_flagging="never")

if __name__ == "__main__":
    demo.launch()
