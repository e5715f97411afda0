"""Parallel and Series: two text tools side by side, then each answer shouted."""
import niceface as gr


def title_case(text: str) -> str:
    return text.title()


def reverse_words(text: str) -> str:
    return " ".join(reversed(text.split()))


def shout(text: str) -> str:
    return text.upper() + "!"


title_tool = gr.Interface(title_case, gr.Textbox(label="text"), "text", title="Title case")
reverse_tool = gr.Interface(reverse_words, gr.Textbox(label="text"), "text", title="Reversed words")
shouter = gr.Interface(shout, "text", "text", title="Shouted")

side_by_side = gr.Parallel(title_tool, reverse_tool)
demo = gr.Parallel(side_by_side, gr.Series(reverse_tool, shouter, title="Reversed, then shouted"),
                   title="Parallel and Series", examples=["the quick brown fox"],
                   description="Three tools on one text: two side by side, and two in a row.")

if __name__ == "__main__":
    demo.launch()
