"""Media by reference: a page's uploads and fn's media outputs are files of the page's session,
served only to the browser that made them, and gone when the page is; an API caller's
uploads last one run."""
from __future__ import annotations

import base64
import re
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from conftest import APPS

pytestmark = pytest.mark.browser


def session_files(tmp: Path) -> list[Path]:
    """The files of every page session of the app whose temporary folder is ``tmp``."""
    return [path for path in (tmp / "niceface-media").glob("*/*/*/*") if path.is_file()]


def wait_until(condition, what: str, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"waited {timeout} s for {what}")
        time.sleep(0.1)


def upload_and_run(page, app, path: Path) -> str:
    """Upload ``path`` in the page, Submit, and return the download link's address."""
    page.goto(app.url)
    page.locator("input[type=file]").set_input_files(str(path))
    page.locator(".nf-inputs .nf-drop-file", has_text=f"{path.stat().st_size} bytes").wait_for()
    page.get_by_role("button", name="Submit").click()
    link = page.locator(".nf-outputs .nf-file-link")
    link.wait_for(state="visible")
    return link.get_attribute("href")


def test_a_sessions_files_are_served_to_its_browser_only_and_go_with_its_page(serve, new_page, tmp_path):
    notes = tmp_path / "notes.txt"
    notes.write_text("twenty-one characters")
    temp = tmp_path / "temp"
    temp.mkdir()
    app = serve(APPS / "file_app.py", env={"TMPDIR": str(temp)})
    mine, theirs = new_page(), new_page()
    href = upload_and_run(mine, app, notes)
    owner, token, name = href.removeprefix("_nf/media/").split("/")
    assert re.fullmatch(r"[0-9a-f]{32}", token) and name == "notes.txt"  # a random folder; the file's own name
    assert mine.locator(".nf-outputs .nf-file-link").inner_text() == "Download notes.txt"
    assert {path.name for path in session_files(temp)} == {"notes.txt"}  # the upload and fn's output, on disk
    assert len(session_files(temp)) == 2
    url = app.url + href
    answer = mine.request.get(url)
    assert answer.status == 200 and answer.body() == b"twenty-one characters"
    assert answer.headers["content-disposition"].startswith("attachment")  # text is never shown as a page
    assert answer.headers["x-content-type-options"] == "nosniff" and "sandbox" in answer.headers["content-security-policy"]
    assert theirs.request.get(url).status == 404  # another browser session: as if there were no such file
    assert httpx.get(url).status_code == 404  # no session at all
    forged = httpx.get(url, cookies={"niceface_browser": "A" * 43})
    assert forged.status_code == 404
    for wrong in (f"_nf/media/{owner}/{token}/other.txt", f"_nf/media/{owner}/{token}/..%2F..%2Fnotes.txt",
                  f"_nf/media/{owner}/..%2F{token}/notes.txt", f"_nf/media/{owner}/{'0' * 32}/notes.txt"):
        assert mine.request.get(app.url + wrong).status == 404, wrong  # names are compared, never joined
    mine.context.close()  # the person leaves: the page session ends, and its files go
    wait_until(lambda: not session_files(temp), "the session's files to be removed")


def test_an_uploaded_web_page_cannot_run_as_a_page_of_the_site(serve, new_page, tmp_path):
    evil = tmp_path / "evil.html"
    evil.write_text("<script>document.title = 'owned'</script><p>hello</p>")
    app = serve(APPS / "file_app.py", env={"TMPDIR": str(tmp_path)})
    page = new_page()
    href = upload_and_run(page, app, evil)
    answer = page.request.get(app.url + href)
    assert answer.status == 200 and answer.headers["content-disposition"].startswith("attachment")
    assert "sandbox" in answer.headers["content-security-policy"]
    with page.expect_download() as download:  # opening it downloads it; nothing runs
        page.evaluate("href => { location.href = href }", app.url + href)
    assert download.value.suggested_filename.endswith(".html")
    assert page.title() != "owned"


def test_outputs_replaced_by_a_new_run_leave_no_files_behind(serve, new_page, tmp_path):
    """A page that runs many times keeps only the files it shows."""
    app = serve(APPS / "file_app.py", env={"TMPDIR": str(tmp_path)})
    page = new_page()
    for number in range(3):
        notes = tmp_path / f"notes{number}.txt"
        notes.write_text("x" * (number + 1))
        upload_and_run(page, app, notes)
        page.locator("[aria-label=result]").and_(page.locator(f"[value$='{number + 1} bytes']")).wait_for()
    wait_until(lambda: len(session_files(tmp_path)) == 4, "3 uploads and 1 output", timeout=30)


def test_folders_left_by_a_killed_process_are_removed_at_start(serve, tmp_path):
    finished = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                              text=True, check=True)
    left = tmp_path / "niceface-media" / f"{finished.stdout.strip()}-0badf00d" / "someone"
    left.mkdir(parents=True)
    (left / f"{'0' * 32}.png").write_bytes(b"left over")
    serve(APPS / "file_app.py", env={"TMPDIR": str(tmp_path)})
    assert not left.parent.exists()


def test_an_api_callers_upload_lasts_one_run(serve, tmp_path):
    app = serve(APPS / "file_app.py", env={"TMPDIR": str(tmp_path)})
    payload = "data:text/plain;base64," + base64.b64encode(b"sent by a script").decode()
    answer = httpx.post(app.url + "api/predict", json={"data": [payload]}, timeout=60)
    assert answer.status_code == 200, answer.text
    text, back = answer.json()["data"]
    assert text.endswith(": 16 bytes") and back.startswith("data:text/plain")  # the API's edge: data URLs
    assert base64.b64decode(back.split(",", 1)[1]) == b"sent by a script"
    leftovers = [path for path in tmp_path.rglob("*") if path.is_file() and not path.name.endswith(".log")]
    assert leftovers == []


def test_an_api_caller_sends_a_large_file_as_multipart_and_it_lasts_one_run(serve, tmp_path):
    app = serve(APPS / "file_app.py", env={"TMPDIR": str(tmp_path)})
    content = bytes(range(256)) * 4096  # 1 MiB, not text
    answer = httpx.post(app.url + "api/predict", data={"data": '[{"upload": "report"}]'},
                        files={"report": ("report.bin", content, "application/octet-stream")}, timeout=60)
    assert answer.status_code == 200, answer.text
    text, back = answer.json()["data"]
    assert text.endswith(f": {len(content)} bytes")
    assert base64.b64decode(back.split(",", 1)[1]) == content
    wait_until(lambda: not [path for path in tmp_path.rglob("*") if path.is_file() and path.suffix != ".log"],
               "the request's files to be removed", timeout=30)
    missing = httpx.post(app.url + "api/predict", data={"data": '[{"upload": "other"}]'},
                         files={"report": ("r.bin", b"x", "application/octet-stream")})
    assert missing.status_code == 422 and "no file was sent in a field" in missing.json()["detail"]
    broken = httpx.post(app.url + "api/predict", data={"data": "[{"}, files={"report": ("r.bin", b"x")})
    assert broken.status_code == 422 and "not valid JSON" in broken.json()["detail"]
    path = httpx.post(app.url + "api/predict", data={"data": '["/etc/passwd"]'}, files={"x": ("r.bin", b"x")})
    assert path.status_code == 422  # a path is never a file of ours, in any form of body
