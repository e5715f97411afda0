"""Server-side size limit for uploads and API bodies (pure ASGI middleware)."""
from __future__ import annotations

import contextlib
import json
from typing import Any

#: multipart envelopes and JSON/base64 framing around the file itself
_SLACK = 4 * 1024


class _TooLargeError(Exception):
    pass


class UploadLimit:
    """Refuse with 413 any upload (or API body) larger than ``max_bytes``, before reading it all."""

    def __init__(self, app: Any, max_bytes: int) -> None:
        self.app, self.max_bytes = app, max_bytes

    def _limit(self, path: str) -> int | None:
        if "/upload/" in path or path.endswith("/gradio_api/upload"):
            return self.max_bytes + _SLACK
        if path.endswith(("/api/predict", "/gradio_api/queue/join")):
            return self.max_bytes * 4 // 3 + _SLACK  # base64 data URLs
        return None

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        posted = scope["type"] == "http" and scope.get("method") == "POST"
        limit = self._limit(scope.get("path", "")) if posted else None
        length = dict(scope.get("headers") or []).get(b"content-length")
        if limit is None:
            await self.app(scope, receive, send)
        elif length is not None and length.isdigit() and int(length) > limit:
            await self._refuse(send)
        else:
            await self._streamed(scope, receive, send, limit)

    async def _streamed(self, scope: Any, receive: Any, send: Any, limit: int) -> None:
        """Count the body as the app reads it; over ``limit``, stop it and answer 413 instead."""
        received = 0
        started = over = False

        async def counting_receive() -> Any:
            nonlocal received, over
            message = await receive()
            received += len(message.get("body", b""))
            if received > limit:
                over = True
                raise _TooLargeError
            return message

        async def tracking_send(message: Any) -> None:
            nonlocal started
            if over:
                return  # the app's answer to the exception (a 500): ours goes out instead
            started = started or message["type"] == "http.response.start"
            await send(message)
        with contextlib.suppress(_TooLargeError):
            await self.app(scope, counting_receive, tracking_send)
        if over and not started:
            await self._refuse(send)

    async def _refuse(self, send: Any) -> None:
        body = json.dumps({"detail": f"The file is too large: the limit is {self.max_bytes:,} bytes."}).encode()
        await send({"type": "http.response.start", "status": 413,
                    "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
        await send({"type": "http.response.body", "body": body})
