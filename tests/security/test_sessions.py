"""Sessions end when they should, everywhere: logout closes the pages open with that login, and
removing a user or changing a password ends their cookies and Basic logins at once."""
from __future__ import annotations

import base64
import subprocess
import sys

import httpx
import pytest
from attacks import BUTTON_IDS, FORGE_RAW
from conftest import APPS, ROOT, fill_login

pytestmark = pytest.mark.browser
HTML = {"accept": "text/html"}
#: count the page's navigations instead of following them (a client that ignores the push)
HOLD_STILL = "() => { window.pushes = 0; window.open = () => { window.pushes += 1; return null; }; }"


@pytest.fixture
def guarded(serve, tmp_path):
    def start(**env: str):
        app = serve(APPS / "guarded_app.py", env={"COUNT_FILE": str(tmp_path / "checks"),
                                                  "RUNS_FILE": str(tmp_path / "runs"), **env})
        app.runs = lambda: (tmp_path / "runs").read_text().splitlines() if (tmp_path / "runs").exists() else []
        return app
    return start


def users(*args: str, password: str | None = None) -> None:
    subprocess.run([sys.executable, "-m", "niceface.cli", "users", *args, *(["--password-stdin"] if password else [])],
                   input=f"{password}\n" if password else None, text=True, check=True, cwd=ROOT, capture_output=True)


def signed_in_page(browser, app, username: str, password: str):
    context = browser.new_context()
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(app.url)
    fill_login(page, username, password)
    page.get_by_text(f"Signed in as {username}").wait_for()
    return page


def test_logout_sends_the_other_open_pages_of_that_login_to_the_login_page(guarded, browser):
    app = guarded()
    first = signed_in_page(browser, app, "admin", "pass1234")
    second = first.context.new_page()
    second.goto(app.url)
    second.get_by_role("button", name="Log out").click()
    second.get_by_role("button", name="Log in").wait_for()
    first.wait_for_url(app.url + "login?out=1")  # pushed there, not left running as admin
    first.get_by_text("You are logged out.").wait_for()
    first.context.close()


def test_a_page_that_ignores_the_push_cannot_run_fn_after_logout(guarded, browser):
    app = guarded()
    page = signed_in_page(browser, app, "admin", "pass1234")
    page.evaluate(HOLD_STILL)
    page.get_by_label("text").fill("after logout")
    submit = page.evaluate(BUTTON_IDS, ["Submit"])
    answer = httpx.post(app.url + "logout", cookies={c["name"]: c["value"] for c in page.context.cookies()}, timeout=30)
    assert answer.status_code == 303
    page.wait_for_function("() => window.pushes >= 1")  # the server told the page to go
    page.evaluate(FORGE_RAW, [submit["id"], submit["listener_id"], submit["client_id"], [{}]])  # click anyway
    page.wait_for_function("() => window.pushes >= 2")  # refused, and told again
    assert "after logout" not in app.runs() and page.get_by_label("result").input_value() == ""
    page.context.close()


def test_removing_a_user_ends_their_cookies_basic_logins_and_open_pages_at_once(guarded, browser, tmp_path):
    file = str(tmp_path / "users.json")
    users("add", file, "ann", password="correct horse")
    users("add", file, "bob", password="battery staple")
    app = guarded(AUTH_FILE=file)
    page = signed_in_page(browser, app, "ann", "correct horse")
    cookie = {"niceface_session": httpx.post(app.url + "login", timeout=30,
                                             data={"username": "ann", "password": "correct horse"}).cookies["niceface_session"]}
    basic = {"authorization": "Basic " + base64.b64encode(b"ann:correct horse").decode()}
    bob = {"authorization": "Basic " + base64.b64encode(b"bob:battery staple").decode()}
    for credentials in ({"cookies": cookie}, {"headers": basic}, {"headers": bob}):
        assert httpx.post(app.url + "api/predict", json={"data": ["x"]}, timeout=30, **credentials).status_code == 200
    users("remove", file, "ann")
    # the very next request: no grace period (before the fix: 7 days for the cookie, 5 minutes for Basic)
    assert httpx.post(app.url + "api/predict", json={"data": ["x"]}, cookies=cookie, timeout=30).status_code == 401
    assert httpx.post(app.url + "api/predict", json={"data": ["x"]}, headers=basic, timeout=30).status_code == 401
    assert httpx.post(app.url + "api/predict", json={"data": ["x"]}, headers=bob, timeout=30).status_code == 200
    page.wait_for_url(app.url + "login*")  # the open page too, with no request of its own
    page.context.close()


def test_a_password_change_ends_the_old_sessions(guarded, tmp_path):
    file = str(tmp_path / "users.json")
    users("add", file, "ann", password="correct horse")
    app = guarded(AUTH_FILE=file)
    old = {"niceface_session": httpx.post(app.url + "login", timeout=30,
                                          data={"username": "ann", "password": "correct horse"}).cookies["niceface_session"]}
    old_basic = {"authorization": "Basic " + base64.b64encode(b"ann:correct horse").decode()}
    assert httpx.post(app.url + "api/predict", json={"data": ["x"]}, headers=old_basic, timeout=30).status_code == 200
    users("add", file, "ann", password="new and long")
    assert httpx.get(app.url, cookies=old, headers=HTML, follow_redirects=False, timeout=30).status_code == 303
    assert httpx.post(app.url + "api/predict", json={"data": ["x"]}, headers=old_basic, timeout=30).status_code == 401
    new_basic = {"authorization": "Basic " + base64.b64encode(b"ann:new and long").decode()}
    assert httpx.post(app.url + "api/predict", json={"data": ["x"]}, headers=new_basic, timeout=30).status_code == 200
