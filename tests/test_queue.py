"""The schedulers: the FIFO JobQueue and the DirectScheduler (a bounded pool). Work is
coordinated with events, never with sleeps: these tests pass on a busy machine."""
from __future__ import annotations

import asyncio
import threading

import pytest

from niceface.app.core.jobs import JobStatus
from niceface.app.core.queue import JobQueue, eta
from niceface.app.core.scheduler import DirectScheduler
from niceface.app.ui.feedback import ordinal, waiting_text
from niceface.exceptions import QueueFullError


class Works:
    """Work functions that record which ran, on which thread, and can be held at a gate."""

    def __init__(self) -> None:
        self.ran: list[tuple[str, int]] = []
        self.gates: dict[str, threading.Event] = {}
        self.started: dict[str, threading.Event] = {}

    def __call__(self, name: str, *, hold: bool = False, error: BaseException | None = None):
        if hold:
            self.gates[name] = threading.Event()
        self.started[name] = threading.Event()

        def work(report):
            self.ran.append((name, threading.get_ident()))
            self.started[name].set()
            if hold:
                assert self.gates[name].wait(30), f"{name} was never released"
            report(f"{name} half way")
            if error is not None:
                raise error
            return name
        return work

    def release(self, name: str) -> None:
        self.gates[name].set()

    def names(self) -> list[str]:
        return [name for name, _ in self.ran]

    async def until_started(self, name: str) -> None:
        await asyncio.get_running_loop().run_in_executor(None, self.started[name].wait, 30)


@pytest.fixture
async def queue():
    made: list[JobQueue] = []

    def make(**options: int) -> JobQueue:
        made.append(JobQueue(**options))
        made[-1].start()
        return made[-1]
    yield make
    for one in made:
        await one.stop()


async def test_jobs_run_in_submission_order_back_to_back_on_one_worker_thread(queue) -> None:
    q, works = queue(), Works()
    statuses: list[str] = []
    jobs = [q.submit(works(str(n), hold=n == 0), on_update=lambda status: statuses.append(status.kind))
            for n in range(4)]
    works.release("0")  # all four are in: the worker goes from one to the next
    assert [await job.result() for job in jobs] == ["0", "1", "2", "3"]
    assert works.names() == ["0", "1", "2", "3"]
    assert len({thread for _, thread in works.ran}) == 1  # one thread took them one after another
    assert threading.get_ident() not in {thread for _, thread in works.ran}  # never the event loop's
    assert statuses.count("running") == 4 and statuses.count("done") == 4 and statuses.count("progress") == 4
    assert q.running == 0 and q.waiting == 0


async def test_k_workers_run_k_jobs_at_once(queue) -> None:
    q, works = queue(concurrency=3), Works()
    jobs = [q.submit(works(str(n), hold=True)) for n in range(4)]
    for name in "012":
        await works.until_started(name)  # three run together while the fourth waits
    assert (q.running, q.waiting) == (3, 1) and jobs[3].status.kind == "waiting"
    for name in "0123":
        works.gates[name].set()
    assert [await job.result() for job in jobs] == ["0", "1", "2", "3"]


async def test_a_full_queue_refuses_at_once_and_keeps_what_it_holds(queue) -> None:
    q, works = queue(concurrency=1, max_size=2), Works()
    jobs = [q.submit(works("first", hold=True)), q.submit(works("second")), q.submit(works("third"))]
    await works.until_started("first")
    assert (q.running, q.waiting) == (1, 2)
    with pytest.raises(QueueFullError, match=r"The queue is full \(2 jobs waiting\)"):
        q.submit(works("fourth"))
    works.release("first")
    assert [await job.result() for job in jobs] == ["first", "second", "third"]
    assert await q.submit(works("room again")).result() == "room again"


async def test_a_cancelled_waiting_job_never_runs(queue) -> None:
    q, works = queue(), Works()
    first, second, third = (q.submit(works(name, hold=name == "a")) for name in "abc")
    assert second.cancel() is True
    works.release("a")
    with pytest.raises(asyncio.CancelledError):
        await second.result()
    assert [await first.result(), await third.result()] == ["a", "c"]
    assert works.names() == ["a", "c"]
    assert second.status.kind == "cancelled" and second.cancel() is False


async def test_cancel_owner_drops_only_that_owners_waiting_jobs(queue) -> None:
    q, works = queue(), Works()
    running = q.submit(works("tab1-running", hold=True), owner="tab1")
    mine = [q.submit(works(f"tab1-{n}"), owner="tab1") for n in range(3)]
    other = q.submit(works("tab2"), owner="tab2")
    assert q.cancel_owner("tab1") == 3
    works.release("tab1-running")
    assert await running.result() == "tab1-running" and await other.result() == "tab2"
    assert works.names() == ["tab1-running", "tab2"]
    assert all(job.status.kind == "cancelled" for job in mine)


async def test_an_abandoned_running_job_frees_its_place_at_once(queue) -> None:
    q, works = queue(), Works()
    slow = q.submit(works("slow", hold=True))
    quick = q.submit(works("quick"))
    await works.until_started("slow")
    assert slow.status.kind == "running" and slow.cancel() is True
    assert await quick.result() == "quick"  # while "slow" is still held: a new worker took it
    assert works.ran[0][1] != works.ran[1][1]
    with pytest.raises(asyncio.CancelledError):
        await slow.result()
    works.release("slow")  # the abandoned thread ends unseen and takes nothing more
    assert slow.status.kind == "cancelled"


