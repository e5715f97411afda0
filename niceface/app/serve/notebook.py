"""launch() in a Jupyter kernel: it returns at once and shows the app inline (an IFrame, as
Gradio does). Running the cell again replaces the app: a launch() without ``server_port``
closes the app the kernel launched last and serves the new one at its address."""
from __future__ import annotations

import sys
from dataclasses import replace
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .options import ServeOptions

_last: list[Any] = []  # the server this kernel launched last (at most one)


def in_notebook() -> bool:
    """True inside a Jupyter (IPython) kernel."""
    shell = getattr(sys.modules.get("IPython"), "get_ipython", lambda: None)()
    return shell is not None and type(shell).__name__ == "ZMQInteractiveShell"


def take_over(serve: ServeOptions) -> ServeOptions:
    """Close the app the kernel launched last; serve at its port unless told another. The
    notebook frames the app: shown inline, the app may be framed (as Gradio's always may)."""
    serve = replace(serve, allow_embedding=True) if serve.inline is not False else serve
    if not _last:
        return serve
    previous = _last.pop()
    previous.close()
    return serve if serve.server_port else replace(serve, server_port=previous.port)


def show(server: Any, serve: ServeOptions) -> Any:
    """Start ``server`` (a launch.Server) in the background and show it in the cell's output (``inline``, the
    default: a frame of ``width`` × ``height``; else the address only)."""
    server.start_in_thread()
    _last.append(server)
    if serve.inline is False:
        return server
    from IPython.display import IFrame, display
    display(IFrame(server.url, width=serve.width, height=serve.height))  # type: ignore[no-untyped-call]
    return server
