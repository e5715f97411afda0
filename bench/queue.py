"""Throughput and latency of the HTTP API (``POST /api/predict``) of a launched app.

Each measurement starts a fresh server process bound to 127.0.0.1 on a free port,
``Interface(fn, "text", "text").launch(enable_queue=..., concurrency_count=k, max_size=None)``,
waits for HTTP 200 on "/", and stops it (SIGINT, then kill) in a ``finally``.

1. Throughput, ``fn`` sleeping 0.1 s, k = 1, 8, 32 queue workers: 50 concurrent clients
   (httpx.AsyncClient, keep-alive pool of 100) each make 10 calls one after another, after one
   untimed warm-up call each. The ideal is k / 0.1 s calls per second; the ceiling is what any
   queue can reach for the batch: ceil(calls / k) rounds of 0.1 s (500 calls on 32 workers need
   16 rounds, so 97.7% of ideal). k = 1 uses 5 clients (50 calls, 5 s) unless ``--full``.
   "client ms/call" is the CPU time of this (client) process per call; the "trivial fn" row
   (``lambda x: x``, k = 32) is the most calls/s that server and client manage together on this
   machine, so the client is no bottleneck while a row's calls/s stays well below it.
2. Latency, ``fn = lambda x: x``: ~500 sequential calls on one keep-alive httpx.Client after
   warm-up, with the queue (k = 1) and without it (64-thread pool); median and p90 round trip.

    python bench/queue.py                  # the table (about 40 s)
    python bench/queue.py --full           # k = 1 with 50 clients too (500 calls, 50 s more)
    python bench/queue.py --profile DIR    # also cProfile each server's event-loop thread into
                                           # DIR/<case>.prof and print the top functions
"""
from __future__ import annotations

import sys
from pathlib import Path

# This file shares its name with the standard library's ``queue`` (concurrent.futures, logging
# and asyncio's executors import it), and ``python bench/<script>.py`` puts bench/ first on
# sys.path. So: take bench/ off sys.path, and if this file was imported *as* ``queue`` (by a
# script next to it), hand the importer the standard library's module instead.
_HERE = Path(__file__).resolve().parent
sys.path[:] = [entry for entry in sys.path if Path(entry or ".").resolve() != _HERE]
if __name__ == "queue":
    del sys.modules["queue"]
    import queue as _stdlib_queue  # now the standard library's

    sys.modules["queue"] = _stdlib_queue

import argparse
import asyncio
import math
import os
import pstats
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import IO

HOST = "127.0.0.1"
SLEEP = 0.1
CLIENTS = 50
CALLS_PER_CLIENT = 10
LATENCY_CALLS = 500
LATENCY_WARMUP = 50
THROUGHPUT_TARGET = 97.0   # % of ideal
LATENCY_TARGET_MS = 3.0    # median
START_TIMEOUT = 30.0

SERVER_SCRIPT = textwrap.dedent('''
    """A niceface app for bench/queue.py; configured by BENCH_* environment variables."""
    import cProfile
    import os
    import time

    import niceface

    def sleepy(text):
        time.sleep(float(os.environ["BENCH_SLEEP"]))
        return text

    def trivial(text):
        return text

    fn = sleepy if float(os.environ["BENCH_SLEEP"]) > 0 else trivial
    iface = niceface.Interface(fn, "text", "text")
    profile_path = os.environ.get("BENCH_PROFILE")
    profiler = cProfile.Profile() if profile_path else None
    if profiler is not None:
        profiler.enable()
    try:
        iface.launch(server_name="127.0.0.1", server_port=int(os.environ["BENCH_PORT"]),
                     enable_queue=os.environ["BENCH_QUEUE"] == "1",
                     concurrency_count=int(os.environ["BENCH_K"]), max_size=None, quiet=True)
    except KeyboardInterrupt:
        pass
    finally:
        if profiler is not None:
            profiler.disable()
            profiler.dump_stats(profile_path)
''')


