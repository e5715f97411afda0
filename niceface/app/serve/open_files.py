"""Every connection is an open file, so the process's open-files limit (RLIMIT_NOFILE) caps
how many pages it serves at once.

- At launch the soft limit is raised to the hard one where the OS allows (``ulimit -n`` is
  often 1024 while the hard limit is far higher).
- ``Guard`` watches the host loop: a warning once when the open files come near the limit,
  and when accept() fails for want of a file (EMFILE, ENFILE) one clear error, and the
  waiting connections are answered ``503 Service Unavailable`` (with a file held in reserve
  for it) instead of asyncio's silent retry, until files free up again.
"""
from __future__ import annotations

import asyncio
import contextlib
import errno
import logging
import os
import socket
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)
UNLIMITED_SOFT = 1 << 20  # the soft limit to take when the hard one is unlimited
NEAR, CLEAR = 0.9, 0.8    # share of the limit in use: warn above NEAR, all clear again below CLEAR
WATCH_EVERY = 2.0         # s between counts of the open files
_BODY = b"This server has as many connections open as it can; try again in a moment.\n"
REFUSAL = (b"HTTP/1.1 503 Service Unavailable\r\ncontent-type: text/plain; charset=utf-8\r\nretry-after: 5\r\n"
           b"connection: close\r\ncontent-length: %d\r\n\r\n%s") % (len(_BODY), _BODY)
_FDS = Path("/proc/self/fd")


def limit() -> int | None:
    """The soft open-files limit (None where the OS has none to read)."""
    try:
        import resource
    except ImportError:  # Windows
        return None
    soft = resource.getrlimit(resource.RLIMIT_NOFILE)[0]
    return None if soft == resource.RLIM_INFINITY else soft


def raise_limit() -> int | None:
    """Raise the soft open-files limit to the hard one where the OS allows; the limit now."""
    try:
        import resource
    except ImportError:  # Windows
        return None
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    target = UNLIMITED_SOFT if hard == resource.RLIM_INFINITY else hard
    if soft != resource.RLIM_INFINITY and soft < target:
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
            log.debug("open-files limit raised from %d to %d", soft, target)
        except (ValueError, OSError) as error:
            log.debug("open-files limit stays at %d: %s", soft, error)
    return limit()


class Guard:
    """On the host loop: warns near the limit; at the limit, one error and 503s."""

    def __init__(self) -> None:
        self.reserve: int | None = None
        self.near = self.full = False
        self.refused = 0

    def install(self, loop: asyncio.AbstractEventLoop) -> None:
        self._hold()
        loop.set_exception_handler(self.on_loop_error)

    async def watch(self) -> None:
        """Every few seconds, compare the open files with the limit."""
        while _FDS.exists():
            self._hold()  # taken again if it was spent while no file was free
            self.check(len(os.listdir(_FDS)), limit())
            await asyncio.sleep(WATCH_EVERY)

    def check(self, used: int, most: int | None) -> None:
        if most is None:
            return
        if used >= most * NEAR and not self.near:
            self.near = True
            log.warning("%d of %d open files in use: near the limit, new connections will be refused at it; "
                        "raise it (ulimit -n, LimitNOFILE= in systemd, --ulimit nofile= in Docker)", used, most)
        elif used < most * CLEAR and (self.near or self.full):
            if self.full:
                log.warning("open files back to %d of %d: accepting connections again (%d refused with 503)",
                            used, most, self.refused)
            self.near = self.full = False
            self.refused = 0

    def on_loop_error(self, loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
        error = context.get("exception")
        if isinstance(error, OSError) and error.errno in (errno.EMFILE, errno.ENFILE) and "socket" in context:
            if not self.full:
                self.full = True
                log.error("open-files limit (%s) reached: new connections are refused with 503 until pages "
                          "close; raise it (ulimit -n, LimitNOFILE= in systemd, --ulimit nofile= in Docker)",
                          limit())
            self.refuse_waiting(context["socket"].fileno())
            return
        if isinstance(error, ValueError) and _retried_accept(context):
            return  # asyncio retries accept() 1 s after each EMFILE; a server closed since has no socket
        loop.default_exception_handler(context)

    def refuse_waiting(self, listening: int) -> None:
        """Answer the connections waiting on ``listening`` with 503, one at a time, each with
        the file kept in reserve."""
        listener = socket.socket(fileno=listening)
        try:
            listener.setblocking(False)
            while self._release():
                try:
                    connection, _ = listener.accept()
                except OSError:  # none waiting, or still no file to spare
                    break
                _refuse(connection)  # closed: its file is the reserve again
                self.refused += 1
                self._hold()
        finally:
            listener.detach()  # the listening socket stays the server's
            self._hold()

    def _hold(self) -> None:
        if self.reserve is None:
            with contextlib.suppress(OSError):
                self.reserve = os.open(os.devnull, os.O_RDONLY | os.O_CLOEXEC)

    def _release(self) -> bool:
        if self.reserve is None:
            return False
        os.close(self.reserve)
        self.reserve = None
        return True


def _retried_accept(context: dict[str, Any]) -> bool:
    callback = getattr(context.get("handle"), "_callback", None)
    return getattr(callback, "__name__", "") == "_start_serving"


def _refuse(connection: socket.socket) -> None:
    """Read what the client sent (so closing does not reset), answer 503, close."""
    with connection:
        connection.setblocking(False)
        with contextlib.suppress(OSError):
            connection.recv(65536)
        with contextlib.suppress(OSError):
            connection.send(REFUSAL)
            connection.shutdown(socket.SHUT_WR)
