"""The open-files limit: raised at launch where the hard limit allows; when the hard limit
itself is low, the overflow gets one clear log line and 503s, and the server answers again
once the connections close. A real server process under a real limit (setrlimit)."""
from __future__ import annotations

import contextlib
import resource
import select
import socket
import time
from collections.abc import Callable
from pathlib import Path

import httpx

LIMIT_LINE = "open-files limit"


def limited(soft: int, hard: int) -> Callable[[], None]:
    return lambda: resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))


def open_files_limit(pid: int) -> tuple[int, int]:
    """Soft and hard open-files limits of a process, from /proc/PID/limits."""
    line = next(line for line in Path(f"/proc/{pid}/limits").read_text().splitlines()
                if line.startswith("Max open files"))
    soft, hard = line.split()[3:5]
    return int(soft), int(hard)


def wait_for(condition: Callable[[], bool], what: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"waited {timeout:.0f} s for {what}"
        time.sleep(0.05)


def hold_connections(port: int, count: int) -> list[socket.socket]:
    """Connections that each started a request and never finish it (each holds a file)."""
    held = []
    for _ in range(count):
        connection = socket.create_connection(("127.0.0.1", port), timeout=10)
        connection.sendall(b"GET /healthz HTTP/1.1\r\nhost: 127.0.0.1\r\n")
        held.append(connection)
    return held


def refusals(held: list[socket.socket]) -> int:
    """How many of the connections were answered 503 (or already closed by the server)."""
    readable, _, _ = select.select(held, [], [], 0)
    answered = 0
    for connection in readable:
        with contextlib.suppress(OSError):
            answered += connection.recv(200).startswith(b"HTTP/1.1 503")
    return answered


def test_the_soft_limit_is_raised_to_the_hard_limit(serve) -> None:
    hard = min(4096, resource.getrlimit(resource.RLIMIT_NOFILE)[1])
    served = serve("text_app", preexec=limited(256, hard))
    assert open_files_limit(served.process.pid) == (hard, hard)


def test_connections_over_a_low_hard_limit_are_refused_and_logged_and_the_server_recovers(serve) -> None:
    served = serve("text_app", preexec=limited(128, 128))
    held = hold_connections(served.port, 200)  # more than the process may open
    try:
        wait_for(lambda: LIMIT_LINE in served.output(), "the log line at the limit")
        answered = 0

        def refused() -> bool:
            nonlocal answered
            answered += refusals(held)
            return answered > 0
        wait_for(refused, "a 503 to a connection over the limit")
    finally:
        for connection in held:
            connection.close()
    wait_for(lambda: _healthy(served.url), "/healthz to answer after the flood")
    assert served.output().count(f"{LIMIT_LINE} (128) reached") == 1


def _healthy(url: str) -> bool:
    try:
        return httpx.get(url + "healthz", timeout=5).status_code == 200
    except httpx.HTTPError:
        return False


def test_near_the_limit_one_warning_until_the_files_are_free_again(caplog) -> None:
    from niceface.app.serve.open_files import Guard
    guard = Guard()
    for used in (100, 905, 950, 999):
        guard.check(used, 1000)
    assert [r.message.split(":")[0] for r in caplog.records] == ["905 of 1000 open files in use"]
    guard.check(700, 1000)
    guard.check(950, 1000)  # near again after it was clear: warned again
    assert len(caplog.records) == 2