@dataclass(frozen=True)
class ThroughputRow:
    label: str
    k: int
    clients: int
    calls: int
    seconds: float
    client_cpu_ms: float
    sleep: float = SLEEP

    @property
    def rate(self) -> float:
        return self.calls / self.seconds

    @property
    def ideal(self) -> float | None:
        return self.k / self.sleep if self.sleep else None

    @property
    def percent(self) -> float | None:
        return 100 * self.rate / self.ideal if self.ideal else None

    @property
    def ceiling(self) -> float | None:
        """% of ideal that ceil(calls / k) rounds of ``sleep`` allow."""
        if not self.ideal:
            return None
        return 100 * self.calls / (math.ceil(self.calls / self.k) * self.sleep) / self.ideal


@dataclass(frozen=True)
class LatencyRow:
    label: str
    samples_ms: list[float]

    @property
    def median(self) -> float:
        return statistics.median(self.samples_ms)

    @property
    def p90(self) -> float:
        return statistics.quantiles(self.samples_ms, n=10)[-1]


# ---- server processes ------------------------------------------------------------------------
def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


@contextmanager
def server(script: Path, *, queue: bool, k: int, sleep: float, profile: Path | None = None) -> Iterator[str]:
    """A server process for one case; yields its base URL, stops it however the block ends."""
    port = free_port()
    env = {**os.environ, "NICEFACE_INBROWSER": "0", "BENCH_PORT": str(port), "BENCH_QUEUE": "1" if queue else "0",
           "BENCH_K": str(k), "BENCH_SLEEP": str(sleep)}
    if profile is not None:
        env["BENCH_PROFILE"] = str(profile)
    log = tempfile.TemporaryFile()
    process = subprocess.Popen([sys.executable, str(script)], env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://{HOST}:{port}"
    try:
        wait_for_200(url, process, log)
        yield url
    finally:
        stop(process)
        log.close()


def wait_for_200(url: str, process: subprocess.Popen[bytes], log: IO[bytes]) -> None:
    import httpx  # here, not at the top: see the note on the name of this file

    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            log.seek(0)
            raise RuntimeError(f"the server exited with {process.returncode}:\n{log.read().decode()}")
        try:
            if httpx.get(url + "/", timeout=1.0).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.05)
    raise RuntimeError(f"no HTTP 200 from {url} within {START_TIMEOUT} s")


def stop(process: subprocess.Popen[bytes]) -> None:
    """SIGINT (a graceful uvicorn shutdown that lets a profile be written), then kill."""
    if process.poll() is None:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


# ---- clients -----------------------------------------------------------------------------------
async def load(url: str, clients: int, calls_per_client: int) -> tuple[float, float]:
    """Wall seconds and client CPU seconds for ``clients`` concurrent callers, each making
    ``calls_per_client`` calls in a row (after one untimed call that opens its connection)."""
    import httpx

    limits = httpx.Limits(max_connections=100, max_keepalive_connections=100)
    async with httpx.AsyncClient(base_url=url, limits=limits, timeout=120.0) as client:
        async def call(text: str) -> None:
            response = await client.post("/api/predict", json={"data": [text]})
            response.raise_for_status()
            assert response.json()["data"] == [text], response.text

        async def caller(number: int) -> None:
            for index in range(calls_per_client):
                await call(f"{number}-{index}")

        await asyncio.gather(*(call(f"warm-{number}") for number in range(clients)))
        cpu, begin = time.process_time(), time.perf_counter()
        await asyncio.gather(*(caller(number) for number in range(clients)))
        return time.perf_counter() - begin, time.process_time() - cpu


def round_trips(url: str, calls: int, warmup: int) -> list[float]:
    """Milliseconds of each of ``calls`` sequential calls on one keep-alive connection."""
    import httpx

    samples = []
    with httpx.Client(base_url=url, timeout=10.0) as client:
        for index in range(warmup + calls):
            begin = time.perf_counter()
            response = client.post("/api/predict", json={"data": [f"x{index}"]})
            elapsed = time.perf_counter() - begin
            response.raise_for_status()
            if index >= warmup:
                samples.append(1000 * elapsed)
    return samples


# ---- cases -------------------------------------------------------------------------------------
def throughput(script: Path, label: str, k: int, clients: int, sleep: float, profile: Path | None) -> ThroughputRow:
    with server(script, queue=True, k=k, sleep=sleep, profile=profile) as url:
        seconds, cpu = asyncio.run(load(url, clients, CALLS_PER_CLIENT))
    calls = clients * CALLS_PER_CLIENT
    return ThroughputRow(label, k, clients, calls, seconds, 1000 * cpu / calls, sleep)


