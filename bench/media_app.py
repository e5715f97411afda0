"""The app bench/media.py uploads to: a file in; its size and SHA-256 out (read in chunks)."""
import hashlib

import niceface as gr


def digest(upload):
    sha, size = hashlib.sha256(), 0
    with open(upload.name, "rb") as file:
        while chunk := file.read(1 << 20):
            sha.update(chunk)
            size += len(chunk)
    return f"{size} bytes, sha256 {sha.hexdigest()}"


demo = gr.Interface(digest, gr.File(label="upload"), gr.Textbox(label="digest"))

if __name__ == "__main__":
    demo.launch()
