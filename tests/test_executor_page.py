"""A served app whose fn runs on a Dask LocalCluster (tests/apps/dask_app.py), through the HTTP
API and Chromium: worker processes, session state, queue positions with k jobs in flight on
the cluster, fn's errors, a worker killed mid-job, interpretation."""
from __future__ import annotations

import os
import signal
import threading
from pathlib import Path

import distributed  # noqa: F401 - the test extra installs niceface[dask]
import httpx
import pytest
from conftest import APPS, Served

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    return tmp_path_factory.mktemp("dask_app")


@pytest.fixture(scope="module")
def app(folder):
    served = Served(APPS / "dask_app.py", env={"DASK_APP_DIR": str(folder)})
    yield served
    served.stop()


def predict(app, text: str) -> httpx.Response:
    return httpx.post(app.url + "api/predict", json={"data": [text]}, timeout=120)


def ancestors(pid: int) -> list[int]:
    found = []
    while pid > 1:
        pid = int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])
        found.append(pid)
    return found


def wait_for(condition, what: str, tries: int = 6000) -> None:
    """Until ``condition()`` holds (polling each 20 ms of a generous budget; no timing is asserted)."""
    event = threading.Event()
    for _ in range(tries):
        if condition():
            return
        event.wait(0.02)
    raise AssertionError(f"never: {what}")


def submit(page, text: str) -> None:
    page.get_by_label("text").fill(text)
    page.get_by_role("button", name="Submit").click()


def result_is(page, value: str) -> None:
    page.wait_for_function(f"document.querySelector('[aria-label=result]')?.value === {value!r}", timeout=60_000)


def test_fn_runs_in_a_worker_process_of_the_servers_cluster(app):
    answer = predict(app, "pid")
    assert answer.status_code == 200, answer.text
    worker = int(answer.json()["data"][1].split()[1])
    assert worker != app.process.pid and app.process.pid in ancestors(worker)  # a process the server's cluster started


def test_the_pages_session_state_goes_out_and_comes_back(app, page):
    page.goto(app.url)
    submit(page, "a")
    result_is(page, "a #1")
    submit(page, "b")
    result_is(page, "b #2")


def test_fns_error_shows_its_message_and_the_log_has_the_workers_traceback(app, page):
    answer = predict(app, "boom")
    assert answer.status_code == 500 and answer.json()["detail"] == "work raised ValueError: boom on the worker"
    page.goto(app.url)
    submit(page, "boom")
    page.locator(".nf-error", has_text="work raised ValueError: boom on the worker").wait_for()
    log = app.output()
    assert "work raised on the executor's worker:\nTraceback" in log and "ValueError: boom on the worker" in log
    assert ", in answer" in log  # fn's own frames (those of the app script say <dynamic-code>: sent by value)


def test_a_worker_that_dies_mid_job_fails_that_job_and_the_app_keeps_serving(app, folder):
    answer = predict(app, "die")
    assert answer.status_code == 500 and answer.json()["detail"].startswith("the worker running this job died: ")
    outcome = {}
    caller = threading.Thread(target=lambda: outcome.update(answer=predict(app, "wait-killed")))
    caller.start()
    started = folder / "started-wait-killed"
    wait_for(lambda: started.exists() and started.read_text(), "the job started on a worker")
    os.kill(int(started.read_text()), signal.SIGKILL)  # the test kills the worker running it
    caller.join()
    assert outcome["answer"].status_code == 500
    assert outcome["answer"].json()["detail"].startswith("the worker running this job died: ")
    assert predict(app, "after").json()["data"] == [1, "after #1"]


def test_a_page_waits_its_turn_behind_the_k_jobs_in_flight_on_the_cluster(app, folder, page):
    page.goto(app.url)
    answers: dict[str, httpx.Response] = {}
    callers = [threading.Thread(target=lambda text=text: answers.update({text: predict(app, text)}))
               for text in ("wait-1", "wait-2")]
    for caller in callers:
        caller.start()
    wait_for(lambda: all((folder / f"started-wait-{n}").exists() for n in (1, 2)), "two jobs running on workers")
    submit(page, "third")
    status = page.locator(".nf-status")
    status.get_by_text("1st of 1").wait_for()
    assert "2 jobs ahead" in status.inner_text()
    (folder / "gate").touch()
    result_is(page, "third #1")
    for caller in callers:
        caller.join()
    assert [answers[text].json()["data"] for text in ("wait-1", "wait-2")] == [[1, "WAIT-1"], [1, "WAIT-2"]]


def test_interpretation_runs_its_perturbed_inputs_on_the_cluster(app, folder, page):
    page.goto(app.url)
    page.get_by_label("text").fill("one two three four five six")
    before = len((folder / "calls").read_text().splitlines())
    page.get_by_role("button", name="Interpret").click()
    page.locator(".nf-legend").wait_for(timeout=60_000)
    calls = [line.split(" ", 1) for line in (folder / "calls").read_text().splitlines()[before:]]
    perturbed = [pid for pid, text in calls if text != "one two three four five six"]
    assert len(perturbed) == 6 and len(set(perturbed)) == 2  # one job, its runs spread over both workers
    assert int(perturbed[0]) != app.process.pid


def test_the_docs_recipe_serves_fn_on_a_cluster_of_this_machine(tmp_path):
    text = (Path(__file__).parent.parent / "docs" / "deploy.md").read_text()
    section = text[text.index("\n## fn on a Dask cluster\n"):]
    start = section.index("```python\n") + len("```python\n")
    script = tmp_path / "app.py"
    script.write_text(section[start:section.index("```", start)])
    app = Served(script, env={"DASK_WORKERS": "2"}, cwd=tmp_path)
    try:
        answer = httpx.post(app.url + "api/predict", json={"data": ["to be or not to be"]}, timeout=120)
        assert answer.status_code == 200, answer.text
        assert answer.json()["data"][0]["label"] in ("to", "be")
        workers = [entry for entry in Path("/proc").iterdir() if entry.name.isdigit()
                   and app.process.pid in ancestors_or_none(int(entry.name)) and b"spawn_main" in command(entry)]
        assert len(workers) == 2  # the cluster's two worker processes, started by the server
    finally:
        app.stop()


def command(entry: Path) -> bytes:
    try:
        return (entry / "cmdline").read_bytes()
    except OSError:
        return b""


def ancestors_or_none(pid: int) -> list[int]:
    try:
        return ancestors(pid)
    except OSError:  # the process ended meanwhile
        return []
