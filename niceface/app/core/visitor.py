"""Who is using the app: what the login gate (serving layer) tells the page and the API
through the request's state, under one key."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

KEY = "niceface_visitor"


@dataclass(frozen=True, slots=True)
class Visitor:
    """The signed-in user and their session token (both None without ``auth=``; a Basic
    login has a user and no session)."""

    username: str | None = None
    session: str | None = None


ANONYMOUS = Visitor()


def visitor_of(state: Any) -> Visitor:
    """The Visitor a request's ``state`` carries (ANONYMOUS when there is no gate)."""
    visitor = getattr(state, KEY, None)
    return visitor if isinstance(visitor, Visitor) else ANONYMOUS
