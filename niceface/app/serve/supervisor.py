"""Supervisor: ``niceface run app.py`` with reload. This process never imports the app: it
serves it in a child process (``python -m niceface.app.develop``), watches the app's folder
(its ``.py`` and ``.css`` files, and a ``css=`` file the child reports), and on a save stops
that child and lets the next one serve at the same address. The next child is started ahead
and waits with NiceGUI already imported, so a reload costs only the app's own import."""
from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from .managed import RELOAD_ENV

WATCHED = (".py", ".css")
SKIPPED = {"__pycache__", "node_modules", "site-packages", "venv", "env", "build", "dist"}


class Child:
    """One reload child: started at once, serves after ``go()``, stopped by ``stop()``."""

    def __init__(self, command: list[str]) -> None:
        env = {key: value for key, value in os.environ.items() if key != RELOAD_ENV}
        self.process = subprocess.Popen(command, stdin=subprocess.PIPE, env=env)
        self.said_exit = False

    def go(self) -> None:
        stdin: IO[bytes] | None = self.process.stdin
        with contextlib.suppress(OSError):  # it died while waiting: its error is on the terminal
            assert stdin is not None
            stdin.write(b"go\n")
            stdin.flush()

    def notice_exit(self) -> None:
        """Say once on the terminal that this child ended by itself (a port in use, a crash)."""
        if self.process.poll() is not None and not self.said_exit:
            self.said_exit = True
            print(f"niceface: the app stopped (exit code {self.process.returncode}); save a file to start it again",
                  file=sys.stderr, flush=True)

    def stop(self) -> None:
        self.said_exit = True
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self.process.stdin is not None:
            with contextlib.suppress(OSError):
                self.process.stdin.close()


class Supervisor:
    """Serve ``script`` at ``host:port`` in a child process, again after every save."""

    def __init__(self, script: Path, *, host: str, port: int, name: str | None = None,
                 arguments: list[str] | None = None) -> None:
        self.script, self.host, self.port, self.name = script.resolve(), host, port, name
        self.arguments = arguments or []  # the script's own sys.argv[1:]
        self.folder = self.script.parent
        self.temp = Path(tempfile.mkdtemp(prefix="niceface-run-"))
        self.report = self.temp / "watch.json"  # the css= files the serving child read
        self.said: set[Path] = set()  # the css= files the terminal was told about

    def run(self) -> int:
        """Until Ctrl+C (or SIGTERM): serve, watch, reload."""
        print(f"Running on local URL:  http://{self.host}:{self.port}/", flush=True)
        print(f"Reloading on changes to {self.script.name} and the .py/.css files in {self.folder}",
              file=sys.stderr, flush=True)
        signal.signal(signal.SIGTERM, _interrupt)
        self.current, spare = self._spawn(), self._spawn()
        self.current.go()
        try:
            for changed in self._changes():
                print(f"niceface: {changed} changed; reloading", file=sys.stderr, flush=True)
                self.current.stop()
                self.current, spare = spare, self._spawn()
                self.current.go()
        except KeyboardInterrupt:
            pass
        finally:
            self.current.stop()
            spare.stop()
            shutil.rmtree(self.temp, ignore_errors=True)
        return 0

    def _spawn(self) -> Child:
        command = [sys.executable, "-m", "niceface.app.develop", str(self.script), "--host", self.host,
                   "--port", str(self.port), "--report", str(self.report)]
        return Child(command + (["--name", self.name] if self.name else []) + ["--", *self.arguments])

    def _changes(self) -> Iterator[str]:
        """The names of the watched files that changed, save by save. The watch goes on while
        the caller restarts the child: nothing saved meanwhile is missed."""
        while True:
            extra = self._reported()
            if extra - self.said:
                names = ", ".join(sorted(str(path) for path in extra - self.said))
                print(f"niceface: watching {names} too (css=)", file=sys.stderr, flush=True)
                self.said |= extra
            yield from self._watch(extra)

    def _watch(self, extra: set[Path]) -> Iterator[str]:
        """Watch the app's folder and the css= files ``extra``; ends when the child reports
        other css= files (then the watch starts again, over their folders too)."""
        import watchfiles
        roots = sorted({self.folder, *(path.parent for path in extra if not path.is_relative_to(self.folder))})
        for changes in watchfiles.watch(*roots, watch_filter=lambda _, path: self._watched(path, extra),
                                        yield_on_timeout=True, rust_timeout=1000, debounce=400):
            if changes:
                yield ", ".join(sorted({Path(path).name for _, path in changes}))
            else:
                self.current.notice_exit()
            if self._reported() != extra:
                return

    def _watched(self, path: str, extra: set[Path]) -> bool:
        file = Path(path)
        if file in extra:
            return True
        if file.suffix not in WATCHED or not file.is_relative_to(self.folder):
            return False
        folders = file.relative_to(self.folder).parts[:-1]
        return not any(part.startswith(".") or part in SKIPPED for part in folders)

    def _reported(self) -> set[Path]:
        try:
            return {Path(path) for path in json.loads(self.report.read_text(encoding="utf-8"))}
        except (OSError, ValueError, TypeError):
            return set()


def _interrupt(*_: Any) -> None:
    raise KeyboardInterrupt
