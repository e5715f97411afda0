"""fn returns, for a File output, a "data URL" that tries to break out of the link's href."""
import niceface as gr

EVIL = 'data:text/plain," onclick="document.title=\'owned\'" data-x="'

demo = gr.Interface(lambda text: EVIL, gr.Textbox(label="text"), gr.File(label="download"))

if __name__ == "__main__":
    demo.launch()
