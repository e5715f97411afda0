"""A Gradio 3 style program using many constructor arguments that change what a person sees."""
import niceface as gr


def report(text, level, colours, quantity):
    spans = [(word, "long" if len(word) > 4 else "short") for word in text.split()]
    chat = [[text, f"**{level}**: {', '.join(colours) or 'no colour'} <script>alert(1)</script>"]]
    return spans, {"yes": quantity / 10, "no": 1 - quantity / 10}, chat, text


demo = gr.Interface(
    report,
    [gr.Textbox(label="text", info="A few words", lines=3, autofocus=True),
     gr.Radio(["low", "high"], value="low", label="level", show_label=False),
     gr.Dropdown(["red", "green", "blue"], multiselect=True, value=["red"], label="colours"),
     gr.Number(5, minimum=0, maximum=10, label="quantity", elem_classes="qty")],
    [gr.HighlightedText(label="words", show_legend=True, combine_adjacent=True, adjacent_separator=" ",
                        color_map={"long": "#fde68a", "short": "#bfdbfe"}),
     gr.Label(label="answer", color="#15803d"),
     gr.Chatbot(label="chat", height=200),
     gr.Textbox(label="copy me", show_copy_button=True)],
    allow_flagging="never",
)

if __name__ == "__main__":
    demo.launch()
