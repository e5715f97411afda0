"""A Space loaded by name (the Hub endpoint comes from NICEFACE_HF_ENDPOINT), title overridden."""
import niceface as gr

demo = gr.load("spaces/acme/lengths", title="Lengths, from a Space")

if __name__ == "__main__":
    demo.launch()
