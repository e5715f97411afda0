"""The niceface error tree.

    NicefaceError                 base of every error niceface raises on purpose
    ├── ConfigurationError        an Interface or launch() was given something it cannot use
    │   └── UnknownComponentError a shortcut string names no component ("did you mean ...?")
    ├── InputError                a value given to a component cannot be used (bad upload, wrong type)
    │   └── FileTooLargeError     an upload is over ``max_file_size``
    ├── ArityError (TypeError)    the number of values does not match the number of inputs
    ├── FunctionError             the wrapped fn raised; the original is the ``__cause__``
    │   ├── RunTimeoutError       a run took longer than ``run_timeout`` and was abandoned
    │   ├── OutputError           fn returned a value its output component cannot show
    │   └── ExecutorError         launch(executor=...) could not run fn (its worker died, fn could not be sent)
    ├── QueueFullError            the queue already holds ``max_size`` waiting jobs
    ├── StorageError              a flag or credential file cannot be read or written
    └── MissingDependencyError    an optional extra is needed ("pip install 'niceface[interpret]'")

``Error`` is for user code: ``raise niceface.Error("message")`` inside fn shows exactly that
message in the page, without a traceback.
"""
from __future__ import annotations


class NicefaceError(Exception):
    """Base class of every error niceface raises on purpose."""


class ConfigurationError(NicefaceError, ValueError):
    """An Interface, component or launch() option cannot be used as given."""


class UnknownComponentError(ConfigurationError):
    """A shortcut string names no component."""


class InputError(NicefaceError, ValueError):
    """A value given to an input component cannot be used."""


class FileTooLargeError(InputError):
    """An uploaded file is larger than the app's ``max_file_size``."""


class ArityError(NicefaceError, TypeError):
    """The number of values does not match the number of inputs."""


class FunctionError(NicefaceError):
    """The wrapped function raised; the original exception is ``__cause__``. ``intended`` is
    True when fn raised ``niceface.Error`` (its message is meant for the user)."""

    def __init__(self, message: str, *, intended: bool = False) -> None:
        super().__init__(message)
        self.intended = intended


class RunTimeoutError(FunctionError):
    """A run took longer than the app's ``run_timeout``; its caller stopped waiting for it."""


class OutputError(FunctionError):
    """fn returned a value its output component cannot show ("f returned 42 for Image 'out':
    expected ..."); always shown, since it names the developer's mistake, not fn's secrets."""


class ExecutorError(FunctionError):
    """The executor of ``launch(executor=...)`` could not run fn: the worker running it died,
    fn or its values could not be sent, the cluster is gone. Always shown (it says nothing of fn)."""


class QueueFullError(NicefaceError):
    """The queue holds ``max_size`` waiting jobs already."""


class StorageError(NicefaceError):
    """A store file (flags, credentials) cannot be read or written."""


class MissingDependencyError(NicefaceError, ImportError):
    """An optional dependency is not installed."""


class Error(NicefaceError):
    """Raise inside fn to show this message to the user, without a traceback."""


def one_of(where: str, value: object, allowed: tuple[object, ...]) -> object:
    """``value`` if it is one of ``allowed``; else ConfigurationError naming ``where`` and the choices:
    ``one_of("Image 'x': source", "cam", ("upload", "webcam"))`` says "... must be 'upload' or 'webcam', not 'cam'"."""
    if value in allowed:
        return value
    names = [repr(choice) for choice in allowed]
    choices = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} or {names[-1]}"
    raise ConfigurationError(f"{where} must be {choices}, not {value!r}")
