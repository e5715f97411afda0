"""What each Hub pipeline tag becomes: input and output components, and a call of
``huggingface_hub.InferenceClient`` with conversions both ways (plain values in; plain values
out: dicts for labels, file paths for media)."""
from __future__ import annotations

import functools
import io
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Task:
    """What a pipeline tag becomes: components and a fn calling the InferenceClient."""

    inputs: Callable[[], Any]
    outputs: Callable[[], Any]
    call: Callable[[Any, Any], Any]  # (client, values) -> fn's result


def as_file(value: Any) -> Any:
    """A picture (array or PIL) or a sound ((rate, samples)) as a temporary file's path, for
    endpoints that take files; anything else as it is."""
    from PIL import Image as PILImage

    from ...components._codecs import array_to_pil, encode_wav
    if isinstance(value, PILImage.Image):
        return _image_path(value)
    if type(value).__module__ == "numpy" and getattr(value, "ndim", 0) in (2, 3):
        return _image_path(array_to_pil(value))
    if isinstance(value, tuple) and len(value) == 2 and isinstance(value[0], int) and hasattr(value[1], "shape"):
        return _temp(encode_wav(value[0], value[1]), "audio/wav")
    return value


def _scores(items: Any, label: str = "label", score: str = "score") -> dict[str, float]:
    return {str(getattr(item, label)): float(getattr(item, score)) for item in items}


def _temp(data: bytes, mime: str) -> str:
    from ...storage.tempfiles import save_temp
    return str(save_temp(data, mime))


def _image_path(image: Any) -> str:
    out = io.BytesIO()
    image.save(out, format="PNG")
    return _temp(out.getvalue(), "image/png")


def _audio_mime(data: bytes) -> str:
    if data[:3] == b"ID3":
        return "audio/mpeg"
    return {b"fLaC": "audio/flac", b"OggS": "audio/ogg"}.get(data[:4], "audio/wav")


def _similarities(client: Any, source: str, others: list[str]) -> dict[str, float]:
    scores = client.sentence_similarity(source, other_sentences=others)
    return {other: float(score) for other, score in zip(others, scores, strict=True)}


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.replace(",", "\n").splitlines() if line.strip()]


def _highlight(text: str, entities: Any) -> dict[str, Any]:
    return {"text": text, "entities": [{"start": e.start, "end": e.end, "entity": e.entity_group or e.entity}
                                       for e in entities if e.start is not None and e.end is not None]}


@functools.cache
def tasks() -> dict[str, Task]:
    """Pipeline tag -> Task (built on first use)."""
    from ...components import Audio, Checkbox, Dataframe, HighlightedText, Image, Label, Textbox

    def text(label: str = "Input", lines: int = 1) -> Callable[[], Any]:
        return lambda: Textbox(label=label, lines=lines)

    return {
        "audio-classification": Task(lambda: Audio(type="filepath", label="Input"), lambda: Label(label="Class"),
                                     lambda c, v: _scores(c.audio_classification(v[0]))),
        "audio-to-audio": Task(lambda: Audio(type="filepath", label="Input"), lambda: Audio(label="Output"),
                               lambda c, v: _speech(c.audio_to_audio(v[0])[0].blob)),
        "automatic-speech-recognition": Task(lambda: Audio(type="filepath", label="Input"),
                                             text("Output"), lambda c, v: c.automatic_speech_recognition(v[0]).text),
        "feature-extraction": Task(text(), lambda: Dataframe(label="Output"), lambda c, v: _features(c, v[0])),
        "fill-mask": Task(text(), lambda: Label(label="Classification"),
                          lambda c, v: _scores(c.fill_mask(v[0]), label="token_str")),
        "image-classification": Task(lambda: Image(type="filepath", label="Input Image"),
                                     lambda: Label(label="Classification"),
                                     lambda c, v: _scores(c.image_classification(v[0]))),
        "question-answering": Task(lambda: [Textbox(label="Context", lines=7), Textbox(label="Question")],
                                   lambda: [Textbox(label="Answer"), Label(label="Score")],
                                   lambda c, v: _answer(c.question_answering(question=v[1], context=v[0]))),
        "summarization": Task(text(lines=7), text("Summary"), lambda c, v: c.summarization(v[0]).summary_text),
        "text-classification": Task(text(), lambda: Label(label="Classification"),
                                    lambda c, v: _scores(c.text_classification(v[0]))),
        "text-generation": Task(text(), text("Output"), lambda c, v: c.text_generation(v[0])),
        "text2text-generation": Task(text(), text("Output"), lambda c, v: c.text_generation(v[0])),
        "translation": Task(text(), text("Translation"), lambda c, v: c.translation(v[0]).translation_text),
        "zero-shot-classification": Task(
            lambda: [Textbox(label="Input"), Textbox(label="Possible class names (comma-separated)"),
                     Checkbox(label="Allow multiple true classes")],
            lambda: Label(label="Classification"),
            lambda c, v: _scores(c.zero_shot_classification(v[0], candidate_labels=_lines(v[1]),
                                                            multi_label=bool(v[2])))),
        "sentence-similarity": Task(
            lambda: [Textbox(label="Source Sentence"),
                     Textbox(label="Sentences to compare to (one per line)", lines=7)],
            lambda: Label(label="Classification"),
            lambda c, v: _similarities(c, v[0], _lines(v[1]))),
        "text-to-speech": Task(text(), lambda: Audio(label="Audio"),
                               lambda c, v: _speech(c.text_to_speech(v[0]))),
        "text-to-image": Task(text(), lambda: Image(label="Output"), lambda c, v: _image_path(c.text_to_image(v[0]))),
        "token-classification": Task(text(), lambda: HighlightedText(label="Output"),
                                     lambda c, v: _highlight(v[0], c.token_classification(v[0]))),
    }


def _features(client: Any, text: str) -> list[list[float]]:
    import numpy as np
    array = np.asarray(client.feature_extraction(text), dtype=float)
    return array.reshape(-1, array.shape[-1]).tolist() if array.ndim > 1 else [array.tolist()]


def _answer(answer: Any) -> tuple[str, dict[str, float]]:
    item = answer[0] if isinstance(answer, list) else answer
    return item.answer, {item.answer: float(item.score)}


def _speech(data: bytes) -> str:
    return _temp(data, _audio_mime(data))
