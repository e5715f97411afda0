"""The chatbot example behind the queue: state and queue together."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "examples"))
from chatbot import demo

if __name__ == "__main__":
    demo.launch(enable_queue=True, concurrency_count=2)
