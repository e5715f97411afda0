"""niceface and Gradio side by side, in one run, on the same tiny apps: one markdown table.

Gradio 6 runs from its own virtualenv (NICEFACE_GRADIO_PYTHON, else .venv-gradio/bin/python, made
by scripts/test.sh); interpretation is compared with Gradio 3.50 (NICEFACE_GRADIO3_PYTHON, else
.venv-gradio3/bin/python, made here with pins that install it unless --no-install). The tiny app
is one source for both, ``Interface(greet, "text", "text")`` with only the import changed
(bench/rivals.py). Where load matters the two run interleaved: import and cold start alternate
run by run, the clicks alternate tab by tab, the API calls alternate in blocks of 100, the
queue loads alternate k by k. The tabs part runs late, on fresh servers: 50 open tabs load the
machine, so it is kept away from the timings.

    python bench/compare.py                          # everything (about 13 minutes on 2 cores)
    python bench/compare.py --skip scale queue       # quicker
    python bench/compare.py --no-install             # never make the Gradio 3.50 virtualenv

Playwright drives Debian's /usr/bin/chromium (never ``playwright install``); every server binds
127.0.0.1 on a free port and is stopped at the end of its part (and stops itself if the bench dies).
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# bench/queue.py would shadow the standard library's queue module: import from the root.
sys.path[:] = [str(ROOT)] + [p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench"]

import argparse
import os
import statistics
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from typing import Any

from bench import clients as many
from bench import queue as api_load
from bench.rivals import (
    GRADIO3_PYTHON,
    GRADIO_CLIENT,
    GRADIO_PYTHON,
    INTERPRET,
    NICEFACE,
    Library,
    Server,
    both_served,
    ensure_gradio3,
    gradio_call,
)
from bench.startup import (
    CHROMIUM,
    CHROMIUM_ARGS,
    cold_start_seconds,
    install_timer,
    open_tab,
    rss_mib,
    submit_latency_ms,
    tabs_rss,
    wall_time,
)

PARTS = ("import", "cold", "idle", "submit", "api", "queue", "interpret", "tabs", "scale")
#: the table's order (tabs run late, away from the timings: 50 open tabs load the machine)
ORDER = ("`import`", "`python app.py`", "idle RSS", "server RSS per open", "submit", "API", "queue", "interpretation", "")
IDLE_SETTLE = 2.0  # s after the port opened, before the idle RSS


# ---- rows and targets ---------------------------------------------------------------------------
@dataclass(frozen=True)
class Target:
    """A target as the table shows it, and its check of (niceface's value, the ratio to Gradio's);
    the check answers None when it cannot tell (no Gradio value for a ratio)."""

    text: str
    check: Callable[[float, float | None], bool | None]


@dataclass(frozen=True)
class Row:
    """One line of the table: niceface's value and Gradio's, the unit, the target, a note."""

    name: str
    values: tuple[float | None, float | None]
    unit: str
    target: Target | None = None
    note: str = ""

    @property
    def ratio(self) -> float | None:
        ours, theirs = self.values
        return ours / theirs if ours is not None and theirs else None

    @property
    def verdict(self) -> str:
        ours = self.values[0]
        met = None if self.target is None or ours is None else self.target.check(ours, self.ratio)
        return {True: "yes", False: "**no**", None: ""}[met]


def pair(values: Iterable[float]) -> tuple[float, float]:
    """niceface's and Gradio's values, in that order."""
    ours, theirs = values
    return ours, theirs


def ratio_at_most(limit: float) -> Target:
    return Target(f"≤ {limit:g}× Gradio", lambda _, ratio: None if ratio is None else ratio <= limit)


def at_most(limit: float, unit: str, ratio_limit: float | None = None) -> Target:
    def check(ours: float, ratio: float | None) -> bool | None:
        if ratio_limit is None:
            return ours <= limit
        return None if ratio is None else ours <= limit and ratio <= ratio_limit
    return Target(f"≤ {limit:g} {unit}" + (f" (≤ {ratio_limit:g}×)" if ratio_limit is not None else ""), check)


def at_least(limit: float, text: str, scale: float = 1.0) -> Target:
    """niceface's value × ``scale`` ≥ ``limit``."""
    return Target(text, lambda ours, _: ours * scale >= limit)


