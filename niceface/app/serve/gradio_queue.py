"""Gradio's queue protocol (``sse_v3``) over our own queue: join, the event stream, cancel.

    POST /gradio_api/queue/join   {"data", "fn_index", "session_hash"}  ->  {"event_id"}
    GET  /gradio_api/queue/data?session_hash=…   server-sent events of that session's runs:
         estimation (rank, queue_size, rank_eta) · process_starts · progress · log ·
         process_generating · process_completed · heartbeat · close_stream (none left)
    POST /gradio_api/cancel {"session_hash", "event_id"}   POST /gradio_api/reset {"event_id"}

A join is one ``Service.run`` (the scheduler, so the app's queue, positions and ETA, limits and
run_timeout all hold); its JobStatus updates become the messages. A session is one
``session_hash`` of one caller (``gradio_files.Caller``): it holds that session's state
(``gr.State``, one per session_hash, as a page load has one) and its waiting messages; idle
sessions go after ``IDLE_SECONDS``.
"""
from __future__ import annotations

import asyncio
import json
import logging
import time
import uuid
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse

from ...exceptions import NicefaceError, QueueFullError
from ..core.context import Notice, ProgressUpdate
from ..core.context import Request as RunRequest
from ..core.invoke import Result
from .gradio_files import IDLE_SECONDS, PREFIX, Caller, CallerFiles
from .gradio_shapes import from_gradio, to_gradio

if TYPE_CHECKING:
    from ..core.jobs import Job, JobStatus
    from ..core.service import Service

log = logging.getLogger(__name__)
HEARTBEAT_SECONDS = 15.0
MAX_SESSIONS = 10_000
Message = dict[str, Any]


@dataclass(eq=False)
class Session:
    """One session_hash of one caller: its state, its runs' waiting messages, its pending runs."""

    state: Any
    messages: asyncio.Queue[Message] = field(default_factory=asyncio.Queue)
    jobs: dict[str, Job[Any] | None] = field(default_factory=dict)  # pending event ids (None: not scheduled yet)
    used: float = field(default_factory=time.monotonic)

    def send(self, event_id: str, msg: str, **fields: Any) -> None:
        if msg == "process_completed":
            self.jobs.pop(event_id, None)
        self.messages.put_nowait({"msg": msg, "event_id": event_id, **fields})


