"""Start-up time, memory and submit latency of examples/hello.py, against targets.

Measures, each in fresh processes bound to 127.0.0.1:

- ``import niceface`` (median of fresh interpreters; ``python -c pass`` shown as a baseline);
- cold start: ``python examples/hello.py`` from Popen to the first HTTP 200 on "/";
- the server's RSS (/proc/PID/status VmRSS) idle, with one page, per connected browser tab,
  and after the tabs closed and NiceGUI deleted their clients;
- submit latency: click on Submit to the output textbox showing the result, timed in the page.

    python bench/startup.py                        # clients 10,50; 5 cold starts
    python bench/startup.py --clients 10 --runs 3  # quicker
    python bench/startup.py --explain              # also: which imports the start-up time goes to

Browser tabs are driven by Playwright on Debian's /usr/bin/chromium (never ``playwright install``).
The same measurements side by side with Gradio, in one run: ``bench/compare.py``.
"""
from __future__ import annotations

import argparse
import http.client
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from playwright.sync_api import BrowserContext, Page

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "examples" / "hello.py"
HOST = "127.0.0.1"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
IMPORT_RUNS = 7
SUBMITS = 20
GC_SETTLE = 2.0        # s after opening tabs before reading RSS
CLIENT_DELETE = 5.0    # s after closing tabs: NiceGUI deletes a client 3 s after its socket closed
CONNECT_SETTLE = 0.3   # s after the websocket handshake of a tab


@dataclass(frozen=True)
class Row:
    """One line of the result table; ``target`` is an upper bound in ``unit``."""

    name: str
    value: float | None
    unit: str
    target: float | None = None
    note: str = ""

    @property
    def status(self) -> str:
        if self.target is None or self.value is None:
            return ""
        return "PASS" if self.value <= self.target else "FAIL"


# ---- processes --------------------------------------------------------------------------------
def median_wall_time(argv: list[str], runs: int) -> float:
    """Median seconds a command takes from start to exit."""
    return statistics.median(wall_time(argv) for _ in range(runs))


