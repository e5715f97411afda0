from __future__ import annotations

import asyncio
import threading
import time

import pytest

from niceface.app.queue import JobQueue, JobStatus, format_position
from niceface.exceptions import QueueFullError


async def noop() -> None:
    return None


def recorder(log: list[str], name: str, seconds: float = 0.0):
    async def work() -> str:
        log.append(name)
        await asyncio.sleep(seconds)
        return name
    return work


async def test_jobs_run_in_submission_order_with_one_worker() -> None:
    queue = JobQueue()
    queue.start()
    ran: list[str] = []
    jobs = [queue.submit(recorder(ran, str(n), 0.01)) for n in range(5)]
    assert [await job for job in jobs] == ["0", "1", "2", "3", "4"]
    assert ran == ["0", "1", "2", "3", "4"]
    await queue.stop()


async def test_k_workers_run_jobs_concurrently() -> None:
    queue = JobQueue(concurrency=3)
    queue.start()
    begin = time.monotonic()
    await asyncio.gather(*(queue.submit(lambda: asyncio.sleep(0.3)) for _ in range(3)))
    assert time.monotonic() - begin < 0.5
    await queue.stop()


async def test_a_full_queue_refuses_at_once_and_keeps_what_it_holds() -> None:
    queue = JobQueue(concurrency=1, max_size=2)
    queue.start()
    gate = asyncio.Event()

    async def first() -> str:
        await gate.wait()
        return "first"

    jobs = [queue.submit(first), queue.submit(recorder([], "second")), queue.submit(recorder([], "third"))]
    await asyncio.sleep(0.01)
    assert (queue.running, queue.waiting) == (1, 2)
    with pytest.raises(QueueFullError, match=r"The queue is full \(2 jobs waiting\)"):
        queue.submit(noop)
    gate.set()
    assert [await job for job in jobs] == ["first", "second", "third"]
    queue.submit(noop)  # room again
    await queue.stop()


async def test_a_cancelled_waiting_job_never_runs() -> None:
    queue = JobQueue()
    queue.start()
    ran: list[str] = []
    first, second, third = (queue.submit(recorder(ran, name, 0.05)) for name in ("a", "b", "c"))
    assert second.cancel() is True
    with pytest.raises(asyncio.CancelledError):
        await second
    assert [await first, await third] == ["a", "c"]
    assert ran == ["a", "c"]
    assert second.status.kind == "cancelled" and second.cancel() is False
    await queue.stop()


async def test_cancel_owner_drops_only_that_owners_waiting_jobs() -> None:
    queue = JobQueue()
    queue.start()
    ran: list[str] = []
    running = queue.submit(recorder(ran, "tab1-running", 0.05), owner="tab1")
    mine = [queue.submit(recorder(ran, f"tab1-{n}"), owner="tab1") for n in range(3)]
    other = queue.submit(recorder(ran, "tab2"), owner="tab2")
    assert queue.cancel_owner("tab1") == 3
    assert await running == "tab1-running" and await other == "tab2"
    assert ran == ["tab1-running", "tab2"]
    assert all(job.status.kind == "cancelled" for job in mine)
    await queue.stop()


async def test_cancelling_a_running_job_discards_its_result_and_frees_the_worker() -> None:
    queue = JobQueue()
    queue.start()
    slow = queue.submit(lambda: asyncio.sleep(5, result="late"))
    after = queue.submit(recorder([], "after"))
    await asyncio.sleep(0.01)
    assert slow.status.kind == "running"
    assert slow.cancel() is True
    with pytest.raises(asyncio.CancelledError):
        await slow
    assert await asyncio.wait_for(after.result(), 1) == "after"
    await queue.stop()


async def test_there_is_no_eta_before_a_first_run_completes() -> None:
    queue = JobQueue()
    queue.start()
    seen: list[JobStatus] = []
    gate = asyncio.Event()
    queue.submit(gate.wait)
    queue.submit(noop, on_update=seen.append)
    await asyncio.sleep(0)
    assert (seen[-1].position, seen[-1].eta_seconds) == (1, None)
    gate.set()
    await queue.stop()


async def test_waiting_jobs_hear_their_position_and_eta() -> None:
    queue = JobQueue()
    queue.start()
    gate = asyncio.Event()
    await queue.submit(lambda: asyncio.sleep(0.1))  # the mean run time is now ~0.1 s
    queue.submit(gate.wait)
    queue.submit(noop), queue.submit(noop)
    seen: list[JobStatus] = []
    third = queue.submit(noop, on_update=seen.append)
    await asyncio.sleep(0)
    status = seen[-1]
    assert (status.kind, status.position, status.ahead, status.total_waiting) == ("waiting", 3, 2, 3)
    assert format_position(status.position, status.total_waiting) == "3rd of 3"
    # the blocker's remaining ~0.1 s + two jobs ahead + its own run, at ~0.1 s each
    assert status.eta_seconds is not None and 0.35 < status.eta_seconds < 0.5
    gate.set()
    await third
    positions = [s.position for s in seen if s.kind == "waiting"]
    assert positions == [3, 2, 1]
    assert [s.kind for s in seen][-2:] == ["running", "done"]
    assert seen[-2].started_at is not None and seen[-1].duration is not None
    await queue.stop()


