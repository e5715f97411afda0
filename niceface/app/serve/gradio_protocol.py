"""Gradio's wire protocol, so that ``gradio_client.Client(url)`` (and ``gr.load`` of a Space,
and our own ``niceface.load(url)``) can call a niceface app as if it were a Gradio app.

    GET  /config                       the config document: components, one endpoint per
                                       Interface ("/predict"; a TabbedInterface's api names)
    GET  /gradio_api/info, /info       the API description view_api() prints
    POST /gradio_api/queue/join, GET /gradio_api/queue/data, POST /gradio_api/cancel  (gradio_queue)
    POST /gradio_api/upload, GET /gradio_api/file=<path>                              (gradio_files)
    POST /login                        the gate's login (JSON for scripts: see gate.py)

Everything sits behind the same gate as ``/api/predict`` and runs through the same Services.
Values travel in Gradio's shapes (``gradio_shapes``); State stays on the server, per session.
"""
from __future__ import annotations

import asyncio
import inspect
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from starlette.responses import JSONResponse

from ...components.base import Component
from . import gradio_files, gradio_queue
from .gradio_shapes import props, schema, shape_of

if TYPE_CHECKING:
    from ..core.service import Service

#: the Gradio release whose protocol this speaks (sse_v3, /gradio_api prefix, cancel route)
VERSION = "5.0.0"


@dataclass(frozen=True, slots=True)
class Endpoint:
    """One endpoint: the Service behind it, its api name and its components' ids."""

    service: Service
    name: str
    inputs: list[tuple[int, Component]]
    outputs: list[tuple[int, Component]]
    button: int


def endpoints(services: list[Service], names: list[str]) -> list[Endpoint]:
    """The endpoints of an app's Services, with component ids counted from 1 (0 is the root)."""
    found, next_id = [], 1
    for service, name in zip(services, names, strict=True):
        definition = service.definition
        inputs = [(next_id + i, c) for i, c in enumerate(definition.wire_inputs)]
        next_id += len(inputs)
        outputs = [(next_id + i, c) for i, c in enumerate(definition.wire_outputs)]
        next_id += len(outputs)
        found.append(Endpoint(service, name, inputs, outputs, next_id))
        next_id += 1
    return found


def config(found: list[Endpoint], title: str | None, max_file_size: int | None, show_error: bool) -> dict[str, Any]:
    """The config document gradio_client reads first (and ``gr.load`` builds its app from)."""
    components = [_component(number, c, role) for e in found
                  for role, pairs in (("input", e.inputs), ("output", e.outputs)) for number, c in pairs]
    components += [{"id": e.button, "type": "button", "skip_api": True,
                    "props": {"name": "button", "value": "Submit", "variant": "primary", "visible": True}}
                   for e in found]
    children = [{"id": number} for e in found for number, _ in [*e.inputs, *e.outputs, (e.button, None)]]
    return {"version": VERSION, "api_prefix": gradio_files.PREFIX, "mode": "interface", "protocol": "sse_v3",
            "title": title or "niceface", "enable_queue": True, "show_error": show_error,
            "max_file_size": max_file_size, "connect_heartbeat": False, "is_space": False, "theme": None,
            "css": None, "js": None, "head": None, "components": components,
            "layout": {"id": 0, "children": children},
            "dependencies": [_dependency(index, e) for index, e in enumerate(found)]}


def _component(number: int, component: Component, role: str) -> dict[str, Any]:
    shape = shape_of(component)
    return {"id": number, "type": shape.gradio, "props": props(component, role), "skip_api": False,
            "api_info": schema(component), "api_info_as_input": schema(component),
            "api_info_as_output": schema(component), "example_inputs": shape.example}


def _dependency(index: int, endpoint: Endpoint) -> dict[str, Any]:
    fn = getattr(endpoint.service.definition, "fn", None)
    generator = inspect.isgeneratorfunction(fn) or inspect.isasyncgenfunction(fn)
    return {"id": index, "targets": [[endpoint.button, "click"]], "inputs": [n for n, _ in endpoint.inputs],
            "outputs": [n for n, _ in endpoint.outputs], "backend_fn": True, "js": None, "queue": True,
            "api_name": endpoint.name, "api_description": None, "api_visibility": "public",
            "scroll_to_output": False, "show_progress": "full", "show_progress_on": None, "batch": False,
            "max_batch_size": 4, "cancels": [], "types": {"generator": generator, "cancel": False},
            "collects_event_data": False, "trigger_after": None, "trigger_only_on_success": False,
            "trigger_only_on_failure": False, "trigger_mode": "once", "connection": "sse", "time_limit": None,
            "stream_every": 0.5, "event_specific_args": [], "component_prop_inputs": [], "js_implementation": None}


def info(found: list[Endpoint]) -> dict[str, Any]:
    """What ``Client.view_api()`` prints: each endpoint's named parameters and return values."""
    return {"named_endpoints": {f"/{e.name}": {
                "parameters": [_parameter(c) for _, c in e.inputs],
                "returns": [_described(c) for _, c in e.outputs], "api_visibility": "public"} for e in found},
            "unnamed_endpoints": {}}


def _described(component: Component) -> dict[str, Any]:
    shape = shape_of(component)
    return {"label": component.label or component.kind, "type": schema(component),
            "python_type": {"type": shape.python, "description": ""}, "component": shape.cls}


def _parameter(component: Component) -> dict[str, Any]:
    name = re.sub(r"\W+", "_", str(component.label or component.kind)).strip("_") or component.kind
    return {**_described(component), "parameter_name": name if name.isidentifier() else f"_{name}",
            "parameter_has_default": False, "parameter_default": None, "example_input": shape_of(component).example}


def register(app: Any, services: list[Service], names: list[str], title: str | None) -> None:
    """All the routes of the protocol, on ``app`` (inside the gate)."""
    found = endpoints(services, names)
    limits = services[0].options.limits
    document = config(found, title, limits.max_file_size, services[0].options.show_error)
    described = info(found)
    files = gradio_files.CallerFiles(limits)
    sessions = gradio_queue.Sessions([e.service for e in found], files)

    def config_route() -> JSONResponse:
        return JSONResponse(document, headers={"cache-control": "no-store"})

    def info_route() -> JSONResponse:
        return JSONResponse(described)
    app.add_api_route("/config", config_route, methods=["GET"], include_in_schema=False)
    for path in ("/info", f"{gradio_files.PREFIX}/info"):
        app.add_api_route(path, info_route, methods=["GET"], include_in_schema=False)
    gradio_files.register(app, files)
    gradio_queue.register(app, sessions)
    app.router.on_startup.append(lambda: _sweep(sessions))


def _sweep(sessions: gradio_queue.Sessions) -> None:
    """Every minute, forget idle Gradio-protocol sessions and their callers' files."""
    async def sweep() -> None:
        while True:
            await asyncio.sleep(60)
            sessions.sweep()
    _tasks.add(asyncio.get_running_loop().create_task(sweep(), name="niceface-gradio-sweep"))


_tasks: set[asyncio.Task[None]] = set()
