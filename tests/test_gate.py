"""The login gate and the headers at the edge, in process (httpx.ASGITransport): every answer
the gate gives, without a server."""
from __future__ import annotations

import base64
from typing import Any

import httpx
import pytest

from niceface.app.core.visitor import visitor_of
from niceface.app.serve.auth import Authenticator
from niceface.app.serve.gate import AuthGate, local_target
from niceface.app.serve.headers import ProxyTrust, SecurityHeaders, TrustedProxies

HTML = {"accept": "text/html"}


async def inner(scope: dict[str, Any], receive: Any, send: Any) -> None:
    """The app behind the gate: says who it was told is visiting."""
    if scope["type"] == "websocket":
        await send({"type": "websocket.accept"})
        return
    from starlette.requests import Request
    visitor = visitor_of(Request(scope).state)
    body = f"{visitor.username}|{bool(visitor.session)}|{scope['client'][0]}|{scope['scheme']}".encode()
    await send({"type": "http.response.start", "status": 200, "headers": [(b"content-type", b"text/plain")]})
    await send({"type": "http.response.body", "body": body})


@pytest.fixture(scope="module")
def auth() -> Authenticator:
    return Authenticator.from_option([("ann", "correct horse")], message="<b>Team</b> only")


def client(auth: Authenticator, trusted: str | None = None, address: str = "10.0.0.1") -> httpx.AsyncClient:
    app = ProxyTrust(SecurityHeaders(AuthGate(inner, auth)), TrustedProxies(trusted))
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app, client=(address, 1234)), base_url="http://app.test")


async def test_without_a_session_pages_redirect_the_api_asks_and_the_rest_is_refused(auth) -> None:
    async with client(auth) as http:
        page = await http.get("/docs?x=1", headers=HTML)
        assert page.status_code == 303 and page.headers["location"] == "/login?next=%2Fdocs%3Fx%3D1"
        api = await http.post("/api/predict", json={"data": []})
        assert api.status_code == 401 and api.headers["www-authenticate"] == 'Basic realm="niceface"'
        assert (await http.get("/_nicegui/whatever")).status_code == 401
        form = await http.get("/login")
        assert form.status_code == 200 and "&lt;b&gt;Team&lt;/b&gt; only" in form.text
        assert form.headers["x-frame-options"] == "DENY" and form.headers["cache-control"] == "no-store"


async def test_a_login_opens_a_session_the_app_sees_and_logout_ends_it(auth) -> None:
    async with client(auth) as http:
        login = await http.post("/login", data={"username": "ann", "password": "correct horse", "next": "/docs"},
                                headers=HTML)
        assert login.status_code == 303 and login.headers["location"] == "/docs"
        cookie = login.headers["set-cookie"].lower()
        assert "httponly" in cookie and "samesite=lax" in cookie and "secure" not in cookie and "path=/" in cookie
        seen = await http.get("/")
        assert seen.text == "ann|True|10.0.0.1|http"
        assert (await http.get("/logout")).status_code == 200  # only asks
        assert (await http.get("/")).status_code == 200
        out = await http.post("/logout")
        assert out.status_code == 303 and out.headers["location"] == "/login?out=1"  # "You are logged out."
        assert (await http.get("/", headers=HTML)).status_code == 303


async def test_basic_credentials_open_the_api_only(auth) -> None:
    basic = {"authorization": "Basic " + base64.b64encode(b"ann:correct horse").decode()}
    async with client(auth, address="10.0.0.2") as http:
        assert (await http.post("/api/predict", headers=basic)).text == "ann|False|10.0.0.2|http"
        assert (await http.get("/", headers={**basic, **HTML})).status_code == 303  # pages need the form
        wrong = {"authorization": "Basic " + base64.b64encode(b"ann:nope").decode()}
        assert (await http.post("/api/predict", headers=wrong)).status_code == 401
        assert (await http.post("/api/predict", headers={"authorization": "Basic ***"})).status_code == 401


