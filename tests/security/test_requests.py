"""Attacks with request bodies: decompression bombs, bodies too large to say so up front,
JSON nested to exhaust the parser."""
from __future__ import annotations

import asyncio
import base64
import io
import re

import httpx
from conftest import APPS
from PIL import Image


def peak_rss_mib(pid: int) -> float:
    status = open(f"/proc/{pid}/status").read()
    return int(re.search(r"VmHWM:\s+(\d+) kB", status).group(1)) / 1024


def bomb() -> str:
    """A 12000 × 12000 1-bit PNG: a few kilobytes that decode to 144 megapixels."""
    out = io.BytesIO()
    Image.new("1", (12000, 12000)).save(out, format="PNG")
    assert len(out.getvalue()) < 100_000
    return "data:image/png;base64," + base64.b64encode(out.getvalue()).decode()


def test_a_decompression_bomb_is_refused_before_it_is_decoded(serve):
    app = serve(APPS / "limited_app.py")
    assert httpx.post(app.url + "api/predict", json={"data": [None, "warm up"]}, timeout=30).status_code == 200
    before = peak_rss_mib(app.process.pid)

    async def four_at_once() -> list[httpx.Response]:
        async with httpx.AsyncClient(timeout=120) as client:
            return await asyncio.gather(*(client.post(app.url + "api/predict", json={"data": [bomb(), "x"]})
                                          for _ in range(4)))
    answers = asyncio.run(four_at_once())
    assert {answer.status_code for answer in answers} == {413}
    assert "144.0 megapixels; the limit is 40 megapixels" in answers[0].json()["detail"]
    assert peak_rss_mib(app.process.pid) - before < 100  # before the fix: +5.3 GB for four
    small = Image.new("RGB", (64, 48), "white")
    out = io.BytesIO()
    small.save(out, format="PNG")
    fine = "data:image/png;base64," + base64.b64encode(out.getvalue()).decode()
    answer = httpx.post(app.url + "api/predict", json={"data": [fine, "ok"]}, timeout=30)
    assert answer.json()["data"] == ["64x48; 2 characters"]  # the app goes on serving


def test_an_oversized_chunked_body_is_a_413_not_a_500(serve):
    app = serve(APPS / "limited_app.py")

    def chunks():  # no Content-Length: the size is known only while reading
        yield b'{"data": [null, "'
        for _ in range(3 * 1024):
            yield b"x" * 1024
        yield b'"]}'
    answer = httpx.post(app.url + "api/predict", content=chunks(), headers={"content-type": "application/json"},
                        timeout=60)
    assert answer.status_code == 413 and "too large" in answer.json()["detail"]
    assert "Traceback" not in app.output()


def test_json_nested_1000_deep_is_a_422_with_one_log_line(serve):
    app = serve(APPS / "limited_app.py")
    for body in ('{"data": [null, ' + "[" * 1000 + "]" * 1000 + "]}", '{"data": [null, ' + "[" * 70 + "]" * 70 + "]}"):
        answer = httpx.post(app.url + "api/predict", content=body, headers={"content-type": "application/json"},
                            timeout=30)
        assert answer.status_code == 422 and "nested too deeply" in answer.json()["detail"]
    assert "Traceback" not in app.output()
    assert app.output().count("nested more than 64 levels") == 2  # one line per refused request
