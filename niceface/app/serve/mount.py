"""mount_gradio_app: serve an Interface inside someone's own FastAPI app, under a path.

    app = FastAPI()
    app = gr.mount_gradio_app(app, demo, path="/demo")     # then: uvicorn main:app

The Interface's page, API and login gate live under ``path``; their start-up and shut-down
run with the host app's (Starlette runs no lifespan of a mounted app by itself)."""
from __future__ import annotations

from contextlib import asynccontextmanager
from typing import TYPE_CHECKING, Any

from ...exceptions import ConfigurationError

if TYPE_CHECKING:
    from collections.abc import AsyncIterator

    from ..core.definition import Definition


def mount_gradio_app(app: Any, blocks: Definition, path: str, gradio_api_url: str | None = None,
                     app_kwargs: dict[str, Any] | None = None, **launch_options: Any) -> Any:
    """Mount ``blocks`` (an Interface) on the FastAPI ``app`` at ``path``; returns ``app``.
    ``launch_options`` are launch()'s (auth=, max_file_size=, …); ``gradio_api_url`` is
    Gradio's and changes nothing here."""
    del gradio_api_url
    if not path.startswith("/") or path.rstrip("/") == "":
        raise ConfigurationError(f"mount_gradio_app: path must be a sub-path like '/demo', not {path!r}")
    from .asgi import build
    run, serve = blocks.options(app_kwargs=app_kwargs, **launch_options)  # type: ignore[attr-defined]
    inner, _services = build(blocks.site(), run, serve, attached=True)  # type: ignore[attr-defined]
    app.mount(path.rstrip("/"), inner)
    host_lifespan = app.router.lifespan_context

    @asynccontextmanager
    async def lifespan(host: Any) -> AsyncIterator[Any]:
        async with host_lifespan(host) as state, inner.lifespan.router.lifespan_context(inner.lifespan):
            yield state
    app.router.lifespan_context = lifespan
    return app
