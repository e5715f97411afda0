"""While an app file fails to load under ``niceface run``: its traceback, served at every
address of the app's port, in a page that reloads itself when the fixed app answers."""
from __future__ import annotations

import html
from typing import Any

from .probe import BOOT_PATH, page_script, send_text


class ErrorPage:
    """ASGI: the traceback for every page (HTTP 500), the boot id at BOOT_PATH."""

    def __init__(self, title: str, trace: str, boot_id: str) -> None:
        self.boot_id = boot_id
        self.page = _page(title, trace, boot_id)

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        del receive  # nothing is read
        if scope["type"] == "websocket":
            await send({"type": "websocket.close", "code": 1013})  # try again later
        elif scope["type"] == "http" and scope["path"].endswith(BOOT_PATH):
            await send_text(send, 200, self.boot_id, "text/plain")
        elif scope["type"] == "http":
            await send_text(send, 500, self.page, "text/html")


def serve_error(title: str, trace: str, *, host: str, port: int, boot_id: str) -> None:
    """Serve the error page at ``host:port`` until this process is stopped."""
    import uvicorn
    uvicorn.run(ErrorPage(title, trace, boot_id), host=host, port=port,
                log_level="warning", lifespan="off", ws="wsproto")


def _page(title: str, trace: str, boot_id: str) -> str:
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
  body {{ font-family: system-ui, sans-serif; margin: 2rem; color: #1f2328; background: #fff; }}
  h1 {{ font-size: 1.25rem; color: #b42318; }}
  pre {{ background: #fef3f2; border: 1px solid #fecdca; padding: 1rem; border-radius: 6px;
        overflow-x: auto; white-space: pre-wrap; }}
  @media (prefers-color-scheme: dark) {{
    body {{ background: #0d1117; color: #e6edf3; }}
    pre {{ background: #2d1214; border-color: #6e2b2b; }} h1 {{ color: #ff8a80; }}
  }}
</style>
{page_script(boot_id)}
</head><body class="nf-load-error">
<h1>{html.escape(title)}</h1>
<pre>{html.escape(trace)}</pre>
<p>Fix the file and save it: this page shows the app again by itself.</p>
</body></html>"""
