"""The README's nginx configuration, run for real in front of an app at /demo/: pages, the
websocket, the API and the login all work under the prefix."""
from __future__ import annotations

import base64
import os
import re
import shutil
import subprocess
import time
from pathlib import Path

import httpx
import pytest
from conftest import APPS, ROOT, fill_login, free_port, screenshot, submit_text

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
HTML = {"accept": "text/html"}


class Nginx:
    """nginx in the foreground on 127.0.0.1 with a server block (its ``listen 80;`` becomes a
    free local port), stopped at teardown; ``path``: where the app lives behind it."""

    def __init__(self, folder: Path, block: str, path: str = "/") -> None:
        self.port = free_port()
        block = block.replace("listen 80;", f"listen 127.0.0.1:{self.port};")
        temp = {name: folder / name for name in ("body", "proxy", "fastcgi", "uwsgi", "scgi")}
        user = "user root;\n" if os.geteuid() == 0 else ""
        (folder / "nginx.conf").write_text(
            f"{user}worker_processes 1;\ndaemon off;\npid {folder / 'nginx.pid'};\n"
            f"error_log {folder / 'error.log'} warn;\nevents {{ worker_connections 128; }}\n"
            "http {\n  access_log off;\n"
            + "".join(f"  {name}_temp_path {path};\n" for name, path in
                      (("client_body", temp["body"]), *((n, temp[n]) for n in ("proxy", "fastcgi", "uwsgi", "scgi"))))
            + block + "}\n")
        self.folder = folder
        self.process = subprocess.Popen([NGINX, "-c", str(folder / "nginx.conf"), "-p", str(folder)],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
        self.url = f"http://127.0.0.1:{self.port}{path}"
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError("nginx exited:\n" + (folder / "error.log").read_text())
            try:
                httpx.get(self.url, timeout=2)
                return
            except httpx.TransportError:
                time.sleep(0.05)
        raise RuntimeError("nginx did not answer")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()


def nginx_block(document: Path) -> str:
    """The first ```nginx block of a document."""
    return re.search(r"```nginx\n(.*?)```", document.read_text(), re.S).group(1)


@pytest.fixture
def proxied(serve, tmp_path):
    started: list[Nginx] = []

    def start(forward_prefix: bool = True, **env: str) -> Nginx:
        app = serve(APPS / "proxy_app.py", env={"FORWARDED_ALLOW_IPS": "127.0.0.1", **env})  # README: trust nginx
        block = nginx_block(ROOT / "README.md").replace("127.0.0.1:7860", f"127.0.0.1:{app.port}")
        if not forward_prefix:  # the app is told its root_path instead
            block = "\n".join(line for line in block.splitlines() if "X-Forwarded-Prefix" not in line)
        proxy = Nginx(tmp_path, block, "/demo/")
        started.append(proxy)
        return proxy
    yield start
    for proxy in started:
        proxy.stop()


@pytest.mark.browser
def test_page_websocket_and_api_work_under_a_prefix(proxied, page):
    proxy = proxied()
    html = httpx.get(proxy.url, timeout=10).text
    assert 'src="/demo/_nicegui/' in html  # the page's own links carry the prefix
    assert 'href="/demo/_niceface/css/' in html  # and so does niceface's stylesheet
    page.goto(proxy.url)
    submit_text(page, "through nginx", "THROUGH NGINX")  # the run goes over the websocket
    assert page.locator(".nf-title").evaluate("e => getComputedStyle(e).fontWeight") == "700"  # styled
    answer = httpx.post(proxy.url + "api/predict", json={"data": ["api"]}, timeout=10)
    assert answer.json()["data"] == ["API"]
    assert httpx.get(proxy.url + "docs", timeout=10).status_code == 200


@pytest.mark.browser
def test_root_path_instead_of_the_header(proxied, page):
    proxy = proxied(forward_prefix=False, ROOT_PATH="/demo")
    page.goto(proxy.url)
    submit_text(page, "root path", "ROOT PATH")
    assert httpx.post(proxy.url + "api/predict", json={"data": ["x"]}, timeout=10).json()["data"] == ["X"]


@pytest.mark.browser
def test_login_behind_the_proxy(proxied, page):
    proxy = proxied(PROXY_AUTH="1")
    first = httpx.get(proxy.url, headers=HTML, follow_redirects=False, timeout=10)
    assert first.status_code == 303 and first.headers["location"] == "/demo/login?next=%2F"
    assert httpx.post(proxy.url + "api/predict", json={"data": ["x"]}, timeout=10).status_code == 401
    basic = {"authorization": "Basic " + base64.b64encode(b"admin:pass1234").decode()}
    assert httpx.post(proxy.url + "api/predict", json={"data": ["x"]}, headers=basic, timeout=10).status_code == 200
    login = httpx.post(proxy.url + "login", data={"username": "admin", "password": "pass1234"},
                       headers=HTML, follow_redirects=False, timeout=10)
    assert login.headers["location"] == "/demo/" and "Path=/demo;" in login.headers["set-cookie"]
    page.goto(proxy.url)
    fill_login(page, "admin", "pass1234")
    page.get_by_text("Signed in as admin").wait_for()
    assert page.locator(".nf-title").evaluate("e => getComputedStyle(e).fontWeight") == "700"  # behind the gate
    submit_text(page, "private and proxied", "PRIVATE AND PROXIED")
    page.wait_for_timeout(400)  # the output's label floats up (a Quasar transition)
    screenshot(page, "proxied_login")
    page.get_by_role("button", name="Log out").click()
    page.get_by_role("button", name="Log in").wait_for()
    assert page.url.startswith(proxy.url + "login")
