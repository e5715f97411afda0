"""Throughput and latency of the HTTP API (``POST /api/predict``) of a launched app.

Each case starts a fresh server process bound to 127.0.0.1 on a free port,
``Interface(fn, "text", "text").launch(enable_queue=..., concurrency_count=k, max_size=None)``,
waits for HTTP 200 on "/", and stops it (SIGINT, then kill) in a ``finally``.

1. Throughput, ``fn`` sleeping 0.1 s, k = 1, 8, 32 queue workers: 50 concurrent clients each
   make 10 calls one after another, after one untimed warm-up call each. Every client has its
   own keep-alive connection, with two kinds of client: ``httpx.AsyncClient`` (~0.6 ms of client
   CPU a call, on the same 2 cores as the server) and ``RawClient`` (a lean HTTP/1.1 client,
   ~0.1 ms), so that the table shows what is the server's and what is the client's. (One shared
   AsyncClient pool costs ~4 ms a call at 50 connections, see the "client capacity" rows.)
   The ideal is k / 0.1 s calls per second; "ceiling" is what any queue can reach for the
   batch, ceil(calls / k) rounds of 0.1 s (500 calls on 32 workers need 16 rounds: 97.7% of
   ideal); "floor" is what k bare threads sleeping 0.1 s per call reach on this machine just
   before (the noise of a shared machine); "steady" is the rate from the end of the first
   round to the end of the last full one (no ramp-up, no partial last round). k = 1 uses 5
   clients (50 calls, 5 s) unless ``--full``. Each case is repeated (``--repeat``, on the same
   server); the verdict uses the best run.
2. Client capacity: ``fn = lambda x: x``, k = 32, the same load; the most calls/s that server
   and client manage together, and CPU milliseconds per call on either side.
3. Latency, ``fn = lambda x: x``: 500 sequential calls on one keep-alive httpx.Client after 50
   warm-up calls, with the queue (k = 1) and without it (64-thread pool); median, p90, p99, max.

    python bench/queue.py                  # the tables (about 2 min)
    python bench/queue.py --explain        # also: where each worker's time went, and the
                                           # server's garbage collections (a queue trace)
    python bench/queue.py --profile DIR    # also: cProfile of each server's event-loop thread
    python bench/queue.py --full --ks 1    # k = 1 with 50 clients (500 calls, 50 s a run)
    python bench/queue.py --clients raw    # only the lean client in the throughput table
    python bench/queue.py --gradio         # and the same load on a Gradio app (.venv-gradio)
    python bench/queue.py --switch-interval 0.0005   # experiment: a shorter GIL switch interval

cProfile sees little of an asyncio server on uvloop (the loop's own C work is one lump);
for a per-layer picture sample a server with py-spy (``pip install py-spy``):
``py-spy record -p PID -r 1000 -f raw -o out.txt`` while a load runs.
"""
from __future__ import annotations

import sys
from pathlib import Path

# This file shares its name with the standard library's ``queue`` (concurrent.futures, logging
# and asyncio's executors import it), and ``python bench/<script>.py`` puts bench/ first on
# sys.path. So: take bench/ off sys.path, and if this file was imported *as* ``queue`` (by a
# script next to it), hand the importer the standard library's module instead. Third-party
# imports (httpx) are made inside the functions, so such a stand-in import stays light.
_HERE = Path(__file__).resolve().parent
sys.path[:] = [entry for entry in sys.path if Path(entry or ".").resolve() != _HERE]
if __name__ == "queue":
    del sys.modules["queue"]
    import queue as _stdlib_queue  # now the standard library's

    sys.modules["queue"] = _stdlib_queue

import argparse
import asyncio
import json
import math
import os
import pstats
import signal
import socket
import statistics
import subprocess
import tempfile
import textwrap
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import IO, Any

HOST = "127.0.0.1"
SLEEP = 0.1
CLIENTS = 50
CALLS_PER_CLIENT = 10
LATENCY_CALLS = 500
LATENCY_WARMUP = 50
THROUGHPUT_TARGET = 97.0   # % of ideal
EXECUTOR_TARGET = 90.0     # % of ideal with --executor (fn on a cluster: a round trip to a worker process per call)
LATENCY_TARGET_MS = 3.0    # median
START_TIMEOUT = 30.0

