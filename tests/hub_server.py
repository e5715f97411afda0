"""A stand-in for the Hugging Face Hub and its inference API on 127.0.0.1 (this machine has no
internet). It speaks the same HTTP contract that huggingface_hub's HfApi and InferenceClient
use: ``GET /api/models/<repo>``, ``GET /api/spaces/<owner>/<name>``, ``POST /models/<repo>``.
The "models" compute small real answers from their input (word counts, reversed text, an
image's brightness), so that tests can tell a right conversion from a wrong one.
"""
from __future__ import annotations

import base64
import io
import json
import struct
import threading
import wave
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from PIL import Image, ImageStat

MODELS = {  # repo -> pipeline tag
    "acme/sentiment": "text-classification",
    "acme/fill": "fill-mask",
    "acme/qa": "question-answering",
    "acme/zero-shot": "zero-shot-classification",
    "acme/ner": "token-classification",
    "acme/summarize": "summarization",
    "acme/translate": "translation",
    "acme/generate": "text-generation",
    "acme/t5": "text2text-generation",
    "acme/similar": "sentence-similarity",
    "acme/embed": "feature-extraction",
    "acme/brightness": "image-classification",
    "acme/paint": "text-to-image",
    "acme/speak": "text-to-speech",
    "acme/listen": "automatic-speech-recognition",
    "acme/loudness": "audio-classification",
    "acme/echo": "audio-to-audio",
    "acme/depth": "depth-estimation",  # a tag load() does not support
    "acme/broken": "text-classification",  # its inference answers 503
}
POSITIVE = {"good", "great", "love", "happy", "nice"}


def wav_bytes(samples: list[int], rate: int = 8000) -> bytes:
    out = io.BytesIO()
    with wave.open(out, "wb") as sound:
        sound.setnchannels(1)
        sound.setsampwidth(2)
        sound.setframerate(rate)
        sound.writeframes(struct.pack(f"<{len(samples)}h", *samples))
    return out.getvalue()


def wav_peak(data: bytes) -> int:
    with wave.open(io.BytesIO(data)) as sound:
        frames = sound.readframes(sound.getnframes())
    values = struct.unpack(f"<{len(frames) // 2}h", frames)
    return max((abs(v) for v in values), default=0)