# ---- the parts ------------------------------------------------------------------------------------
def import_rows(sides: list[Library], runs: int) -> list[Row]:
    """``python -c "import X"``, fresh interpreters, the two alternating run by run."""
    for side in sides:  # untimed: a first import after an install compiles .pyc files
        wall_time([side.python, "-c", f"import {side.module}"])
    times: dict[str, list[float]] = {side.name: [] for side in sides}
    bare: dict[str, list[float]] = {side.name: [] for side in sides}
    for _ in range(runs):
        for side in sides:
            times[side.name].append(wall_time([side.python, "-c", f"import {side.module}"]))
            bare[side.name].append(wall_time([side.python, "-c", "pass"]))
    medians = pair(statistics.median(times[side.name]) for side in sides)
    baseline = " / ".join(f"{statistics.median(bare[side.name]):.3f}" for side in sides)
    return [Row("`import`", medians, "s", ratio_at_most(0.1),
                f"median of {runs}, fresh interpreters; `python -c pass` alone {baseline} s")]


def cold_rows(sides: list[Library], folder: Path, runs: int) -> list[Row]:
    """``python app.py`` to the first HTTP 200 on "/", the two alternating run by run."""
    times: dict[str, list[float]] = {side.name: [] for side in sides}
    for _ in range(runs):
        for side in sides:
            times[side.name].append(cold_start_seconds(partial(side.serve, folder)))
    medians = pair(statistics.median(times[side.name]) for side in sides)
    return [Row("`python app.py` → first HTTP 200", medians, "s", ratio_at_most(0.35), f"median of {runs}")]


def served_rows(sides: list[Library], folder: Path, args: argparse.Namespace, gradio6: Library) -> list[Row]:
    """Both apps up at once: idle RSS, then the submits in a browser and the API round trips."""
    with both_served(sides, folder) as servers:
        time.sleep(IDLE_SETTLE)
        rows = [Row("idle RSS of the server", pair(rss_mib(server.pid) for server in servers), "MiB",
                    ratio_at_most(0.55), "no page opened yet")] if "idle" not in args.skip else []
        if "submit" not in args.skip:
            note("submit", f"{args.clicks} clicks each")
            with chromium() as browser:
                rows += submit_rows(browser, servers, args.clicks)
        if "api" not in args.skip:
            rows += api_rows(servers, folder, gradio6)
    return rows


@contextmanager
def chromium() -> Iterator[Any]:
    """Debian's Chromium, headless, through Playwright."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def tab_rows(sides: list[Library], folder: Path, tab_counts: list[int]) -> list[Row]:
    """Server RSS per open tab: fresh servers with one tab open, then for each count that many more
    tabs on each, closed after."""
    rows = []
    with both_served(sides, folder) as servers, chromium() as browser:
        for server in servers:  # the first page of a server builds what every later page shares
            open_tab(browser.new_context(), server.url, server.library.connected)
        for count in tab_counts:
            per_tab, totals = [], []
            for server in servers:
                context = browser.new_context()
                before, after, _ = tabs_rss(context, server.url, server.pid, count, server.library.connected)
                context.close()
                per_tab.append((after - before) * 1024 / count)
                totals.append(f"{before:.1f} → {after:.1f}")
            rows.append(Row(f"server RSS per open Chromium tab, {count} tabs", pair(per_tab), "KiB",
                            note=f"RSS with the tabs open minus before, / tabs ({' / '.join(totals)} MiB); a niceface "
                                 "tab keeps its page and websocket on the server, a Gradio tab no connection "
                                 "between runs"))
    return rows


def submit_rows(browser: Any, servers: list[Server], clicks: int) -> list[Row]:
    """Click on Submit → the output showing the answer, timed in each page with performance.now()."""
    tabs = []
    for server in servers:
        tab = open_tab(browser.new_context(), server.url, server.library.connected)
        install_timer(tab, server.library.output)
        submit_latency_ms(tab, "warm-up")
        tabs.append(tab)
    samples: list[list[float]] = [[] for _ in servers]
    exact = [0 for _ in servers]
    for number in range(clicks):
        order = range(len(tabs)) if number % 2 == 0 else reversed(range(len(tabs)))  # neither always first
        for index in order:
            ms, at_write = submit_latency_ms(tabs[index], f"Ada {number}")
            samples[index].append(ms)
            exact[index] += at_write
    for tab in tabs:
        tab.context.close()
    medians = [statistics.median(values) for values in samples]
    p95s = [statistics.quantiles(values, n=20)[-1] for values in samples]
    timed = " / ".join(str(count) for count in exact)
    return [Row("submit → output shown, median", pair(medians), "ms", at_most(8, "ms", 0.35),
                f"{clicks} clicks each, alternating, after 1 warm-up; {timed} timed at the value write "
                "(else by a requestAnimationFrame poll)"),
            Row("submit → output shown, p95", pair(p95s), "ms")]


def api_rows(servers: list[Server], folder: Path, gradio6: Library, blocks: int = 5, calls: int = 100) -> list[Row]:
    """A trivial fn's round trip on one keep-alive httpx.Client, then through gradio_client."""
    note("API")
    samples: list[list[float]] = [[] for _ in servers]
    for _ in range(blocks):
        for index, server in enumerate(servers):
            call = gradio_call if server.library.is_gradio else None
            samples[index] += api_load.round_trips(server.url, calls, 10, call)
    rows = [Row("API round trip, trivial fn, HTTP (median)", pair(map(statistics.median, samples)), "ms",
                note=f"{blocks * calls} sequential calls each, alternating in blocks of {calls}; niceface: one "
                     "`POST /api/predict`; Gradio: `POST /gradio_api/call/greet` + `GET` of its event stream")]
    by_client = [gradio6.run(GRADIO_CLIENT, folder, server.url + "/", "30", "3") for server in servers]
    rows.append(Row("API round trip, trivial fn, `gradio_client` (median)", pair(map(statistics.median, by_client)),
                    "ms", note="30 `Client.predict` calls each after 3, the same gradio_client "
                               f"{gradio6.version('gradio_client')} on both (niceface speaks its protocol); "
                               "mostly the client's own waiting: it polls its message queue every 50 ms"))
    return rows


