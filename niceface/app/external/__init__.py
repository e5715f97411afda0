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
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from ...exceptions import ConfigurationError, Error

if TYPE_CHECKING:
    from ..core.definition import Definition

D = TypeVar("D", bound="Definition")
Factory = Callable[..., D]  # Interface, as niceface.load passes it

log = logging.getLogger(__name__)
DEFAULT_INFERENCE = "https://router.huggingface.co/hf-inference"


def hub_endpoint() -> str:
    return (os.environ.get("NICEFACE_HF_ENDPOINT") or os.environ.get("HF_ENDPOINT")
            or "https://huggingface.co").rstrip("/")


def inference_endpoint() -> str:
    return (os.environ.get("NICEFACE_HF_INFERENCE_ENDPOINT") or DEFAULT_INFERENCE).rstrip("/")


def load(factory: Factory[D], name: str, src: str | None = None, api_key: str | None = None,
         alias: str | None = None, **overrides: Any) -> D:
    """A ``factory`` (Interface) for ``name``: "huggingface/<repo>", "models/<repo>", "spaces/<owner>/<name>",
    or the URL of a running Gradio app (or a bare name with ``src="models"`` / ``"spaces"``)."""
    if not isinstance(name, str) or not name.strip():
        raise ConfigurationError(f"load() needs a model or Space name, got {name!r}")
    name = name.strip()
    if src is None and name.startswith(("http://", "https://")):
        from .spaces import load_app
        return load_app(factory, name, name=name, api_key=api_key, alias=alias, overrides=overrides)
    if src is None:
        src, _, name = name.partition("/")
        if not name:
            raise ConfigurationError(f"load({src!r}): write 'models/<repo>', 'huggingface/<repo>' or "
                                     "'spaces/<owner>/<name>', or pass src=")
    if src in ("huggingface", "models"):
        return _load_model(factory, name, api_key, alias, overrides)
    if src == "spaces":
        return _load_space(factory, name, api_key, alias, overrides)
    raise ConfigurationError(f"load(): unknown source {src!r}; use 'models', 'huggingface' or 'spaces'")


# ---- models and Spaces by name on the Hub -----------------------------------------------------
def _load_model(factory: Factory[D], repo: str, api_key: str | None, alias: str | None,
                overrides: dict[str, Any]) -> D:
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

    call.__name__ = call.__qualname__ = alias or repo.rsplit("/", maxsplit=1)[-1]
    options = {"title": alias or repo, **overrides}
    return factory(call, overrides.pop("inputs", None) or task.inputs(),
                     overrides.pop("outputs", None) or task.outputs(),
                     **{k: v for k, v in options.items() if k not in ("inputs", "outputs")})


def _load_space(factory: Factory[D], space: str, api_key: str | None, alias: str | None,
                overrides: dict[str, Any]) -> D:
    info = _hub_info("Space", space, api_key)
    host = getattr(info, "host", None)
    if getattr(info, "sdk", "gradio") not in (None, "gradio") or not host:
        raise ConfigurationError(f"Space {space!r} is not a running Gradio app (sdk {getattr(info, 'sdk', None)!r})")
    from .spaces import load_app
    return load_app(factory, host, name=space, api_key=api_key, alias=alias, overrides=overrides)


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
    except Exception as error:  # noqa: BLE001 - refused, DNS, timeouts: whatever the HTTP library raises
        raise ConfigurationError(f"cannot reach the Hub at {hub} to look up {kind} {repo!r}: {error}") from None


def _status(error: Any) -> str:
    response = getattr(error, "response", None)
    code = getattr(response, "status_code", None)
    text = ""
    try:
        text = response.json().get("error", "") if response is not None else ""
    except ValueError:  # not JSON
        text = getattr(response, "text", "")[:200] if response is not None else ""
    return f"HTTP {code}" + (f": {text}" if text else "") if code else str(error)
