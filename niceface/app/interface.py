"""Interface: the public face of a Definition, reaching every layer below it.

``Interface(fn, inputs, outputs, ...)`` checks its interpretation at once; ``iface(...)`` runs
fn on plain values through the one door (``core.invoke``); ``interpret()`` explains a
prediction; ``launch()`` serves it; ``load()`` builds one around a Hub model or Gradio app.
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..components.label import Label
from ..components.limits import DEFAULT_MAX_IMAGE_PIXELS, Limits
from ..components.number import Number
from ..exceptions import ConfigurationError
from .core.definition import Definition
from .core.invoke import Call, invoke
from .core.options import RunOptions

if TYPE_CHECKING:
    from .serve.launch import Server


class Interface(Definition):
    """Wrap ``fn`` in a page with ``inputs`` and ``outputs``; ``launch()`` serves it."""

    server: Server | None = None  # set by launch()

    def _check(self) -> None:
        """``interpretation=`` must fit the inputs and outputs: checked now, not at the first click."""
        if self.interpretation is None:
            return
        first = self.wire_outputs[0] if self.wire_outputs else None
        if not isinstance(first, (Label, Number)):
            shown = type(first).__name__ if first else "no output"
            raise ConfigurationError(f"interpretation needs a Label (or Number) as the first output, not {shown}")
        from ..interpret import check_interpretation
        check_interpretation(self)

    def __call__(self, *values: Any) -> Any:
        """Run fn on plain values (text, numbers, arrays, file paths) without any UI; what fn
        returns (an async fn's result; a generator's last value)."""
        return invoke(self, Call(values, wire=False)).value()

    def interpret(self, *values: Any) -> list[Any]:
        """One interpretation structure per input (see SPEC §4)."""
        from ..interpret import explain
        return explain(self, list(values))

    @classmethod
    def load(cls, name: str, src: str | None = None, api_key: str | None = None, alias: str | None = None,
             **overrides: Any) -> Interface:
        """An Interface around a Hub model ("models/<repo>") or a Gradio app ("spaces/<owner>/<name>",
        or its URL); see ``niceface.app.external``."""
        from .external import load
        return load(cls, name, src=src, api_key=api_key, alias=alias, **overrides)

    def queue(self, concurrency_count: int = 1, status_update_rate: Any = "auto",  # noqa: PLR0917 - Gradio 3
              client_position_to_load_data: Any = None, default_enabled: bool | None = None,
              api_open: bool = True, max_size: int | None = None) -> Interface:
        """Turn the queue on for ``launch()`` (Gradio 3's ``demo.queue().launch()``): every run,
        from a page or the API, waits its turn among ``concurrency_count`` workers; at most
        ``max_size`` wait. The other arguments are Gradio's and change nothing here."""
        del status_update_rate, client_position_to_load_data, api_open  # Gradio's knobs of its own queue
        self.queued = {"enable_queue": default_enabled is not False, "concurrency_count": concurrency_count,
                       "max_size": max_size}
        return self

    def launch(self, *, auth: Any = None, auth_message: str | None = None, enable_queue: bool | None = None,
               concurrency_count: int | None = None, max_size: int | None = None, max_threads: int = 40,
               run_timeout: float | None = None, server_name: str | None = None, server_port: int | None = None,
               root_path: str = "", native: bool = False, inbrowser: bool | None = None,
               prevent_thread_lock: bool = False, show_error: bool = False, ssl_keyfile: str | None = None,
               ssl_certfile: str | None = None, ssl_keyfile_password: str | None = None,
               favicon_path: str | Path | None = None, max_file_size: int | str | None = None,
               max_image_pixels: int | None = DEFAULT_MAX_IMAGE_PIXELS, allow_embedding: bool = False,
               forwarded_allow_ips: str | list[str] | None = None, show_api: bool = True,
               app_kwargs: dict[str, Any] | None = None, quiet: bool = False, **gradio: Any) -> Server:
        """Serve the interface at http://server_name:server_port/ (first free port from 7860).
        Blocks until stopped, unless ``prevent_thread_lock`` (then ``close()`` stops it).

        How fn runs (``RunOptions``): ``enable_queue`` (None: as ``queue()`` said), ``concurrency_count``,
        ``max_size``, ``max_threads``, ``run_timeout``, ``show_error`` (False, as Gradio 3: the page
        says an error happened and the log has the details; ``niceface.Error`` messages always
        show), and the limits ``max_file_size`` (bytes, or "5mb") and ``max_image_pixels``
        (width × height; default 40 million). How it is served (``ServeOptions``): the rest.
        Gradio's other options (``share``, ``debug``, ``show_tips`` …) are accepted and said to
        change nothing; a misspelt name is a TypeError that suggests the right one."""
        from .serve.launch import launch, parse_size
        from .serve.options import ServeOptions, gradio_options
        gradio_options(gradio)
        queued = getattr(self, "queued", {})
        run = RunOptions(enable_queue=bool(queued.get("enable_queue")) if enable_queue is None else enable_queue,
                         concurrency_count=concurrency_count or queued.get("concurrency_count") or 1,
                         max_size=max_size if max_size is not None else queued.get("max_size"),
                         max_threads=max_threads, run_timeout=run_timeout, show_error=show_error,
                         limits=Limits(max_file_size=parse_size(max_file_size), max_image_pixels=max_image_pixels))
        serve = ServeOptions(auth=auth, auth_message=auth_message, server_name=server_name, server_port=server_port,
                             root_path=root_path, native=native, inbrowser=inbrowser,
                             prevent_thread_lock=prevent_thread_lock, ssl_keyfile=ssl_keyfile,
                             ssl_certfile=ssl_certfile, ssl_keyfile_password=ssl_keyfile_password,
                             favicon_path=favicon_path, allow_embedding=allow_embedding,
                             forwarded_allow_ips=forwarded_allow_ips, show_api=show_api, app_kwargs=app_kwargs,
                             quiet=quiet)
        self.server = launch(self, run, serve)
        return self.server

    def close(self) -> None:
        """Stop a server started with ``launch(prevent_thread_lock=True)``."""
        if self.server is not None:
            self.server.close()
            self.server = None