async def test_errors_reach_the_caller_and_the_worker_keeps_serving(queue) -> None:
    q, works = queue(), Works()
    failing = q.submit(works("broken", error=ZeroDivisionError("boom")))
    fine = q.submit(works("fine"))
    with pytest.raises(ZeroDivisionError, match="boom"):
        await failing.result()
    assert failing.status.kind == "failed" and await fine.result() == "fine"


async def test_waiting_jobs_hear_their_position_and_no_eta_before_a_first_run(queue) -> None:
    q, works = queue(), Works()
    seen: dict[str, list[JobStatus]] = {"b": [], "c": []}
    jobs = [q.submit(works(name, hold=name in "ab"), on_update=seen[name].append if name in seen else None)
            for name in "abc"]
    await works.until_started("a")
    await asyncio.sleep(0)  # the loop turn in which positions are pushed
    assert [(s.position, s.total_waiting, s.eta_seconds) for s in seen["c"] if s.kind == "waiting"] == [(2, 2, None)]
    works.release("a")
    await works.until_started("b")
    await jobs[0].result()
    await asyncio.sleep(0)
    works.release("b")
    await jobs[2].result()
    assert [s.position for s in seen["c"] if s.kind == "waiting"] == [2, 1]  # moved up as b started
    assert [s.kind for s in seen["c"]][-2:] == ["progress", "done"] and seen["c"][-1].duration is not None
    held = q.submit(works("d", hold=True))
    later: list[JobStatus] = []
    q.submit(works("e"), on_update=later.append)
    await asyncio.sleep(0)
    assert later[-1].kind == "waiting" and later[-1].eta_seconds is not None  # runs have completed now
    works.release("d")
    await held.result()


def test_eta_is_what_runs_ahead_leave_divided_among_the_workers() -> None:
    # one worker, a run takes 10 s, the running one has run 4: 6 s left, 2 ahead, then its own
    assert eta(2, 1, 10.0, [4.0]) == 6 + 2 * 10 + 10
    # two workers (one idle): the first waiting job starts at once
    assert eta(0, 2, 10.0, [4.0]) == 10
    # two busy workers (free in 1 s and 8 s), 3 ahead: the second round, on the worker free later
    assert eta(3, 2, 10.0, [9.0, 2.0]) == 8 + 2 * 10
    assert eta(0, 1, 10.0, [25.0]) == 10  # a run past the mean is "about to end"


def test_positions_read_as_english_ordinals() -> None:
    assert [ordinal(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 101, 111, 112)] == \
        ["1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "23rd", "101st", "111th", "112th"]
    status = JobStatus("waiting", position=3, ahead=2, running=1, total_waiting=7, eta_seconds=12.4)
    assert waiting_text(status) == "In queue: 3rd of 7 · 3 jobs ahead · result in about 12 s"


async def test_a_failing_or_cancelling_listener_does_not_stop_the_queue(queue) -> None:
    q, works = queue(), Works()

    def explode(status: JobStatus) -> None:
        raise RuntimeError("page gone")
    blocker = q.submit(works("blocker", hold=True))
    first = q.submit(works("first"))
    q.submit(works("second"), on_update=lambda status: first.cancel())
    last = q.submit(works("last"), on_update=explode)
    await works.until_started("blocker")
    works.release("blocker")
    assert await last.result() == "last" and works.names() == ["blocker", "second", "last"]
    await blocker.result()


async def test_stop_cancels_waiting_and_running_jobs(queue) -> None:
    q, works = queue(concurrency=2), Works()
    jobs = [q.submit(works(str(n), hold=True)) for n in range(3)]
    await works.until_started("0")
    await works.until_started("1")
    await q.stop()
    assert all(job.status.kind == "cancelled" for job in jobs)
    for name in works.gates:
        works.release(name)
    assert sorted(works.names()) == ["0", "1"]  # the waiting one never ran


async def test_cancelling_the_awaiting_task_does_not_cancel_the_job(queue) -> None:
    q, works = queue(), Works()
    job = q.submit(works("kept", hold=True))
    waiter = asyncio.ensure_future(job.result())
    await asyncio.sleep(0)
    waiter.cancel()
    works.release("kept")
    assert await job.result() == "kept"


# ---- the DirectScheduler: at once, on a bounded pool ----------------------------------------
async def test_direct_runs_at_once_and_waits_in_order_when_all_threads_are_busy() -> None:
    direct, works = DirectScheduler(max_threads=2), Works()
    heard: list[JobStatus] = []
    jobs = [direct.submit(works(str(n), hold=n < 2)) for n in range(2)]
    third = direct.submit(works("2"), on_update=heard.append)
    await works.until_started("0")
    await works.until_started("1")
    assert heard[0].kind == "waiting" and heard[0].running == 2  # told why it waits
    works.release("0")
    assert await third.result() == "2"  # took the thread "0" left
    works.release("1")
    assert [await job.result() for job in jobs] == ["0", "1"]
    await direct.stop()


async def test_direct_withdraws_a_closed_pages_waiting_work() -> None:
    direct, works = DirectScheduler(max_threads=1), Works()
    running = direct.submit(works("running", hold=True), owner="tab")
    waiting = direct.submit(works("waiting"), owner="tab")
    await works.until_started("running")
    assert direct.cancel_owner("tab") == 1
    works.release("running")
    assert await running.result() == "running"
    with pytest.raises(asyncio.CancelledError):
        await waiting.result()
    assert works.names() == ["running"]
    await direct.stop()
