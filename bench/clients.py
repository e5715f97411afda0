"""Thousands of clients on one process: memory, click latency, page loads, idle CPU, GC pauses.

One server (``examples/hello.py``, started under a soft open-files limit of 1024 unless told
otherwise) and, in other processes, simulated NiceGUI clients: each does what a browser tab
does, ``GET /`` then the socket.io connection with the page's own query (its client id,
``implicit_handshake``, a document id and a tab id), over a websocket. At each level:

- RSS of the server (/proc/PID/status) and KiB per client over the RSS with one tab open;
- a live Chromium tab's click on Submit → output shown: p50 / p99 / max;
- the slowest ``GET /`` while the level's pages were opening;
- idle CPU of the server, % of one core over 10 s (/proc/PID/stat);
- a full garbage collection in the server (forced, timed) and its tracked objects, and the
  slowest full collection that happened by itself while the level was reached.

    python bench/clients.py                          # 100, 500, 1000
    python bench/clients.py --levels 100,500,1000,1500,3000
    python bench/clients.py --nofile 0               # keep this shell's open-files limit

Playwright drives Debian's /usr/bin/chromium (never ``playwright install``).
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# bench/queue.py would shadow the standard library's queue module: import from the root.
sys.path[:] = [str(ROOT)] + [p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench"]

import argparse
import ast
import asyncio
import json
import os
import re
import resource
import signal
import statistics
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from typing import Any

from bench.startup import (
    CHROMIUM,
    CHROMIUM_ARGS,
    DEMO,
    HOST,
    free_port,
    install_timer,
    listening,
    open_tab,
    rss_mib,
    stop,
    submit_latency_ms,
    wait_until,
)

QUERY = re.compile(r"query: (\{.*?\}),\n")
OPENING = 25        # pages opening at once, per client process
SETTLE = 3.0        # s after a level is reached, before measuring
CPU_WINDOW = 10.0   # s of idle CPU measured
CLICKS = 40
LEFT_SETTLE = 75.0  # s after the clients left: their pages go after 3 s, their tab storages after 60 s (pruned every 10 s)


# ---- the server, with a GC probe ---------------------------------------------------------------
def serve(report: str, nofile: int) -> None:
    """Run examples/hello.py as __main__ under a soft open-files limit of ``nofile`` (as
    ``ulimit -Sn`` would; 0: as is); full collections are timed (gc.callbacks), and on
    SIGUSR1 a forced one is timed and a line with both is appended to ``report``."""
    import collections
    import gc
    import runpy
    natural: list[float] = []
    started = [0.0]

    def timed(phase: str, info: dict[str, int]) -> None:
        if info["generation"] == 2:
            if phase == "start":
                started[0] = time.perf_counter()
            else:
                natural.append((time.perf_counter() - started[0]) * 1000)

    def probe(*_: Any) -> None:
        seen, natural[:] = list(natural), []
        begin = time.perf_counter()
        gc.collect()
        forced = (time.perf_counter() - begin) * 1000
        natural.clear()
        tracked = gc.get_objects()
        census = collections.Counter(f"{type(o).__module__}.{type(o).__qualname__}" for o in tracked)
        line = {"forced_ms": forced, "natural_ms": seen, "tracked": len(tracked), "frozen": gc.get_freeze_count(),
                "census": dict(census.most_common(40))}
        del tracked
        with open(report, "a") as out:
            out.write(json.dumps(line) + "\n")
    if nofile:
        hard = resource.getrlimit(resource.RLIMIT_NOFILE)[1]
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(nofile, hard), hard))
    gc.callbacks.append(timed)
    signal.signal(signal.SIGUSR1, probe)
    sys.argv = [str(DEMO)]
    runpy.run_path(str(DEMO), run_name="__main__")


def gc_probe(pid: int, report: Path) -> dict[str, Any]:
    """Ask the server to time a full collection; its line."""
    lines = len(report.read_text().splitlines()) if report.exists() else 0
    os.kill(pid, signal.SIGUSR1)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        found = report.read_text().splitlines() if report.exists() else []
        if len(found) > lines:
            return dict(json.loads(found[-1]))
        time.sleep(0.05)
    raise RuntimeError("the server did not answer the GC probe")


# ---- simulated clients (a process of their own) ------------------------------------------------
@dataclass
class Opened:
    clients: list[Any] = field(default_factory=list)
    gets: list[float] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)


async def open_client(port: int, http: Any, done: Opened) -> None:
    """GET / and connect the page's socket, as nicegui.js does."""
    import uuid
    from urllib.parse import urlencode

    import socketio
    begin = time.perf_counter()
    async with http.get(f"http://{HOST}:{port}/") as response:
        html = await response.text()
        cookies = "; ".join(f"{k}={v.value}" for k, v in response.cookies.items())
    done.gets.append((time.perf_counter() - begin) * 1000)
    match = QUERY.search(html)  # NiceGUI writes the query as a Python dict
    if response.status != 200 or match is None:
        raise RuntimeError(f"GET / answered {response.status}")
    query = {**ast.literal_eval(match.group(1)), "document_id": str(uuid.uuid4()), "tab_id": str(uuid.uuid4()),
             "old_tab_id": "null"}
    query = {k: str(v).lower() if isinstance(v, bool) else v for k, v in query.items()}
    client = socketio.AsyncClient(reconnection=False, http_session=http, handle_sigint=False)
    await client.connect(f"http://{HOST}:{port}/?{urlencode(query)}", socketio_path="/_nicegui_ws/socket.io",
                         transports=["websocket"], headers={"Cookie": cookies} if cookies else {}, wait_timeout=30)
    done.clients.append(client)


