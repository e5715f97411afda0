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


#: like FORGE, but every id given by the caller: [element id, listener id, client id, args]
FORGE_RAW = """([id, listenerId, clientId, args]) => {
  window.socket.emit('event', {id, client_id: clientId, listener_id: listenerId,
                               args: args.map((a) => JSON.stringify(a))});
}"""

#: the ids a page's own button would send: [button text] -> {id, listener_id, client_id}
BUTTON_IDS = """([text]) => {
  const node = [...document.querySelectorAll('button')].find((b) => b.textContent.trim() === text).closest('[id^=c]');
  const id = Number(node.id.slice(1));
  const event = mounted_app.elements[id].events.find((e) => e.type === 'click');
  return {id, listener_id: event.listener_id, client_id: window.clientId};
}"""


class EvilSite:
    """A web page of the attacker's, served from another loopback address (another site)."""

    def __init__(self, html: str, host: str = "127.0.0.2") -> None:
        import http.server
        import threading

        body = html.encode()

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                self.send_response(200)
                self.send_header("content-type", "text/html; charset=utf-8")
                self.send_header("content-length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer((host, 0), Handler)
        self.url = f"http://{host}:{self.server.server_address[1]}/"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def __enter__(self) -> EvilSite:
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()
