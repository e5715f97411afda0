"""State: a value kept on the server for one page load, never sent to the browser."""
from __future__ import annotations

from dataclasses import KW_ONLY
from typing import Any

from .base import Component, component


@component
class State(Component):
    value: Any = None
    _: KW_ONLY

    kind = "state"
    expects = "any value"