async def test_eta_divides_the_work_ahead_among_the_workers() -> None:
    queue = JobQueue(concurrency=2)
    queue.start()
    await asyncio.gather(*(queue.submit(lambda: asyncio.sleep(0.1)) for _ in range(2)))
    gate = asyncio.Event()
    queue.submit(gate.wait), queue.submit(gate.wait)
    seen: list[JobStatus] = []
    for _ in range(4):
        queue.submit(noop)
    queue.submit(noop, on_update=seen.append)  # blockers ~0.1 s + 4 ahead ÷ 2 workers + its own run
    await asyncio.sleep(0)
    assert seen[-1].eta_seconds is not None and 0.35 < seen[-1].eta_seconds < 0.5
    gate.set()
    await queue.stop()


@pytest.mark.parametrize("in_thread", [False, True], ids=["async", "thread"])
async def test_errors_reach_the_caller_and_the_worker_keeps_serving(in_thread: bool) -> None:
    queue = JobQueue()
    queue.start()

    async def broken() -> None:
        raise ZeroDivisionError("boom")

    def work(name: str):
        if in_thread:
            return sleeper([], name)  # "broken" raises ZeroDivisionError("boom") in a queue thread
        return broken if name == "broken" else recorder([], name)

    failing, fine = (queue.submit(work(name), in_thread=in_thread) for name in ("broken", "fine"))
    with pytest.raises(ZeroDivisionError, match="boom"):
        await failing
    assert failing.status.kind == "failed"
    assert await fine == "fine"
    await queue.stop()


async def test_a_failing_status_callback_does_not_stop_the_queue() -> None:
    queue = JobQueue()
    queue.start()

    def explode(status: JobStatus) -> None:
        raise RuntimeError("page gone")

    assert await queue.submit(recorder([], "ok"), on_update=explode) == "ok"
    await queue.stop()


async def test_a_status_callback_may_cancel_jobs() -> None:
    queue = JobQueue()
    queue.start()
    gate = asyncio.Event()
    queue.submit(gate.wait)
    ran: list[str] = []
    first = queue.submit(recorder(ran, "first"))
    queue.submit(recorder(ran, "second"), on_update=lambda status: first.cancel())
    last = queue.submit(recorder(ran, "last"))
    await asyncio.sleep(0)
    gate.set()
    assert await last == "last" and ran == ["second", "last"]
    await queue.stop()


async def test_stop_ends_the_workers_and_cancels_pending_jobs() -> None:
    queue = JobQueue(concurrency=2)
    queue.start()
    workers = list(queue._workers)
    jobs = [queue.submit(lambda: asyncio.sleep(5)) for _ in range(3)]
    await asyncio.sleep(0.01)
    await queue.stop()
    assert all(worker.done() for worker in workers)
    assert all(job.status.kind == "cancelled" for job in jobs)
    with pytest.raises(asyncio.CancelledError):
        await jobs[2]


async def test_awaiting_task_cancelled_does_not_cancel_the_job() -> None:
    queue = JobQueue()
    queue.start()
    job = queue.submit(lambda: asyncio.sleep(0.05, result="kept"))
    waiter = asyncio.create_task(job.result())
    await asyncio.sleep(0)
    waiter.cancel()
    assert await job == "kept"
    await queue.stop()


def test_positions_read_as_english_ordinals() -> None:
    assert format_position(3, 7) == "3rd of 7"
    words = [format_position(n, 200).split()[0] for n in (1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 101, 111, 112)]
    assert words == ["1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "23rd",
                     "101st", "111th", "112th"]


async def test_runs_through_the_pipeline_and_an_abandoned_sync_fn_frees_its_worker() -> None:
    from niceface import Interface
    from niceface.app import pipeline

    iface = Interface(fn=lambda x: (time.sleep(0.3), x.upper())[1], inputs="text", outputs="text")
    queue = JobQueue()
    queue.start()
    slow = queue.submit(lambda: pipeline.run(iface, ["slow"]))
    quick = queue.submit(lambda: pipeline.run(iface, ["quick"]))
    await asyncio.sleep(0.05)
    slow.cancel()
    begin = time.monotonic()
    result = await quick
    assert result.payloads == ["QUICK"]
    assert time.monotonic() - begin < 0.5  # did not wait for the abandoned thread first
    await queue.stop()


