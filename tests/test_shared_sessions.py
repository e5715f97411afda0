"""Sessions that span replicas and restarts: with a credential file they live beside it (one
store for every process using the file); with auth= in code and NICEFACE_SECRET, replicas
sharing the secret accept each other's; /healthz answers without a login."""
from __future__ import annotations

import base64
import json
import stat
import subprocess
import sys
import time

import httpx
import pytest
from conftest import APPS, ROOT, fill_login, submit_text

from niceface.storage.credentials import CredentialStore

CREDENTIALS = [("admin", "pass1234"), ("ann", "correct horse")]


@pytest.fixture
def users(tmp_path):
    store = CredentialStore(tmp_path / "users.json")
    for name, password in CREDENTIALS:
        store.add(name, password)
    return tmp_path / "users.json"


def login(app, username: str = "admin", password: str = "pass1234") -> str:
    answer = httpx.post(app.url + "login", data={"username": username, "password": password}, timeout=30)
    assert answer.status_code == 200, answer.text  # a script's login (a browser's is redirected)
    return answer.cookies["niceface_session"]


def call(app, cookie: str) -> int:
    return httpx.post(app.url + "api/predict", json={"data": ["hi"]}, cookies={"niceface_session": cookie},
                      timeout=30).status_code


def wait_for(condition, what: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"waited {timeout} s for {what}"
        time.sleep(0.05)


def test_replicas_sharing_a_credential_file_share_sessions_and_their_end(serve, users):
    first = serve(APPS / "auth_app.py", env={"AUTH_FILE": str(users)})
    second = serve(APPS / "auth_app.py", env={"AUTH_FILE": str(users)})
    cookie = login(first)
    assert call(first, cookie) == 200 and call(second, cookie) == 200  # made by one, taken by the other
    assert httpx.get(second.url, cookies={"niceface_session": cookie}, headers={"accept": "text/html"}).status_code == 200
    stored = (users.parent / "users.sessions.json").read_text()
    assert cookie not in stored and "admin" in stored  # only a digest of the token is kept
    assert stat.S_IMODE((users.parent / "users.sessions.json").stat().st_mode) == 0o600
    httpx.post(second.url + "logout", cookies={"niceface_session": cookie}, timeout=30)
    assert call(second, cookie) == 401
    wait_for(lambda: call(first, cookie) == 401, "the first replica to see the logout")


def test_a_restart_keeps_people_signed_in(serve, users):
    app = serve(APPS / "auth_app.py", env={"AUTH_FILE": str(users)})
    cookie = login(app)
    app.stop()
    again = serve(APPS / "auth_app.py", env={"AUTH_FILE": str(users)})
    assert call(again, cookie) == 200


def test_removing_a_user_ends_their_pages_on_every_replica(serve, users, page):
    first = serve(APPS / "auth_app.py", env={"AUTH_FILE": str(users)})
    second = serve(APPS / "auth_app.py", env={"AUTH_FILE": str(users)})
    page.goto(first.url)
    fill_login(page, "ann", "correct horse")
    submit_text(page, "hello", "HELLO")
    cookie = next(c["value"] for c in page.context.cookies() if c["name"] == "niceface_session")
    page.goto(second.url)  # the same browser on the other replica: still signed in
    submit_text(page, "again", "AGAIN")
    subprocess.run([sys.executable, "-m", "niceface.cli", "users", "remove", str(users), "ann"], check=True,
                   cwd=ROOT, capture_output=True)
    page.wait_for_url("**/login**", timeout=30_000)  # this page, on the second replica, was closed
    assert call(first, cookie) == 401 and call(second, cookie) == 401


@pytest.mark.parametrize("same_secret", [True, False])
def test_replicas_with_the_same_secret_accept_each_others_sessions(serve, same_secret):
    first = serve(APPS / "auth_app.py", env={"NICEFACE_SECRET": "a shared secret of the team"})
    second = serve(APPS / "auth_app.py", env={"NICEFACE_SECRET": "a shared secret of the team" if same_secret
                                                               else "another secret"})
    cookie = login(first, "ann", "correct horse")
    assert call(first, cookie) == 200
    assert call(second, cookie) == (200 if same_secret else 401)
    body, signature = cookie.split(".")
    claims = json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
    assert claims["u"] == "ann"
    admin = base64.urlsafe_b64encode(json.dumps({**claims, "u": "admin"}).encode()).decode().rstrip("=")
    assert call(first, f"{admin}.{signature}") == 401  # the signature covers who the session is for


def test_without_a_secret_in_code_sessions_stay_in_their_process(serve):
    first = serve(APPS / "auth_app.py")
    second = serve(APPS / "auth_app.py")
    cookie = login(first)
    assert call(first, cookie) == 200 and call(second, cookie) == 401


def test_healthz_needs_no_login_and_says_only_ok_and_the_version(serve, users):
    app = serve(APPS / "auth_app.py", env={"AUTH_FILE": str(users)})
    answer = httpx.get(app.url + "healthz", timeout=30)
    assert answer.status_code == 200 and answer.text.strip() == f"ok {__import__('niceface').__version__}"
    assert httpx.get(app.url, headers={"accept": "text/html"}).status_code == 303  # everything else still asks
