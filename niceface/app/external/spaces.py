"""Gradio apps (and Spaces, once the Hub has named their host): components from the app's API
description, calls through ``gradio_client``, results as untrusted data (``remote_files``)."""
from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from ...exceptions import ConfigurationError, Error, MissingDependencyError

if TYPE_CHECKING:
    from ..core.definition import Definition
    from .remote_files import RemoteFiles

D = TypeVar("D", bound="Definition")


def load_app(factory: Callable[..., D], url: str, *, name: str, api_key: str | None, alias: str | None,
             overrides: dict[str, Any]) -> D:
    """A ``factory`` around the Gradio app at ``url`` (called ``name`` in messages)."""
    from .hub_tasks import as_file
    from .remote_files import RemoteFiles
    try:
        from gradio_client import Client
    except ImportError:
        raise MissingDependencyError("loading a Space or Gradio app needs gradio_client: "
                                     "pip install 'niceface[spaces]'") from None
    try:
        client = Client(url, token=api_key or None, verbose=False, analytics_enabled=False,
                        download_files=False)  # we fetch result files ourselves: see remote_files
        description = client.view_api(return_format="dict", print_info=False)
    except Exception as error:  # noqa: BLE001 - gradio_client raises many kinds (ValueError, httpx errors ...)
        raise ConfigurationError(f"cannot load the Gradio app at {url}: {error}") from None
    api_name, endpoint = _endpoint(description, url)
    inputs = [_component(parameter, "input") for parameter in endpoint.get("parameters", [])]
    outputs = [_component(value, "output") for value in endpoint.get("returns", [])]

    from gradio_client import handle_file
    media = [getattr(component, "takes_upload", False) for component in inputs]
    files = RemoteFiles(name, getattr(client, "src_prefixed", None) or client.src, dict(client.headers),
                        dict(client.cookies))
    shown: list[Any] = []  # the Interface's output components, once it is built

    def call(*values: Any) -> Any:
        sent = [handle_file(str(as_file(value))) if is_media and value is not None else value
                for value, is_media in zip(values, media, strict=False)]  # files go up as files, not as text
        try:
            result = client.predict(*sent, api_name=api_name)
        except Exception as error:
            raise Error(f"{name}: the app answered with an error: {error}") from error
        results = list(result) if len(shown) > 1 else [result]
        if len(results) != len(shown):
            raise Error(f"{name}: the app answered {len(results)} value(s) for {len(shown)} output(s)")
        plain = [_plain(value, component, files) for value, component in zip(results, shown, strict=True)]
        return tuple(plain) if len(plain) > 1 else plain[0]

    call.__name__ = call.__qualname__ = alias or name.rstrip("/").split("/")[-1] or "app"
    options = {"title": alias or name, **overrides}
    loaded = factory(call, options.pop("inputs", None) or inputs, options.pop("outputs", None) or outputs, **options)
    shown.extend(loaded.output_components)
    return loaded


def _endpoint(description: dict[str, Any], url: str) -> tuple[str, dict[str, Any]]:
    named = description.get("named_endpoints") or {}
    if "/predict" in named:
        return "/predict", named["/predict"]
    if named:
        api_name = next(iter(named))
        return api_name, named[api_name]
    raise ConfigurationError(f"the Gradio app at {url} has no named API endpoint to call")


_GRADIO_KINDS = {"textbox": "Textbox", "number": "Number", "slider": "Slider", "checkbox": "Checkbox",
                 "checkboxgroup": "CheckboxGroup", "radio": "Radio", "dropdown": "Dropdown", "image": "Image",
                 "audio": "Audio", "video": "Video", "file": "File", "dataframe": "Dataframe", "label": "Label",
                 "highlightedtext": "HighlightedText", "json": "JSON", "html": "HTML", "markdown": "Markdown",
                 "chatbot": "Chatbot"}


def _component(spec: dict[str, Any], role: str) -> Any:
    """One of our components for a parameter or return value of a Gradio app's API."""
    from ... import components

    kind = _GRADIO_KINDS.get(str(spec.get("component", "")).lower().replace(" ", ""), "Textbox")
    label = spec.get("label") or spec.get("parameter_name") or None
    cls = getattr(components, kind)
    options: dict[str, Any] = {"label": label}
    if kind == "Image" and role == "input":
        options["type"] = "filepath"
    if kind == "Audio" and role == "input":
        options["type"] = "filepath"
    if role == "input" and spec.get("parameter_has_default") and kind in ("Textbox", "Number", "Checkbox", "Slider"):
        options["value"] = spec.get("parameter_default")
    if kind in ("Radio", "Dropdown", "CheckboxGroup"):
        choices = _choices(spec)
        if not choices:
            cls, options = components.Textbox, {"label": label}
        else:
            options["choices"] = choices
    try:
        return cls(**options)
    except (TypeError, ConfigurationError):
        return cls(label=label)


def _choices(spec: dict[str, Any]) -> list[Any]:
    enum = (spec.get("type") or {}).get("enum") or (spec.get("type") or {}).get("items", {}).get("enum")
    return list(enum) if enum else []


def _plain(value: Any, component: Any, files: RemoteFiles) -> Any:
    """gradio_client's answer as the plain value our output component takes. Media come back
    as local copies fetched from the app (never as a path or URL the app chose)."""
    from ...components import Label
    if component.takes_upload:
        return files.local(value)
    if isinstance(component, Label) and isinstance(value, dict) and "confidences" in value:
        confidences = value.get("confidences") or []
        if confidences:
            return {str(c["label"]): float(c["confidence"]) for c in confidences}
        return value.get("label")
    return value  # text, numbers, JSON