async def test_a_cross_site_or_oversized_login_is_refused(auth) -> None:
    good = {"username": "ann", "password": "correct horse"}
    async with client(auth, address="10.0.0.3") as http:
        for headers in ({"sec-fetch-site": "cross-site"}, {"sec-fetch-site": "same-site"},
                        {"origin": "http://evil.example"}, {"origin": "null"}):
            refused = await http.post("/login", data=good, headers=headers)
            assert refused.status_code == 403 and "set-cookie" not in refused.headers, headers
        for headers in ({"sec-fetch-site": "same-origin"}, {"origin": "http://app.test"}, {}):
            assert (await http.post("/login", data=good, headers={**headers, **HTML})).status_code == 303, headers
        big = await http.post("/login", data={**good, "padding": "x" * 9000})
        assert big.status_code == 413 and "too large" in big.text


async def test_guesses_get_429_with_retry_after(auth) -> None:
    async with client(auth, address="10.0.0.4") as http:
        statuses = [(await http.post("/login", data={"username": "ann", "password": f"no {n}"})).status_code
                    for n in range(6)]
        assert statuses == [401] * 5 + [429]
        throttled = await http.post("/login", data={"username": "ann", "password": "no"})
        assert int(throttled.headers["retry-after"]) >= 1 and "Too many failed attempts" in throttled.text


async def test_forwarded_headers_count_only_from_a_trusted_proxy(auth) -> None:
    forwarded = {"x-forwarded-for": "203.0.113.9", "x-forwarded-proto": "https", "x-forwarded-prefix": "/demo"}
    async with client(auth, trusted="127.0.0.1", address="127.0.0.1") as http:
        login = await http.post("/login", data={"username": "ann", "password": "correct horse"},
                                headers={**forwarded, **HTML})
        assert login.headers["location"] == "/demo/" and "secure" in login.headers["set-cookie"].lower()
        assert "path=/demo" in login.headers["set-cookie"].lower()
        token = login.cookies["niceface_session"]  # its path is /demo: the proxy strips that, we send it here
        seen = await http.get("/", headers={**forwarded, "cookie": f"niceface_session={token}"})
        assert seen.text == "ann|True|203.0.113.9|https"
        odd = await http.get("/", headers={**HTML, "x-forwarded-prefix": '/x"><script>', "cookie": ""})
        assert odd.headers["location"].startswith("/login?")  # a prefix that is not a plain path is dropped
    async with client(auth, address="127.0.0.1") as http:  # nobody trusted: the headers are ignored
        login = await http.post("/login", data={"username": "ann", "password": "correct horse"},
                                headers={**forwarded, **HTML})
        assert login.headers["location"] == "/" and "secure" not in login.headers["set-cookie"].lower()


async def test_the_websocket_is_closed_without_a_session(auth) -> None:
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return {"type": "websocket.connect"}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)
    scope = {"type": "websocket", "path": "/_nicegui_ws/socket.io/", "headers": [], "client": ("10.0.0.5", 1),
             "query_string": b"", "root_path": ""}
    await AuthGate(inner, auth)(scope, receive, send)
    assert sent == [{"type": "websocket.close", "code": 1008}]


@pytest.mark.parametrize(("target", "expected"), [
    ("/docs?x=1", "/docs?x=1"), ("/", "/"), ("//evil.example", "/"), ("/\\evil", "/"), ("https://evil.example", "/"),
    ("/\t/evil.example", "/"), (" //evil", "/"), ("/\x00/evil", "/"), ("javascript:alert(1)", "/"),
    ("/a b", "/ab"), ("/ü", "/%C3%BC"),
])
def test_only_a_path_on_this_site_may_follow_a_login(target: str, expected: str) -> None:
    assert local_target(target) == expected


async def test_embedding_can_be_allowed(auth) -> None:
    app = SecurityHeaders(AuthGate(inner, auth), allow_embedding=True)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://app.test") as http:
        answer = await http.get("/login")
        assert "x-frame-options" not in answer.headers and answer.headers["x-content-type-options"] == "nosniff"
