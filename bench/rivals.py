"""The two libraries that bench/compare.py sets side by side: how to run the same tiny app on
each (one source, only the import differs), how to find its output in the page, how to call its
HTTP API, and the virtualenvs that hold Gradio 6 and Gradio 3.50 (never installed next to
niceface)."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path[:] = [str(ROOT)] + [p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench"]

from bench.startup import CONNECTED, NICEFACE_OUTPUT, Demo, free_port, listening, served, wait_until

#: Gradio 6, as scripts/test.sh makes it
GRADIO_PYTHON = os.environ.get("NICEFACE_GRADIO_PYTHON", str(ROOT / ".venv-gradio" / "bin" / "python"))
#: Gradio 3.50, the last with interpretation; made by ensure_gradio3() when missing
GRADIO3_PYTHON = os.environ.get("NICEFACE_GRADIO3_PYTHON", str(ROOT / ".venv-gradio3" / "bin" / "python"))
#: a set with which gradio==3.50.2 installs, imports and serves on Python 3.11 (with its own open-ended
#: requirements pip takes today's fastapi, starlette, pydantic 2 ...: it imports and interprets, but
#: launch() fails with "When localhost is not accessible, a shareable link must be created")
GRADIO3_PINS = ["gradio==3.50.2", "numpy<2", "pydantic<2", "fastapi<0.100", "httpx<0.28", "huggingface_hub<0.26",
                "websockets<12", "pillow<11", "matplotlib<3.10", "pandas<2.3", "altair<5.5", "uvicorn<0.30"]

#: the tiny app, the same for both: ``python app.py`` serves it on 127.0.0.1:BENCH_PORT
APP = '''\
import os
import threading
import time

import {module} as gr


def greet(name):
    return f"Hello, {{name}}!"


def stop_with_the_bench(parent=os.getppid()):  # the server stops itself when the bench is gone
    while os.getppid() == parent:
        time.sleep(1)
    os._exit(0)


demo = gr.Interface(greet, "text", "text")

if __name__ == "__main__":
    threading.Thread(target=stop_with_the_bench, daemon=True).start()
    demo.launch(server_name="127.0.0.1", server_port=int(os.environ["BENCH_PORT"]))
'''

#: default interpretation of a 20-word text; prints JSON: median ms and fn calls of one interpretation
INTERPRET = '''\
import asyncio
import inspect
import json
import statistics
import sys
import time

import {module} as gr

SLEEP, RUNS = float(sys.argv[1]), int(sys.argv[2])
TEXT = "She went to his house to get her keys and then he drove her home because she was very tired"
HE, SHE = {{"he", "his", "him"}}, {{"she", "hers", "her"}}
calls = [0]


def gender(sentence):
    calls[0] += 1
    time.sleep(SLEEP)
    words = sentence.lower().split()
    he, she = sum(w in HE for w in words), sum(w in SHE for w in words)
    return {{"male": he / max(he + she, 1), "female": she / max(he + she, 1)}}


iface = gr.Interface(gender, "text", "label", interpretation="default")


def interpret():
    result = iface.interpret([TEXT]) if gr.__name__ == "gradio" else iface.interpret(TEXT)
    return asyncio.run(result) if inspect.iscoroutine(result) else result


interpret()
times = []
for _ in range(RUNS):
    calls[0] = 0
    begin = time.perf_counter()
    interpret()
    times.append(1000 * (time.perf_counter() - begin))
print(json.dumps({{"ms": statistics.median(times), "calls": calls[0], "words": len(TEXT.split())}}))
'''

#: gradio_client's predict on either server (run by Gradio 6's Python); prints JSON: ms per call
GRADIO_CLIENT = '''\
import json
import sys
import time

from gradio_client import Client

client = Client(sys.argv[1], verbose=False)
samples = []
for index in range(int(sys.argv[2]) + int(sys.argv[3])):
    begin = time.perf_counter()
    answer = client.predict(f"x{{index}}")
    samples.append(1000 * (time.perf_counter() - begin))
    assert answer == f"Hello, x{{index}}!", answer
print(json.dumps(samples[int(sys.argv[3]):]))
'''

#: JS that finds Gradio 6's output textarea: the one in the block labelled "output"
GRADIO_OUTPUT = ("[...document.querySelectorAll('label')].find(label => label.querySelector("
                 "'[data-testid=\"block-info\"]')?.textContent.trim() === 'output')?.querySelector('textarea')")


@dataclass(frozen=True)
class Library:
    """One side of the comparison: its name, the module the app imports and the Python that runs it."""

    name: str
    module: str
    python: str

    @property
    def is_gradio(self) -> bool:
        return self.module == "gradio"

    @property
    def output(self) -> str:
        return GRADIO_OUTPUT if self.is_gradio else NICEFACE_OUTPUT

    @property
    def connected(self) -> str | None:
        """JS true once a tab is connected; Gradio's page holds no connection between runs."""
        return None if self.is_gradio else CONNECTED

    def env(self, port: int) -> dict[str, str]:
        env = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
        env["BENCH_PORT"] = str(port)
        if self.is_gradio:  # no calls home (there is no internet here anyway)
            return {**env, "GRADIO_ANALYTICS_ENABLED": "False"}
        return {**env, "NICEFACE_INBROWSER": "0", "PYTHONPATH": str(ROOT)}  # this checkout's niceface

    def write(self, template: str, folder: Path, name: str) -> Path:
        path = folder / self.module / name
        path.parent.mkdir(exist_ok=True)
        path.write_text(textwrap.dedent(template).format(module=self.module))
        return path

    @contextmanager
    def serve(self, folder: Path, port: int) -> Iterator[Demo]:
        """``python app.py`` of this library, in a folder of its own (flags and caches land there)."""
        app = self.write(APP, folder, "app.py")
        with served([self.python, str(app)], self.env(port), app.parent) as demo:
            yield demo

    def run(self, template: str, folder: Path, *args: str, timeout: float = 600) -> Any:
        """Run a script made from ``template`` with this library; its JSON answer."""
        script = self.write(template, folder, "script.py")
        done = subprocess.run([self.python, str(script), *args], env=self.env(0), cwd=script.parent,
                              capture_output=True, text=True, timeout=timeout, check=False)
        if done.returncode != 0:
            raise RuntimeError(f"{self.name}: {script.name} failed:\n{done.stderr[-2000:]}")
        return json.loads(done.stdout.strip().splitlines()[-1])

    def version(self, module: str | None = None) -> str:
        """The version of this library (or of ``module``) in its Python; "" if it does not import."""
        module = module or self.module
        if not Path(self.python).exists():
            return ""
        done = subprocess.run([self.python, "-c", f"import {module}; print({module}.__version__)"],
                              env=self.env(0), capture_output=True, text=True, check=False)
        return done.stdout.strip() if done.returncode == 0 else ""


