"""Launchable: what can be served — an Interface, or several in a TabbedInterface:
``queue()``, ``launch()``, ``close()``, and the options launch() turns into RunOptions and
ServeOptions."""
from __future__ import annotations

from concurrent.futures import Executor
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..components.limits import DEFAULT_MAX_IMAGE_PIXELS, Limits
from .core.options import RunOptions

if TYPE_CHECKING:
    from .core.site import Site
    from .serve.launch import Server


class Launchable:
    """A mixin: ``site()`` says what is served; the rest is shared."""

    server: Server | None = None  # set by launch()
    local_url: str | None = None  # Gradio's: the address launch() serves at
    share_url: str | None = None  # Gradio's: there is no share link

    def site(self) -> Site:
        raise NotImplementedError

    def queue(self, concurrency_count: int = 1, status_update_rate: Any = "auto",  # noqa: PLR0917 - Gradio 3
              client_position_to_load_data: Any = None, default_enabled: bool | None = None,
              api_open: bool = True, max_size: int | None = None) -> Launchable:
        """Turn the queue on for ``launch()`` (Gradio 3's ``demo.queue().launch()``): every run,
        from a page or the API, waits its turn among ``concurrency_count`` workers; at most
        ``max_size`` wait. The other arguments are Gradio's and change nothing here."""
        del status_update_rate, client_position_to_load_data, api_open  # Gradio's knobs of its own queue
        self.queued = {"enable_queue": default_enabled is not False, "concurrency_count": concurrency_count,
                       "max_size": max_size}
        return self

    def launch(self, *, auth: Any = None, auth_message: str | None = None, enable_queue: bool | None = None,
               concurrency_count: int | None = None, max_size: int | None = None, max_threads: int = 40,
               run_timeout: float | None = None, executor: Executor | None = None, server_name: str | None = None,
               server_port: int | None = None, root_path: str = "", native: bool = False, inbrowser: bool | None = None,
               prevent_thread_lock: bool = False, show_error: bool = False, ssl_keyfile: str | None = None,
               ssl_certfile: str | None = None, ssl_keyfile_password: str | None = None,
               favicon_path: str | Path | None = None, max_file_size: int | str | None = None,
               max_image_pixels: int | None = DEFAULT_MAX_IMAGE_PIXELS, allow_embedding: bool = False,
               forwarded_allow_ips: str | list[str] | None = None, show_api: bool = True,
               app_kwargs: dict[str, Any] | None = None, quiet: bool = False, inline: bool | None = None,
               height: int = 500, width: int | str = "100%", **gradio: Any) -> Server:
        """Serve the interface at http://server_name:server_port/ (first free port from 7860).
        Blocks until stopped, unless ``prevent_thread_lock`` (then ``close()`` stops it).

        How fn runs (``RunOptions``): ``enable_queue`` (None: as ``queue()`` said), ``concurrency_count``,
        ``max_size``, ``max_threads``, ``run_timeout``, ``executor`` (a ``concurrent.futures.Executor``
        that runs every call of fn, e.g. Dask's ``Client(cluster).get_executor()``), ``show_error``
        (False, as Gradio 3: the page says an error happened and the log has the details;
        ``niceface.Error`` messages always show), and the limits ``max_file_size`` (bytes, or
        "5mb") and ``max_image_pixels`` (width × height; default 40 million). How it is served
        (``ServeOptions``): the rest. Gradio's other options (``share``, ``debug``, ``show_tips`` …)
        are accepted and said to change nothing; a misspelt name is a TypeError that suggests the right one."""
        from .serve.launch import launch
        run, serve = self.options(auth=auth, auth_message=auth_message, enable_queue=enable_queue,
                                  concurrency_count=concurrency_count, max_size=max_size, max_threads=max_threads,
                                  run_timeout=run_timeout, executor=executor, server_name=server_name,
                                  server_port=server_port,
                                  root_path=root_path, native=native, inbrowser=inbrowser,
                                  prevent_thread_lock=prevent_thread_lock, show_error=show_error,
                                  ssl_keyfile=ssl_keyfile, ssl_certfile=ssl_certfile,
                                  ssl_keyfile_password=ssl_keyfile_password, favicon_path=favicon_path,
                                  max_file_size=max_file_size, max_image_pixels=max_image_pixels,
                                  allow_embedding=allow_embedding, forwarded_allow_ips=forwarded_allow_ips,
                                  show_api=show_api, app_kwargs=app_kwargs, quiet=quiet, inline=inline,
                                  height=height, width=width, **gradio)
        self.server = launch(self.site(), run, serve)
        self.local_url, self.share_url = self.server.url, None  # Gradio's attributes; there is no share link
        return self.server

    def options(self, *, enable_queue: bool | None = None, concurrency_count: int | None = None,
                max_size: int | None = None, max_threads: int = 40, run_timeout: float | None = None,
                executor: Executor | None = None, show_error: bool = False, max_file_size: int | str | None = None,
                max_image_pixels: int | None = DEFAULT_MAX_IMAGE_PIXELS, **serving: Any) -> tuple[RunOptions, Any]:
        """launch()'s options as (RunOptions, ServeOptions); ``queue()``'s settings fill what is
        not given; Gradio's own options are checked (a misspelt one is a TypeError)."""
        from .serve.launch import parse_size
        from .serve.options import ServeOptions, gradio_options
        gradio = {name: serving.pop(name) for name in list(serving) if name not in ServeOptions.__dataclass_fields__}
        gradio_options(gradio)
        queued = getattr(self, "queued", {})
        run = RunOptions(enable_queue=bool(queued.get("enable_queue")) if enable_queue is None else enable_queue,
                         concurrency_count=concurrency_count or queued.get("concurrency_count") or 1,
                         max_size=max_size if max_size is not None else queued.get("max_size"),
                         max_threads=max_threads, run_timeout=run_timeout, executor=executor, show_error=show_error,
                         limits=Limits(max_file_size=parse_size(max_file_size), max_image_pixels=max_image_pixels))
        return run, ServeOptions(**serving)

    def close(self) -> None:
        """Stop a server started with ``launch(prevent_thread_lock=True)``."""
        if self.server is not None:
            self.server.close()
            self.server = None