SERVER_SCRIPT = textwrap.dedent('''
    """A niceface app for bench/queue.py, configured by BENCH_* environment variables."""
    import cProfile
    import gc
    import json
    import os
    import sys
    import time

    import niceface

    SLEEP = float(os.environ["BENCH_SLEEP"])
    trace_path = os.environ.get("BENCH_TRACE")
    fn_spans = {}  # text -> (start, end) of the fn call, time.monotonic()
    jobs = []      # one dict of time.monotonic() stamps per queued job
    collections = []  # (start, seconds, generation) of every garbage collection while tracing

    def sleepy(text):
        started = time.monotonic()
        time.sleep(SLEEP)
        fn_spans[text] = (started, time.monotonic())
        return text

    def trivial(text):
        return text

    if trace_path:  # wraps private JobQueue methods and the Service's invoke: a diagnostic, not an API
        import threading
        from niceface.app.core import service
        from niceface.app.core.queue import JobQueue
        submitted = {}       # job id -> when submitted
        pipeline_spans = {}  # text -> (thread name, start, end) of invoke
        plain_submit, plain_ended, plain_invoke = JobQueue.submit, JobQueue._ended, service.invoke

        def submit(self, work, **options):
            now = time.monotonic()
            job = plain_submit(self, work, **options)
            submitted[job.id] = now
            return job

        def traced_invoke(definition, call, report=None):
            begin = time.monotonic()
            try:
                return plain_invoke(definition, call, report)
            finally:
                pipeline_spans[call.inputs[0]] = (threading.current_thread().name, begin, time.monotonic())

        def ended(self, job, value, error, duration, following, at):
            record = {"submitted": submitted.pop(job.id, job.started_at), "started": job.started_at,
                      "text": value.outputs[0] if error is None else None, "finished": time.monotonic()}
            jobs.append(record)
            return plain_ended(self, job, value, error, duration, following, at)

        JobQueue.submit, JobQueue._ended, service.invoke = submit, ended, traced_invoke

        gc_started = [0.0]

        def on_gc(phase, info):
            if phase == "start":
                gc_started[0] = time.monotonic()
            else:
                collections.append((gc_started[0], time.monotonic() - gc_started[0], info["generation"]))

        gc.callbacks.append(on_gc)

    def cluster():
        """BENCH_EXECUTOR=dask: a Dask LocalCluster of BENCH_WORKERS one-thread worker processes."""
        if os.environ.get("BENCH_EXECUTOR") != "dask":
            return None, None
        from distributed import Client, LocalCluster
        local = LocalCluster(n_workers=int(os.environ["BENCH_WORKERS"]), threads_per_worker=1, processes=True,
                             host="127.0.0.1", dashboard_address=None)
        return local, Client(local)


    if __name__ == "__main__":  # not in a Dask worker process (spawned: it imports this file)
        local, client = cluster()
        iface = niceface.Interface(sleepy if SLEEP > 0 else trivial, "text", "text")
        if os.environ.get("BENCH_SWITCH_INTERVAL"):
            sys.setswitchinterval(float(os.environ["BENCH_SWITCH_INTERVAL"]))
        profile_path = os.environ.get("BENCH_PROFILE")
        profiler = cProfile.Profile() if profile_path else None
        if profiler is not None:
            profiler.enable()
        try:
            iface.launch(server_name="127.0.0.1", server_port=int(os.environ["BENCH_PORT"]),
                         enable_queue=os.environ["BENCH_QUEUE"] == "1",
                         concurrency_count=int(os.environ["BENCH_K"]), max_size=None, quiet=True,
                         executor=None if client is None else client.get_executor())
        except KeyboardInterrupt:
            pass
        finally:
            if profiler is not None:
                profiler.disable()
                profiler.dump_stats(profile_path)
            if trace_path:
                for record in jobs:
                    record["fn_start"], record["fn_end"] = fn_spans.get(record.get("text"), (None, None))
                    record["worker"], record["pipeline_start"], record["pipeline_end"] = \
                        pipeline_spans.get(record.get("text"), (None, None, None))
                with open(trace_path, "w") as out:
                    json.dump({"jobs": jobs, "gc": collections}, out)
            if client is not None:
                client.close()
                local.close()
''')

