"""launch(auth=...) served for real: the login page, every route guarded, cookies, logout,
throttling (HTTP), and a person logging in and using the app (Chromium)."""
from __future__ import annotations

import base64
import sys
import time

import httpx
import pytest
from conftest import APPS, ROOT, fill_login, screenshot, submit_text

from niceface.storage.flags import FlagStore

HTML = {"accept": "text/html,application/xhtml+xml"}


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    from conftest import Served
    served = Served(APPS / "auth_app.py", env={"FLAG_DIR": str(tmp_path_factory.mktemp("flags")),
                                               "FORWARDED_ALLOW_IPS": "127.0.0.1"})  # as behind nginx
    yield served
    served.stop()


def log_in(app, username="admin", password="pass1234", **extra) -> httpx.Response:
    return httpx.post(app.url + "login", data={"username": username, "password": password, **extra},
                      headers=HTML, follow_redirects=False, timeout=10)  # the form, posted by a browser


def test_every_route_is_guarded_without_a_session(app):
    page = httpx.get(app.url, headers=HTML, follow_redirects=False, timeout=10)
    assert page.status_code == 303 and page.headers["location"] == "/login?next=%2F"
    api = httpx.post(app.url + "api/predict", json={"data": ["x"]}, timeout=10)
    assert api.status_code == 401 and "log in" in api.json()["detail"]
    for path in ("_nicegui_ws/socket.io/?EIO=4&transport=polling", "_nicegui/client/x/upload",
                 "docs", "openapi.json", "favicon.ico"):
        assert httpx.get(app.url + path, timeout=10).status_code == 401, path
    upload = httpx.post(app.url + "_nicegui/client/x/upload", files={"file": ("a.txt", b"x" * 1000)}, timeout=10)
    assert upload.status_code == 401


def test_the_websocket_is_closed_without_a_session(app):
    import asyncio

    async def attempt(headers: dict[str, str]) -> str:
        from websockets.asyncio.client import connect
        from websockets.exceptions import InvalidStatus
        url = app.url.replace("http", "ws") + "_nicegui_ws/socket.io/?EIO=4&transport=websocket"
        try:
            async with connect(url, additional_headers=headers, open_timeout=5) as socket:
                return "open: " + str(await socket.recv())
        except InvalidStatus as refused:
            return f"refused {refused.response.status_code}"

    assert asyncio.run(attempt({})) == "refused 403"
    cookie = log_in(app).cookies["niceface_session"]
    assert asyncio.run(attempt({"cookie": f"niceface_session={cookie}"})).startswith("open: 0{")  # engine.io hello


def test_the_login_page_shows_the_escaped_message_and_the_apps_title(app):
    page = httpx.get(app.url + "login", timeout=10)
    assert page.status_code == 200
    assert "&lt;b&gt;Team&lt;/b&gt; only: ask Ann for an account." in page.text and "<b>Team" not in page.text
    assert '<p class="app">Private &lt;notes&gt;</p>' in page.text and "<notes>" not in page.text
    assert "<title>Log in · Private &lt;notes&gt;</title>" in page.text
    evil = httpx.get(app.url + 'login?next="><script>alert(1)</script>', timeout=10)
    assert "<script>alert(1)" not in evil.text
    typed = httpx.post(app.url + "login", data={"username": '"><script>alert(2)</script>', "password": "x"},
                       headers={**HTML, "origin": app.url.rstrip("/")}, timeout=10)  # the name comes back, escaped
    assert typed.status_code == 401 and "<script>alert(2)" not in typed.text and "&lt;script&gt;alert(2)" in typed.text


def test_a_login_sets_a_safe_cookie_and_logout_ends_the_session_on_the_server(app):
    wrong = log_in(app, password="nope")
    assert wrong.status_code == 401 and "Wrong username or password." in wrong.text
    assert "niceface_session" not in wrong.cookies
    good = log_in(app, next="/docs")
    assert good.status_code == 303 and good.headers["location"] == "/docs"
    cookie = good.headers["set-cookie"]
    assert "HttpOnly" in cookie and "samesite=lax" in cookie.lower() and "Max-Age=604800" in cookie
    assert "Secure" not in cookie  # plain http here; https adds it
    token = good.cookies["niceface_session"]
    assert len(token) >= 40
    jar = {"niceface_session": token}
    assert httpx.get(app.url, headers=HTML, cookies=jar, timeout=10).status_code == 200
    messy = {**HTML, "cookie": f'tracker="a,b"; weird=x y; niceface_session={token}; other=1'}
    assert httpx.get(app.url, headers=messy, timeout=10).status_code == 200  # other cookies do not matter
    answer = httpx.post(app.url + "api/predict", json={"data": ["with cookie"]}, cookies=jar, timeout=10)
    assert answer.json()["data"] == ["WITH COOKIE"]
    confirm = httpx.get(app.url + "logout", cookies=jar, follow_redirects=False, timeout=10)
    assert confirm.status_code == 200 and 'method="post"' in confirm.text  # a GET only asks
    assert httpx.get(app.url, headers=HTML, cookies=jar, timeout=10).status_code == 200
    out = httpx.post(app.url + "logout", cookies=jar, follow_redirects=False, timeout=10)
    assert out.status_code == 303 and "Max-Age=0" in out.headers["set-cookie"]
    # the old cookie is dead on the server, not just dropped by the browser
    assert httpx.post(app.url + "api/predict", json={"data": ["x"]}, cookies=jar, timeout=10).status_code == 401