@dataclass(eq=False)
class Sessions:
    """The Gradio-protocol sessions of one app: ``services[fn_index]`` answers each endpoint."""

    services: list[Service]
    files: CallerFiles
    table: dict[tuple[Caller, str], Session] = field(default_factory=dict)

    def session(self, caller: Caller, session_hash: str, service: Service) -> Session:
        found = self.table.get((caller, session_hash))
        if found is None:
            if len(self.table) >= MAX_SESSIONS:
                self._drop_oldest()
            found = self.table[(caller, session_hash)] = Session(service.definition.initial_state())
        found.used = time.monotonic()
        return found

    def sweep(self, now: float | None = None) -> None:
        """Forget sessions idle for IDLE_SECONDS, then the files of callers with none left."""
        now = time.monotonic() if now is None else now
        for key, session in list(self.table.items()):
            if not session.jobs and now - session.used > IDLE_SECONDS:
                del self.table[key]
        self.files.sweep({caller for caller, _ in self.table}, now)

    def _drop_oldest(self) -> None:
        idle = sorted((session.used, key) for key, session in self.table.items() if not session.jobs)
        for _, key in idle[: max(1, len(idle) // 10)]:
            del self.table[key]


async def join(sessions: Sessions, request: Request) -> Response:
    caller = Caller.of(request)
    try:
        body = json.loads(await request.body())
    except ValueError:
        return _error(422, "the body is not valid JSON")
    if caller is None:
        return _error(400, "get the config document first (GET /config): it gives the key your session belongs to")
    problem = _problem(body, len(sessions.services))
    if problem:
        return _error(422, problem)
    service = sessions.services[body["fn_index"]]
    session = sessions.session(caller, body["session_hash"], service)
    event_id = uuid.uuid4().hex
    session.jobs[event_id] = None
    asked = RunRequest.of(request, caller.user, body["session_hash"])
    run = _Run(sessions, service, session, caller, event_id, str(request.base_url))
    scheduled = asyncio.Event()
    task = asyncio.ensure_future(run.go(body["data"], asked, scheduled))
    _tasks.add(task)
    task.add_done_callback(_tasks.discard)
    waiting = asyncio.ensure_future(scheduled.wait())
    await asyncio.wait({task, waiting}, return_when=asyncio.FIRST_COMPLETED)
    waiting.cancel()
    if run.full is not None:
        return _error(503, run.full, {"retry-after": "1"})
    return JSONResponse({"event_id": event_id})


def _problem(body: Any, endpoints: int) -> str | None:
    if not isinstance(body, dict) or not isinstance(body.get("data"), list):
        return 'expected a JSON object {"data": [...], "fn_index": 0, "session_hash": "..."}'
    session_hash, fn_index = body.get("session_hash"), body.get("fn_index", 0)
    if not isinstance(session_hash, str) or not 0 < len(session_hash) <= 128:
        return "session_hash: expected a string of 1 to 128 characters"
    if not isinstance(fn_index, int) or isinstance(fn_index, bool) or not 0 <= fn_index < endpoints:
        return f"fn_index: expected one of 0 … {endpoints - 1}"
    body["fn_index"] = fn_index
    return None


@dataclass(eq=False)
class _Run:
    """One joined run: its inputs in, its statuses out as messages, its outputs in Gradio's shapes."""

    sessions: Sessions
    service: Service
    session: Session
    caller: Caller
    event_id: str
    base: str
    full: str | None = None
    generated: bool = False

    async def go(self, data: list[Any], asked: RunRequest, scheduled: asyncio.Event) -> None:
        files, definition = self.sessions.files, self.service.definition
        try:
            inputs = [from_gradio(c, v, lambda value: files.resolve(self.caller, value))
                      for c, v in zip(definition.wire_inputs, data, strict=False)] + data[len(definition.wire_inputs):]

            def on_job(job: Job[Any]) -> None:
                self.session.jobs[self.event_id] = job
                scheduled.set()
            result = await self.service.run(inputs, self.session.state, on_update=self.heard, on_job=on_job,
                                            request=asked, media=files.sink(self.caller))
            self.session.state = result.state
            self.send("process_completed", output={"data": self.shaped(result), "duration": result.duration},
                      success=True)
            if self.service.flags_every_run:
                await _flag(self.service, inputs, result.outputs, self.caller.user)
        except QueueFullError as error:
            self.session.jobs.pop(self.event_id, None)
            self.full = str(error)
        except NicefaceError as error:
            self.send("process_completed", output={"error": self.service.shown(error)}, success=False)
        except asyncio.CancelledError:
            if self.event_id in self.session.jobs:
                self.send("process_completed", output={}, success=True)

    def send(self, msg: str, **fields: Any) -> None:
        self.session.used = time.monotonic()
        self.session.send(self.event_id, msg, **fields)

    def shaped(self, result: Result) -> list[Any]:
        files = self.sessions.files
        publish: Callable[[Any], dict[str, Any]] = lambda payload: files.publish(self.caller, payload, self.base)  # noqa: E731
        return [to_gradio(c, p, publish) for c, p in zip(self.service.definition.wire_outputs, result.outputs,
                                                         strict=False)]

    def heard(self, status: JobStatus) -> None:
        """A JobStatus of the run as the message Gradio's clients expect."""
        if status.kind == "waiting":
            self.send("estimation", rank=(status.position or 1) - 1, queue_size=status.total_waiting,
                      rank_eta=status.eta_seconds)
        elif status.kind == "running":
            self.send("process_starts", eta=None)
        elif status.kind == "progress":
            self._progress(status.detail)

    def _progress(self, detail: Any) -> None:
        if isinstance(detail, Result):
            outputs = self.shaped(detail)
            data = outputs if not self.generated else [[["replace", [], value]] for value in outputs]
            self.generated = True
            self.send("process_generating", output={"data": data}, success=True)
        elif isinstance(detail, ProgressUpdate):
            self.send("progress", progress_data=[{"index": None, "length": None, "unit": "steps",
                                                  "progress": detail.fraction, "desc": detail.description}])
        elif isinstance(detail, Notice):
            self.send("log", log=detail.message, level=detail.kind)


async def _flag(service: Service, inputs: list[Any], outputs: list[Any], user: str | None) -> None:
    try:
        await service.flag(inputs, outputs, username=user)
    except Exception:  # a full disk, a broken flags file: logged, and the answer still goes out
        log.exception("allow_flagging='auto': could not store the flag of a Gradio-protocol call")


def stream(sessions: Sessions, request: Request) -> Response:
    caller = Caller.of(request)
    session_hash = request.query_params.get("session_hash", "")
    session = sessions.table.get((caller, session_hash)) if caller is not None else None
    if session is None:
        return _error(404, "no such session: join the queue first (POST /gradio_api/queue/join)")
    return StreamingResponse(_events(session), media_type="text/event-stream",
                             headers={"cache-control": "no-store", "x-accel-buffering": "no"})


async def _events(session: Session) -> AsyncIterator[bytes]:
    closed = False
    try:
        while True:
            try:
                message = await asyncio.wait_for(session.messages.get(), HEARTBEAT_SECONDS)
            except asyncio.TimeoutError:
                message = {"msg": "heartbeat"}
            yield f"data: {json.dumps(message)}\n\n".encode()
            if message["msg"] == "process_completed" and not session.jobs:
                closed = True
                yield b'data: {"msg": "close_stream", "event_id": null}\n\n'
                return
    finally:
        if not closed:  # the caller went away: its waiting runs are withdrawn
            for job in list(session.jobs.values()):
                if job is not None and job.status.kind == "waiting":
                    job.cancel()


async def cancel(sessions: Sessions, request: Request) -> Response:
    """Withdraw (waiting) or abandon (running) a run of the caller's; always {"success": true}."""
    caller = Caller.of(request)
    try:
        body = json.loads(await request.body())
    except ValueError:
        return _error(422, "the body is not valid JSON")
    event_id = body.get("event_id") if isinstance(body, dict) else None
    for (owner, _), session in list(sessions.table.items()):
        job = session.jobs.get(event_id) if owner == caller and isinstance(event_id, str) else None
        if job is not None:
            job.cancel()
    return JSONResponse({"success": True})


def register(app: Any, sessions: Sessions) -> None:
    async def joined(request: Request) -> Response:
        return await join(sessions, request)

    async def data(request: Request) -> Response:
        return stream(sessions, request)

    async def cancelled(request: Request) -> Response:
        return await cancel(sessions, request)
    app.add_api_route(f"{PREFIX}/queue/join", joined, methods=["POST"], include_in_schema=False)
    app.add_api_route(f"{PREFIX}/queue/data", data, methods=["GET"], include_in_schema=False)
    for path in ("cancel", "reset"):
        app.add_api_route(f"{PREFIX}/{path}", cancelled, methods=["POST"], include_in_schema=False)


def _error(status: int, detail: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"detail": detail}, status_code=status, headers=headers)


_tasks: set[asyncio.Task[None]] = set()  # strong references: a task nobody holds may be collected
