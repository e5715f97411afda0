"""Image inputs from the webcam and from a sketch canvas: the fn reports what it got."""
import niceface as gr


def describe(photo, sketch):
    photo_text = "no photo" if photo is None else f"photo {photo.shape[1]}x{photo.shape[0]}"
    sketch_text = "no sketch" if sketch is None else f"sketch {sketch.shape[1]}x{sketch.shape[0]} ink {int((sketch > 0).sum())}"
    return f"{photo_text}; {sketch_text}"


demo = gr.Interface(describe, [gr.Image(source="webcam", label="photo"), "sketchpad"], gr.Textbox(label="result"))

if __name__ == "__main__":
    demo.launch()
