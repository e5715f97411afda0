"""launch(executor=...): fn through the one door on a real Dask LocalCluster (worker processes),
called here in process; tests/test_executor_page.py drives a served app on a cluster."""
from __future__ import annotations

import asyncio
import logging
import os
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import cloudpickle
import distributed
import pytest

import niceface as gr
from niceface.app.core.context import Notice
from niceface.app.core.invoke import Call, call_fn, invoke
from niceface.app.core.options import RunOptions
from niceface.components.limits import Limits
from niceface.exceptions import ConfigurationError, ExecutorError, FunctionError
from niceface.interpret import explain

cloudpickle.register_pickle_by_value(sys.modules[__name__])  # workers need not import this test module


@pytest.fixture(scope="module")
def executor():
    """Two worker processes of one thread each, on 127.0.0.1; a task whose worker dies fails at once."""
    import dask
    with dask.config.set({"distributed.scheduler.allowed-failures": 0}):
        cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                           dashboard_address=None)
    client = distributed.Client(cluster)
    yield client.get_executor()
    client.close()
    cluster.close()


def wire(iface, *payloads, executor, state=None, report=None):
    return invoke(iface, Call(list(payloads), state, limits=Limits(), executor=executor), report)


def pid(text):
    return f"{text} {os.getpid()}"


def test_fn_runs_in_a_worker_process(executor):
    text, worker = wire(gr.Interface(pid, "text", "text"), "hi", executor=executor).outputs[0].split()
    assert text == "hi" and int(worker) != os.getpid()


def test_session_state_goes_out_and_comes_back(executor):
    def count(text, seen):
        seen = [*seen, text]
        return ", ".join(seen), seen
    iface = gr.Interface(count, ["text", "state"], ["text", "state"])
    first = wire(iface, "a", executor=executor, state=[])
    second = wire(iface, "b", executor=executor, state=first.state)
    assert second.outputs == ["a, b"] and second.state == ["a", "b"] and first.state == ["a"]


def fails(text):
    raise ValueError(f"no such word: {text}")


def test_fns_error_has_its_message_and_the_log_the_workers_traceback(executor, caplog):
    with caplog.at_level(logging.ERROR, logger="niceface"), pytest.raises(FunctionError) as raised:
        wire(gr.Interface(fails, "text", "text"), "xyz", executor=executor)
    assert str(raised.value) == "fails raised ValueError: no such word: xyz" and not raised.value.intended
    assert "on the executor's worker" in caplog.text and 'raise ValueError(f"no such word: {text}")' in caplog.text


def test_niceface_error_keeps_its_message_and_warnings_reach_the_run(executor):
    def strict(text):
        gr.Warning("careful")
        if text == "no":
            raise gr.Error("Say yes")
        return text
    iface = gr.Interface(strict, "text", "text")
    heard = []
    assert wire(iface, "yes", executor=executor, report=heard.append).outputs == ["yes"]
    assert heard == [Notice("warning", "careful")]
    with pytest.raises(FunctionError, match="^Say yes$") as raised:
        wire(iface, "no", executor=executor)
    assert raised.value.intended


def test_generators_run_to_their_last_value_and_async_fns_to_their_end(executor):
    def count_up(n):
        for i in range(int(n)):
            yield f"{i + 1} of {int(n)}"

    async def double(x):
        await asyncio.sleep(0)
        return x * 2
    heard = []
    assert wire(gr.Interface(count_up, "number", "text"), 3, executor=executor, report=heard.append).outputs == ["3 of 3"]
    assert heard == []  # partial results stay on the worker
    assert wire(gr.Interface(double, "number", "number"), 21, executor=executor).outputs == [42]


def test_batches_go_out_in_max_batch_size(executor):
    def sizes(texts):
        return [[f"{text}/{len(texts)}" for text in texts]]
    iface = gr.Interface(sizes, "text", "text", batch=True, max_batch_size=2)
    done = []
    values = call_fn(iface, [["a"], ["b"], ["c"]], executor=executor, on_done=done.append)
    assert values == ["a/2", "b/2", "c/1"] and sorted(done) == [1, 2]


def test_parallel_members_run_on_workers(executor):
    both = gr.Parallel(gr.Interface(pid, "text", "text"), gr.Interface(pid, "text", "text"))
    outputs = wire(both, "x", executor=executor).outputs
    assert len(outputs) == 2 and all(int(output.split()[1]) != os.getpid() for output in outputs)


def positive(text):
    return {"positive": text.split().count("good") / 4}


def test_interpretation_sends_its_runs_at_once_and_reports_each(executor):
    iface = gr.Interface(positive, "text", "label", interpretation="default")
    progress = []
    remote = explain(iface, ["good bad good ok"], executor=executor, progress=lambda done, total: progress.append(done))
    assert remote == explain(iface, ["good bad good ok"])
    assert progress == list(range(1, 6))  # the original and four words left out, each as it was done


def test_a_worker_that_dies_fails_its_job_clearly_and_the_next_call_works(executor):
    def dies(text):
        if text == "die":
            os._exit(1)
        return text
    iface = gr.Interface(dies, "text", "text")
    with pytest.raises(ExecutorError, match="^the worker running this job died: "):
        wire(iface, "die", executor=executor)
    assert wire(iface, "alive", executor=executor).outputs == ["alive"]


def test_values_that_cannot_travel_are_said_so(executor):
    iface = gr.Interface(lambda text, lock: text, ["text", "state"], "text")
    with pytest.raises(ExecutorError, match="^fn or its values could not be sent to the executor"):
        wire(iface, "x", executor=executor, state=threading.Lock())


def test_any_executor_will_do_and_only_an_executor():
    with ThreadPoolExecutor(2) as pool:
        assert wire(gr.Interface(str.upper, "text", "text"), "a", executor=pool).outputs == ["A"]
    with pytest.raises(ConfigurationError, match="executor must be a concurrent.futures.Executor"):
        RunOptions(executor="tcp://127.0.0.1:8786")  # type: ignore[arg-type]


def docs_block(heading: str, language: str = "python") -> str:
    """The first ``language`` code block after ``heading`` in docs/deploy.md."""
    text = (Path(__file__).parent.parent / "docs" / "deploy.md").read_text()
    after = text[text.index(f"\n{heading}\n"):]
    start = after.index(f"```{language}\n") + len(language) + 4
    return after[start:after.index("```", start)]


def test_the_ray_adapter_of_the_docs():
    import ray  # noqa: F401 - in the test extra: the adapter runs on a real Ray
    namespace: dict = {}
    exec(docs_block("### Ray"), namespace)  # the adapter as the docs give it
    executor = namespace["RayExecutor"](num_cpus=2, include_dashboard=False)
    try:
        def where(text):
            if text == "boom":
                raise ValueError("boom on ray")
            return f"{text} {os.getpid()}"
        iface = gr.Interface(where, "text", "text")
        text, worker = wire(iface, "hi", executor=executor).outputs[0].split()
        assert text == "hi" and int(worker) != os.getpid()
        with pytest.raises(FunctionError, match="^where raised ValueError: boom on ray$"):
            wire(iface, "boom", executor=executor)
    finally:
        executor.shutdown()
