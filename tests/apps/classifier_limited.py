"""The digits classifier example, served with a 20 kB upload limit."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "examples"))
from image_classifier import demo

if __name__ == "__main__":
    demo.launch(max_file_size="20kb")
