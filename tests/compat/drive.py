"""How the compatibility tests drive a Gradio-3-style program: run it as a user would
(``python app.py`` in its folder), call its API, and use its page in Chromium."""
from __future__ import annotations

import base64
import mimetypes
from pathlib import Path
from typing import Any

import httpx
from conftest import Served

PROGRAMS = Path(__file__).resolve().parent / "programs"


def run(name: str, **env: str) -> Served:
    """Start programs/<name>.py from its folder (stop it with ``.stop()``)."""
    return Served(PROGRAMS / f"{name}.py", env=env, cwd=PROGRAMS)


def predict(app: Served, *data: Any, **kwargs: Any) -> httpx.Response:
    return httpx.post(app.url + "api/predict", json={"data": list(data)}, timeout=60, **kwargs)


def answer(app: Served, *data: Any) -> list[Any]:
    """The outputs of one API run; the response's detail when it is not a 200."""
    response = predict(app, *data)
    assert response.status_code == 200, response.text
    return response.json()["data"]


def data_url(path: Path) -> str:
    mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return f"data:{mime};base64," + base64.b64encode(path.read_bytes()).decode()


def submit(page: Any) -> None:
    page.get_by_role("button", name="Submit").click()


def field_value(page: Any, label: str) -> Any:
    """The value of the text or number field labelled ``label`` once it has one."""
    field = page.get_by_label(label, exact=True)
    return field.input_value()
