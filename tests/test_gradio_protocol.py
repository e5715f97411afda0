"""Gradio's wire protocol: the real gradio_client (and real Gradio, from .venv-gradio) calling
niceface apps served in their own processes on 127.0.0.1."""
from __future__ import annotations

import json
import time
import wave
from collections.abc import Callable
from pathlib import Path

import httpx
import numpy as np
import pytest
from conftest import GradioApp
from gradio_client import Client, handle_file
from gradio_client.exceptions import AppError, AuthenticationError
from gradio_client.utils import Status
from PIL import Image

import niceface as gr


def connect(url: str, **options: object) -> Client:
    return Client(url, verbose=False, analytics_enabled=False, **options)  # type: ignore[arg-type]


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path, Path]:
    picture, sound, document = tmp_path / "two.png", tmp_path / "tone.wav", tmp_path / "notes.txt"
    Image.fromarray(np.array([[[255, 0, 0], [0, 0, 255]]], dtype=np.uint8)).save(picture)
    with wave.open(str(sound), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(8000)
        out.writeframes(b"\x00\x01" * 800)
    document.write_text("meeting at noon")
    return picture, sound, document


def test_text_numbers_and_a_label_come_back_as_gradio_gives_them(serve):
    app = serve("wire_app")
    label, shout, double = connect(app.url).predict("hi", 3, api_name="/predict")
    assert shout == "HI" and double == 6
    assert label == {"label": "cat", "confidences": [{"label": "cat", "confidence": 0.75},
                                                     {"label": "dog", "confidence": 0.25}]}
    assert connect(app.url).predict(text="by name", count=1.5)[1:] == ("BY NAME", 3)


def test_view_api_names_the_parameters_and_their_types(serve):
    api = connect(serve("wire_app").url).view_api(print_info=False, return_format="dict")
    endpoint = api["named_endpoints"]["/predict"]  # type: ignore[index]
    assert [(p["parameter_name"], p["component"], p["python_type"]["type"]) for p in endpoint["parameters"]] == \
        [("text", "Textbox", "str"), ("count", "Number", "float")]
    assert [r["component"] for r in endpoint["returns"]] == ["Label", "Textbox", "Number"]


def test_an_error_in_fn_is_an_app_error_with_its_message(serve):
    client = connect(serve("wire_app").url)
    with pytest.raises(AppError, match="no booms allowed here"):
        client.predict("boom", 1, api_name="/predict")
    assert client.predict("fine", 1, api_name="/predict")[1] == "FINE"  # the app goes on


def test_pictures_sounds_and_files_go_up_and_come_back_as_files(serve, files):
    picture, sound, document = files
    app = serve("wire_app", env={"WIRE": "media"})
    mirrored, sound_back, document_back = connect(app.url).predict(
        handle_file(picture), handle_file(sound), handle_file(document), api_name="/predict")
    assert np.asarray(Image.open(mirrored)).tolist() == [[[0, 0, 255], [255, 0, 0]]]
    assert Path(sound_back).read_bytes() == sound.read_bytes()
    assert Path(document_back).read_text() == "meeting at noon"
    assert Path(document_back).suffix == ".txt"


def test_three_jobs_in_the_queue_show_their_positions(serve):
    client = connect(serve("queue_app").url)
    jobs = [client.submit(text, api_name="/predict") for text in ("one", "two", "three")]
    ranks: list[set[int]] = [set(), set(), set()]
    deadline = time.monotonic() + 120
    while not all(job.done() for job in jobs) and time.monotonic() < deadline:
        for seen, job in zip(ranks, jobs, strict=True):
            status = job.status()
            if status.code == Status.IN_QUEUE and status.rank is not None:
                seen.add(status.rank)
        time.sleep(0.02)
    assert [job.result() for job in jobs] == ["ONE", "TWO", "THREE"]
    seen = set().union(*ranks)  # the jobs join in any order; one worker runs them one by one
    assert 1 in seen and seen <= {0, 1}  # the last to join saw one job waiting ahead of it, then none


def test_state_is_kept_per_client_session(serve):
    app = serve("wire_app", env={"WIRE": "state"})
    ann, bob = connect(app.url), connect(app.url)
    assert ann.predict("a", api_name="/predict") == "1: a"
    assert ann.predict("b", api_name="/predict") == "2: a, b"
    assert bob.predict("c", api_name="/predict") == "1: c"


def test_a_series_runs_its_stages(serve):
    assert connect(serve("wire_app", env={"WIRE": "series"}).url).predict("hi", api_name="/predict") == "HI!"


def test_auth_logs_in_through_the_login_route(serve):
    app = serve("auth_app")
    with pytest.raises(AuthenticationError):
        connect(app.url)
    with pytest.raises(AuthenticationError):
        connect(app.url, auth=("admin", "wrong"))
    assert connect(app.url, auth=("admin", "pass1234")).predict("private", api_name="/predict") == "PRIVATE"


def test_gradio_loads_a_niceface_app_and_serves_it(serve):
    """Gradio's own loader of apps by URL (what gr.load does for a Space once it knows its host)."""
    app = serve("wire_app")
    loaded = GradioApp("loads_niceface", NICEFACE_URL=app.url)
    try:
        label, shout, double = connect(loaded.url).predict("through gradio", 2, api_name="/predict")
    finally:
        loaded.stop()
    assert (label["label"], shout, double) == ("cat", "THROUGH GRADIO", 4)


def test_niceface_loads_a_niceface_app(serve):
    app = serve("wire_app")
    label, shout, double = gr.load(app.url)("again", 5)
    assert label == {"cat": 0.75, "dog": 0.25} and shout == "AGAIN" and double == 10


# ---- raw HTTP: what a client could try that gradio_client would not --------------------------

def joined(http: httpx.Client, data: list[object], session: str = "raw") -> dict[str, object]:
    """Join the queue with ``data`` and read the stream to the run's completion message."""
    event = http.post("gradio_api/queue/join", json={"data": data, "fn_index": 0, "session_hash": session}).json()
    with http.stream("GET", "gradio_api/queue/data", params={"session_hash": session}) as stream:
        for line in stream.iter_lines():
            message = json.loads(line[5:]) if line.startswith("data:") else {}
            if message.get("msg") == "process_completed" and message.get("event_id") == event["event_id"]:
                return message
    raise AssertionError("the stream ended without the run's completion")


def test_a_made_up_path_or_another_callers_file_is_no_file(serve, files):
    app = serve("wire_app", env={"WIRE": "media"})
    with httpx.Client(base_url=app.url, timeout=60) as owner, httpx.Client(base_url=app.url, timeout=60) as other:
        owner.get("config")
        other.get("config")
        path = owner.post("gradio_api/upload", files=[("files", ("two.png", files[0].read_bytes()))]).json()[0]
        assert owner.get(f"gradio_api/file={path}").content == files[0].read_bytes()
        for client, asked in ((other, path), (owner, "/etc/passwd"), (owner, "../../../../etc/passwd"),
                              (owner, str(files[1])), (httpx.Client(base_url=app.url), path)):
            assert client.get(f"gradio_api/file={asked}").status_code == 404, asked
        for asked in (path, "/etc/passwd", str(files[2])):
            document = {"path": asked, "meta": {"_type": "gradio.FileData"}}
            answer = joined(other, [document, None, None])
            assert answer["success"] is False and "no uploaded file" in answer["output"]["error"], asked


def test_uploads_over_max_file_size_are_refused(serve, files):
    app = serve("wire_app", env={"WIRE": "media", "MAX_FILE_SIZE": "1000"})
    with httpx.Client(base_url=app.url, timeout=60) as http:
        http.get("config")
        refused = http.post("gradio_api/upload", files=[("files", ("big.txt", b"x" * 5000))])
        assert refused.status_code == 413
        assert http.post("gradio_api/upload", files=[("files", ("small.txt", b"x" * 10))]).status_code == 200
    with pytest.raises(ValueError, match="maximum file size"):
        connect(app.url).predict(handle_file(files[0]), handle_file(files[1]), handle_file(files[2]))


def test_every_route_of_the_protocol_needs_a_login(serve):
    app = serve("auth_app")
    routes = [("GET", "config"), ("GET", "info"), ("GET", "gradio_api/info"), ("POST", "gradio_api/upload"),
              ("POST", "gradio_api/queue/join"), ("GET", "gradio_api/queue/data?session_hash=x"),
              ("GET", "gradio_api/file=x/y.png"), ("POST", "gradio_api/cancel"), ("POST", "gradio_api/reset")]
    for method, path in routes:
        assert httpx.request(method, app.url + path, timeout=30).status_code == 401, path
    basic = httpx.BasicAuth("admin", "pass1234")
    assert httpx.get(app.url + "config", auth=basic, timeout=30).json()["dependencies"][0]["api_name"] == "predict"


def test_a_cancelled_job_leaves_the_queue_and_never_runs(serve):
    app = serve("queue_app")
    client = connect(app.url)
    first = client.submit("slow one", api_name="/predict")
    wait_for(lambda: "ran: slow one" in app.output())
    second = client.submit("withdrawn", api_name="/predict")
    wait_for(lambda: second.status().code == Status.IN_QUEUE)
    assert second.cancel()
    assert first.result() == "SLOW ONE"
    assert client.predict("after", api_name="/predict") == "AFTER"
    assert "ran: withdrawn" not in app.output()


def wait_for(condition: Callable[[], bool]) -> None:
    deadline = time.monotonic() + 120
    while not condition():
        assert time.monotonic() < deadline, "the condition never came true"
        time.sleep(0.02)


CLIENT1_SCRIPT = """
import json, sys
from pathlib import Path
from gradio_client import Client, handle_file
values, media = sys.argv[1], sys.argv[2]
label, shout, double = Client(values, verbose=False).predict("old client", 2, api_name="/predict")
mirrored, sound, document = Client(media, verbose=False).predict(
    *(handle_file(path) for path in sys.argv[3:6]), api_name="/predict")
print(json.dumps({"label": label, "shout": shout, "double": double, "document": Path(document).read_text()}))
"""


def test_the_previous_major_of_gradio_client_calls_it_too(serve, files, tmp_path):
    """gradio_client 1.x (from its own virtualenv, made by scripts/test.sh) speaks the same protocol."""
    import os
    import subprocess
    python = os.environ.get("NICEFACE_CLIENT1_PYTHON")
    if not python or not Path(python).exists():
        pytest.fail("this test needs gradio_client<2 in a virtualenv: run `bash scripts/test.sh` (it makes "
                    ".venv-gradio-client1) or set NICEFACE_CLIENT1_PYTHON")
    version = subprocess.run([python, "-c", "import gradio_client; print(gradio_client.__version__)"],
                             capture_output=True, text=True, check=True).stdout
    assert version.startswith("1.")
    values, media = serve("wire_app"), serve("wire_app", env={"WIRE": "media"})
    script = tmp_path / "client1.py"
    script.write_text(CLIENT1_SCRIPT)
    run = subprocess.run([python, str(script), values.url, media.url, *map(str, files)], capture_output=True,
                         text=True, timeout=300, cwd=tmp_path)
    assert run.returncode == 0, run.stderr[-2000:]
    answer = json.loads(run.stdout.strip().splitlines()[-1])
    assert answer["shout"] == "OLD CLIENT" and answer["double"] == 4 and answer["label"]["label"] == "cat"
    assert answer["document"] == "meeting at noon"
