"""[UI] A page's outbox waits for something to send, instead of waking every second.

NiceGUI gives each client an outbox task that sends the page's updates. Between updates it
waits with ``asyncio.wait_for(event.wait(), timeout=1.0)``: every second, on every open page,
a timeout fires for nothing, and each wait makes a task, a future and a timer (on Python
3.11). At 1,500 open pages that is 1,500 wake-ups a second (~4% of a core at 1,000), and ~75
short-lived objects per page that keep the collector's oldest generation filling, so full
collections come often. Nothing needs the timeout: every enqueue and ``stop()`` set the event.
``install()`` makes the outbox module's ``wait_for`` wait for the event alone (NiceGUI uses
``wait_for`` there only for that wait); the rest of NiceGUI's loop runs as it is.
"""
from __future__ import annotations

import asyncio
import functools
from collections.abc import Awaitable
from typing import Any, TypeVar

T = TypeVar("T")


class _Asyncio:
    """``asyncio`` as the outbox module sees it: the same, except ``wait_for``."""

    def __getattr__(self, name: str) -> Any:
        return getattr(asyncio, name)

    @staticmethod
    async def wait_for(awaitable: Awaitable[T], timeout: float | None = None) -> T:  # noqa: ARG004 - see above
        return await awaitable


@functools.cache
def install() -> None:
    """Once per process, before pages are built (a page built earlier keeps its timed wait)."""
    from nicegui import outbox
    if getattr(outbox, "asyncio", None) is asyncio:
        outbox.asyncio = _Asyncio()  # type: ignore[attr-defined,assignment]
