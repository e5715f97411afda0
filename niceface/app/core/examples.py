"""The ``examples=`` of an Interface, in every form Gradio 3 takes, as one list of rows.

- a list of rows: ``[["a", 1], ["b", 2]]``; for one input also ``[["a"], ["b"]]``
- a flat list, one value per row, for one input: ``["a", "b"]``
- a folder: its ``log.csv`` (a header, then one row per example; file names are relative to
  the folder), or, for one input, every file in it (sorted by name)

File names that exist relative to the folder become paths; a media example whose file is
missing is reported when the Interface is built (a warning naming it).
"""
from __future__ import annotations

import csv
import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ...exceptions import ConfigurationError

if TYPE_CHECKING:
    from ...components.base import Component

log = logging.getLogger(__name__)


class Examples:
    """Gradio 3's ``gr.Examples(examples, inputs, ...)``: in an Interface program, the rows it
    holds are the Interface's examples (``Interface(..., examples=gr.Examples(...))``); its
    ``examples_per_page`` and ``cache_examples`` apply when the Interface gives none."""

    def __init__(self, examples: Any, inputs: Any = None, outputs: Any = None, fn: Any = None,  # noqa: PLR0917
                 cache_examples: bool = False, examples_per_page: int = 10, label: str | None = "Examples",
                 **gradio: Any) -> None:
        del inputs, outputs, fn, label, gradio  # an Interface has its own inputs, outputs and fn
        self.examples, self.cache_examples, self.examples_per_page = examples, cache_examples, examples_per_page


def rows(examples: Any, inputs: list[Component]) -> list[list[Any]]:
    """``examples`` as rows of one value per input; ConfigurationError naming what is wrong."""
    if isinstance(examples, Examples):
        examples = examples.examples
    if examples is None:
        return []
    if isinstance(examples, (str, Path)):
        return _from_folder(Path(examples), inputs)
    if not isinstance(examples, (list, tuple)):
        raise ConfigurationError(f"examples must be a list of rows or a folder, got {type(examples).__name__}")
    width = len(inputs)
    nested = bool(examples) and isinstance(examples[0], (list, tuple))
    table = [list(row) for row in examples] if nested else [[value] for value in examples]
    for number, row in enumerate(table):
        if len(row) != width:
            raise ConfigurationError(f"examples[{number}] has {len(row)} value(s); the interface has {width} "
                                     f"input(s){'' if nested else ' (a flat list of examples is for one input)'}")
    _report_missing_files(table, inputs)
    return table


def _from_folder(folder: Path, inputs: list[Component]) -> list[list[Any]]:
    if not folder.is_dir():
        raise ConfigurationError(f"examples={str(folder)!r}: no such folder")
    table_file = folder / "log.csv"
    if table_file.is_file():
        with table_file.open(newline="", encoding="utf-8") as source:
            lines = [line for line in csv.reader(source) if line]
        table = [[_in_folder(folder, cell, component) for cell, component in zip(line, inputs, strict=False)]
                 for line in lines[1:]]
        return rows(table, inputs)
    if len(inputs) != 1:
        raise ConfigurationError(f"examples={str(folder)!r}: a folder without log.csv gives examples for one input; "
                                 f"the interface has {len(inputs)}")
    files = sorted(path for path in folder.iterdir() if path.is_file() and not path.name.startswith("."))
    return [[str(path)] for path in files]


def _in_folder(folder: Path, cell: str, component: Component) -> Any:
    """A log.csv cell: for a media input, the file in the folder it names; for another input,
    a path when it names a file in the folder, else the text itself."""
    path = folder / cell
    local = cell and not cell.startswith(("data:", "http:", "https:"))
    return str(path) if local and (component.takes_upload or path.is_file()) else cell


def _report_missing_files(table: list[list[Any]], inputs: list[Component]) -> None:
    for number, row in enumerate(table):
        for component, value in zip(inputs, row, strict=True):
            local = isinstance(value, str) and not value.startswith(("data:", "http:", "https:"))
            if component.takes_upload and local and not Path(value).is_file():
                log.warning("examples[%d]: %s names the file %r, which does not exist", number, component.describe(),
                            value)
