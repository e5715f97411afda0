"""HTTP API: ``POST {root}/api/predict`` with ``{"data": [...]}``, through the same Service as
the page. A caller that disconnects while its run waits in the queue has it withdrawn."""
from __future__ import annotations

import asyncio
import json
import logging
from typing import TYPE_CHECKING, Any

from fastapi import FastAPI, Request, Response
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from ...exceptions import ArityError, FileTooLargeError, FunctionError, InputError, QueueFullError, RunTimeoutError
from ..core.visitor import visitor_of

if TYPE_CHECKING:
    from ..core.invoke import Result
    from ..core.jobs import Job
    from ..core.service import Service

log = logging.getLogger(__name__)
#: deeper JSON than any component takes; deeper still would exhaust Python's recursion limit
MAX_DEPTH = 64


class PredictRequest(BaseModel):
    data: list[Any] = Field(description="One value per input, in order; media as base64 data URLs.")


class PredictResponse(BaseModel):
    data: list[Any] = Field(description="One value per output, in order; media as base64 data URLs.")
    duration: float = Field(description="Seconds the run took, preprocessing to postprocessing.")


def register(app: FastAPI, service: Service) -> None:
    iface = service.definition
    inputs = ", ".join(f"{c.label or c.kind} ({type(c).__name__})" for c in iface.wire_inputs) or "none"
    outputs = ", ".join(f"{c.label or c.kind} ({type(c).__name__})" for c in iface.wire_outputs) or "none"
    # The body is read by hand, not through a pydantic parameter: FastAPI's validation and
    # response-model round trips were a third of the server's CPU per call. The documented
    # schema stays the same (openapi_extra, response_model).
    request_schema = {"content": {"application/json": {"schema": PredictRequest.model_json_schema()}},
                      "required": True}

    @app.post("/api/predict", response_model=PredictResponse, tags=["predict"],
              summary=f"Run {iface.name}", description=f"Inputs: {inputs}. Outputs: {outputs}.",
              openapi_extra={"requestBody": request_schema},
              responses={422: {"description": "bad JSON, wrong number or kind of values"},
                         503: {"description": "the queue is full"}, 500: {"description": "fn raised"}})
    async def predict(request: Request) -> Response:
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
        try:
            result = await _while_connected(request, service, body["data"])
        except FileTooLargeError as error:
            return _error(413, str(error))
        except (ArityError, InputError) as error:
            return _error(422, str(error))
        except QueueFullError as error:
            return _error(503, str(error), {"Retry-After": "1"})
        except RunTimeoutError as error:
            return _error(504, str(error))
        except FunctionError as error:
            return _error(500, str(error) if service.options.show_error else "fn raised an error")
        if result is None:
            return Response(status_code=499)  # nobody is listening any more
        if service.flags_every_run:
            try:
                await service.flag(body["data"], result.outputs, username=visitor_of(request.state).username)
            except Exception:  # the answer still goes out; the log says why the flag did not
                log.exception("allow_flagging='auto': could not store the flag of an API call")
        return JSONResponse({"data": result.outputs, "duration": result.duration})


async def _while_connected(request: Request, service: Service, data: list[Any]) -> Result | None:
    """The run's result; None if the caller disconnected first (a run still waiting is withdrawn)."""
    jobs: list[Job[Any]] = []
    run = asyncio.ensure_future(service.run(data, service.definition.initial_state(), on_job=jobs.append))
    gone = asyncio.ensure_future(_disconnected(request))
    await asyncio.wait({run, gone}, return_when=asyncio.FIRST_COMPLETED)
    gone.cancel()
    if run.done():
        return run.result()
    for job in jobs:
        if job.status.kind == "waiting" and job.cancel():
            log.warning("an API caller disconnected while its run waited: the run was withdrawn")
    run.cancel()
    return None


async def _disconnected(request: Request) -> None:
    """Return once the caller has gone (the body is read: the next message is the disconnect)."""
    while (await request.receive())["type"] != "http.disconnect":
        pass


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
