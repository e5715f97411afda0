"""A Hub model loaded by name (the Hub's endpoints come from NICEFACE_HF_* variables)."""
import niceface as gr

demo = gr.load("huggingface/acme/sentiment", description="A sentiment model from the Hub.")

if __name__ == "__main__":
    demo.launch()
