"""fn's return value, completed: a coroutine run to its end, a generator's last yield.

Used by ``invoke`` in the server (async fns on the server's loop) and by ``remote`` on an
executor's worker (no loop there: ``asyncio.run``).
"""
from __future__ import annotations

import asyncio
import inspect
import threading
from collections.abc import Callable, Coroutine
from typing import Any


def complete(returned: Any, loop: asyncio.AbstractEventLoop | None, on_yield: Callable[[Any], Any] | None) -> Any:
    """fn's final value: a coroutine run to its end, a generator's last yield (each yield but
    the last reported to ``on_yield``)."""
    if inspect.iscoroutine(returned):
        return run_coroutine(returned, loop)
    if inspect.isasyncgen(returned):
        return run_coroutine(_last_async(returned, on_yield), loop)
    if not inspect.isgenerator(returned):
        return returned
    last, seen = None, False
    for item in returned:
        if seen and on_yield is not None:
            on_yield(last)
        last, seen = item, True
    return last


async def _last_async(generator: Any, on_yield: Callable[[Any], Any] | None) -> Any:
    """An async generator's last item (each one before it reported), all in one coroutine."""
    last, seen = None, False
    async for item in generator:
        if seen and on_yield is not None:
            on_yield(last)
        last, seen = item, True
    return last


def run_coroutine(coroutine: Coroutine[Any, Any, Any], loop: asyncio.AbstractEventLoop | None) -> Any:
    """Run a coroutine to its end from this (worker) thread: on ``loop`` if it runs elsewhere;
    else here; else, when this thread's own loop is busy (a notebook), on a helper thread."""
    if loop is not None and loop.is_running() and not _in_loop(loop):
        return asyncio.run_coroutine_threadsafe(coroutine, loop).result()
    if not _in_loop(None):
        return asyncio.run(coroutine)
    outcome: list[Any] = []

    def helper() -> None:
        try:
            outcome.append((asyncio.run(coroutine), None))
        except BaseException as error:  # handed back to the caller below  # noqa: BLE001
            outcome.append((None, error))
    thread = threading.Thread(target=helper, name="niceface-coroutine")
    thread.start()
    thread.join()
    value, error = outcome[0]
    if error is not None:
        raise error
    return value


def _in_loop(loop: asyncio.AbstractEventLoop | None) -> bool:
    """True if this thread runs ``loop`` (any loop when None)."""
    try:
        running = asyncio.get_running_loop()
    except RuntimeError:
        return False
    return loop is None or running is loop
