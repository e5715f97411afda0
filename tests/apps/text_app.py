"""Text in, text out; "slow" takes 2 s; "boom" raises; used by the core browser tests."""
import time

import niceface as gr


def shout(text: str) -> str:
    if text == "slow":
        time.sleep(2)
    if text == "boom":
        raise ValueError("the fn exploded on purpose")
    return text.upper()


demo = gr.Interface(shout, gr.Textbox(label="text"), gr.Textbox(label="result"),
                    title="Shout", examples=["hello", "niceface"])

if __name__ == "__main__":
    demo.launch(show_error=True)  # the details of an error are shown: the tests read them