def queue_rows(sides: list[Library], folder: Path, ks: list[int], repeat: int) -> list[Row]:
    """bench/queue.py's load (fn sleeps 0.1 s, 50 clients × 10 calls; k = 1: 5 clients) on each."""
    scripts = {}
    for side, source in zip(sides, (api_load.SERVER_SCRIPT, api_load.GRADIO_SCRIPT), strict=True):
        scripts[side.name] = folder / f"queue_{side.module}.py"
        scripts[side.name].write_text(source)
    rows = []
    for k in ks:
        note(f"queue k={k}")
        clients = 5 if k == 1 else api_load.CLIENTS
        ours, theirs = (api_load.throughput(scripts[side.name], side.name, k, clients, repeat, api_load.Options(),
                                            "gradio" if side.is_gradio else "httpx", python=side.python)[0]
                        for side in sides)
        ceiling = ours.ceiling
        target = {8: at_least(97, "≥ 97% of ideal"), 32: at_least(97, "≥ 97% of the ceiling", 100 / ceiling)}.get(k)
        rows.append(Row(f"queue throughput, k = {k} (% of ideal)",
                        (ours.percent(ours.best.seconds), theirs.percent(theirs.best.seconds)), "%", target,
                        f"{ours.calls} calls, best of {repeat}; ceiling {ceiling:.1f}%; medians "
                        f"{ours.percent(ours.median_seconds):.1f} / {theirs.percent(theirs.median_seconds):.1f}%"))
    return rows


def interpret_rows(gradio3: Library | None, why: str, folder: Path, runs: int) -> list[Row]:
    """Interface(fn, "text", "label", interpretation="default").interpret(20 words), in process."""
    rows = []
    for sleep, fn in ((0.0, "fn instant"), (0.01, "fn sleeps 10 ms")):
        ours = NICEFACE.run(INTERPRET, folder, str(sleep), str(runs))
        theirs = gradio3.run(INTERPRET, folder, str(sleep), str(runs)) if gradio3 is not None else None
        calls = f"fn calls {ours['calls']}" + (f" / {theirs['calls']}" if theirs else "")
        rows.append(Row(f"interpretation \"default\", {ours['words']} words, {fn}",
                        (ours["ms"], theirs["ms"] if theirs else None), "ms",
                        note=f"vs Gradio 3.50; median of {runs}, in process; {calls}" + (f"; {why}" if why else "")))
    return rows


def scale_rows(clicks: int) -> list[Row]:
    """bench/clients.py at 1,000 simulated clients on one niceface process (examples/hello.py)."""
    level = many.measure([1000], 1024, clicks)[0]
    p50, p95 = many.percentile(level.click, 0.5), many.percentile(level.click, 0.95)
    why = "not measured for Gradio (bench/clients.py simulates NiceGUI's socket.io client)"
    return [Row(f"1,000 simulated clients: server RSS ({level.connected} connected)", (level.rss, None), "MiB",
                Target("< 400 MiB", lambda ours, _: ours < 400), why),
            Row("…and a live Chromium tab's submit → output, median", (p50, None), "ms", at_most(50, "ms"),
                f"{clicks} clicks; p95 {p95:.1f} ms, max {level.click[-1]:.1f} ms")]


# ---- the report ------------------------------------------------------------------------------------
LOADS: list[str] = []


def note(part: str, detail: str = "") -> None:
    """Say what runs now (stderr) and remember the load average as it starts."""
    load = os.getloadavg()[0]
    LOADS.append(f"{part} {load:.2f}")
    what = f"{part} {detail}".strip()
    print(f"[{time.strftime('%H:%M:%S')}] {what} (load {load:.2f})", file=sys.stderr, flush=True)