async def open_clients(port: int, count: int) -> None:
    """Open ``count`` clients (``OPENING`` at a time), report, hold them until stdin closes."""
    import aiohttp
    hard = resource.getrlimit(resource.RLIMIT_NOFILE)[1]
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    connector = aiohttp.TCPConnector(limit=0, force_close=True)
    done, gate = Opened(), asyncio.Semaphore(OPENING)
    async with aiohttp.ClientSession(connector=connector) as http:
        async def one() -> None:
            async with gate:
                try:
                    await open_client(port, http, done)
                except Exception as error:
                    done.failures.append(f"{type(error).__name__}: {error}")
        await asyncio.gather(*(one() for _ in range(count)))
        gets = sorted(done.gets) or [0.0]
        print(json.dumps({"opened": len(done.clients), "failed": len(done.failures), "get_max": gets[-1],
                          "get_p50": statistics.median(gets), "errors": sorted(set(done.failures))[:3]}), flush=True)
        await asyncio.get_running_loop().run_in_executor(None, sys.stdin.read)
        await asyncio.gather(*(client.disconnect() for client in done.clients), return_exceptions=True)


@dataclass
class Clients:
    """The client processes, each holding its clients until ``close()``."""

    port: int
    processes: list[subprocess.Popen[str]] = field(default_factory=list)
    connected: int = 0

    def add(self, count: int) -> dict[str, Any]:
        process = subprocess.Popen([sys.executable, __file__, "--worker", str(self.port), str(count)],
                                   stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=ROOT)
        self.processes.append(process)
        assert process.stdout is not None
        line = process.stdout.readline()
        if not line:
            raise RuntimeError("a client process ended without a report")
        opened = dict(json.loads(line))
        self.connected += opened["opened"]
        return opened

    def close(self) -> None:
        for process in self.processes:
            assert process.stdin is not None
            process.stdin.close()
        for process in self.processes:
            try:
                process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                process.kill()
        self.processes, self.connected = [], 0


# ---- measurements -------------------------------------------------------------------------------
def cpu_percent(pid: int, seconds: float = CPU_WINDOW) -> float:
    """CPU time of ``pid`` (user + system) as % of one core over ``seconds``."""
    def ticks() -> int:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15 of the line)
    before, begin = ticks(), time.monotonic()
    time.sleep(seconds)
    return (ticks() - before) / os.sysconf("SC_CLK_TCK") / (time.monotonic() - begin) * 100


def clicks(page: Any, count: int) -> list[float]:
    install_timer(page)
    submit_latency_ms(page, "warm-up")
    return sorted(submit_latency_ms(page, f"Ada {number}")[0] for number in range(count))


def percentile(values: list[float], share: float) -> float:
    return values[min(len(values) - 1, round(share * (len(values) - 1)))]


@dataclass
class Level:
    clients: int
    connected: int
    rss: float
    per_client: float
    click: list[float]
    get_max: float
    cpu: float
    gc: dict[str, Any]

    def cells(self) -> list[str]:
        natural = self.gc["natural_ms"]
        return [str(self.clients), str(self.connected), f"{self.rss:.0f} MiB", f"{self.per_client:.0f}",
                f"{percentile(self.click, 0.5):.1f}", f"{percentile(self.click, 0.99):.1f}", f"{self.click[-1]:.1f}",
                f"{self.get_max:.0f}", f"{self.cpu:.1f}", f"{self.gc['forced_ms']:.0f}",
                f"{max(natural):.0f} ({len(natural)})" if natural else "- (0)", f"{self.gc['tracked'] // 1000}k"]


HEADER = ["clients", "connected", "RSS", "KiB/client", "click p50", "p99", "max (ms)", "GET / max ms",
          "idle CPU %", "full GC ms", "GC seen ms (n)", "GC objects"]


def print_table(levels: list[Level]) -> None:
    rows = [HEADER] + [level.cells() for level in levels]
    widths = [max(len(row[i]) for row in rows) for i in range(len(HEADER))]
    for number, row in enumerate(rows):
        print("  ".join(cell.rjust(width) for cell, width in zip(row, widths, strict=True)))
        if number == 0:
            print("  ".join("-" * width for width in widths))


