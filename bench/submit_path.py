"""Where one submit's time goes: a click on Submit in Chromium to the output shown, split at
probes in the server and in the page, beside a bare NiceGUI page doing the same work (an
input, a button, a read-only textarea set from the click handler: the floor NiceGUI sets).

    python bench/submit_path.py [--clicks 100] [--rounds 2]

Each app runs in its own process with probes (time stamps at NiceGUI's event handler, the
page's submit, the worker thread's start and end, the job's settling, the outputs put on
the page, the socket.io messages sent); the page records when its socket sends the click
and receives each message, and when the output's value is written. The two apps run in
turns, ``--rounds`` times each, so the machine's load weighs on both alike. Browser and
server clocks are not compared: the network and socket.io's share ("transport") is what
the page waited for beyond the server's own time.
"""
from __future__ import annotations

import argparse
import atexit
import inspect
import json
import os
import runpy
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import startup  # the browser helpers and the demo's environment

DEMO = startup.DEMO
PROBE_PAGE = """() => {
    const bench = window.__bench;
    bench.log = [];
    const socket = window.socket, emit = socket.emit.bind(socket);
    socket.emit = (...args) => { bench.log.push(['sent ' + args[0], performance.now()]); return emit(...args); };
    socket.onAny(name => bench.log.push(['received ' + name, performance.now()]));
}"""


# ---- the server side: probes, then the app ------------------------------------------------
def serve(kind: str, out: str) -> None:
    """In the app's process: wrap the submit path's steps in time stamps, then run the app."""
    marks: list[tuple[str, int]] = []

    def save(*_: Any) -> None:
        Path(out).write_text(json.dumps(marks))
        os._exit(0)
    signal.signal(signal.SIGTERM, save)  # how startup.stop() ends the app
    atexit.register(save)

    def probe(owner: Any, name: str, before: str, after: str | None = None) -> None:
        original = getattr(owner, name)
        if inspect.iscoroutinefunction(original):
            async def wrapped_async(*args: Any, **kwargs: Any) -> Any:
                marks.append((before, time.perf_counter_ns()))
                result = await original(*args, **kwargs)
                if after:
                    marks.append((after, time.perf_counter_ns()))
                return result
            setattr(owner, name, wrapped_async)
            return

        def wrapped(*args: Any, **kwargs: Any) -> Any:
            marks.append((before, time.perf_counter_ns()))
            result = original(*args, **kwargs)
            if after:
                marks.append((after, time.perf_counter_ns()))
            return result
        setattr(owner, name, wrapped)

    from nicegui.client import Client
    from nicegui.outbox import Outbox
    probe(Client, "handle_event", "event received")
    probe(Outbox, "_emit", "message sent")
    if kind == "niceface":
        from niceface.app.core.jobs import Job
        from niceface.app.core.scheduler import DirectScheduler
        from niceface.app.ui.page import Page
        probe(Page, "submit", "submit begins")
        probe(DirectScheduler, "_run", "worker starts", "worker ends")
        probe(Job, "settle", "result on the loop")
        probe(Page, "show", "outputs put on the page", "outputs on the page")
        sys.argv = [str(DEMO)]
        runpy.run_path(str(DEMO), run_name="__main__")
    else:
        bare_nicegui()


def bare_nicegui() -> None:
    from nicegui import ui

    @ui.page("/")
    def index() -> None:
        name = ui.input(label="name")
        output = ui.textarea(label="output").props("readonly aria-label=output")
        ui.button("Submit", on_click=lambda: output.set_value(f"Hello, {name.value}!"))
    ui.run(host=startup.HOST, port=int(os.environ["NICEFACE_SERVER_PORT"]), reload=False, show=False)


def server_steps(marks: list[tuple[str, int]], kind: str) -> list[dict[str, float]]:
    """Per click, ms from the click's event to each later mark (value changes of the name
    input are events too: a click is the event that began a submit, or for bare NiceGUI
    the event after which a message went out)."""
    clicks, current = [], None
    for name, at in marks:
        if name == "event received":
            current = {"_t0": at}
            clicks.append(current)
        elif current is not None and name not in current:
            current[name] = (at - current["_t0"]) / 1e6
    mark = "submit begins" if kind == "niceface" else "message sent"
    return [click for click in clicks if mark in click and "message sent" in click]