def wall_time(argv: list[str]) -> float:
    """Seconds a command takes from start to exit, run in the repository's root."""
    started = time.perf_counter()
    subprocess.run(argv, check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


def demo_env(port: int) -> dict[str, str]:
    return dict(os.environ, NICEFACE_SERVER_PORT=str(port), NICEFACE_SERVER_NAME=HOST, NICEFACE_INBROWSER="0")


@dataclass(frozen=True)
class Demo:
    """A running demo process and the file its stderr goes to."""

    process: subprocess.Popen[bytes]
    log: Path

    def stderr(self) -> str:
        return self.log.read_text(errors="replace")


@contextmanager
def demo_process(port: int, *python_options: str) -> Iterator[Demo]:
    """``python examples/hello.py`` serving on ``port``; stopped (then killed) on exit."""
    with served([sys.executable, *python_options, str(DEMO)], demo_env(port), ROOT) as demo:
        yield demo


@contextmanager
def served(argv: list[str], env: dict[str, str], cwd: Path) -> Iterator[Demo]:
    """A server process run by ``argv``; stopped (then killed) on exit, its stderr shown on failure."""
    with tempfile.TemporaryDirectory() as folder:
        log = Path(folder) / "stderr.txt"
        with log.open("wb") as stderr:
            process = subprocess.Popen(argv, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=stderr)
        demo = Demo(process, log)
        try:
            yield demo
        except BaseException:
            stop(process)
            sys.stderr.write(demo.stderr()[-2000:])
            raise
        finally:
            stop(process)


def stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def wait_until(ready: Callable[[], bool], process: subprocess.Popen[bytes], timeout: float = 30.0) -> None:
    """Poll ``ready()`` every 5 ms until it is true; fail if the process exits or time runs out."""
    deadline = time.monotonic() + timeout
    while not ready():
        if process.poll() is not None:
            raise RuntimeError(f"{process.args} exited with code {process.returncode} before it served")
        if time.monotonic() > deadline:
            raise RuntimeError(f"{process.args} did not serve within {timeout:.0f} s")
        time.sleep(0.005)


def http_ok(port: int) -> bool:
    """Whether GET / answers 200 (this builds a page, so use it only where that is wanted)."""
    connection = http.client.HTTPConnection(HOST, port, timeout=5)
    try:
        connection.request("GET", "/")
        response = connection.getresponse()
        response.read()
        return response.status == 200
    except OSError:
        return False
    finally:
        connection.close()


def listening(port: int) -> bool:
    """Whether the port accepts connections (uvicorn binds after the app's startup ran)."""
    try:
        socket.create_connection((HOST, port), timeout=1).close()
        return True
    except OSError:
        return False


def rss_mib(pid: int) -> float:
    """Resident memory of a process, from /proc/PID/status."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024  # the line reads "VmRSS:  75000 kB"
    raise RuntimeError(f"no VmRSS in /proc/{pid}/status")


# ---- start-up ---------------------------------------------------------------------------------
def cold_start_seconds(start: Callable[[int], AbstractContextManager[Demo]] = demo_process) -> float:
    """Popen of the demo (or what ``start(port)`` runs) to its first HTTP 200 on "/"."""
    port = free_port()
    started = time.perf_counter()
    with start(port) as demo:
        wait_until(lambda: http_ok(port), demo.process)
        return time.perf_counter() - started


def startup_rows(runs: int) -> list[Row]:
    baseline = median_wall_time([sys.executable, "-c", "pass"], IMPORT_RUNS)
    imported = median_wall_time([sys.executable, "-c", "import niceface"], IMPORT_RUNS)
    cold = statistics.median(cold_start_seconds() for _ in range(runs))
    return [
        Row("python -c pass (baseline)", baseline, "s", note=f"median of {IMPORT_RUNS}"),
        Row("import niceface", imported, "s", 0.7, f"median of {IMPORT_RUNS}, baseline included"),
        Row("cold start hello.py -> first 200", cold, "s", 0.8, f"median of {runs}"),
    ]


# ---- browser ----------------------------------------------------------------------------------
#: a NiceGUI page is connected once its websocket has done the handshake
CONNECTED = "window.did_handshake === true"


def open_tab(context: BrowserContext, url: str, connected: str | None = CONNECTED) -> Page:
    """A tab showing the demo with its Submit button, and ``connected`` (JS) true if given."""
    page = context.new_page()
    page.goto(url)
    page.get_by_role("button", name="Submit").wait_for(state="visible", timeout=30_000)
    if connected is not None:
        page.wait_for_function(connected, timeout=30_000)
    page.wait_for_timeout(CONNECT_SETTLE * 1000)
    return page


#: JS that finds the output element (an input or a textarea) of the demo's page
NICEFACE_OUTPUT = "document.querySelector('[aria-label=\"output\"]')"

INSTALL_TIMER = """() => {  // OUTPUT_ELEMENT: JS that finds the output element
    const bench = window.__bench = {t0: null, t1: null, expected: null, exact: false};
    bench.output = () => OUTPUT_ELEMENT;
    const submit = [...document.querySelectorAll('button')].find(b => b.textContent.trim() === 'Submit');
    submit.addEventListener('click', () => { bench.t0 = performance.now(); }, true);
    const output = bench.output();
    const native = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(output), 'value');
    Object.defineProperty(output, 'value', {  // the exact moment Vue writes the result
        configurable: true,
        get() { return native.get.call(this); },
        set(value) {
            native.set.call(this, value);
            if (value === bench.expected && bench.t1 === null) Object.assign(bench, {t1: performance.now(), exact: true});
        },
    });
}"""

OUTPUT_SHOWN = """() => {
    const bench = window.__bench;
    if (bench.output().value !== bench.expected) return false;
    if (bench.t1 === null) bench.t1 = performance.now();  // element replaced: rAF poll is the clock
    return true;
}"""


def install_timer(page: Page, output: str = NICEFACE_OUTPUT) -> None:
    """Time submits in ``page``: ``output`` is JS that finds the output element."""
    page.evaluate(INSTALL_TIMER.replace("OUTPUT_ELEMENT", output))


def submit_latency_ms(page: Page, text: str) -> tuple[float, bool]:
    """Milliseconds from the click on Submit to the output showing "Hello, <text>!", and
    whether they were taken at the value write (else by the requestAnimationFrame poll)."""
    page.get_by_label("name", exact=True).fill(text)
    page.wait_for_timeout(50)  # let the value update reach the server first
    page.evaluate("expected => Object.assign(window.__bench, {t0: null, t1: null, expected, exact: false})",
                  f"Hello, {text}!")
    page.get_by_role("button", name="Submit").click()
    page.wait_for_function(OUTPUT_SHOWN, polling="raf", timeout=10_000)
    return page.evaluate("[window.__bench.t1 - window.__bench.t0, window.__bench.exact]")


def submit_row(page: Page, submits: int) -> Row:
    install_timer(page)
    submit_latency_ms(page, "warm-up")  # the first run starts the thread pool
    timings = [submit_latency_ms(page, f"Ada {number}") for number in range(submits)]
    latencies = [ms for ms, _ in timings]
    exact = sum(exact for _, exact in timings)
    p90 = statistics.quantiles(latencies, n=10)[-1] if submits > 1 else latencies[0]
    return Row("submit -> output shown", statistics.median(latencies), "ms",
               note=f"median of {submits} after 1 warm-up; p90 {p90:.1f} ms; {exact} timed at the value write")


def tabs_rss(context: BrowserContext, url: str, pid: int, clients: int,
             connected: str | None = CONNECTED) -> tuple[float, float, float]:
    """The server's RSS in MiB before ``clients`` tabs opened, with them open, and after they closed."""
    time.sleep(GC_SETTLE)
    before = rss_mib(pid)
    tabs = [open_tab(context, url, connected) for _ in range(clients)]
    time.sleep(GC_SETTLE)
    after = rss_mib(pid)
    for tab in tabs:
        tab.close()
    time.sleep(CLIENT_DELETE)
    return before, after, rss_mib(pid)


