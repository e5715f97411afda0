"""HTTP API: ``POST {root}/api/predict`` with ``{"data": [...]}``, through the same Service as
the page. A caller that disconnects while its run waits in the queue has it withdrawn."""
from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import AsyncIterator
from typing import TYPE_CHECKING, Any

from fastapi import FastAPI, Request, Response
from fastapi.responses import JSONResponse, StreamingResponse
from pydantic import BaseModel, Field
from starlette.background import BackgroundTask

from ...exceptions import (
    ArityError,
    FileTooLargeError,
    FunctionError,
    InputError,
    NicefaceError,
    QueueFullError,
    RunTimeoutError,
)
from ..core.context import Request as RunRequest
from ..core.visitor import visitor_of
from . import api_files

if TYPE_CHECKING:
    from ..core.invoke import Result
    from ..core.jobs import Job
    from ..core.service import Service

log = logging.getLogger(__name__)
#: deeper JSON than any component takes; deeper still would exhaust Python's recursion limit
MAX_DEPTH = 64


class PredictRequest(BaseModel):
    data: list[Any] = Field(description="One value per input, in order; media as base64 data URLs (or, in a "
                                        "multipart/form-data body, {\"upload\": \"<field>\"} for a file sent "
                                        "in that field).")


class PredictResponse(BaseModel):
    data: list[Any] = Field(description="One value per output, in order; media as base64 data URLs.")
    duration: float = Field(description="Seconds the run took, preprocessing to postprocessing.")


#: how each kind of failure answers: (status, extra headers)
STATUS: list[tuple[type[Exception], int, dict[str, str]]] = [
    (FileTooLargeError, 413, {}), (ArityError, 422, {}), (InputError, 422, {}),
    (QueueFullError, 503, {"Retry-After": "1"}), (RunTimeoutError, 504, {}), (FunctionError, 500, {}),
]


def register(app: FastAPI, service: Service, name: str = "predict", *, also_predict: bool = False) -> None:
    """POST /api/<name> runs the service's fn (and /api/predict too, with ``also_predict``)."""
    definition = service.definition
    inputs = ", ".join(f"{c.label or c.kind} ({type(c).__name__})" for c in definition.wire_inputs) or "none"
    outputs = ", ".join(f"{c.label or c.kind} ({type(c).__name__})" for c in definition.wire_outputs) or "none"
    # The body is read by hand, not through a pydantic parameter: FastAPI's validation and
    # response-model round trips were a third of the server's CPU per call. The documented
    # schema stays the same (openapi_extra, response_model).
    request_schema = {"content": {"application/json": {"schema": PredictRequest.model_json_schema()}},
                      "required": True}

    paths = [f"/api/{name}", *(["/api/predict"] if also_predict and name != "predict" else [])]

    @app.post(paths[0], response_model=PredictResponse, tags=["predict"],
              summary=f"Run {definition.name}", description=f"Inputs: {inputs}. Outputs: {outputs}.",
              openapi_extra={"requestBody": request_schema},
              responses={413: {"description": "a file or picture over the app's limits"},
                         422: {"description": "bad JSON, wrong number or kind of values"},
                         503: {"description": "the queue is full"}, 500: {"description": "fn raised"},
                         504: {"description": "the run took longer than run_timeout"}})
    async def predict(request: Request) -> Response:
        if not api_files.is_multipart(request):
            return await _answer(request, service, await _data(request))
        try:
            data, folder = await api_files.read(request)
        except InputError as error:
            return _error(422, str(error))
        answer = await _answer(request, service, data)
        answer.background = BackgroundTask(api_files.remove, folder)  # once the answer has gone out
        return answer

    for alias in paths[1:]:
        app.add_api_route(alias, predict, methods=["POST"], include_in_schema=False)


async def _answer(request: Request, service: Service, data: list[Any] | Response) -> Response:
    """The answer to a call with inputs ``data`` (or the refusal already made)."""
    if isinstance(data, Response):
        return data
    if request.query_params.get("stream") in ("1", "true") or "ndjson" in request.headers.get("accept", ""):
        return _stream(request, service, data)
    try:
        result = await _while_connected(request, service, data)
    except NicefaceError as error:
        return _failure(error, service.shown(error))
    if result is None:
        return Response(status_code=499)  # nobody is listening any more
    if service.flags_every_run:
        await _flag(request, service, data, result.outputs)
    return JSONResponse({"data": result.outputs, "duration": result.duration})


