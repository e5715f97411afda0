""""default" interpretation: change one feature at a time and see how far the prediction moves."""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .evaluator import Change
from .features import Split
from .scoring import Reference


def changes(index: int, split: Split) -> list[Change]:
    """The runs leave-one-out needs for wire input ``index``: one per neighbour."""
    return [(index, neighbour) for neighbour in split.neighbours()]


def arrange(split: Split, reference: Reference, payloads: Sequence[Any]) -> Any:
    """The input's structure from the predictions of its neighbours (SPEC §4): a token scores
    the difference its removal makes; a neighbour value scores the negated difference."""
    # "+ 0.0" turns the -0.0 of a negated zero into 0.0
    return split.arrange([split.sign * reference.difference(payload) + 0.0 for payload in payloads])
