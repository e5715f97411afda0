"""A fn that mutates its state default in place: sessions must still start from the default."""
import niceface as gr


def remember(word, seen=["start"]):  # noqa: B006 - the mutable default is the point
    seen.append(word)
    return ", ".join(seen), seen


demo = gr.Interface(remember, ["text", "state"], ["text", "state"])

if __name__ == "__main__":
    demo.launch()