async def _data(request: Request) -> list[Any] | Response:
    """The "data" list of the body, or the 422 that says what is wrong with it."""
    try:
        body = json.loads(await request.body())
    except ValueError as error:  # also a body that is not UTF-8
        return _error(422, f"the body is not valid JSON: {error}")
    except RecursionError:
        return _too_deep(request)
    if not _shallow(body):
        return _too_deep(request)
    if not isinstance(body, dict) or not isinstance(body.get("data"), list):
        return _error(422, 'expected a JSON object {"data": [one value per input]}')
    data: list[Any] = body["data"]
    return data


def _failure(error: NicefaceError, message: str) -> JSONResponse:
    for kind, status, headers in STATUS:
        if isinstance(error, kind):
            return _error(status, message, headers)
    raise error


async def _flag(request: Request, service: Service, inputs: list[Any], outputs: list[Any]) -> None:
    """allow_flagging="auto": store the call; the answer goes out even when this fails."""
    try:
        await service.flag(inputs, outputs, username=visitor_of(request.state).username)
    except Exception:  # a full disk, a broken flags file: logged, and the answer still goes out
        log.exception("allow_flagging='auto': could not store the flag of an API call")


async def _while_connected(request: Request, service: Service, data: list[Any]) -> Result | None:
    """The run's result; None if the caller disconnected while it waited (it was withdrawn).
    The caller is watched only when its run has to wait: one that starts at once costs nothing more."""
    jobs: list[Job[Any]] = []
    watchers: list[asyncio.Task[None]] = []

    def on_job(job: Job[Any]) -> None:
        jobs.append(job)
        if job.queued:
            watchers.append(asyncio.ensure_future(_withdraw_when_gone(request, jobs)))
    try:
        return await service.run(data, service.definition.initial_state(), on_job=on_job,
                                 request=RunRequest.of(request, visitor_of(request.state).username))
    except asyncio.CancelledError:
        if jobs and jobs[0].status.kind == "cancelled" and watchers and watchers[0].done():
            return None  # withdrawn: nobody is listening any more
        raise
    finally:
        for watcher in watchers:
            watcher.cancel()


async def _withdraw_when_gone(request: Request, jobs: list[Job[Any]]) -> None:
    """Once the caller has gone (the body is read: its next message is the disconnect), withdraw
    its run if it still waits."""
    while (await request.receive())["type"] != "http.disconnect":
        pass
    if jobs and jobs[0].status.kind == "waiting" and jobs[0].cancel():
        log.warning("an API caller disconnected while its run waited: the run was withdrawn")


def _stream(request: Request, service: Service, data: list[Any]) -> StreamingResponse:
    """``?stream=true`` (or ``Accept: application/x-ndjson``): one JSON line per partial output
    of a generator fn ({"data": [...], "partial": true}), then the result ({"data", "duration"})
    or the error ({"detail": ...})."""
    from ..core.invoke import Result
    lines: asyncio.Queue[dict[str, Any] | None] = asyncio.Queue()

    def on_update(status: Any) -> None:
        if status.kind == "progress" and isinstance(status.detail, Result):
            lines.put_nowait({"data": status.detail.outputs, "partial": True})

    async def run() -> None:
        try:
            result = await service.run(data, service.definition.initial_state(), on_update=on_update,
                                       request=RunRequest.of(request, visitor_of(request.state).username))
            lines.put_nowait({"data": result.outputs, "duration": result.duration})
            if service.flags_every_run:
                await _flag(request, service, data, result.outputs)
        except NicefaceError as error:
            lines.put_nowait({"detail": service.shown(error)})
        finally:
            lines.put_nowait(None)

    async def body() -> AsyncIterator[bytes]:
        task = asyncio.ensure_future(run())
        try:
            while (line := await lines.get()) is not None:
                yield (json.dumps(line) + "\n").encode()
        finally:
            task.cancel()  # the caller left: stop waiting (a waiting run is withdrawn)

    return StreamingResponse(body(), media_type="application/x-ndjson")


def _shallow(value: Any) -> bool:
    """True if ``value`` nests lists and objects at most MAX_DEPTH deep (walked without recursion)."""
    level: list[Any] = [value]
    for _ in range(MAX_DEPTH):
        level = [item for node in level if isinstance(node, (list, dict))
                 for item in (node.values() if isinstance(node, dict) else node)]
        if not level:
            return True
    return not any(isinstance(node, (list, dict)) for node in level)


def _too_deep(request: Request) -> JSONResponse:
    log.warning("refused an API body nested more than %d levels deep (from %s)", MAX_DEPTH,
                request.client.host if request.client else "?")
    return _error(422, f"the body is nested too deeply (more than {MAX_DEPTH} levels)")


def _error(status: int, detail: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"detail": detail}, status_code=status, headers=headers)