def test_the_cookie_is_secure_when_a_trusted_proxy_says_https(app):
    login = httpx.post(app.url + "login", data={"username": "admin", "password": "pass1234"},
                       headers={**HTML, "x-forwarded-proto": "https"}, follow_redirects=False, timeout=10)
    assert login.status_code == 303 and "; Secure" in login.headers["set-cookie"]


def test_next_never_leaves_the_site(app):
    for target in ("//evil.example/x", "https://evil.example/", "\\\\evil", "javascript:alert(1)"):
        assert log_in(app, next=target).headers["location"] == "/"


def test_the_api_takes_basic_credentials(app):
    basic = "Basic " + base64.b64encode(b"ann:correct horse").decode()
    answer = httpx.post(app.url + "api/predict", json={"data": ["basic"]}, headers={"authorization": basic}, timeout=10)
    assert answer.status_code == 200 and answer.json()["data"] == ["BASIC"]
    wrong = "Basic " + base64.b64encode(b"ann:wrong").decode()
    refused = httpx.post(app.url + "api/predict", json={"data": ["x"]}, headers={"authorization": wrong}, timeout=10)
    assert refused.status_code == 401 and refused.headers["www-authenticate"] == 'Basic realm="niceface"'


def test_repeated_failures_get_429_with_retry_after(serve):
    """Five free guesses, then waits that double with each further failure. Guessing on until
    the wait is 8 s makes the last checks independent of how busy the machine is."""
    fresh = serve("auth_app")  # its own throttle
    assert [log_in(fresh, username="admin", password=f"guess{n}").status_code for n in range(5)] == [401] * 5
    refused = log_in(fresh, username="admin", password="guess")
    while refused.status_code != 429 or int(refused.headers["retry-after"]) < 8:
        assert refused.status_code in (401, 429)  # 401: a wait had run out, and this failure doubled it
        time.sleep(0.1)  # polling: a refused guess is not counted
        refused = log_in(fresh, username="admin", password="guess")
    assert "Too many failed attempts" in refused.text
    throttled = log_in(fresh, username="admin", password="pass1234")  # even the right password waits
    assert throttled.status_code == 429 and int(throttled.headers["retry-after"]) >= 1
    other = log_in(fresh, username="ann", password="correct horse")
    assert other.status_code == 429  # and this address is throttled too


def test_a_credential_file_made_by_the_command_works(serve, tmp_path):
    import subprocess
    users = tmp_path / "users.json"
    subprocess.run([sys.executable, "-m", "niceface.cli", "users", "add", str(users), "carol", "--password-stdin"],
                   input="carol's pw\n", text=True, check=True, capture_output=True, cwd=ROOT)
    served = serve("auth_app", env={"AUTH_FILE": str(users)})
    assert log_in(served, "carol", "carol's pw").status_code == 303
    assert log_in(served, "admin", "pass1234").status_code == 401


@pytest.mark.browser
def test_a_person_logs_in_uses_the_app_flags_and_logs_out(serve, page, tmp_path):
    flags = tmp_path / "flags"
    served = serve("auth_app", env={"FLAG_DIR": str(flags)})
    page.goto(served.url)
    page.get_by_text("only: ask Ann for an account.").wait_for()
    assert page.title() == "Log in · Private <notes>" and page.locator(".app").inner_text() == "Private <notes>"
    screenshot(page, "login")
    fill_login(page, "ann", "not it")
    page.get_by_text("Wrong username or password.").wait_for()
    assert page.get_by_label("Username").input_value() == "ann"  # only the password is typed again
    assert page.evaluate("document.activeElement.name") == "password"
    fill_login(page, "ann", "correct horse")
    page.get_by_text("Signed in as ann").wait_for()
    submit_text(page, "behind the door", "BEHIND THE DOOR")
    page.get_by_role("button", name="Flag").click()
    page.get_by_text("Flagged. Thank you!").wait_for()
    screenshot(page, "signed_in")
    (record,) = FlagStore(flags).records()
    assert record["username"] == "ann" and record["outputs"]["result"] == "BEHIND THE DOOR"
    page.get_by_role("button", name="Log out").click()
    page.get_by_role("button", name="Log in").wait_for()
    page.get_by_role("status").get_by_text("You are logged out.").wait_for()
    page.goto(served.url)
    page.get_by_role("button", name="Log in").wait_for()  # the session is gone


def contrast(page, selector: str) -> float:
    """WCAG contrast of an element's text against the login form's background."""
    return page.evaluate("""selector => {
        const luminance = css => {
            const [r, g, b] = css.match(/\\d+/g).slice(0, 3).map(Number).map(v => v / 255)
                .map(v => v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
            return 0.2126 * r + 0.7152 * g + 0.0722 * b;
        };
        const text = luminance(getComputedStyle(document.querySelector(selector)).color);
        const ground = luminance(getComputedStyle(document.querySelector('form')).backgroundColor);
        return (Math.max(text, ground) + 0.05) / (Math.min(text, ground) + 0.05);
    }""", selector)


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_login_page_is_readable_in_light_and_dark(serve, browser, scheme):
    served = serve("auth_app")
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    page.goto(served.url + "login")
    fill_login(page, "ann", "not it")
    page.get_by_text("Wrong username or password.").wait_for()
    for selector in ("label", ".message", ".app", ".error", "h1"):
        assert contrast(page, selector) >= 4.5, (scheme, selector, contrast(page, selector))
    screenshot(page, f"login_{scheme}")
    context.close()
