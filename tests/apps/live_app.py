import niceface as gr

demo = gr.Interface(lambda text: text[::-1], gr.Textbox(label="text"), gr.Textbox(label="reversed"), live=True)

if __name__ == "__main__":
    demo.launch()
