"""What an attacker does to a niceface app, for the tests in this folder: forged socket
events from a real page, requests from another loopback address, and the like."""
from __future__ import annotations

from typing import Any

import httpx

#: Emit a NiceGUI event as the page's own JavaScript would, but with values of our choosing:
#: [selector of the element's DOM node, event type, args list, client id or null for the page's own].
FORGE = """([selector, type, args, clientId]) => {
  const node = document.querySelector(selector).closest('[id^=c]');
  const id = Number(node.id.slice(1));
  const event = mounted_app.elements[id].events.find((e) => e.type === type);
  window.socket.emit('event', {id, client_id: clientId || window.clientId, listener_id: event.listener_id,
                               args: args.map((a) => JSON.stringify(a))});
  return {id, listener_id: event.listener_id, client_id: window.clientId};
}"""


def forge(page: Any, selector: str, event: str, *args: Any, client_id: str | None = None) -> dict[str, Any]:
    """Send ``event`` with ``args`` from ``page``'s socket to the element at ``selector``."""
    return page.evaluate(FORGE, [selector, event, list(args), client_id])


def from_address(address: str, **kwargs: Any) -> httpx.Client:
    """An HTTP client whose requests come from another loopback address (127.0.0.2 ...)."""
    return httpx.Client(transport=httpx.HTTPTransport(local_address=address), timeout=30, **kwargs)
