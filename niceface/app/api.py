"""HTTP API: ``POST {root}/api/predict`` with ``{"data": [...]}``, through the same Runner."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from fastapi import FastAPI
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from ..exceptions import ArityError, FunctionError, InputError, QueueFullError

if TYPE_CHECKING:
    from .runner import Runner


class PredictRequest(BaseModel):
    data: list[Any] = Field(description="One value per input, in order; media as base64 data URLs.")


class PredictResponse(BaseModel):
    data: list[Any] = Field(description="One value per output, in order; media as base64 data URLs.")
    duration: float = Field(description="Seconds the run took, preprocessing to postprocessing.")


def register(app: FastAPI, runner: Runner) -> None:
    iface = runner.iface
    inputs = ", ".join(f"{c.label or c.kind} ({type(c).__name__})" for c in iface.wire_inputs) or "none"
    outputs = ", ".join(f"{c.label or c.kind} ({type(c).__name__})" for c in iface.wire_outputs) or "none"

    @app.post("/api/predict", response_model=PredictResponse, tags=["predict"],
              summary=f"Run {iface.name}", description=f"Inputs: {inputs}. Outputs: {outputs}.",
              responses={422: {"description": "bad JSON, wrong number or kind of values"},
                         503: {"description": "the queue is full"}, 500: {"description": "fn raised"}})
    async def predict(request: PredictRequest) -> Any:
        try:
            result = await runner.run(request.data, iface.initial_state())
        except (ArityError, InputError) as error:
            return JSONResponse({"detail": str(error)}, status_code=422)
        except QueueFullError as error:
            return JSONResponse({"detail": str(error)}, status_code=503, headers={"Retry-After": "1"})
        except FunctionError as error:
            detail = str(error) if runner.show_error else "fn raised an error"
            return JSONResponse({"detail": detail}, status_code=500)
        return {"data": result.payloads, "duration": result.duration}
