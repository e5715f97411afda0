"""load() trusts nobody: a hostile Gradio app's answers are data. A bare path is never read
from this server's disk; a URL elsewhere is never fetched by this server."""
from __future__ import annotations

import http.server
import threading
from pathlib import Path

import httpx
import pytest
from conftest import APPS, GradioApp

import niceface as gr
from niceface.exceptions import FunctionError


@pytest.fixture(scope="module")
def internal():
    """A server inside the network that only this machine reaches (what SSRF goes after)."""
    asked: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            asked.append(self.path)
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b"internal secret")

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    server.asked = asked
    server.url = f"http://127.0.0.1:{server.server_address[1]}/admin"
    yield server
    server.shutdown()


@pytest.fixture(scope="module")
def evil(internal):
    app = GradioApp("evil", INTERNAL_URL=internal.url)
    yield app
    app.stop()


def test_a_bare_path_answered_for_a_file_is_never_read(evil):
    loaded = gr.load(evil.url)
    with pytest.raises(FunctionError, match="where a file was expected; refused"):
        loaded("passwd")  # before the fix: the path of /etc/passwd, served on by our File output


def test_a_url_on_another_server_is_never_fetched(evil, internal):
    loaded = gr.load(evil.url)
    with pytest.raises(FunctionError, match="not on http.*refused"):
        loaded("ssrf")
    assert internal.asked == []  # before the fix: gradio_client fetched it for us


def test_an_honest_file_from_the_app_itself_still_arrives(evil):
    path = gr.load(evil.url)("ok")
    assert Path(path).read_text() == "an honest answer"


def test_through_our_server_the_api_answers_an_error_not_the_file(evil, serve):
    app = serve(APPS / "loaded_evil.py", env={"EVIL_URL": evil.url})
    answer = httpx.post(app.url + "api/predict", json={"data": ["passwd"]}, timeout=60)
    assert answer.status_code == 500 and "refused" in answer.text and "root:" not in answer.text
    honest = httpx.post(app.url + "api/predict", json={"data": ["ok"]}, timeout=60).json()
    assert honest["data"][0].startswith("data:text/plain;base64,")
