"""The limits on what callers send: the body cap while streaming, and what a component checks."""
from __future__ import annotations

import base64
import io

import httpx
import pytest
from fastapi import FastAPI, Request
from PIL import Image

import niceface as gr
from niceface.app.serve.limits import UploadLimit
from niceface.components.limits import Limits
from niceface.exceptions import FileTooLargeError, InputError


def app_reading_bodies() -> FastAPI:
    app = FastAPI()

    @app.post("/api/predict")
    async def predict(request: Request) -> dict[str, int]:
        return {"read": len(await request.body())}
    return app


async def test_bodies_over_the_cap_are_refused_with_413_also_when_chunked() -> None:
    limited = UploadLimit(app_reading_bodies(), 1000)  # an API body may be base64 of that, plus framing
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=limited), base_url="http://t") as http:
        assert (await http.post("/api/predict", content=b"x" * 1200)).json() == {"read": 1200}
        assert (await http.post("/api/predict", content=b"x" * 6000)).status_code == 413  # Content-Length says so

        async def chunks():
            for _ in range(10):
                yield b"x" * 1000
        refused = await http.post("/api/predict", content=chunks())  # no length: counted while read
        assert refused.status_code == 413 and "limit is 1,000 bytes" in refused.json()["detail"]
        assert (await http.post("/elsewhere", content=b"x" * 6000)).status_code == 404  # not ours to cap


def png_url(width: int, height: int) -> str:
    out = io.BytesIO()
    Image.new("RGB", (width, height)).save(out, format="PNG")
    return "data:image/png;base64," + base64.b64encode(out.getvalue()).decode()


def test_a_media_component_takes_only_data_urls_of_its_kind_within_the_limits() -> None:
    image, audio, file = gr.Image(label="p"), gr.Audio(label="a"), gr.File(label="f")
    limits = Limits(max_file_size=10_000, max_image_pixels=1_000)
    image.check(png_url(20, 20), limits)
    image.check(None, limits)
    with pytest.raises(FileTooLargeError, match=r"Image 'p': the image is 40×40"):
        image.check(png_url(40, 40), limits)
    with pytest.raises(FileTooLargeError, match="the limit is 10,000 bytes"):
        file.check("data:application/zip;base64," + "A" * 20_000, limits)
    with pytest.raises(InputError, match="text/html files cannot be used here; expected image/"):
        image.check("data:text/html;base64,PGI+", limits)
    with pytest.raises(InputError, match="image/png files cannot be used here; expected audio/"):
        audio.check(png_url(2, 2), limits)
    for path in ("/etc/passwd", "file:///etc/passwd", "http://10.0.0.1/x", 42, ["a"]):
        with pytest.raises(InputError, match="expected a base64 data URL"):
            file.check(path, limits)
    gr.Textbox().check("/etc/passwd", limits)  # text is text: nothing opens it