NICEFACE = Library("niceface", "niceface", sys.executable)


@dataclass(frozen=True)
class Server:
    library: Library
    url: str
    pid: int


@contextmanager
def both_served(sides: list[Library], folder: Path) -> Iterator[list[Server]]:
    """The tiny app of each library running at once, each on a free port, stopped on exit."""
    with ExitStack() as stack:
        servers = []
        for side in sides:
            port = free_port()
            demo = stack.enter_context(side.serve(folder, port))
            wait_until(partial(listening, port), demo.process)
            servers.append(Server(side, f"http://127.0.0.1:{port}", demo.process.pid))
        yield servers


def gradio_call(client: Any, text: str) -> Any:
    """One call of the tiny app through Gradio's documented HTTP API on an httpx.Client: POST
    the data, then GET the result's event stream (two requests; what its "Use via API" page shows)."""
    joined = client.post("/gradio_api/call/greet", json={"data": [text]})
    joined.raise_for_status()
    events = client.get(f"/gradio_api/call/greet/{joined.json()['event_id']}")
    lines = events.text.splitlines()
    if "event: complete" not in lines:
        raise RuntimeError(f"no result in Gradio's answer: {events.text[:300]}")
    return json.loads(lines[lines.index("event: complete") + 1].removeprefix("data: "))


def ensure_gradio3(python: str, install: bool) -> tuple[Library | None, str]:
    """Gradio 3.50 at ``python``; if missing and ``install``, a virtualenv made there with
    GRADIO3_PINS. The library, or None and why not."""
    library = Library("Gradio 3.50", "gradio", python)
    if library.version().startswith("3.50"):
        return library, ""
    if not install:
        return None, f"no Gradio 3.50 at {python} (drop --no-install to make it)"
    venv = Path(python).parent.parent
    print(f"making {venv} with {' '.join(GRADIO3_PINS)} (about a minute) ...", file=sys.stderr, flush=True)
    made = subprocess.run([sys.executable, "-m", "venv", str(venv)], capture_output=True, text=True, check=False)
    if made.returncode == 0:
        made = subprocess.run([python, "-m", "pip", "install", "-q", "--disable-pip-version-check", *GRADIO3_PINS],
                              capture_output=True, text=True, check=False)
    if made.returncode != 0 or not library.version().startswith("3.50"):
        error = [line for line in (made.stderr or made.stdout).splitlines() if "is ignored" not in line]
        return None, "gradio==3.50.2 did not install: " + " / ".join(error[-3:])
    return library, ""
