"""What fn can reach of the run it is in: progress, notices for the page, and who asked.

    def fn(text, progress=gr.Progress()):        # a progress bar on the page
        for chunk in progress.tqdm(chunks, desc="Reading"):
            ...
    def fn(text, request: gr.Request):            # the caller's headers, address, username
    gr.Warning("Shorter, please")                 # a toast on the page (the run goes on)
    gr.Info("Done with the first half")

``invoke`` sets the current run (a context variable, in the thread that runs fn) and passes
``Progress`` and ``Request`` parameters by keyword; they are not inputs.
"""
from __future__ import annotations

import contextlib
import contextvars
import inspect
import logging
import typing
from collections.abc import Callable, Iterable, Iterator, Mapping, Sized
from dataclasses import dataclass, field
from typing import Any, Literal

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Notice:
    """A message for the page while fn runs: ``gr.Warning`` or ``gr.Info``."""

    kind: Literal["warning", "info"]
    message: str


@dataclass(frozen=True, slots=True)
class ProgressUpdate:
    """How far fn is: ``fraction`` 0..1 (None: going, amount unknown) and what it does."""

    fraction: float | None
    description: str | None = None


@dataclass(frozen=True, slots=True)
class Client:
    host: str | None
    port: int | None = None


@dataclass(frozen=True)
class Request:
    """Who asked for a run (``fn(..., request: gr.Request)``): the HTTP request's headers,
    query parameters and client address, the signed-in ``username``, and ``session_hash``
    (one per open page)."""

    headers: Mapping[str, str] = field(default_factory=dict)
    query_params: Mapping[str, str] = field(default_factory=dict)
    client: Client = field(default_factory=lambda: Client(None))
    username: str | None = None
    session_hash: str | None = None

    @classmethod
    def of(cls, http: Any, username: str | None = None, session: str | None = None) -> Request:
        """From an HTTP request (Starlette's, or anything with headers, query_params, client)."""
        peer = getattr(http, "client", None)
        return cls(headers=dict(http.headers), query_params=dict(http.query_params),
                   client=Client(getattr(peer, "host", None), getattr(peer, "port", None)),
                   username=username, session_hash=session)


@dataclass(slots=True)
class Run:
    """The run fn is in: where its reports go, and the request it answers."""

    report: Callable[[Any], Any] | None = None
    request: Request | None = None


_current: contextvars.ContextVar[Run | None] = contextvars.ContextVar("niceface_run", default=None)


@contextlib.contextmanager
def running(run: Run) -> Iterator[None]:
    token = _current.set(run)
    try:
        yield
    finally:
        _current.reset(token)


def current() -> Run | None:
    return _current.get()


def _report(detail: Any) -> bool:
    run = current()
    if run is None or run.report is None:
        return False
    run.report(detail)
    return True


def notify(notice: Notice) -> None:
    """Show ``notice`` on the page of the current run; outside a run, log it."""
    if not _report(notice):
        log.log(logging.WARNING if notice.kind == "warning" else logging.INFO, "%s", notice.message)


def Warning(message: str) -> None:  # noqa: N802 - Gradio's name and spelling
    """Show ``message`` as a warning on the page of the run fn is in (it goes on running)."""
    notify(Notice("warning", str(message)))


def Info(message: str) -> None:  # noqa: N802 - Gradio's name and spelling
    """Show ``message`` on the page of the run fn is in."""
    notify(Notice("info", str(message)))


class Progress:
    """A progress bar on the page: give fn a parameter ``progress=gr.Progress()`` and call
    ``progress(0.3, desc="Loading")``, ``progress((3, 10))``, or iterate ``progress.tqdm(items)``.
    Outside a run (``iface(...)`` in a script) it does nothing."""

    def __init__(self, track_tqdm: bool = False) -> None:
        self.track_tqdm = track_tqdm  # Gradio patches tqdm itself; here, use progress.tqdm

    def __call__(self, progress: float | tuple[int, int | None] | None, desc: str | None = None,
                 total: int | None = None, unit: str = "steps") -> Progress:
        del unit
        if isinstance(progress, tuple):
            done, total = progress
            progress = done / total if total else None
        elif total and progress is not None and progress > 1:
            progress = progress / total
        _report(ProgressUpdate(None if progress is None else max(0.0, min(1.0, float(progress))), desc))
        return self

    def tqdm(self, iterable: Iterable[Any], desc: str | None = None, total: int | None = None,
             unit: str = "steps", **_options: Any) -> Iterator[Any]:
        """The items of ``iterable``, reporting progress as they are taken."""
        del unit
        length = total if total is not None else len(iterable) if isinstance(iterable, Sized) else None
        self(0.0 if length else None, desc)
        for number, item in enumerate(iterable, start=1):
            yield item
            self((number, length) if length else None, desc)


def special_parameters(fn: Callable[..., Any]) -> dict[str, type]:
    """fn's parameters that are not inputs: those with a ``Progress`` default, and those
    annotated ``Request`` (name -> kind)."""
    try:
        parameters = inspect.signature(fn).parameters
    except (TypeError, ValueError):
        return {}
    try:
        hints = typing.get_type_hints(fn)
    except Exception:  # noqa: BLE001 - annotations that do not resolve: read them as text below
        hints = {}
    special: dict[str, type] = {}
    for name, parameter in parameters.items():
        hint = hints.get(name, parameter.annotation)
        if isinstance(parameter.default, Progress):
            special[name] = Progress
        elif hint is Request or (isinstance(hint, str) and hint.split(".")[-1] == "Request"):
            special[name] = Request
    return special