# ---- the page side ----------------------------------------------------------------------
def clicks_in_page(kind: str, clicks: int) -> tuple[list[dict[str, float]], list[dict[str, float]]]:
    """Run ``kind``'s app, click ``clicks`` times; (page timings, server timings) per click."""
    from playwright.sync_api import sync_playwright
    port = startup.free_port()
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "marks.json"
        process = subprocess.Popen([sys.executable, __file__, "--serve", kind, "--out", str(out)],
                                   cwd=startup.ROOT, env=startup.demo_env(port), stdout=subprocess.DEVNULL)
        try:
            startup.wait_until(lambda: startup.listening(port), process)
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=startup.CHROMIUM, headless=True,
                                                     args=startup.CHROMIUM_ARGS)
                page = startup.open_tab(browser.new_context(), f"http://{startup.HOST}:{port}/")
                startup.install_timer(page)
                page.evaluate(PROBE_PAGE)
                startup.submit_latency_ms(page, "warm-up")
                timings = [page_timings(page, f"Ada {number}") for number in range(clicks)]
                browser.close()
        finally:
            startup.stop(process)
        marks = json.loads(out.read_text())
    return timings, server_steps(marks, kind)[-clicks:]


def page_timings(page: Any, text: str) -> dict[str, float]:
    page.evaluate("() => { window.__bench.log = []; }")
    total, _ = startup.submit_latency_ms(page, text)
    t0, log = page.evaluate("[window.__bench.t0, window.__bench.log]")
    sent = next(at for name, at in log if name == "sent event" and at >= t0)
    received = next(at for name, at in log if name == "received update" and at >= sent)
    return {"click -> event sent": sent - t0, "event sent -> outputs received": received - sent,
            "outputs received -> shown": total - (received - t0), "click -> output shown": total}


# ---- the table --------------------------------------------------------------------------
SERVER_ROWS = ["submit begins", "worker starts", "worker ends", "result on the loop", "outputs put on the page",
               "outputs on the page", "message sent"]


def rows(page: list[dict[str, float]], server: list[dict[str, float]]) -> dict[str, list[float]]:
    table: dict[str, list[float]] = defaultdict(list)
    for timing in page:
        for name, value in timing.items():
            table[name].append(value)
    for click in server:
        for name in SERVER_ROWS:
            if name in click:
                table[f"server: event -> {name}"].append(click[name])
    for timing, click in zip(page, server, strict=False):
        table["transport (event sent -> received, less the server)"].append(
            timing["event sent -> outputs received"] - click["message sent"])
    return table


def cell(values: list[float]) -> str:
    if not values:
        return ""
    p95 = statistics.quantiles(values, n=20)[-1] if len(values) > 1 else values[0]
    return f"{statistics.median(values):.2f} / {p95:.2f}"


def print_table(results: dict[str, dict[str, list[float]]]) -> None:
    names = list(dict.fromkeys(name for table in results.values() for name in table))
    print("| step (ms, median / p95) | niceface (hello.py) | bare NiceGUI | niceface − NiceGUI |")
    print("|---|---|---|---|")
    for name in names:
        ours, bare = results["niceface"].get(name, []), results["nicegui"].get(name, [])
        gap = f"{statistics.median(ours) - statistics.median(bare):+.2f}" if ours and bare else ""
        print(f"| {name} | {cell(ours)} | {cell(bare)} | {gap} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clicks", type=int, default=100, help="clicks timed per round (default 100)")
    parser.add_argument("--rounds", type=int, default=2, help="turns of each app (default 2)")
    parser.add_argument("--serve", choices=["niceface", "nicegui"], help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve(args.serve, args.out)
        return
    started, load = time.perf_counter(), os.getloadavg()[0]
    results: dict[str, dict[str, list[float]]] = {"niceface": defaultdict(list), "nicegui": defaultdict(list)}
    for _ in range(args.rounds):
        for kind, table in results.items():
            for name, values in rows(*clicks_in_page(kind, args.clicks)).items():
                table[name] += values
    print(f"submit path: {args.rounds} × {args.clicks} clicks per app, {os.cpu_count()} CPUs, load average "
          f"{load:.1f} -> {os.getloadavg()[0]:.1f}, {time.perf_counter() - started:.0f} s\n")
    print_table(results)


if __name__ == "__main__":
    main()
