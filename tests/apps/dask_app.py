"""fn on a Dask LocalCluster of two worker processes (tests/test_executor_page.py), with the
queue (two jobs in flight) and a dying worker failing its task at once (allowed-failures 0).

fn: "pid" answers the worker's pid; "boom" raises; "die" ends its worker; "wait…" says it
started (a file in DASK_APP_DIR holding its pid) and waits for DASK_APP_DIR/gate; any other
text counts the page's runs in its session state. The first output counts the words (what
interpretation explains). Every call appends "<pid> <text>" to
DASK_APP_DIR/calls.
"""
import os
import time
from pathlib import Path

import niceface as gr

FOLDER = Path(os.environ.get("DASK_APP_DIR", "."))


def work(text, seen):
    words = len(text.split())
    return (words, *answer(text, seen))


def answer(text, seen):
    with (FOLDER / "calls").open("a") as calls:
        calls.write(f"{os.getpid()} {text}\n")
    if text == "pid":
        return f"pid {os.getpid()}", seen
    if text == "boom":
        raise ValueError("boom on the worker")
    if text == "die":
        os._exit(1)
    if text.startswith("wait"):
        (FOLDER / f"started-{text}").write_text(str(os.getpid()))
        while not (FOLDER / "gate").exists():
            time.sleep(0.02)
        return text.upper(), seen
    seen = (seen or 0) + 1
    return f"{text} #{seen}", seen


demo = gr.Interface(work, [gr.Textbox(label="text"), "state"], [gr.Number(label="words"), gr.Textbox(label="result"), "state"],
                    interpretation="default")

if __name__ == "__main__":
    import dask
    from distributed import Client, LocalCluster

    dask.config.set({"distributed.scheduler.allowed-failures": 0})
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None) as cluster, Client(cluster) as client:
        demo.launch(executor=client.get_executor(), enable_queue=True, concurrency_count=2, show_error=True)