def per_client_rows(context: BrowserContext, url: str, pid: int, clients: int) -> list[Row]:
    before, after, freed = tabs_rss(context, url, pid, clients)
    per_client_kib = (after - before) * 1024 / clients
    return [
        Row(f"RSS per connected client, N={clients}", per_client_kib, "KiB", 300,
            f"{before:.1f} -> {after:.1f} MiB"),
        Row(f"RSS after the {clients} clients freed", freed, "MiB",
            note=f"{freed - before:+.1f} MiB vs before"),
    ]


def server_rows(client_counts: list[int], submits: int) -> list[Row]:
    from playwright.sync_api import sync_playwright

    port = free_port()
    url = f"http://{HOST}:{port}/"
    with demo_process(port) as demo, sync_playwright() as playwright:
        process = demo.process
        wait_until(lambda: listening(port), process)
        time.sleep(1.0)
        rows = [Row("idle RSS, no page opened", rss_mib(process.pid), "MiB", 90)]
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            context = browser.new_context()
            first = open_tab(context, url)
            time.sleep(GC_SETTLE)
            rows.append(Row("RSS with one page open", rss_mib(process.pid), "MiB"))
            rows.append(submit_row(first, submits))
            for clients in client_counts:
                rows += per_client_rows(context, url, process.pid, clients)
        finally:
            browser.close()
    return rows


# ---- where the time goes (--explain) ----------------------------------------------------------
def import_self_times(importtime_log: str) -> dict[str, float]:
    """Self import time in ms per top-level package, from ``python -X importtime`` output."""
    totals: dict[str, float] = defaultdict(float)
    for match in re.finditer(r"^import time:\s+(\d+) \|\s+\d+ \| +(\S+)", importtime_log, re.MULTILINE):
        totals[match.group(2).split(".")[0]] += int(match.group(1)) / 1000
    return totals


def server_importtime_log() -> str:
    port = free_port()
    with demo_process(port, "-X", "importtime") as demo:
        wait_until(lambda: http_ok(port), demo.process)
        stop(demo.process)
        return demo.stderr()


def print_explanation(top: int = 12) -> None:
    quick = subprocess.run([sys.executable, "-X", "importtime", "-c", "import niceface"], cwd=ROOT,
                           capture_output=True, text=True, check=True).stderr
    for title, log in (("import niceface", quick), ("cold start of hello.py", server_importtime_log())):
        totals = import_self_times(log)
        print(f"\nImport self time by top-level package, {title} (total {sum(totals.values()):.0f} ms):")
        for package, ms in sorted(totals.items(), key=lambda item: -item[1])[:top]:
            print(f"  {package:<28} {ms:7.1f} ms")


# ---- report -----------------------------------------------------------------------------------
def format_value(row: Row) -> str:
    if row.value is None:
        return "n/a"
    digits = {"s": 3, "ms": 1, "MiB": 1, "KiB": 0}.get(row.unit, 2)
    return f"{row.value:.{digits}f} {row.unit}"


def print_table(rows: list[Row]) -> None:
    header = ("benchmark", "value", "target", "", "note")
    cells = [header] + [(r.name, format_value(r), f"<= {r.target:g} {r.unit}" if r.target is not None else "",
                         r.status, r.note) for r in rows]
    widths = [max(len(line[i]) for line in cells) for i in range(len(header))]
    for number, line in enumerate(cells):
        print("  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)).rstrip())
        if number == 0:
            print("  ".join("-" * width for width in widths))


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", default="10,50", help="browser tab counts, comma-separated (default 10,50)")
    parser.add_argument("--runs", type=int, default=5, help="cold starts to take the median of (default 5)")
    parser.add_argument("--submits", type=int, default=SUBMITS, help=f"submits to time (default {SUBMITS})")
    parser.add_argument("--explain", action="store_true", help="also list import time by package")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    client_counts = [int(n) for n in args.clients.split(",") if n.strip()]
    started = time.perf_counter()
    rows = startup_rows(args.runs) + server_rows(client_counts, args.submits)
    print(f"niceface start-up benchmark: {DEMO.relative_to(ROOT)}, Python {sys.version.split()[0]}, "
          f"{os.cpu_count()} CPUs, {time.perf_counter() - started:.0f} s\n")
    print_table(rows)
    if args.explain:
        print_explanation()


if __name__ == "__main__":
    main()