def cell(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    digits = {"s": 3, "ms": 1, "MiB": 1, "KiB": 0, "%": 1}.get(unit, 2)
    return f"{value:,.{digits}f} {unit}".replace(" %", "%")


def machine() -> str:
    cpuinfo = Path("/proc/cpuinfo").read_text()
    model = next((line.split(":", 1)[1].strip() for line in cpuinfo.splitlines() if line.startswith("model name")),
                 "unknown CPU")
    memory = int(Path("/proc/meminfo").read_text().split()[1]) / 1024 / 1024
    return f"{os.cpu_count()} cores (`nproc` {len(os.sched_getaffinity(0))}), {model}, {memory:.0f} GiB RAM"


def print_table(rows: list[Row], header: list[str]) -> None:
    print("\n".join(header) + "\n")
    print("| measure | niceface | Gradio | niceface / Gradio | target | met | note |")
    print("| --- | ---: | ---: | ---: | --- | :---: | --- |")
    for row in rows:
        ratio = f"{row.ratio:.2f}×" if row.ratio is not None else "—"
        ours, theirs = row.values
        print(f"| {row.name} | {cell(ours, row.unit)} | {cell(theirs, row.unit)} | {ratio} | "
              f"{row.target.text if row.target else ''} | {row.verdict} | {row.note} |")


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="fresh imports and cold starts each (default 7)")
    parser.add_argument("--clicks", type=int, default=100, help="submits timed in each page (default 100)")
    parser.add_argument("--tabs", type=int, nargs="+", default=[10, 50], help="tab counts (default 10 50)")
    parser.add_argument("--ks", type=int, nargs="+", default=[1, 8, 32], help="queue workers (default 1 8 32)")
    parser.add_argument("--repeat", type=int, default=3, help="queue loads per k, best taken (default 3)")
    parser.add_argument("--gradio", default=GRADIO_PYTHON, help=f"Gradio 6's Python (default {GRADIO_PYTHON})")
    parser.add_argument("--gradio3", default=GRADIO3_PYTHON, help=f"Gradio 3.50's Python (default {GRADIO3_PYTHON})")
    parser.add_argument("--no-install", action="store_true", help="skip interpretation if Gradio 3.50 is missing")
    parser.add_argument("--skip", nargs="+", default=[], choices=PARTS, help="parts to leave out")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
    gradio6 = Library("Gradio", "gradio", args.gradio)
    sides, started, load = [NICEFACE, gradio6], time.monotonic(), os.getloadavg()
    versions = [side.version() for side in sides]
    if not versions[1]:
        sys.exit(f"no Gradio at {args.gradio}: run scripts/test.sh, or pass --gradio PYTHON")
    gradio3, why = ensure_gradio3(args.gradio3, not args.no_install) if "interpret" not in args.skip else (None, "")
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="niceface-compare-") as name:
        folder = Path(name)
        parts: dict[str, Callable[[], list[Row]]] = {
            "import": lambda: import_rows(sides, args.runs), "cold": lambda: cold_rows(sides, folder, args.runs),
            "idle": lambda: served_rows(sides, folder, args, gradio6),
            "queue": lambda: queue_rows(sides, folder, args.ks, args.repeat),
            "interpret": lambda: interpret_rows(gradio3, why, folder, 20),
            "tabs": lambda: tab_rows(sides, folder, args.tabs), "scale": lambda: scale_rows(args.clicks)}
        for part, measure in parts.items():
            if part in args.skip and (part != "idle" or not {"submit", "api"} <= set(args.skip)):
                continue  # (the apps started for idle serve the submit and API parts)
            if part != "queue":  # that part notes each k
                note(part)
            rows += measure()
    versions.append(gradio3.version() if gradio3 is not None else "")
    rows.sort(key=lambda row: next(i for i, start in enumerate(ORDER) if row.name.startswith(start)))
    print_table(rows, header(versions, load, time.monotonic() - started, argv or sys.argv[1:]))


def header(versions: list[str], load: tuple[float, float, float], seconds: float, argv: list[str]) -> list[str]:
    """What was compared, on what machine, under what load, how long it took, and the command."""
    def loads(values: tuple[float, ...]) -> str:
        return " / ".join(f"{value:.2f}" for value in values)
    ours, theirs, old = versions
    return [f"niceface {ours} (this checkout) vs Gradio {theirs}" + (f" (interpretation: Gradio {old})" if old else ""),
            f"Python {sys.version.split()[0]}; {machine()}",
            f"load average (1 / 5 / 15 min) at the start {loads(load)}, at the end {loads(os.getloadavg())}; "
            f"as each part began: {'; '.join(LOADS)}",
            f"took {seconds / 60:.1f} min: `{' '.join(['python', 'bench/compare.py', *argv])}`"]


if __name__ == "__main__":
    main()
