"""Serve an app file as ``niceface run`` does: run it as ``python app.py`` would (its own
``launch()`` only prepares the server), find its Interface as Gradio does — the one the file
launches, else a module-level ``demo``, ``io``, ``iface`` or ``app``, or the one ``--name``
names — and serve it. With reload this is a child of the supervisor
(``python -m niceface.app.develop``): when the file fails to load, its traceback is served
instead, until the supervisor stops this process after the next save."""
from __future__ import annotations

import argparse
import os
import signal
import sys
import threading
import traceback
import types
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..exceptions import ConfigurationError
from .launchable import Launchable
from .serve import launch as launching
from .serve import managed

if TYPE_CHECKING:
    from .serve.launch import Server

NAMES = ("demo", "io", "iface", "app")


def main(argv: list[str] | None = None) -> int:
    """A reload child: import what serving needs, wait for the supervisor's "go", serve."""
    parser = argparse.ArgumentParser(prog="python -m niceface.app.develop")
    parser.add_argument("script", type=Path)
    parser.add_argument("--host", required=True)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--name")
    parser.add_argument("--report", type=Path, help="where to write the css= files to watch (JSON)")
    argv = sys.argv[1:] if argv is None else argv
    ours, arguments = (argv[:argv.index("--")], argv[argv.index("--") + 1:]) if "--" in argv else (argv, [])
    args = parser.parse_args(ours)  # then, after --, the script's own arguments
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C goes to the supervisor, which stops this child
    managed.preload()
    if sys.stdin.readline().strip() != "go":
        return 0  # the supervisor stopped before this spare was needed
    threading.Thread(target=_exit_with_supervisor, name="niceface-supervised", daemon=True).start()
    return serve_file(args.script, args.name, args.host, args.port, reload=True, report=args.report,
                      arguments=arguments)


def serve_file(script: Path, name: str | None, host: str, port: int, *, reload: bool,
               report: Path | None = None, arguments: list[str] | None = None) -> int:
    """Serve the Interface of ``script`` (run with ``arguments``) at ``host:port`` until stopped;
    1 when it fails to load without reload (with reload its traceback is served instead)."""
    state = managed.manage(host, port, reload=reload)
    try:
        server = load(script.resolve(), name, arguments or [])
    except (Exception, SystemExit) as error:  # noqa: BLE001 - any failure of the user's file is shown, not fatal
        trace = _trace(error)
        sys.stderr.write(f"niceface: {script.name} failed to load:\n{trace}")
        sys.stderr.flush()
        if not reload:
            return 1
        from .serve.error_page import serve_error
        serve_error(f"{script.name} failed to load", trace, host=host, port=port, boot_id=state.boot_id)
        return 0
    if report is not None:
        _report(report, server)
    server.run()
    return 0


def load(script: Path, name: str | None, arguments: list[str]) -> Server:
    """Run ``script`` as __main__ and return the server prepared for its Interface."""
    namespace = _run_as_main(script, arguments)
    prepared = launching.prepared()
    if prepared is not None and name is None:
        return prepared
    target = find(namespace, name, script.name)
    if prepared is None:
        return target.launch()
    if target.server is not prepared:
        raise ConfigurationError(f"{script.name} launches another app than {name!r}: remove its launch() call "
                                 "or the --name")
    return prepared


def find(namespace: dict[str, Any], name: str | None, file: str) -> Launchable:
    """The Interface named ``name``; else the first of demo, io, iface, app; else the only one."""
    if name is not None:
        if not isinstance(namespace.get(name), Launchable):
            raise ConfigurationError(f"{file} has no Interface named {name!r} at module level")
        return namespace[name]  # type: ignore[no-any-return]
    for known in NAMES:
        if isinstance(namespace.get(known), Launchable):
            return namespace[known]  # type: ignore[no-any-return]
    found = [key for key, value in namespace.items() if isinstance(value, Launchable) and not key.startswith("_")]
    if len(found) == 1:
        return namespace[found[0]]  # type: ignore[no-any-return]
    if found:
        raise ConfigurationError(f"{file} has several Interfaces ({', '.join(found)}); choose one with --name")
    raise ConfigurationError(f"{file} has no Interface at module level: call it demo, or choose one with --name")


def _run_as_main(script: Path, arguments: list[str]) -> dict[str, Any]:
    """Execute ``script`` as ``python script *arguments`` would: as __main__, its folder first on sys.path."""
    module = types.ModuleType("__main__")
    module.__file__ = str(script)
    sys.modules["__main__"] = module
    sys.argv = [str(script), *arguments]
    sys.path.insert(0, str(script.parent))
    exec(compile(script.read_bytes(), str(script), "exec"), module.__dict__)
    return module.__dict__


def _trace(error: BaseException) -> str:
    """The traceback from the user's file on (without this module's frames)."""
    frames = error.__traceback__
    while frames is not None and frames.tb_frame.f_code.co_filename == __file__:
        frames = frames.tb_next
    return "".join(traceback.format_exception(type(error), error, frames))


def _report(report: Path, server: Server) -> None:
    """Tell the supervisor which css= files this app read (it watches them too)."""
    import json
    files = [str(css) for service in server.services if (css := getattr(service.definition, "css_file", None))]
    partial = report.with_suffix(".partial")
    partial.write_text(json.dumps(files), encoding="utf-8")
    partial.replace(report)


def _exit_with_supervisor() -> None:
    """End this child when the supervisor is gone (its end of our stdin closes)."""
    sys.stdin.read()
    os._exit(0)


if __name__ == "__main__":
    raise SystemExit(main())
