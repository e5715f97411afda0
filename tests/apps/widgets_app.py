"""Many kinds of input and a long result: for the tests of how the page looks and behaves."""
import niceface as gr


def describe(note, choice, other, level, flag, tags):
    if note == "fail":
        raise ValueError("asked to fail")
    return ("long " * 60).strip(), f"{note}|{choice}|{other}|{level}|{flag}|{','.join(tags)}"


demo = gr.Interface(
    describe,
    [gr.Textbox(label="note", lines=3), gr.Dropdown(["Anything goes", "Something else entirely"], value="Anything goes",
                                                   label="A fairly long dropdown label"),
     gr.Dropdown(["x", "y"], label="empty choice"), gr.Slider(0, 10, label="level"), gr.Checkbox(label="flag"),
     gr.CheckboxGroup(["a", "b", "c"], label="tags")],
    [gr.Textbox(label="long result"), gr.Textbox(label="summary")],
    examples=[["hello", "Anything goes", "x", 3, True, ["a", "b"]], ["fail", "Something else entirely", "y", 7, False, []]],
)

if __name__ == "__main__":
    demo.launch()
