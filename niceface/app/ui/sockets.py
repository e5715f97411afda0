"""[UI] A page is driven only by its own socket, and only while its login lasts.

NiceGUI routes a socket message to the client named in the message (``msg["client_id"]``),
whichever socket sent it: someone who learnt another page's client id could click its
buttons. Each message is let through only if the sending socket is in that client's room
(the handshake puts it there) and the page's ``allowed()`` check (its session is live)
holds; otherwise ``refused()`` is called (the page is sent to the login page once more).
"""
from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from typing import Any

log = logging.getLogger(__name__)
_GUARDED = ("event", "javascript_response", "ack", "log")
_checks: dict[str, tuple[Callable[[], bool], Callable[[], Any]]] = {}


def guard(client_id: str, allowed: Callable[[], bool], refused: Callable[[], Any]) -> None:
    """Let messages reach ``client_id`` only while ``allowed()`` (else call ``refused()``);
    ``forget`` the client when it is gone."""
    install()
    _checks[client_id] = allowed, refused


def forget(client_id: str) -> None:
    _checks.pop(client_id, None)


@functools.cache
def install() -> None:
    """Put the guard in front of NiceGUI's own message handlers (once per process)."""
    from nicegui import core
    handlers = core.sio.handlers["/"]
    for name in _GUARDED:
        core.sio.on(name, _guarded(core.sio, handlers[name]))


def _guarded(sio: Any, handler: Callable[[str, dict[str, Any]], Any]) -> Callable[[str, Any], Any]:
    def guarded(sid: str, message: Any) -> Any:
        client_id = message.get("client_id") if isinstance(message, dict) else None
        if not isinstance(client_id, str) or not _in_room(sio, sid, client_id):
            log.warning("dropped a socket message for client %.40r from socket %s, which does not own it",
                        client_id, sid)
            return None
        check = _checks.get(client_id)
        if check is not None and not check[0]():
            check[1]()
            return None
        return handler(sid, message)
    return guarded


def _in_room(sio: Any, sid: str, room: str) -> bool:
    """Is socket ``sid`` in ``room``? (The room's members, not every room of the server as
    ``sio.rooms(sid)`` walks: with 1,500 pages open, 1,500 rooms looked at per message.)"""
    return any(member == sid for member, _ in sio.manager.get_participants("/", room))
