"""Headers at the edge of the app: which forwarded headers to believe, which to add.

``ProxyTrust`` believes ``X-Forwarded-For``, ``-Proto`` and ``-Prefix`` only from the
proxies named in ``forwarded_allow_ips`` (``launch()`` option or ``FORWARDED_ALLOW_IPS``; by
default none): from anyone else they are removed, so that nobody picks their own address
(and escapes the login throttle) or scheme. ``SecurityHeaders`` tells browsers not to show
the app inside another site's frame (unless ``allow_embedding``) nor to guess content types.
"""
from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterable
from typing import Any

_FORWARDED = (b"x-forwarded-for", b"x-forwarded-proto", b"x-forwarded-prefix", b"x-forwarded-host", b"forwarded")
#: a prefix a proxy may announce: a plain path ("/demo", "/a/b"), nothing that could break out of a link
SAFE_PREFIX = re.compile(rb"^(/[A-Za-z0-9._~-]+)+/?$")
Network = ipaddress.IPv4Network | ipaddress.IPv6Network


class TrustedProxies:
    """Addresses and networks ("127.0.0.1", "10.0.0.0/8") whose forwarded headers count; "*" is everyone."""

    def __init__(self, spec: str | Iterable[str] | None) -> None:
        items = [part.strip() for part in (spec.split(",") if isinstance(spec, str) else spec or [])]
        self.everyone = "*" in items
        self.networks: list[Network] = [ipaddress.ip_network(item, strict=False)
                                        for item in items if item and item != "*"]

    def __bool__(self) -> bool:
        return self.everyone or bool(self.networks)

    def __contains__(self, host: str | None) -> bool:
        if self.everyone:
            return True
        try:
            address = ipaddress.ip_address(host or "")
        except ValueError:
            return False
        return any(address in network for network in self.networks)


class ProxyTrust:
    """ASGI middleware: forwarded headers from a trusted proxy set the client's address and
    scheme; from anyone else they are dropped."""

    def __init__(self, app: Any, trusted: TrustedProxies) -> None:
        self.app, self.trusted = app, trusted

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] in ("http", "websocket"):
            peer = (scope.get("client") or (None,))[0]
            scope = self._believe(scope) if peer in self.trusted else _without_forwarded(scope)
        await self.app(scope, receive, send)

    def _believe(self, scope: dict[str, Any]) -> dict[str, Any]:
        headers = dict(scope.get("headers") or [])
        scope = dict(scope)
        hops = [hop.strip() for hop in headers.get(b"x-forwarded-for", b"").decode("latin-1").split(",") if hop.strip()]
        while len(hops) > 1 and hops[-1] in self.trusted:
            hops.pop()  # the nearest hop that is not one of our proxies is the client
        if hops:
            scope["client"] = (hops[-1], 0)
        proto = headers.get(b"x-forwarded-proto", b"").decode("latin-1").split(",")[0].strip().lower()
        if proto in ("http", "https"):
            scope["scheme"] = proto if scope["type"] == "http" else {"http": "ws", "https": "wss"}[proto]
        if not SAFE_PREFIX.match(headers.get(b"x-forwarded-prefix", b"/")):
            scope["headers"] = [(n, v) for n, v in scope.get("headers") or [] if n != b"x-forwarded-prefix"]
        return scope


def _without_forwarded(scope: dict[str, Any]) -> dict[str, Any]:
    headers = scope.get("headers") or []
    if not any(name in _FORWARDED for name, _ in headers):
        return scope
    return {**scope, "headers": [(name, value) for name, value in headers if name not in _FORWARDED]}


class SecurityHeaders:
    """ASGI middleware: every answer says "not in a frame" (unless embedding is allowed) and
    "do not sniff the content type"."""

    def __init__(self, app: Any, *, allow_embedding: bool = False) -> None:
        self.app = app
        self.extra = [(b"x-content-type-options", b"nosniff")]
        if not allow_embedding:
            self.extra += [(b"x-frame-options", b"DENY"), (b"content-security-policy", b"frame-ancestors 'none'")]

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                names = {name.lower() for name, _ in message.get("headers", [])}
                message = {**message, "headers": [*message.get("headers", []),
                                                  *(pair for pair in self.extra if pair[0] not in names)]}
            await send(message)
        await self.app(scope, receive, send_with_headers)
