"""HTTP client libraries that a server never uses load only when something uses them.

NiceGUI imports python-socketio, whose package imports its *client* classes, and engineio's
client modules import aiohttp, requests and websocket-client at once: ~15 MiB of an idle
niceface server's ~80 MiB, and ~0.15 s of its start, for code a server never runs. This
import hook lets those two modules load without them; each then gets the library as a
stand-in that imports it on first use (``Deferred``), so a program that does use socketio's
clients (or imports aiohttp itself) works as before. Nothing else is changed:
any other importer of these libraries gets them as usual, and a library already imported
stays as it is.
"""
from __future__ import annotations

import importlib.abc
import importlib.machinery
import importlib.util
import sys
from collections.abc import Sequence
from types import ModuleType
from typing import Any

#: the modules whose imports of client libraries are deferred, and those libraries
DEFERRED = {"engineio.client": ("requests", "websocket"), "engineio.async_client": ("aiohttp",)}


class _Finder(importlib.abc.MetaPathFinder):
    def find_spec(self, name: str, path: Sequence[str] | None, target: ModuleType | None = None) -> Any:  # noqa: ARG002
        if name not in DEFERRED:
            return None
        spec = importlib.machinery.PathFinder.find_spec(name, path)
        if spec is None or spec.loader is None:
            return None
        spec.loader = _Loader(spec.loader, DEFERRED[name])
        return spec


class _Loader(importlib.abc.Loader):
    """Runs the module with its client libraries unimportable (it expects them to be
    missing at times, in try/except), then hands it the lazy ones."""

    def __init__(self, loader: Any, libraries: tuple[str, ...]) -> None:
        self.loader, self.libraries = loader, libraries

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> ModuleType | None:
        return self.loader.create_module(spec)  # type: ignore[no-any-return]

    def exec_module(self, module: ModuleType) -> None:
        blocked = [name for name in self.libraries if name not in sys.modules]
        for name in blocked:
            sys.modules[name] = None  # type: ignore[assignment]  # "import name" raises ImportError
        try:
            self.loader.exec_module(module)
        finally:
            for name in blocked:
                if name in sys.modules and sys.modules[name] is None:
                    del sys.modules[name]
        for name in blocked:
            if getattr(module, name, False) is None:
                setattr(module, name, lazy(name))


class Deferred:
    """Stands for the library ``name`` in a module that imported it: the first attribute
    asked of it imports the library (as everyone else gets it) and answers from there.
    ``__class__`` and the other attributes every object has are its own, so that looking at
    it (``isinstance`` over ``gc.get_objects()``, as NiceGUI does at start) loads nothing."""

    def __init__(self, name: str) -> None:
        self._name = name

    def __getattr__(self, attribute: str) -> Any:
        return getattr(importlib.import_module(self._name), attribute)

    def __repr__(self) -> str:
        return f"<{self._name}, imported on first use>"


def lazy(name: str) -> Any:
    """The library ``name``: already imported, deferred if installed, else None."""
    if name in sys.modules:
        return sys.modules[name]
    return Deferred(name) if importlib.util.find_spec(name) is not None else None


def install() -> None:
    """Defer the client libraries of modules not imported yet (once per process)."""
    if not any(isinstance(finder, _Finder) for finder in sys.meta_path) and not all(name in sys.modules for name in
                                                                                   DEFERRED):
        sys.meta_path.insert(0, _Finder())


install()  # on import: niceface/__init__.py imports this module first
