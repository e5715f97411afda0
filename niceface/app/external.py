"""load(): an Interface around a Hugging Face Hub model or a running Gradio app (a Space).

    load("huggingface/distilbert-base-uncased-finetuned-sst-2-english")   # or "models/..."
    load("spaces/abidlabs/en2fr")                                         # or a Gradio app's URL

Models: the Hub API gives the model's pipeline tag, which picks the components and the
conversions; inference goes through ``huggingface_hub.InferenceClient``. Spaces and Gradio
apps: the app's API description gives the components; calls go through ``gradio_client``
(the ``spaces`` extra). Either way the result is an ordinary Interface: callable with plain
values (file paths for media; a dict for labels), launchable, and its options can be
overridden (``title=``, ``inputs=``, ...).

Endpoints (so that everything can run against a local server):
    NICEFACE_HF_ENDPOINT            the Hub API (default: HF_ENDPOINT, else https://huggingface.co)
    NICEFACE_HF_INFERENCE_ENDPOINT  inference, as <endpoint>/models/<repo>
                                    (default: https://router.huggingface.co/hf-inference)
"""
from __future__ import annotations

import logging
import os
from typing import TYPE_CHECKING, Any

from ..exceptions import ConfigurationError, Error, MissingDependencyError
from .interface import Interface

if TYPE_CHECKING:
    from .remote_files import RemoteFiles

log = logging.getLogger(__name__)
DEFAULT_INFERENCE = "https://router.huggingface.co/hf-inference"


def hub_endpoint() -> str:
    return (os.environ.get("NICEFACE_HF_ENDPOINT") or os.environ.get("HF_ENDPOINT")
            or "https://huggingface.co").rstrip("/")


def inference_endpoint() -> str:
    return (os.environ.get("NICEFACE_HF_INFERENCE_ENDPOINT") or DEFAULT_INFERENCE).rstrip("/")


def load(name: str, src: str | None = None, api_key: str | None = None, alias: str | None = None,
         **overrides: Any) -> Interface:
    """An Interface for ``name``: "huggingface/<repo>", "models/<repo>", "spaces/<owner>/<name>",
    or the URL of a running Gradio app (or a bare name with ``src="models"`` / ``"spaces"``)."""
    if not isinstance(name, str) or not name.strip():
        raise ConfigurationError(f"load() needs a model or Space name, got {name!r}")
    name = name.strip()
    if src is None and name.startswith(("http://", "https://")):
        return _load_app(name, name, api_key, alias, overrides)
    if src is None:
        src, _, name = name.partition("/")
        if not name:
            raise ConfigurationError(f"load({src!r}): write 'models/<repo>', 'huggingface/<repo>' or "
                                     "'spaces/<owner>/<name>', or pass src=")
    if src in ("huggingface", "models"):
        return _load_model(name, api_key, alias, overrides)
    if src == "spaces":
        return _load_space(name, api_key, alias, overrides)
    raise ConfigurationError(f"load(): unknown source {src!r}; use 'models', 'huggingface' or 'spaces'")


# ---- models -------------------------------------------------------------------------------
def _load_model(repo: str, api_key: str | None, alias: str | None, overrides: dict[str, Any]) -> Interface:
    from huggingface_hub import InferenceClient
    from huggingface_hub.errors import HfHubHTTPError

    from .hub_tasks import as_file, tasks

    tag = _hub_info("model", repo, api_key).pipeline_tag
    task = tasks().get(tag or "")
    if task is None:
        raise ConfigurationError(f"model {repo!r} has pipeline tag {tag!r}, which load() does not support; "
                                 f"supported: {', '.join(sorted(tasks()))}")
    url = f"{inference_endpoint()}/models/{repo}"
    client = InferenceClient(model=url, token=api_key or None, timeout=120)

    def call(*values: Any) -> Any:
        values = tuple(as_file(value) for value in values)  # e.g. inputs="webcam" gives arrays
        try:
            return task.call(client, values)
        except HfHubHTTPError as error:
            raise Error(f"{repo}: the inference endpoint answered {_status(error)}") from error
        except Exception as error:  # unreachable, or an answer that does not parse
            raise Error(f"{repo}: the inference call to {url} failed: {type(error).__name__}: {error}") from error

    call.__name__ = call.__qualname__ = alias or repo.split("/")[-1]
    options = {"title": alias or repo, **overrides}
    return Interface(call, overrides.pop("inputs", None) or task.inputs(),
                     overrides.pop("outputs", None) or task.outputs(),
                     **{k: v for k, v in options.items() if k not in ("inputs", "outputs")})


def _hub_info(kind: str, repo: str, api_key: str | None) -> Any:
    """The Hub's description of a "model" or "Space"; ConfigurationError naming what failed."""
    from huggingface_hub import HfApi
    from huggingface_hub.errors import HfHubHTTPError, RepositoryNotFoundError

    hub = hub_endpoint()
    api = HfApi(endpoint=hub)
    try:
        return (api.model_info if kind == "model" else api.space_info)(repo, token=api_key or None)
    except RepositoryNotFoundError:
        raise ConfigurationError(f"{kind} {repo!r} was not found on {hub}") from None
    except HfHubHTTPError as error:
        raise ConfigurationError(f"{kind} {repo!r}: {hub} answered {_status(error)}") from None
    except Exception as error:  # connection refused, DNS, timeouts: the HTTP library's own errors
        raise ConfigurationError(f"cannot reach the Hub at {hub} to look up {kind} {repo!r}: {error}") from None


def _status(error: Any) -> str:
    response = getattr(error, "response", None)
    code = getattr(response, "status_code", None)
    text = ""
    try:
        text = response.json().get("error", "") if response is not None else ""
    except Exception:  # not JSON
        text = getattr(response, "text", "")[:200] if response is not None else ""
    return f"HTTP {code}" + (f": {text}" if text else "") if code else str(error)


# ---- Spaces and Gradio apps ---------------------------------------------------------------------
def _load_space(space: str, api_key: str | None, alias: str | None, overrides: dict[str, Any]) -> Interface:
    info = _hub_info("Space", space, api_key)
    host = getattr(info, "host", None)
    if getattr(info, "sdk", "gradio") not in (None, "gradio") or not host:
        raise ConfigurationError(f"Space {space!r} is not a running Gradio app (sdk {getattr(info, 'sdk', None)!r})")
    return _load_app(host, space, api_key, alias, overrides)


def _load_app(url: str, name: str, api_key: str | None, alias: str | None, overrides: dict[str, Any]) -> Interface:
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
    except Exception as error:  # gradio_client raises many kinds (ValueError, httpx errors, ...)
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
                for value, is_media in zip(values, media)]  # files go up as files, not as text
        try:
            result = client.predict(*sent, api_name=api_name)
        except Exception as error:
            raise Error(f"{name}: the app answered with an error: {error}") from error
        results = list(result) if len(shown) > 1 else [result]
        plain = [_plain(value, component, files) for value, component in zip(results, shown)]
        return tuple(plain) if len(plain) > 1 else plain[0]

    call.__name__ = call.__qualname__ = alias or name.rstrip("/").split("/")[-1] or "app"
    options = {"title": alias or name, **overrides}
    loaded = Interface(call, options.pop("inputs", None) or inputs, options.pop("outputs", None) or outputs, **options)
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
    from .. import components

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
    from ..components import Label
    if component.takes_upload:
        return files.local(value)
    if isinstance(component, Label) and isinstance(value, dict) and "confidences" in value:
        confidences = value.get("confidences") or []
        if confidences:
            return {str(c["label"]): float(c["confidence"]) for c in confidences}
        return value.get("label")
    return value  # text, numbers, JSON