# ---- jobs that run in the queue's threads (sync fns) ----------------------------------------
def sleeper(log: list[tuple[str, int]], name: str, seconds: float = 0.0):
    def work() -> str:
        log.append((name, threading.get_ident()))
        time.sleep(seconds)
        if name == "broken":
            raise ZeroDivisionError("boom")
        return name
    return work


async def test_thread_jobs_run_in_order_back_to_back_on_one_thread() -> None:
    queue = JobQueue()
    queue.start()
    ran: list[tuple[str, int]] = []
    statuses: list[str] = []
    jobs = [queue.submit(sleeper(ran, str(n), 0.02), in_thread=True,
                         on_update=lambda status: statuses.append(status.kind)) for n in range(4)]
    assert [await job for job in jobs] == ["0", "1", "2", "3"]
    assert [name for name, _ in ran] == ["0", "1", "2", "3"]
    assert len({thread for _, thread in ran}) == 1  # one thread took them one after another
    assert threading.get_ident() not in {thread for _, thread in ran}  # never the event loop's
    assert statuses.count("running") == 4 and statuses.count("done") == 4
    assert all(job.status.kind == "done" and job.status.duration >= 0.02 for job in jobs)
    assert queue.running == 0 and queue.waiting == 0
    await queue.stop()


async def test_thread_and_async_jobs_share_one_fifo_order() -> None:
    queue = JobQueue()
    queue.start()
    ran: list[str] = []
    order: list[str] = []

    def threaded(name: str):
        return lambda: (ran.append(name), time.sleep(0.01), name)[2]

    jobs = [queue.submit(threaded("t1"), in_thread=True), queue.submit(recorder(ran, "a1", 0.01)),
            queue.submit(threaded("t2"), in_thread=True), queue.submit(threaded("t3"), in_thread=True),
            queue.submit(recorder(ran, "a2"))]
    for job in jobs:
        order.append(await job)
    assert ran == order == ["t1", "a1", "t2", "t3", "a2"]
    await queue.stop()


async def test_k_threads_run_thread_jobs_concurrently() -> None:
    queue = JobQueue(concurrency=4)
    queue.start()
    ran: list[tuple[str, int]] = []
    begin = time.monotonic()
    assert await asyncio.gather(*(queue.submit(sleeper(ran, str(n), 0.2), in_thread=True) for n in range(8))) \
        == [str(n) for n in range(8)]
    assert 0.4 <= time.monotonic() - begin < 0.7  # two rounds of four
    await queue.stop()


async def test_a_cancelled_waiting_thread_job_never_runs() -> None:
    queue = JobQueue()
    queue.start()
    ran: list[tuple[str, int]] = []
    first, second, third = (queue.submit(sleeper(ran, name, 0.05), in_thread=True) for name in "abc")
    await asyncio.sleep(0.01)
    assert second.cancel() is True
    assert [await first, await third] == ["a", "c"]
    assert [name for name, _ in ran] == ["a", "c"]
    await queue.stop()


async def test_an_abandoned_thread_job_frees_its_worker_at_once() -> None:
    queue = JobQueue()
    queue.start()
    ran: list[tuple[str, int]] = []
    slow = queue.submit(sleeper(ran, "slow", 0.5), in_thread=True)
    quick = queue.submit(sleeper(ran, "quick"), in_thread=True)
    await asyncio.sleep(0.05)
    assert slow.status.kind == "running"
    begin = time.monotonic()
    assert slow.cancel() is True
    assert await asyncio.wait_for(quick.result(), 1) == "quick"
    assert time.monotonic() - begin < 0.3  # did not wait for the abandoned thread
    assert ran[0][1] != ran[1][1]  # another thread took the next job
    with pytest.raises(asyncio.CancelledError):
        await slow
    await asyncio.sleep(0.6)  # the abandoned thread ends unseen and takes nothing more
    assert slow.status.kind == "cancelled" and queue.running == 0
    await queue.stop()


async def test_waiting_behind_thread_jobs_hear_positions_and_stop_cancels_them() -> None:
    queue = JobQueue(concurrency=1)
    queue.start()
    ran: list[tuple[str, int]] = []
    seen: dict[str, list[int]] = {"b": [], "c": []}
    jobs = [queue.submit(sleeper(ran, name, 0.1), in_thread=True,
                         on_update=lambda status, name=name: status.kind == "waiting" and seen[name].append(status.position))
            for name in "abc"]
    assert await jobs[0] == "a"
    await asyncio.sleep(0.01)
    assert seen == {"b": [1], "c": [2, 1]}  # the thread took b next: c moved up
    assert jobs[1].status.kind == "running" and jobs[2].status.kind == "waiting"
    await queue.stop()
    assert [job.status.kind for job in jobs] == ["done", "cancelled", "cancelled"]
    assert [name for name, _ in ran] == ["a", "b"]
