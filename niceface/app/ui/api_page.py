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

#: a media input's file in the calls shown: (a file name to replace, its type)
MEDIA = {"image": ("picture.png", "image/png"), "audio": ("sound.wav", "audio/wav"),
         "video": ("video.mp4", "video/mp4"), "file": ("document.pdf", "application/octet-stream")}


class _File:
    """A media input's value in the calls shown: the data URL of a file of the caller's."""

    def __init__(self, number: int, kind: str) -> None:
        self.variable = f"FILE{number}"
        self.name, self.mime = MEDIA[kind]


def _shell(data: list[Any]) -> tuple[str, str]:
    """(lines that read the files, the JSON body with them in)."""
    files = [item for item in data if isinstance(item, _File)]
    reads = "".join(f"{f.variable}=$(base64 -w0 {f.name})   # any {f.name.split('.')[-1]} file of yours\n"
                    for f in files)
    body = json.dumps({"data": [f"\0{i}" if isinstance(item, _File) else item for i, item in enumerate(data)]})
    for number, item in enumerate(data):
        if isinstance(item, _File):
            body = body.replace(f'"\\u0000{number}"', f'"data:{item.mime};base64,\'"${item.variable}"\'"')
    return reads, body


def _python(data: list[Any]) -> tuple[str, str]:
    """(the imports and the helper that reads a file as a data URL, the data list as Python)."""
    if not any(isinstance(item, _File) for item in data):
        return "import httpx\n\n", repr(data)  # Python's spelling: True, None
    helper = ("import base64\nfrom pathlib import Path\n\nimport httpx\n\n\ndef data_url(path, mime):\n"
              "    return f\"data:{mime};base64,\" + base64.b64encode(Path(path).read_bytes()).decode()\n\n\n")
    items = [f'data_url("{item.name}", "{item.mime}")' if isinstance(item, _File) else repr(item)
             for item in data]
    return helper, "[" + ", ".join(items) + "]"


def render(definition: Definition, base: str, signed_in: bool, path: str = "predict", *, name: str | None = None,
           back: bool = True) -> None:
    """The content for one definition (``name``: what the page calls it, e.g. its tab): its
    endpoint (/api/<path>), one call in curl and Python, what each value is."""
    row = definition.examples[0] if definition.examples else [None] * len(definition.wire_inputs)
    data = [_File(n, c.kind) if c.kind in MEDIA else sample(c, value)
            for n, (c, value) in enumerate(zip(definition.wire_inputs, row, strict=True))]
    reads, body = _shell(data)
    helper, listed = _python(data)
    login = " -u USER:PASSWORD" if signed_in else ""
    auth = ', auth=("USER", "PASSWORD")' if signed_in else ""
    with ui.column().classes("nf-interface w-full max-w-4xl mx-auto gap-4 p-4"):
        ui.label(f"Use {name or definition.title or definition.name} via API").classes("text-2xl font-bold")
        ui.markdown(f"`POST {base}/api/{path}` with `{{\"data\": [one value per input]}}` answers "
                    f"`{{\"data\": [one value per output], \"duration\": seconds}}`. Pictures, sounds and files "
                    f"go both ways as base64 data URLs; for large files, send `multipart/form-data`: a `data` "
                    f"field with the JSON list, where `{{\"upload\": \"<field>\"}}` stands for the file sent in "
                    f"`<field>` of the same request. "
                    f"[The OpenAPI description]({base}/docs) has the schema.")
        ui.label("From a shell").classes("text-lg font-semibold")
        ui.code(f"{reads}curl -s{login} -X POST {base}/api/{path} \\\n  -H 'content-type: application/json' \\\n"
                f"  -d '{body}'", language="bash").classes("w-full nf-api-code")
        ui.label("From Python").classes("text-lg font-semibold")
        ui.code(f"{helper}answer = httpx.post(\"{base}/api/{path}\", json={{\"data\": {listed}}}"
                f"{auth}, timeout=60)\nprint(answer.json()[\"data\"])", language="python").classes("w-full nf-api-code")
        _gradio_client(data, base, signed_in, path)
        ui.label("The values").classes("text-lg font-semibold")
        rows = [{"side": side, "label": c.label or c.kind, "component": type(c).__name__, "value": _kind(c)}
                for side, components in (("in", definition.wire_inputs), ("out", definition.wire_outputs))
                for c in components]
        columns = [{"name": key, "label": key, "field": key, "align": "left"} for key in ("side", "label", "component",
                                                                                         "value")]
        ui.table(columns=columns, rows=rows).props("flat bordered dense hide-bottom wrap-cells").classes("w-full")
        if back:
            ui.link("← back to the app", f"{base}/")


def _gradio_client(data: list[Any], base: str, signed_in: bool, path: str) -> None:
    """The same call through Gradio's own client (the app speaks Gradio's protocol)."""
    values = ", ".join(f'handle_file("{item.name}")' if isinstance(item, _File) else repr(item) for item in data)
    auth = ', auth=("USER", "PASSWORD")' if signed_in else ""
    ui.label("With gradio_client").classes("text-lg font-semibold")
    names = "Client, handle_file" if "handle_file(" in values else "Client"
    ui.code(f"from gradio_client import {names}\n\nclient = Client(\"{base}/\"{auth})\n"
            f"print(client.predict({values}{', ' if values else ''}api_name=\"/{path}\"))",
            language="python").classes("w-full nf-api-code")


def render_site(site: Site, base: str, signed_in: bool) -> None:
    """Each tab's (or the one interface's) calls, one link back to the app at the end."""
    last = len(site.tabs) - 1
    for number, ((tab, definition), path) in enumerate(zip(site.tabs, site.api_names(), strict=True)):
        render(definition, base, signed_in, path, name=tab if site.tabbed else None, back=number == last)


def sample(component: Any, example: Any = None) -> Any:
    """A value this input takes, for the calls shown: the first example's, else the input's default."""
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


def show(site: Site) -> None:
    """The "Use via API" page of ``site``, for the request being answered."""
    from nicegui import context
    request = context.client.request
    layout.theme(request)
    signed_in = visitor_of(request.state).username is not None
    render_site(site, f"{request.url.scheme}://{request.url.netloc}{layout.prefix(request)}", signed_in)
