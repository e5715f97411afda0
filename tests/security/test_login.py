"""Attacks on the login: guesses in parallel, locking a user out, spoofed addresses, open
redirects, login CSRF, framing; each through the real server."""
from __future__ import annotations

import asyncio
import time

import httpx
import pytest
from attacks import EvilSite, from_address
from conftest import APPS, fill_login

HTML = {"accept": "text/html"}


@pytest.fixture
def guarded(serve, tmp_path):
    """Start guarded_app.py; ``guarded.checks()`` lists the password checks it was asked for."""
    def start(**env: str):
        app = serve(APPS / "guarded_app.py", env={"COUNT_FILE": str(tmp_path / "checks"),
                                                  "RUNS_FILE": str(tmp_path / "runs"), **env})
        app.checks = lambda: (tmp_path / "checks").read_text().split() if (tmp_path / "checks").exists() else []
        app.runs = lambda: (tmp_path / "runs").read_text().splitlines() if (tmp_path / "runs").exists() else []
        return app
    return start


async def _at_once(url: str, address: str, requests: list[dict]) -> list[int]:
    transport = httpx.AsyncHTTPTransport(local_address=address)
    limits = httpx.Limits(max_connections=len(requests))
    async with httpx.AsyncClient(transport=transport, limits=limits, timeout=120) as client:
        answers = await asyncio.gather(*(client.request(url=url + r.pop("path"), **r) for r in requests))
    return [answer.status_code for answer in answers]


def test_200_parallel_guesses_from_one_address_hash_at_most_5(guarded):
    app = guarded()
    guesses = [{"path": "login", "method": "POST", "data": {"username": "admin", "password": f"guess {n}"}}
               for n in range(200)]
    began = time.monotonic()
    statuses = asyncio.run(_at_once(app.url, "127.0.0.2", guesses))
    allowed = _allowed_after(time.monotonic() - began)
    assert len(app.checks()) <= allowed, len(app.checks())  # before the fix: all 200 were checked
    assert statuses.count(429) >= 200 - allowed and set(statuses) <= {401, 429}


def _allowed_after(seconds: float) -> int:
    """Guesses the throttle lets through in ``seconds``: 5 at once, then one after waits of
    1, 2, 4 … seconds (a busy machine may take more than a second to send 200 requests)."""
    allowed, waited, wait = 5, 0.0, 1.0
    while waited + wait <= seconds:
        waited, wait, allowed = waited + wait, wait * 2, allowed + 1
    return allowed


def test_parallel_basic_guesses_are_reserved_too(guarded):
    import base64
    app = guarded()
    basics = [{"path": "api/predict", "method": "POST", "json": {"data": ["x"]},
               "headers": {"authorization": "Basic " + base64.b64encode(f"admin:guess {n}".encode()).decode()}}
              for n in range(40)]
    began = time.monotonic()
    statuses = asyncio.run(_at_once(app.url, "127.0.0.3", basics))
    allowed = _allowed_after(time.monotonic() - began)
    assert len(app.checks()) <= allowed and statuses.count(429) >= 40 - allowed


def test_wrong_passwords_from_elsewhere_do_not_lock_the_real_user_out(guarded):
    app = guarded()
    with from_address("127.0.0.4") as attacker:
        statuses = [attacker.post(app.url + "login", data={"username": "ann", "password": f"no {n}"}).status_code
                    for n in range(8)]
    assert statuses[:5] == [401] * 5 and statuses[5:] == [429] * 3  # the attacker is throttled
    with from_address("127.0.0.5") as ann:
        login = ann.post(app.url + "login", data={"username": "ann", "password": "correct horse"})
    assert login.status_code == 200 and login.json() == {"success": True} and "niceface_session" in login.cookies  # before the fix: 429


def test_forwarded_for_from_an_untrusted_peer_does_not_rotate_the_address(guarded):
    app = guarded()  # no FORWARDED_ALLOW_IPS: nobody's X-Forwarded-For counts, not even 127.0.0.1's
    statuses = [httpx.post(app.url + "login", data={"username": f"user{n}", "password": "guess"},
                           headers={"x-forwarded-for": f"203.0.113.{n}"}, timeout=30).status_code
                for n in range(8)]
    assert statuses[5:] == [429] * 3, statuses  # before the fix: every guess a "new address", never 429


