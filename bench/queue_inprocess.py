"""Throughput of the Service with the queue on (JobQueue + invoke), in process (no server, no websocket).

Concurrent clients each make calls one after another to a fn that sleeps 0.1 s in the
thread pool; the ideal is k / 0.1 s calls per second for k workers. "% best" compares with
the best any queue can do for this batch: ceil(calls / k) rounds of 0.1 s (500 calls on 32
workers need 16 rounds, so 97.7% of ideal is the ceiling there).

    python bench/queue_inprocess.py            # k = 1, 8, 32
    python bench/queue_inprocess.py 4 16       # other k
"""
from __future__ import annotations

import asyncio
import math
import sys
import time

from niceface import Interface
from niceface.app.core.options import RunOptions
from niceface.app.core.service import Service

SLEEP = 0.1
CALLS_PER_CLIENT = 10


def sleepy(text: str) -> str:
    time.sleep(SLEEP)
    return text


async def measure(iface: Interface, k: int, clients: int) -> float:
    service = Service(iface, RunOptions(enable_queue=True, concurrency_count=k))
    service.start()

    async def client(number: int) -> None:
        for call in range(CALLS_PER_CLIENT):
            text = f"{number}-{call}"
            result = await service.run([text], owner=str(number))
            assert result.outputs == [text]

    begin = time.perf_counter()
    await asyncio.gather(*(client(number) for number in range(clients)))
    seconds = time.perf_counter() - begin
    await service.stop()
    return seconds


async def main(ks: list[int]) -> None:
    iface = Interface(fn=sleepy, inputs="text", outputs="text")
    await measure(iface, 2, 2)  # warm the thread pool
    print(f"{'k':>3} {'clients':>8} {'calls':>6} {'seconds':>8} {'calls/s':>8} {'ideal/s':>8} {'% ideal':>8} {'% best':>7}")
    for k in ks:
        clients = 5 if k == 1 else 50  # k = 1 with 50 clients would take 50 s for the same figure
        calls = clients * CALLS_PER_CLIENT
        seconds = await measure(iface, k, clients)
        rate, ideal, best = calls / seconds, k / SLEEP, math.ceil(calls / k) * SLEEP
        print(f"{k:>3} {clients:>8} {calls:>6} {seconds:>8.3f} {rate:>8.1f} {ideal:>8.1f} "
              f"{100 * rate / ideal:>7.1f}% {100 * best / seconds:>6.1f}%")
    print(f"each client makes {CALLS_PER_CLIENT} calls of a {SLEEP} s sleep; k = 1 uses 5 clients, not 50")


if __name__ == "__main__":
    asyncio.run(main([int(arg) for arg in sys.argv[1:]] or [1, 8, 32]))
