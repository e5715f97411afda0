"""A Gradio 3 style model viewer: a 3D model file in, the same model shown out."""
import niceface as gr


def show(model):
    return model


demo = gr.Interface(show, gr.Model3D(label="model"),
                    gr.Model3D(label="shown", clear_color=(0.9, 0.93, 1.0, 1.0), camera_position=(-60, 70, None)),
                    examples=[["models/cube.obj"], ["models/pyramid.stl"], ["models/tetra.gltf"]],
                    allow_flagging="never")

if __name__ == "__main__":
    demo.launch()
