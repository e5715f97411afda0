"""docs/deploy.md's recipes, run as written (ports and paths changed): a systemd unit's
service on one machine, and replicas behind real nginx that share sign-ins."""
from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from conftest import APPS, ROOT, fill_login, free_port
from test_proxy import Nginx, nginx_block

from niceface.storage.credentials import CredentialStore

DEPLOY = ROOT / "docs" / "deploy.md"


def block(kind: str) -> str:
    return re.search(rf"```{kind}\n(.*?)```", DEPLOY.read_text(), re.S).group(1)


class Process:
    """A server started as a recipe says; ``stop()`` ends it (also at teardown)."""

    def __init__(self, command: list[str], env: dict[str, str], cwd: Path, port: int) -> None:
        self.command, self.env, self.cwd, self.port = command, env, cwd, port
        self.url = f"http://127.0.0.1:{port}/"
        self.start()

    def start(self) -> None:
        self.process = subprocess.Popen(self.command, env={**os.environ, **self.env}, cwd=self.cwd,
                                        stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 60
        while True:
            assert self.process.poll() is None, f"{self.command} exited"
            try:
                if httpx.get(self.url + "healthz", timeout=2).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline, f"{self.command} did not answer /healthz"
            time.sleep(0.05)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=20)


@pytest.fixture
def processes():
    started: list[Process] = []
    yield started
    for process in started:
        process.stop()


def users_file(folder: Path) -> Path:
    store = CredentialStore(folder / "users.json")
    store.add("ann", "correct horse")
    return folder / "users.json"


def test_the_systemd_service_serves_and_keeps_sign_ins_across_its_restarts(tmp_path, processes):
    unit = block("ini")
    service = dict(re.findall(r"^Environment=(\w+)=(.*)$", unit, re.M))
    command = re.search(r"^ExecStart=(.*)$", unit, re.M).group(1).split()
    assert command[0].endswith("/python") and re.search(r"^Restart=always$", unit, re.M)
    (tmp_path / "app.py").write_text(block("python"))
    port = free_port()
    env = {**service, "NICEFACE_SERVER_PORT": str(port), "NICEFACE_AUTH_FILE": str(users_file(tmp_path))}
    app = Process([sys.executable, *command[1:]], env, tmp_path, port)
    processes.append(app)
    assert httpx.get(app.url + "healthz").text.startswith("ok ")
    login = httpx.post(app.url + "login", data={"username": "ann", "password": "correct horse"})
    cookie = {"niceface_session": login.cookies["niceface_session"]}
    assert httpx.post(app.url + "api/predict", json={"data": ["hi"]}, cookies=cookie).json()["data"] == ["HI"]
    app.stop()  # systemd's Restart=always starts it again
    app.start()
    assert httpx.post(app.url + "api/predict", json={"data": ["again"]}, cookies=cookie).json()["data"] == ["AGAIN"]


@pytest.mark.browser
def test_replicas_behind_nginx_keep_a_browser_on_one_and_survive_its_restart(tmp_path, processes, page):
    ports = [free_port(), free_port()]
    text = nginx_block(DEPLOY).replace("127.0.0.1:7861", f"127.0.0.1:{ports[0]}") \
        .replace("127.0.0.1:7862", f"127.0.0.1:{ports[1]}")
    starts = re.findall(r"^(\S+=\S+) (\S+=\S+) python app\.py &$", block("bash"), re.M)
    assert len(starts) == 2  # the recipe starts two replicas, trusting nginx's headers
    users = users_file(tmp_path)
    for (trust, _), port, name in zip(starts, ports, "ab", strict=True):
        env = dict([trust.split("=", 1)], NICEFACE_SERVER_PORT=str(port), REPLICA=name, AUTH_FILE=str(users))
        processes.append(Process([sys.executable, str(APPS / "replica_app.py")], env, ROOT, port))
    proxy = Nginx(tmp_path, text)
    try:
        page.goto(proxy.url)
        fill_login(page, "ann", "correct horse")
        served = set()
        for number in range(5):  # many interactions: always the same replica
            page.get_by_label("text", exact=True).fill(f"call {number}")
            page.get_by_role("button", name="Submit").click()
            page.wait_for_function(f"document.querySelector('[aria-label=result]')?.value.startsWith('CALL {number} ')")
            served.add(page.get_by_label("result").input_value().rsplit(" ", 1)[1])
        assert len(served) == 1
        (replica,) = [process for process, name in zip(processes, "ab", strict=True) if name in served]
        page.evaluate("window.beforeTheRestart = true")
        replica.stop()
        replica.start()  # its page reconnects, loads afresh (a new page) and is still signed in
        page.wait_for_function("!window.beforeTheRestart && document.querySelector('[aria-label=text]')",
                               timeout=60_000)
        assert "/login" not in page.url
        page.get_by_label("text", exact=True).fill("after the restart")
        page.get_by_role("button", name="Submit").click()
        page.wait_for_function("document.querySelector('[aria-label=result]')?.value.startsWith('AFTER THE RESTART')")
        assert "/login" not in page.url
    finally:
        proxy.stop()
