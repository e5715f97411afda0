"""Runnable docs: every example script serves its page, and the README snippet runs."""
from __future__ import annotations

import re

import httpx
import pytest
from conftest import ROOT

import niceface as gr

EXAMPLES = sorted(p for p in (ROOT / "examples").glob("*.py") if p.name != "digits_model.py")


@pytest.mark.parametrize("script", EXAMPLES, ids=lambda p: p.stem)
def test_example_serves_its_page_and_api(serve, script):
    app = serve(script)
    assert httpx.get(app.url).status_code == 200
    assert "/api/predict" in httpx.get(app.url + "openapi.json").json()["paths"]


def test_hello_example_answers(serve):
    app = serve(ROOT / "examples" / "hello.py")
    assert httpx.post(app.url + "api/predict", json={"data": ["Ada", 2]}).json()["data"] == ["Hello, Ada!!"]
    refused = httpx.post(app.url + "api/predict", json={"data": [" ", 2]})
    assert refused.status_code == 500 and refused.json()["detail"] == "Please type a name."


def test_readme_snippet_runs(monkeypatch):
    launched = []
    monkeypatch.setattr(gr.Interface, "launch", lambda self, **kw: launched.append(self))
    snippet = re.search(r"```python\n(.*?)```", (ROOT / "README.md").read_text(), re.S).group(1)
    namespace: dict = {}
    exec(compile(snippet, "README.md", "exec"), namespace)
    assert launched and launched[0]("Ada") == "Hello, Ada!"