GRADIO_SCRIPT = textwrap.dedent('''
    """The same fn as a Gradio app, for a side-by-side row (run with a Python that has gradio)."""
    import os
    import time

    import gradio as gr

    SLEEP = float(os.environ["BENCH_SLEEP"])

    def sleepy(text):
        time.sleep(SLEEP)
        return text

    demo = gr.Interface(sleepy, "text", "text", analytics_enabled=False)
    demo.queue(default_concurrency_limit=int(os.environ["BENCH_K"]), max_size=None)
    demo.launch(server_name="127.0.0.1", server_port=int(os.environ["BENCH_PORT"]), quiet=True)
''')


# ---- server processes ------------------------------------------------------------------------
@dataclass(frozen=True)
class Served:
    url: str
    pid: int

    def cpu_seconds(self) -> float:
        """User + system CPU time of the server process so far (all its threads)."""
        fields = Path(f"/proc/{self.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@dataclass(frozen=True)
class Options:
    """What a server records besides serving (a cProfile, a queue trace: file paths), and
    experiments on its runtime (the GIL switch interval)."""

    profile: Path | None = None
    trace: Path | None = None
    switch_interval: float | None = None
    executor: str | None = None  # "dask": fn runs on a LocalCluster of ``workers`` processes
    workers: int = 4


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


@contextmanager
def server(script: Path, *, queue: bool, k: int, sleep: float, options: Options = Options(),
           python: str = sys.executable) -> Iterator[Served]:
    """A server process for one case; yields its URL and pid, stops it however the block ends."""
    port = free_port()
    env = {**os.environ, "NICEFACE_INBROWSER": "0", "BENCH_PORT": str(port), "BENCH_QUEUE": "1" if queue else "0",
           "BENCH_K": str(k), "BENCH_SLEEP": str(sleep)}
    if options.profile is not None:
        env["BENCH_PROFILE"] = str(options.profile)
    if options.trace is not None:
        env["BENCH_TRACE"] = str(options.trace)
    if options.switch_interval is not None:
        env["BENCH_SWITCH_INTERVAL"] = str(options.switch_interval)
    if options.executor is not None:
        env["BENCH_EXECUTOR"], env["BENCH_WORKERS"] = options.executor, str(options.workers)
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen([python, str(script)], env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            url = f"http://{HOST}:{port}"
            wait_for_200(url, process, log)
            yield Served(url, process.pid)
        finally:
            stop(process)


def wait_for_200(url: str, process: subprocess.Popen[bytes], log: IO[bytes]) -> None:
    import httpx

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
    """SIGINT (uvicorn shuts down gracefully, so a profile or trace gets written), then kill."""
    if process.poll() is None:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


# ---- clients -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Load:
    """One timed load: its monotonic bounds and CPU seconds on either side."""

    begin: float
    end: float
    client_cpu: float
    server_cpu: float
    completions: list[float]  # time.monotonic() as each call's answer arrived, in order

    @property
    def seconds(self) -> float:
        return self.end - self.begin


class RawClient:
    """One keep-alive HTTP/1.1 connection that speaks just enough to POST JSON and read the
    answer: a lean client, so that a load measures the server rather than the client's own CPU
    (about 0.1 ms a call, against httpx's 0.6 on this machine, with both on the same 2 cores)."""

    def __init__(self, url: str) -> None:
        self.host, _, port = url.removeprefix("http://").partition(":")
        self.port = int(port)
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def post(self, text: str) -> Any:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        assert self.reader is not None
        body = json.dumps({"data": [text]}).encode()
        self.writer.write(b"POST /api/predict HTTP/1.1\r\nHost: %s:%d\r\nContent-Type: application/json\r\n"
                          b"Content-Length: %d\r\n\r\n%s" % (self.host.encode(), self.port, len(body), body))
        head = await self.reader.readuntil(b"\r\n\r\n")
        status = int(head.split(b" ", 2)[1])
        length = next(int(line.split(b":", 1)[1]) for line in head.split(b"\r\n")
                      if line.lower().startswith(b"content-length:"))
        answer = await self.reader.readexactly(length)
        if status != 200:
            raise RuntimeError(f"HTTP {status}: {answer.decode()}")
        return json.loads(answer)["data"]

    async def aclose(self) -> None:
        if self.writer is not None:
            self.writer.close()


async def load(served: Served, clients: int, calls_per_client: int, *, client: str = "httpx",
               tag: str = "") -> Load:
    """``clients`` concurrent callers, each making ``calls_per_client`` calls in a row after one
    untimed call that opens its keep-alive connection. ``client``: "httpx" (each caller its own
    AsyncClient), "shared" (one AsyncClient, a pool of 100 connections) or "raw" (each caller
    its own RawClient) or "gradio" (an AsyncClient each, on a Gradio app's REST API: two
    requests a call). Texts sent are unique per ``tag``, so that a server's trace can tell
    the calls apart."""
    import httpx

    def new_client(connections: int) -> httpx.AsyncClient:
        limits = httpx.Limits(max_connections=connections, max_keepalive_connections=connections)
        return httpx.AsyncClient(base_url=served.url, limits=limits, timeout=120.0)

    pool: list[Any]
    if client == "raw":
        pool = [RawClient(served.url) for _ in range(clients)]
    else:
        pool = [new_client(100)] if client == "shared" else [new_client(1) for _ in range(clients)]

    async def call(connection: Any, text: str) -> None:
        if isinstance(connection, RawClient):
            data = await connection.post(text)
        elif client == "gradio":  # Gradio's REST API: join the queue, then read the result's events
            joined = await connection.post("/gradio_api/call/sleepy", json={"data": [text]})
            joined.raise_for_status()
            events = await connection.get(f"/gradio_api/call/sleepy/{joined.json()['event_id']}")
            lines = events.text.splitlines()
            assert "event: complete" in lines, events.text
            data = json.loads(lines[lines.index("event: complete") + 1].removeprefix("data: "))
        else:
            response = await connection.post("/api/predict", json={"data": [text]})
            response.raise_for_status()
            data = response.json()["data"]
        assert data == [text], data
        completions.append(time.monotonic())

    async def caller(number: int) -> None:
        connection = pool[number % len(pool)]
        for index in range(calls_per_client):
            await call(connection, f"{tag}{number}-{index}")

    completions: list[float] = []
    try:
        await asyncio.gather(*(call(pool[number % len(pool)], f"{tag}warm-{number}") for number in range(clients)))
        completions.clear()
        server_cpu, client_cpu, begin = served.cpu_seconds(), time.process_time(), time.monotonic()
        await asyncio.gather(*(caller(number) for number in range(clients)))
        end = time.monotonic()
        return Load(begin, end, time.process_time() - client_cpu, served.cpu_seconds() - server_cpu, completions)
    finally:
        for connection in pool:
            await connection.aclose()


def round_trips(url: str, calls: int, warmup: int, call: Callable[[Any, str], Any] | None = None) -> list[float]:
    """Milliseconds of each of ``calls`` sequential calls on one keep-alive httpx.Client;
    ``call(client, text)`` makes one (default: POST /api/predict) and fails on a bad answer."""
    import httpx

    samples = []
    with httpx.Client(base_url=url, timeout=10.0) as client:
        for index in range(warmup + calls):
            begin = time.perf_counter()
            (call or predict)(client, f"x{index}")
            elapsed = time.perf_counter() - begin
            if index >= warmup:
                samples.append(1000 * elapsed)
    return samples


def predict(client: Any, text: str) -> Any:
    """One call of niceface's HTTP API on an httpx.Client."""
    response = client.post("/api/predict", json={"data": [text]})
    response.raise_for_status()
    return response.json()["data"]


def machine_floor(k: int, calls: int, sleep: float = SLEEP) -> float:
    """Seconds that ``k`` bare threads take for ``calls`` sleeps of ``sleep`` s: a perfect
    queue on this machine, now."""
    lock, left = threading.Lock(), [calls]

    def work() -> None:
        while True:
            with lock:
                if left[0] == 0:
                    return
                left[0] -= 1
            time.sleep(sleep)

    threads = [threading.Thread(target=work) for _ in range(k)]
    begin = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return time.perf_counter() - begin


# ---- results -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class ThroughputRow:
    label: str
    k: int
    clients: int
    loads: list[Load]
    floors: list[float]
    sleep: float = SLEEP
    target: float = THROUGHPUT_TARGET
    workers: int | None = None  # fn on a cluster of this many one-thread workers: at most that many at once

    @property
    def calls(self) -> int:
        return self.clients * CALLS_PER_CLIENT

    @property
    def best(self) -> Load:
        return min(self.loads, key=lambda result: result.seconds)

    @property
    def median_seconds(self) -> float:
        return statistics.median(result.seconds for result in self.loads)

    @property
    def ideal(self) -> float:
        return min(self.k, self.workers or self.k) / self.sleep

    def percent(self, seconds: float) -> float:
        return 100 * self.calls / seconds / self.ideal

    def steady(self, result: Load) -> float | None:
        """% of ideal between the end of the first round and the end of the last full one (the
        k-th and the k*floor(calls/k)-th answers): the rate once the clients' first requests are
        in, without the partial last round. None if there are fewer than three rounds."""
        rounds = self.calls // self.k
        if rounds < 3:
            return None
        first, last = result.completions[self.k - 1], result.completions[rounds * self.k - 1]
        return 100 * (rounds - 1) * self.k / (last - first) / self.ideal

    @property
    def ceiling(self) -> float:
        """% of ideal that ceil(calls / k) rounds of ``sleep`` allow."""
        return self.percent(math.ceil(self.calls / min(self.k, self.workers or self.k)) * self.sleep)

    def cpu_ms(self, side: str) -> float:
        return 1000 * statistics.median(getattr(result, f"{side}_cpu") for result in self.loads) / self.calls


@dataclass(frozen=True)
class CapacityRow:
    label: str
    load: Load
    calls: int


@dataclass(frozen=True)
class LatencyRow:
    label: str
    samples_ms: list[float]

    @property
    def median(self) -> float:
        return statistics.median(self.samples_ms)

    def quantile(self, percent: int) -> float:
        return statistics.quantiles(self.samples_ms, n=100)[percent - 1]


#: the steps of one job's run, as (name, from stamp, to stamp) in the server's queue trace; the
#: worker (a queue thread) is busy from "started" to "pipeline_end", then takes the next job
RUN_STEPS = (("to thread", "started", "pipeline_start"),  # job started -> its thread runs the pipeline
             ("preprocess", "pipeline_start", "fn_start"),  # checks and conversions before fn
             ("fn", "fn_start", "fn_end"),                 # time.sleep(0.1)
             ("postprocess", "fn_end", "pipeline_end"))    # conversions after fn; then the next job


@dataclass(frozen=True)
class Breakdown:
    """Where the k x wall worker-seconds of one timed load went, from the server's queue trace:
    ``parts`` in seconds summed over all jobs (the steps of RUN_STEPS, the fn split into the
    asked-for sleep and the oversleep), then the workers' idle time; and the server's garbage
    collections in the window (each stops every thread that wants the GIL)."""

    k: int
    jobs: int
    worker_seconds: float
    parts: dict[str, float]
    inherent_tail: float  # the part of "tail" that no queue avoids (the last round is not full)
    gc_pauses: list[tuple[float, int]]  # (seconds, generation)
    settle_ms: float  # median: fn's thread done -> its caller's future settled on the loop


def breakdown(records: list[dict[str, Any]], collections: list[list[Any]], begin: float, end: float,
              k: int, calls: int) -> Breakdown:
    jobs = [job for job in records if begin <= job["submitted"] <= end and job.get("worker") is not None]
    parts: dict[str, float] = defaultdict(float)
    for job in jobs:
        for name, start, stop in RUN_STEPS:
            if job.get(start) is not None and job.get(stop) is not None:
                parts[name] += job[stop] - job[start]
    parts["oversleep"] = parts.pop("fn", 0.0) - len(jobs) * SLEEP
    parts = {"sleep 0.1 s": len(jobs) * SLEEP, **parts}
    by_worker: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for job in jobs:
        by_worker[job["worker"]].append(job)
    for name in ("hand-off", "start", "starved", "tail"):
        parts[name] = 0.0
    for worker_jobs in by_worker.values():
        free_from = begin
        for job in sorted(worker_jobs, key=lambda job: job["started"]):
            waiting_from = max(free_from, job["submitted"])
            idle = max(0.0, min(job["started"], waiting_from) - free_from)
            parts["start" if free_from == begin else "starved"] += idle
            parts["hand-off"] += max(0.0, job["started"] - waiting_from)
            free_from = job["pipeline_end"]
        parts["tail"] += max(0.0, end - free_from)
    parts["tail"] += (k - len(by_worker)) * (end - begin)  # workers that got no job at all
    pauses = [(seconds, generation) for started, seconds, generation in collections if begin <= started <= end]
    return Breakdown(k, len(jobs), k * (end - begin), parts,
                     k * math.ceil(calls / k) * SLEEP - calls * SLEEP, pauses,
                     1000 * statistics.median(job["finished"] - job["pipeline_end"] for job in jobs))


# ---- cases -------------------------------------------------------------------------------------
def throughput(script: Path, label: str, k: int, clients: int, repeat: int, options: Options,
               client: str, python: str = sys.executable) -> tuple[ThroughputRow, Breakdown | None]:
    loads, floors = [], []
    with server(script, queue=True, k=k, sleep=SLEEP, options=options, python=python) as served:
        for run in range(repeat):
            floors.append(machine_floor(min(k, options.workers if options.executor else k), clients * CALLS_PER_CLIENT))
            loads.append(asyncio.run(load(served, clients, CALLS_PER_CLIENT, client=client, tag=f"run{run}:")))
    row = ThroughputRow(label, k, clients, loads, floors,
                        target=THROUGHPUT_TARGET if options.executor is None else EXECUTOR_TARGET,
                        workers=None if options.executor is None else options.workers)
    if options.trace is None or not options.trace.exists():
        return row, None
    best = row.best
    trace = json.loads(options.trace.read_text())
    return row, breakdown(trace["jobs"], trace["gc"], best.begin, best.end, k, row.calls)


def capacity(script: Path, label: str, client: str, options: Options) -> CapacityRow:
    with server(script, queue=True, k=32, sleep=0.0, options=options) as served:
        result = asyncio.run(load(served, CLIENTS, CALLS_PER_CLIENT, client=client))
    return CapacityRow(label, result, CLIENTS * CALLS_PER_CLIENT)


def latency(script: Path, label: str, queue: bool, options: Options) -> LatencyRow:
    with server(script, queue=queue, k=1, sleep=0.0, options=options) as served:
        return LatencyRow(label, round_trips(served.url, LATENCY_CALLS, LATENCY_WARMUP))


# ---- printing ----------------------------------------------------------------------------------
def print_throughput(rows: list[ThroughputRow], repeat: int) -> None:
    print(f"Throughput: POST /api/predict, fn sleeps {SLEEP} s, enable_queue=True, concurrency_count=k; "
          f"best and median of {repeat} runs")
    print(f"{'client, load':<30} {'k':>3} {'calls':>5} {'best s':>7} {'median s':>8} {'calls/s':>8} {'ideal/s':>7} "
          f"{'% ideal':>8} {'median':>7} {'ceiling':>7} {'floor':>7} {'steady':>7} {'target':>6} "
          f"{'CPU ms/call client':>18} {'server':>6}")
    for row in rows:
        best = row.best.seconds
        verdict = "ok" if row.percent(best) >= row.target else "MISS"
        steadies = [value for value in map(row.steady, row.loads) if value is not None]
        steady = f"{statistics.median(steadies):.1f}%" if steadies else "-"
        print(f"{row.label:<30} {row.k:>3} {row.calls:>5} {best:>7.3f} {row.median_seconds:>8.3f} "
              f"{row.calls / best:>8.1f} {row.ideal:>7.0f} {row.percent(best):>7.1f}% "
              f"{row.percent(row.median_seconds):>6.1f}% {row.ceiling:>6.1f}% {row.percent(min(row.floors)):>6.1f}% "
              f"{steady:>7} {verdict:>6} {row.cpu_ms('client'):>18.2f} {row.cpu_ms('server'):>6.2f}")
    print(f"each client its own keep-alive connection (httpx.AsyncClient or RawClient), {CALLS_PER_CLIENT} calls in a row; "
          f"target >= {THROUGHPUT_TARGET:.0f}% of ideal (Gradio beside it: --gradio, or bench/compare.py); "
          f"fn on a Dask cluster (--executor dask): >= {EXECUTOR_TARGET:.0f}%;\n"
          "ceiling: ceil(calls/k) full rounds; floor: k bare threads sleeping through the same calls;\n"
          "steady (median of the runs): from the end of the first round to the end of the last full one")


def print_capacity(rows: list[CapacityRow]) -> None:
    print(f"\nClient capacity: fn = lambda x: x, k = 32, {CLIENTS} clients x {CALLS_PER_CLIENT} calls")
    print(f"{'client':<40} {'seconds':>8} {'calls/s':>8} {'CPU ms/call client':>18} {'server':>6}")
    for row in rows:
        result = row.load
        print(f"{row.label:<40} {result.seconds:>8.3f} {row.calls / result.seconds:>8.1f} "
              f"{1000 * result.client_cpu / row.calls:>18.2f} {1000 * result.server_cpu / row.calls:>6.2f}")


def print_latency(rows: list[LatencyRow]) -> None:
    print(f"\nLatency: fn = lambda x: x, {LATENCY_CALLS} sequential calls on one keep-alive httpx.Client "
          f"after {LATENCY_WARMUP} warm-up calls")
    print(f"{'case':<24} {'median ms':>10} {'p90 ms':>8} {'p99 ms':>8} {'min ms':>8} {'max ms':>8} {'target':>7}")
    for row in rows:
        verdict = "ok" if row.median <= LATENCY_TARGET_MS else "MISS"
        print(f"{row.label:<24} {row.median:>10.2f} {row.quantile(90):>8.2f} {row.quantile(99):>8.2f} "
              f"{min(row.samples_ms):>8.2f} {max(row.samples_ms):>8.2f} {verdict:>7}")
    print(f"target: median <= {LATENCY_TARGET_MS:.0f} ms")


def print_breakdowns(breakdowns: list[tuple[str, Breakdown]]) -> None:
    print("\nWhere the workers' time went (best run, from a trace of the server's queue):")
    for label, item in breakdowns:
        print(f"{label}: k = {item.k}, {item.jobs} jobs, k x wall = {item.worker_seconds:.3f} worker-s")
        for name, seconds in item.parts.items():
            share = 100 * seconds / item.worker_seconds
            print(f"    {name:<12} {share:>6.2f}%  {1000 * seconds / item.jobs:>7.3f} ms/job")
        inherent = 100 * item.inherent_tail / item.worker_seconds
        print(f"    {'(inherent tail':<12} {inherent:>6.2f}%: the last round is not full)")
        print(f"    off the workers' path: the loop settles a finished job {item.settle_ms:.3f} ms (median) "
              "after its thread is done")
        full = [seconds for seconds, generation in item.gc_pauses if generation == 2]
        print(f"    garbage collections: {len(item.gc_pauses)}, {1000 * sum(s for s, _ in item.gc_pauses):.1f} ms "
              f"in all; full (gen 2): {len(full)}, {1000 * sum(full):.1f} ms, longest "
              f"{1000 * max(full, default=0.0):.1f} ms")
    print("to thread: the job started -> its queue thread entered the pipeline (the worker's hand-over\n"
          "for a thread's first job; ~0 when a thread goes straight on to the next); oversleep: time.sleep\n"
          "lasting longer than asked (OS wake-up, then the GIL); hand-off: a job waited while its worker\n"
          "was free; start: until a worker's first job (the clients' first requests); starved: the worker\n"
          "was free and nothing was queued; tail: after a worker's last job")


def show_profile(path: Path, top: int = 25) -> None:
    print(f"\n---- {path.name}: the server's main (event-loop) thread, by own time ----")
    pstats.Stats(str(path)).strip_dirs().sort_stats("tottime").print_stats(top)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--ks", type=int, nargs="+", help="queue sizes (default 1 8 32; with --executor 4)")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs per k (default 3)")
    parser.add_argument("--clients", nargs="+", choices=["httpx", "raw"], default=["httpx", "raw"],
                        help="client kinds for the throughput table (default both): httpx.AsyncClient, "
                             "or RawClient (a lean HTTP/1.1 client, so that the client's CPU weighs less)")
    parser.add_argument("--gradio", metavar="PYTHON", nargs="?", const=".venv-gradio/bin/python",
                        help="also the same load on a Gradio app, run by PYTHON (a Python with gradio; "
                             "default .venv-gradio/bin/python, made by scripts/test.sh)")
    parser.add_argument("--full", action="store_true", help="k = 1 with 50 clients (50 s a run) instead of 5")
    parser.add_argument("--explain", action="store_true", help="trace the queue: where the workers' time went")
    parser.add_argument("--profile", type=Path, metavar="DIR", help="cProfile each server into DIR/<case>.prof")
    parser.add_argument("--executor", choices=["dask"],
                        help="fn runs on a Dask LocalCluster (launch(executor=...)); --ks defaults to the "
                             "workers and twice that (each worker then holds its next job)")
    parser.add_argument("--workers", type=int, default=4, help="the cluster's worker processes (default 4)")
    parser.add_argument("--switch-interval", type=float, metavar="S",
                        help="experiment: servers call sys.setswitchinterval(S) (default 0.005)")
    args = parser.parse_args()
    args.ks = args.ks or ([args.workers, 2 * args.workers] if args.executor else [1, 8, 32])
    print(f"load average before: {' '.join(Path('/proc/loadavg').read_text().split()[:3])} "
          f"on {os.cpu_count()} CPUs", flush=True)
    if args.profile is not None:
        args.profile.mkdir(parents=True, exist_ok=True)

    with tempfile.TemporaryDirectory(prefix="niceface-bench-") as folder:
        script = Path(folder) / "server.py"
        script.write_text(SERVER_SCRIPT)

        def options(name: str) -> Options:
            return Options(profile=args.profile / f"{name}.prof" if args.profile is not None else None,
                           trace=Path(folder) / f"{name}.json" if args.explain else None,
                           switch_interval=args.switch_interval, executor=args.executor, workers=args.workers)

        rows, breakdowns = [], []
        for client in args.clients:
            for k in args.ks:
                clients = 5 if k == 1 and not args.full else CLIENTS
                label = f"{client}, {clients} clients" + (f", {args.executor}" if args.executor else "")
                row, explained = throughput(script, label, k, clients, args.repeat,
                                            options(f"throughput-k{k}-{client}"), client)
                rows.append(row)
                if explained is not None:
                    breakdowns.append((label, explained))
        if args.gradio:
            gradio_script = Path(folder) / "gradio_server.py"
            gradio_script.write_text(GRADIO_SCRIPT)
            for k in args.ks:
                clients = 5 if k == 1 and not args.full else CLIENTS
                row, _ = throughput(gradio_script, f"Gradio, httpx, {clients} cl.", k, clients, args.repeat,
                                    Options(), "gradio", python=args.gradio)
                rows.append(row)
        plain = Options(switch_interval=args.switch_interval, executor=args.executor, workers=args.workers)
        capacities = [capacity(script, "httpx: own AsyncClient per client", "httpx", plain),
                      capacity(script, "shared: one AsyncClient, 100 connections", "shared", plain),
                      capacity(script, "raw: own RawClient per client", "raw", plain)]
        latencies = [latency(script, "with queue (k=1)", True, options("latency-queue")),
                     latency(script, "without queue", False, options("latency-noqueue"))]
    print_throughput(rows, args.repeat)
    print_capacity(capacities)
    print_latency(latencies)
    if breakdowns:
        print_breakdowns(breakdowns)
    if args.profile is not None:
        for path in sorted(args.profile.glob("*.prof")):
            show_profile(path)
    print(f"\nload average after: {' '.join(Path('/proc/loadavg').read_text().split()[:3])}")


if __name__ == "__main__":
    main()
