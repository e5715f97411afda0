"""Flagging callbacks, with Gradio 3's interface, for teams that send flags elsewhere than
niceface's own store (``Interface(flagging_callback=...)``).

A callback is any object with two methods (``FlaggingCallback`` is their abstract base):

- ``setup(components, flagging_dir)``: called once when the app is launched, with the
  components whose values are flagged (the inputs, then the outputs) and ``flagging_dir`` as
  a string (``flagging_dir/<api name>`` for each tab of a TabbedInterface).
- ``flag(flag_data, flag_option="", username=None)``: called for each flag, on a worker thread
  (never on the server's event loop). ``flag_data`` holds one value per component given to
  ``setup``, as Gradio 3 serialised them: text, numbers, lists and dicts as they are, media as
  ``data:<type>;base64,...`` URLs, None for an output not produced yet. ``flag_option`` is the
  chosen ``flagging_options`` value ("" for the plain Flag button and for allow_flagging="auto"),
  ``username`` the signed-in user (None without ``auth=``). It returns the number of flagged
  samples (Gradio's convention; niceface does not use it). What it raises is logged, and the
  page says that the flag could not be saved.

Unlike Gradio 3, allow_flagging="auto" flags the outputs too: setup always gets inputs and
outputs.
"""
from __future__ import annotations

import abc
from collections.abc import Sequence
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from ...components._codecs import from_data_url, is_data_url, to_data_url
from ...exceptions import ConfigurationError

if TYPE_CHECKING:
    from ...storage.csv_log import CSVLog
# storage (tinydb, filelock) loads at the first flag: `import niceface` stays light


class Flags(Protocol):
    """Where a Service stores flags: the FlagStore, or a user's callback (CallbackFlags)."""

    def add(self, inputs: Sequence[Any], outputs: Sequence[Any] | None = None, *, option: str | None = None,
            username: str | None = None) -> Any: ...


class FlaggingCallback(abc.ABC):
    """The interface of a flagging callback (Gradio 3's ``FlaggingCallback``); see the module."""

    @abc.abstractmethod
    def setup(self, components: list[Any], flagging_dir: str) -> None:
        """Called once when the app is launched."""

    @abc.abstractmethod
    def flag(self, flag_data: list[Any], flag_option: str = "", username: str | None = None) -> int:
        """Store one flagged sample; the number of samples flagged so far."""


class CSVLogger(FlaggingCallback):
    """Flags as rows of ``flagging_dir/log.csv`` (Gradio 3's ``CSVLogger``): a header of the
    components' labels and "flag", "username", "timestamp" (UTC, ISO-8601); media saved under
    ``flagging_dir/files/`` with random names, their relative paths in the cells; cells that a
    spreadsheet would run as formulas neutralised. Nothing is written before the first flag."""

    def __init__(self) -> None:
        self.components: list[Any] = []
        self.flagging_dir = Path("flagged")
        self._log: CSVLog | None = None

    def setup(self, components: list[Any], flagging_dir: str | Path) -> None:
        from ...storage.csv_log import CSVLog
        self.components = list(components)
        self.flagging_dir = Path(flagging_dir)
        self._log = CSVLog(self.flagging_dir / "log.csv")

    def flag(self, flag_data: list[Any], flag_option: str = "", username: str | None = None) -> int:
        header = [getattr(component, "label", None) or f"component {index}"
                  for index, component in enumerate(self.components)]
        row = [self._cell(value) for value in flag_data]
        timestamp = datetime.now(timezone.utc).isoformat(timespec="milliseconds")
        if self._log is None:
            raise ConfigurationError("CSVLogger.flag() before setup(components, flagging_dir)")
        return self._log.append([*header, "flag", "username", "timestamp"], [*row, flag_option, username, timestamp])

    def _cell(self, value: Any) -> Any:
        if isinstance(value, str) and is_data_url(value):
            from ...storage.flags import Blob, store_file
            return store_file(self.flagging_dir, Blob(*from_data_url(value)))
        return value


class CallbackFlags:
    """A user's flagging callback where a Service expects its flag store: ``add`` as FlagStore's."""

    def __init__(self, callback: Any, components: list[Any], flagging_dir: str | Path) -> None:
        check_callback(callback)
        self.callback = callback
        self.size = len(components)
        callback.setup(components, str(flagging_dir))

    def add(self, inputs: Sequence[Any], outputs: Sequence[Any] | None = None, *, option: str | None = None,
            username: str | None = None) -> Any:
        from ...storage.flags import Blob
        values = [*inputs, *(outputs if outputs is not None else [None] * (self.size - len(inputs)))]
        def wire(value: Any) -> Any:  # media as data URLs, as Gradio 3 handed them, also inside lists
            if isinstance(value, Blob):
                return to_data_url(value.data, value.mime)
            return [wire(item) for item in value] if isinstance(value, (list, tuple)) else value
        return self.callback.flag([wire(value) for value in values], flag_option=option or "", username=username)


def check_callback(callback: Any) -> None:
    """A flagging_callback must have setup() and flag() methods (ConfigurationError)."""
    if not (callable(getattr(callback, "setup", None)) and callable(getattr(callback, "flag", None))):
        raise ConfigurationError(f"flagging_callback must have setup(components, flagging_dir) and flag(flag_data, "
                                 f"flag_option, username) methods, like niceface.CSVLogger(); got "
                                 f"{type(callback).__name__}")
