"""[UI] "Use via API": how to call this app from a shell or from Python, with its own inputs."""
from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from nicegui import ui

from ..core.visitor import visitor_of
from . import layout

if TYPE_CHECKING:
    from ..core.definition import Definition
    from ..core.site import Site

MEDIA = {"image": "data:image/png;base64,iVBORw0KGgo…", "audio": "data:audio/wav;base64,UklGR…",
         "video": "data:video/mp4;base64,AAAAIGZ0eXA…", "file": "data:application/octet-stream;base64,…"}


def render(definition: Definition, base: str, signed_in: bool, path: str = "predict") -> None:
    """The content for one definition: its endpoint (/api/<path>), one call in curl and
    Python, what each value is."""
    row = definition.examples[0] if definition.examples else [None] * len(definition.wire_inputs)
    data = [sample(component, value) for component, value in zip(definition.wire_inputs, row, strict=True)]
    body = json.dumps({"data": data})
    login = " -u USER:PASSWORD" if signed_in else ""
    auth = ', auth=("USER", "PASSWORD")' if signed_in else ""
    with ui.column().classes("nf-interface w-full max-w-4xl mx-auto gap-4 p-4"):
        ui.label(f"Use {definition.title or definition.name} via API").classes("text-2xl font-bold")
        ui.markdown(f"`POST {base}/api/{path}` with `{{\"data\": [one value per input]}}` answers "
                    f"`{{\"data\": [one value per output], \"duration\": seconds}}`. Pictures, sounds and files "
                    f"go both ways as base64 data URLs. [The OpenAPI description]({base}/docs) has the schema.")
        ui.label("From a shell").classes("text-lg font-semibold")
        ui.code(f"curl -s{login} -X POST {base}/api/{path} \\\n  -H 'content-type: application/json' \\\n"
                f"  -d '{body}'", language="bash").classes("w-full")
        ui.label("From Python").classes("text-lg font-semibold")
        ui.code(f"import httpx\n\nanswer = httpx.post(\"{base}/api/{path}\", json={{\"data\": {json.dumps(data)}}}"
                f"{auth}, timeout=60)\nprint(answer.json()[\"data\"])", language="python").classes("w-full")
        ui.label("The values").classes("text-lg font-semibold")
        rows = [{"side": side, "label": c.label or c.kind, "component": type(c).__name__, "value": _kind(c)}
                for side, components in (("in", definition.wire_inputs), ("out", definition.wire_outputs))
                for c in components]
        columns = [{"name": key, "label": key, "field": key, "align": "left"} for key in ("side", "label", "component",
                                                                                         "value")]
        ui.table(columns=columns, rows=rows).props("flat bordered dense hide-bottom").classes("w-full")
        ui.link("← back to the app", f"{base}/")


def render_site(site: Site, base: str, signed_in: bool) -> None:
    for definition, path in zip(site.definitions, site.api_names(), strict=True):
        render(definition, base, signed_in, path)


def sample(component: Any, example: Any = None) -> Any:
    """A value this input takes, for the calls shown: the first example's, else the input's
    default; a short stand-in for media."""
    if component.kind in MEDIA:
        return MEDIA[component.kind]
    try:
        value = component.postprocess(example) if example is not None else component.initial_payload()
    except Exception:  # noqa: BLE001 - an example this input cannot show: its default instead
        value = component.initial_payload()
    try:
        json.dumps(value)
    except (TypeError, ValueError):
        return None
    return value


KINDS = {"image": "a picture, as a data URL", "audio": "a WAV sound, as a data URL",
         "video": "a video, as a data URL", "file": "a file, as a data URL", "textbox": "text", "number": "a number",
         "slider": "a number", "checkbox": "true or false", "label": '{"label": ..., "confidences": [...]}'}


def _kind(component: Any) -> str:
    return KINDS.get(component.kind, "JSON")


def register(site: Site) -> None:
    @ui.page("/use-via-api", title=f"{site.title or 'niceface'}: use via API")
    def use_via_api() -> None:
        from nicegui import context
        request = context.client.request
        layout.theme(request)
        signed_in = visitor_of(request.state).username is not None
        render_site(site, f"{request.url.scheme}://{request.url.netloc}{layout.prefix(request)}", signed_in)