@pytest.mark.parametrize("target", ["/\t/evil.example/phish", "/%09/evil.example/phish", "\t//evil.example",
                                    "/\\evil.example", " //evil.example", "/\x00/evil.example", "\x00"])
def test_next_cannot_leave_the_site_even_with_hidden_characters(guarded, target):
    app = guarded()
    login = httpx.post(app.url + "login", data={"username": "admin", "password": "pass1234", "next": target},
                       headers=HTML, follow_redirects=False, timeout=30)
    assert login.status_code == 303  # a NUL used to make uvicorn drop the connection
    location = login.headers["location"]
    assert httpx.URL(app.url).join(location).host == "127.0.0.1" and not location.startswith("//"), location
    form = httpx.get(app.url + "login", params={"next": target}, timeout=30).text  # ?next=/%09/evil...
    hidden = form.split('name="next" value="')[1].split('"')[0]
    assert hidden.startswith("/") and not hidden.startswith("//") and "\t" not in hidden


def test_a_path_with_a_query_survives_the_login(guarded):
    app = guarded()
    first = httpx.get(app.url + "docs?x=1", headers=HTML, follow_redirects=False, timeout=30)
    assert first.headers["location"] == "/login?next=%2Fdocs%3Fx%3D1"
    login = httpx.post(app.url + "login", data={"username": "admin", "password": "pass1234", "next": "/docs?x=1"},
                       headers=HTML, follow_redirects=False, timeout=30)
    assert login.headers["location"] == "/docs?x=1"


@pytest.mark.browser
def test_a_cross_site_form_cannot_log_the_victim_in(guarded, page):
    """Login CSRF: the attacker's page posts the attacker's credentials to the app."""
    app = guarded()
    form = (f'<form method="post" action="{app.url}login"><input name="username" value="admin">'
            '<input name="password" value="pass1234"></form><script>document.forms[0].submit()</script>')
    with EvilSite(form) as evil:
        page.goto(evil.url)
        page.wait_for_url(app.url + "login")
        assert "must come from this site" in page.content()
    assert not [c for c in page.context.cookies() if c["name"] == "niceface_session"]  # before: signed in


def test_cross_site_and_get_logouts_do_nothing(guarded):
    app = guarded()
    cookie = httpx.post(app.url + "login", data={"username": "admin", "password": "pass1234"}, timeout=30).cookies
    jar = {"niceface_session": cookie["niceface_session"]}
    httpx.get(app.url + "logout", cookies=jar, timeout=30)  # e.g. <img src=".../logout"> on another site
    evil = httpx.post(app.url + "logout", cookies=jar, headers={"sec-fetch-site": "cross-site"}, timeout=30)
    assert evil.status_code == 403
    old_browser = httpx.post(app.url + "logout", cookies=jar, headers={"origin": "http://evil.example"}, timeout=30)
    assert old_browser.status_code == 403
    assert httpx.get(app.url, cookies=jar, headers=HTML, timeout=30).status_code == 200  # still signed in


@pytest.mark.browser
def test_pages_refuse_to_be_framed_by_another_site(guarded, serve, page):
    app = guarded()
    for path in ("", "login", "docs"):
        answer = httpx.get(app.url + path, timeout=30)
        assert answer.headers["x-frame-options"] == "DENY", path
        assert "frame-ancestors 'none'" in answer.headers["content-security-policy"]
        assert answer.headers["x-content-type-options"] == "nosniff"
    with EvilSite(f'<iframe src="{app.url}login" width="600" height="400"></iframe>') as evil:
        page.goto(evil.url)
        frame = page.frames[-1]
        page.wait_for_function("() => document.querySelector('iframe').contentWindow !== null")
        assert "Log in" not in frame.content()  # Chromium shows its refusal instead of the form
    embeddable = guarded(EMBED="1")
    assert "x-frame-options" not in httpx.get(embeddable.url + "login", timeout=30).headers


@pytest.mark.browser
def test_the_real_users_browser_logs_in_after_an_attack(guarded, page):
    app = guarded()
    with from_address("127.0.0.6") as attacker:
        for n in range(10):
            attacker.post(app.url + "login", data={"username": "admin", "password": f"no {n}"})
    page.goto(app.url)
    fill_login(page, "admin", "pass1234")
    page.get_by_text("Signed in as admin").wait_for()

