"""The shape of the code, checked: small modules and functions, no import circle, and the
launch() options spelled once (RunOptions and ServeOptions) with Interface.launch mirroring them."""
from __future__ import annotations

import ast
import dataclasses
import inspect
from pathlib import Path

import grimp

import niceface
from niceface.app.core.options import RunOptions
from niceface.app.serve.options import ServeOptions
from niceface.components.limits import Limits

PACKAGE = Path(niceface.__file__).parent


def test_no_module_over_400_lines_and_no_function_over_50() -> None:
    long_modules, long_functions = [], []
    for path in PACKAGE.rglob("*.py"):
        text = path.read_text()
        if text.count("\n") > 400:
            long_modules.append(path.name)
        long_functions += [f"{path.name}:{node.name}" for node in ast.walk(ast.parse(text))
                           if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
                           and node.end_lineno - node.lineno >= 50]
    assert long_modules == [] and long_functions == []


def test_no_import_circle() -> None:
    """No set of modules imports each other round (lazy and type-checking imports count)."""
    graph = grimp.build_graph("niceface")
    circles = [sorted(chain) for chain in _strongly_connected(graph) if len(chain) > 1]
    assert circles == []


def _strongly_connected(graph: grimp.ImportGraph) -> list[list[str]]:
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(module: str) -> None:  # Tarjan's algorithm
        index[module] = low[module] = len(index)
        stack.append(module)
        for imported in graph.find_modules_directly_imported_by(module) & graph.modules:
            if imported not in index:
                visit(imported)
                low[module] = min(low[module], low[imported])
            elif imported in stack:
                low[module] = min(low[module], index[imported])
        if low[module] == index[module]:
            component = []
            while not component or component[-1] != module:
                component.append(stack.pop())
            found.append(component)

    for module in sorted(graph.modules):
        if module not in index:
            visit(module)
    return found


def test_interface_launch_takes_exactly_the_options_of_run_and_serve() -> None:
    parameters = inspect.signature(niceface.Interface.launch).parameters
    named = {name: p.default for name, p in parameters.items() if name not in ("self", "gradio")}
    fields = {f.name: f.default for f in (*dataclasses.fields(RunOptions), *dataclasses.fields(ServeOptions))}
    limits = {f.name: f.default for f in dataclasses.fields(Limits)}
    fields.pop("limits")
    assert named.keys() == {**fields, **limits}.keys()  # the same names
    differ = {name for name, default in named.items() if default != {**fields, **limits}[name]}
    assert differ == {"enable_queue", "concurrency_count"}  # None there: as .queue() said, else RunOptions'
    assert named["show_error"] is False  # Gradio 3's default