# ---- the run ------------------------------------------------------------------------------------
def server(port: int, nofile: int, report: Path) -> subprocess.Popen[bytes]:
    env = dict(os.environ, NICEFACE_SERVER_PORT=str(port), NICEFACE_SERVER_NAME=HOST, NICEFACE_INBROWSER="0",
               PYTHONPATH=str(ROOT))
    return subprocess.Popen([sys.executable, __file__, "--serve", str(report), "--nofile", str(nofile)], cwd=ROOT,
                            env=env, stdout=subprocess.DEVNULL)


def census(levels: list[Level]) -> None:
    """Tracked objects per client by type, between the first and the last level."""
    first, last = levels[0], levels[-1]
    clients = last.connected - first.connected
    growth = {name: (count - first.gc["census"].get(name, 0)) / clients for name, count in last.gc["census"].items()}
    print(f"\nTracked objects per client by type ({first.clients} -> {last.clients} clients):")
    for name, per_client in sorted(growth.items(), key=lambda item: -item[1])[:25]:
        print(f"  {per_client:8.1f}  {name}")


def measure(levels: list[int], nofile: int, click_count: int, leave: bool = False) -> list[Level]:
    from playwright.sync_api import sync_playwright
    port = free_port()
    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        report = Path(folder) / "gc.jsonl"
        process = server(port, nofile, report)
        clients = Clients(port)
        try:
            wait_until(lambda: listening(port), process)
            browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
            tab = open_tab(browser.new_context(), f"http://{HOST}:{port}/")
            clicks(tab, 5)
            time.sleep(SETTLE)
            base = rss_mib(process.pid)
            results = [level(process.pid, clients, tab, base, count, report, click_count) for count in levels]
            if leave:
                print(left_and_back(process.pid, clients, results[-1]), file=sys.stderr)
            return results
        finally:
            clients.close()
            stop(process)


def left_and_back(pid: int, clients: Clients, last: Level, waves: int = 3) -> str:
    """RSS once every client of the last level has left (their pages deleted after NiceGUI's
    reconnect timeout), and once as many have come back, ``waves`` times: what stays after
    they leave, and whether the next wave reuses it."""
    count, seen = clients.connected, [f"at {last.connected}: {last.rss:.0f} MiB"]
    for _ in range(waves):
        clients.close()
        time.sleep(LEFT_SETTLE)
        seen.append(f"all left: {rss_mib(pid):.0f}")
        clients.add(count)
        time.sleep(SETTLE)
        seen.append(f"{clients.connected} back: {rss_mib(pid):.0f}")
    return "; ".join(seen) + " MiB"


def level(pid: int, clients: Clients, tab: Any, base: float, count: int, report: Path, click_count: int) -> Level:
    opened = clients.add(count - clients.connected)
    if opened["errors"]:
        print(f"  {count}: {opened['failed']} failed, e.g. {opened['errors']}", file=sys.stderr)
    connected = clients.connected
    time.sleep(SETTLE)
    rss = rss_mib(pid)
    latencies = clicks(tab, click_count)
    cpu = cpu_percent(pid)
    probe = gc_probe(pid, report)
    print(f"  {count} clients: {connected} connected, {rss:.0f} MiB", file=sys.stderr)
    return Level(count, connected, rss, (rss - base) * 1024 / max(connected, 1), latencies, opened["get_max"],
                 cpu, probe)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--levels", default="100,500,1000", help="client counts (default 100,500,1000)")
    parser.add_argument("--nofile", type=int, default=1024, help="the server's soft open-files limit (0: as is)")
    parser.add_argument("--clicks", type=int, default=CLICKS, help=f"clicks timed per level (default {CLICKS})")
    parser.add_argument("--census", action="store_true", help="also: tracked objects per client by type")
    parser.add_argument("--leave", action="store_true", help="also: RSS once the last level's clients left, and came back")
    parser.add_argument("--serve", help=argparse.SUPPRESS)
    parser.add_argument("--worker", nargs=2, type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        return serve(args.serve, args.nofile)
    if args.worker:
        return asyncio.run(open_clients(*args.worker))
    levels = [int(n) for n in args.levels.split(",")]
    load = os.getloadavg()
    started = time.monotonic()
    results = measure(levels, args.nofile, args.clicks, args.leave)
    print(f"niceface clients benchmark: {DEMO.relative_to(ROOT)}, Python {sys.version.split()[0]}, "
          f"{os.cpu_count()} CPUs, server soft nofile {args.nofile or 'as is'}, load before "
          f"{load[0]:.2f} / after {os.getloadavg()[0]:.2f}, {time.monotonic() - started:.0f} s\n")
    print_table(results)
    if args.census and len(results) > 1:
        census(results)
    return None


if __name__ == "__main__":
    main()
