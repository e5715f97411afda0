"""Number, Slider, Checkbox and Radio inputs with default interpretation (cells overlays)."""
import niceface as gr


def score(x, level, flag, pick):
    value = x * x + level / 10 + (1 if flag else 0) + 2 * ["a", "b", "c"].index(pick)
    return {"high": min(value / 10, 1.0), "low": 1 - min(value / 10, 1.0)}


demo = gr.Interface(score, [gr.Number(value=2, label="x"), gr.Slider(0, 10, value=5, label="level"),
                            gr.Checkbox(value=True, label="flag"), gr.Radio(["a", "b", "c"], value="b", label="pick")],
                    "label", interpretation="default")

if __name__ == "__main__":
    demo.launch()