def answer(tag: str, body: bytes) -> tuple[int, str, bytes]:
    """(status, content type, body) that the model of pipeline ``tag`` gives for ``body``."""
    binary = tag in ("image-classification", "automatic-speech-recognition", "audio-classification",
                     "audio-to-audio")
    request: Any = None if binary else json.loads(body)
    inputs = None if binary else request["inputs"]
    if tag == "text-classification":
        words = inputs.lower().split()
        positive = sum(w.strip(".,!") in POSITIVE for w in words) / max(1, len(words))
        result: Any = [[{"label": "POSITIVE", "score": positive}, {"label": "NEGATIVE", "score": 1 - positive}]]
    elif tag == "fill-mask":
        result = [{"sequence": inputs.replace("[MASK]", w), "score": s, "token": i, "token_str": w}
                  for i, (w, s) in enumerate((("paris", 0.7), ("lyon", 0.2), ("nice", 0.1)))]
    elif tag == "question-answering":
        context, question = inputs["context"], inputs["question"]
        word = max(context.split(), key=len)
        start = context.index(word)
        result = {"answer": word, "score": round(len(question) / 100, 2), "start": start, "end": start + len(word)}
    elif tag == "zero-shot-classification":
        labels = request["parameters"]["candidate_labels"]
        weights = [1 + inputs.lower().count(label.lower()) for label in labels]
        result = [{"label": label, "score": w / sum(weights)} for label, w in zip(labels, weights, strict=True)]
        result.sort(key=lambda item: -item["score"])
    elif tag == "token-classification":
        result, cursor = [], 0
        for word in inputs.split():
            start = inputs.index(word, cursor)
            cursor = start + len(word)
            if word[:1].isupper():
                result.append({"entity_group": "PER", "score": 0.99, "word": word, "start": start, "end": cursor})
    elif tag == "summarization":
        result = [{"summary_text": " ".join(inputs.split()[:3])}]
    elif tag == "translation":
        result = [{"translation_text": " ".join(reversed(inputs.split()))}]
    elif tag in ("text-generation", "text2text-generation"):
        result = [{"generated_text": inputs + " and so on"}]
    elif tag == "sentence-similarity":
        source = set(inputs["source_sentence"].lower().split())
        result = [len(source & set(s.lower().split())) / max(1, len(source)) for s in inputs["sentences"]]
    elif tag == "feature-extraction":
        result = [[float(len(w)), float(w.count("a"))] for w in inputs.split()]
    elif tag == "image-classification":
        bright = ImageStat.Stat(Image.open(io.BytesIO(body)).convert("L")).mean[0] / 255
        result = [{"label": "bright", "score": bright}, {"label": "dark", "score": 1 - bright}]
    elif tag == "text-to-image":
        picture = Image.new("RGB", (8 * len(inputs), 16), (200, 30, 30))
        out = io.BytesIO()
        picture.save(out, format="PNG")
        return 200, "image/png", out.getvalue()
    elif tag == "text-to-speech":
        return 200, "audio/wav", wav_bytes([1000 * (i % 20) for i in range(400 * len(inputs))])
    elif tag == "automatic-speech-recognition":
        result = {"text": f"{len(body)} bytes of sound"}
    elif tag == "audio-classification":
        peak = wav_peak(body)
        result = [{"label": "loud", "score": peak / 32767}, {"label": "quiet", "score": 1 - peak / 32767}]
    elif tag == "audio-to-audio":
        with wave.open(io.BytesIO(body)) as sound:
            frames = sound.readframes(sound.getnframes())
        samples = [v // 2 for v in struct.unpack(f"<{len(frames) // 2}h", frames)]
        result = [{"label": "half", "content-type": "audio/wav",
                   "blob": base64.b64encode(wav_bytes(samples)).decode()}]
    else:
        return 400, "application/json", json.dumps({"error": f"no task {tag}"}).encode()
    return 200, "application/json", json.dumps(result).encode()


class HubServer:
    """The stand-in Hub, in a thread, on a free 127.0.0.1 port; ``stop()`` ends it."""

    def __init__(self, spaces: dict[str, str] | None = None) -> None:
        self.spaces = spaces or {}  # "owner/name" -> URL of a running Gradio app
        self.requests: list[tuple[str, str, str | None]] = []  # (method, path, Authorization)
        hub = self

        class Handler(BaseHTTPRequestHandler):
            def _send(self, status: int, kind: str, body: bytes, headers: dict[str, str] | None = None) -> None:
                self.send_response(status)
                self.send_header("content-type", kind)
                self.send_header("content-length", str(len(body)))
                for key, value in (headers or {}).items():
                    self.send_header(key, value)
                self.end_headers()
                self.wfile.write(body)

            def _not_found(self, what: str) -> None:
                self._send(404, "application/json", json.dumps({"error": f"{what} not found"}).encode(),
                           {"X-Error-Code": "RepoNotFound", "X-Error-Message": f"{what} not found"})

            def do_GET(self) -> None:
                hub.requests.append(("GET", self.path, self.headers.get("authorization")))
                path = self.path.split("?")[0]
                if path.startswith("/api/models/"):
                    repo = path.removeprefix("/api/models/")
                    if repo not in MODELS:
                        return self._not_found(repo)
                    body = {"id": repo, "modelId": repo, "pipeline_tag": MODELS[repo], "private": False}
                    return self._send(200, "application/json", json.dumps(body).encode())
                if path.startswith("/api/spaces/"):
                    space = path.removeprefix("/api/spaces/")
                    if space not in hub.spaces:
                        return self._not_found(space)
                    body = {"id": space, "sdk": "gradio", "host": hub.spaces[space], "private": False,
                            "runtime": {"stage": "RUNNING"}}
                    return self._send(200, "application/json", json.dumps(body).encode())
                return self._not_found(path)

            def do_POST(self) -> None:
                hub.requests.append(("POST", self.path, self.headers.get("authorization")))
                body = self.rfile.read(int(self.headers.get("content-length") or 0))
                repo = self.path.removeprefix("/models/")
                if repo not in MODELS:
                    return self._not_found(repo)
                if repo == "acme/broken":
                    return self._send(503, "application/json", json.dumps({"error": "Model is loading"}).encode())
                return self._send(*answer(MODELS[repo], body))

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
