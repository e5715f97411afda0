"""launch(ssl_keyfile=, ssl_certfile=, favicon_path=) with a self-signed certificate: https
pages and websocket, a Secure login cookie, and the app's own favicon."""
from __future__ import annotations

import subprocess

import httpx
import pytest
from conftest import APPS, ROOT, fill_login, submit_text

FAVICON = ROOT / "examples" / "images" / "digit_3.png"


@pytest.fixture
def https_app(serve, tmp_path):
    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out", str(cert),
                    "-days", "1", "-subj", "/CN=127.0.0.1"], check=True, capture_output=True)
    return serve(APPS / "https_app.py", https=True, env={"KEY": str(key), "CERT": str(cert), "FAVICON": str(FAVICON)})


@pytest.mark.browser
def test_https_login_cookie_favicon_and_websocket(https_app, browser):
    assert https_app.url.startswith("https://")
    with pytest.raises(httpx.ConnectError):  # a real TLS server: an unverified certificate is refused
        httpx.get(https_app.url, timeout=5)
    with httpx.Client(verify=False, timeout=10) as client:
        login = client.post(https_app.url + "login", data={"username": "admin", "password": "pass1234"},
                            headers={"accept": "text/html"}, follow_redirects=False)
        assert login.status_code == 303 and "; Secure" in login.headers["set-cookie"]
        favicon = client.get(https_app.url + "favicon.ico")
        assert favicon.status_code == 200 and favicon.content == FAVICON.read_bytes()
    context = browser.new_context(ignore_https_errors=True)
    try:
        page = context.new_page()
        page.set_default_timeout(15_000)
        page.goto(https_app.url)
        fill_login(page, "admin", "pass1234")
        submit_text(page, "over tls", "OVER TLS")  # the run goes over wss://
    finally:
        context.close()