def latency(script: Path, label: str, queue: bool, profile: Path | None) -> LatencyRow:
    with server(script, queue=queue, k=1, sleep=0.0, profile=profile) as url:
        return LatencyRow(label, round_trips(url, LATENCY_CALLS, LATENCY_WARMUP))


def show_profile(path: Path, top: int = 25) -> None:
    print(f"\n---- {path.name}: the server's main (event-loop) thread, by own time ----")
    stats = pstats.Stats(str(path))
    stats.strip_dirs().sort_stats("tottime").print_stats(top)


def print_throughput(rows: list[ThroughputRow]) -> None:
    print("Throughput: POST /api/predict, fn sleeps 0.1 s, enable_queue=True, concurrency_count=k")
    print(f"{'case':<20} {'k':>3} {'clients':>7} {'calls':>6} {'seconds':>8} {'calls/s':>8} {'ideal/s':>8} "
          f"{'% ideal':>8} {'ceiling':>8} {'target':>7} {'client ms/call':>15}")
    for row in rows:
        ideal = f"{row.ideal:>8.1f}" if row.ideal else f"{'-':>8}"
        percent = f"{row.percent:>7.1f}%" if row.percent is not None else f"{'-':>8}"
        ceiling = f"{row.ceiling:>7.1f}%" if row.ceiling is not None else f"{'-':>8}"
        verdict = ("ok" if row.percent >= THROUGHPUT_TARGET else "MISS") if row.percent is not None else "-"
        print(f"{row.label:<20} {row.k:>3} {row.clients:>7} {row.calls:>6} {row.seconds:>8.3f} {row.rate:>8.1f} "
              f"{ideal} {percent} {ceiling} {verdict:>7} {row.client_cpu_ms:>15.2f}")
    print(f"each client makes {CALLS_PER_CLIENT} calls in a row; target >= {THROUGHPUT_TARGET:.0f}% of ideal "
          "(Gradio 6 here: 89% at k=8, 61% at k=32)")


def print_latency(rows: list[LatencyRow]) -> None:
    print(f"\nLatency: fn = lambda x: x, {LATENCY_CALLS} sequential calls on one keep-alive httpx.Client "
          f"after {LATENCY_WARMUP} warm-up calls")
    print(f"{'case':<24} {'median ms':>10} {'p90 ms':>8} {'min ms':>8} {'target':>7}")
    for row in rows:
        verdict = "ok" if row.median <= LATENCY_TARGET_MS else "MISS"
        print(f"{row.label:<24} {row.median:>10.2f} {row.p90:>8.2f} {min(row.samples_ms):>8.2f} {verdict:>7}")
    print(f"target: median <= {LATENCY_TARGET_MS:.0f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--full", action="store_true", help="k = 1 with 50 clients (50 s) instead of 5")
    parser.add_argument("--profile", type=Path, metavar="DIR", help="cProfile each server into DIR")
    parser.add_argument("--ks", type=int, nargs="+", default=[1, 8, 32], help="queue sizes (default 1 8 32)")
    options = parser.parse_args()
    if options.profile is not None:
        options.profile.mkdir(parents=True, exist_ok=True)

    def profile(name: str) -> Path | None:
        return options.profile / f"{name}.prof" if options.profile is not None else None

    with tempfile.TemporaryDirectory(prefix="niceface-bench-") as folder:
        script = Path(folder) / "server.py"
        script.write_text(SERVER_SCRIPT)
        rows = []
        for k in options.ks:
            clients = 5 if k == 1 and not options.full else CLIENTS
            label = f"sleep 0.1 s" + (" (5 clients)" if clients != CLIENTS else "")
            rows.append(throughput(script, label, k, clients, SLEEP, profile(f"throughput-k{k}")))
        rows.append(throughput(script, "trivial fn (client)", 32, CLIENTS, 0.0, profile("trivial-k32")))
        print_throughput(rows)
        print_latency([latency(script, "with queue (k=1)", True, profile("latency-queue")),
                       latency(script, "without queue", False, profile("latency-noqueue"))])
    if options.profile is not None:
        for path in sorted(options.profile.glob("*.prof")):
            show_profile(path)


if __name__ == "__main__":
    main()
