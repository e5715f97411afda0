"""The boot id of a reloading server, and the page script that watches it: a page reloads
itself once a server with another boot id answers (``niceface run``, after a save)."""
from __future__ import annotations

import json
from typing import Any

BOOT_PATH = "/_niceface/boot"


def page_script(boot_id: str, root_path: str = "") -> str:
    """A page that reloads itself once a server with another boot id answers (a failed fetch:
    the server is restarting; ask again)."""
    return f"""<script>
(() => {{
  const boot = {json.dumps(boot_id)}, url = {json.dumps(root_path.rstrip("/") + BOOT_PATH)};
  const check = async () => {{
    try {{
      const answer = await fetch(url, {{cache: "no-store"}});
      if (answer.ok && (await answer.text()) !== boot) {{ window.location.reload(); return; }}
    }} catch (error) {{}}
    setTimeout(check, 400);
  }};
  setTimeout(check, 400);
}})();
</script>"""


class BootProbe:
    """ASGI: GET …/_niceface/boot answers the boot id (before the login gate: it says nothing
    else); everything else goes to ``app``."""

    def __init__(self, app: Any, boot_id: str) -> None:
        self.app, self.boot_id = app, boot_id
        self.lifespan = getattr(app, "lifespan", None)

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] == "http" and scope["path"].endswith(BOOT_PATH):
            await send_text(send, 200, self.boot_id, "text/plain")
            return
        await self.app(scope, receive, send)


async def send_text(send: Any, status: int, text: str, content_type: str) -> None:
    """One complete, uncached HTTP response."""
    headers = [(b"content-type", f"{content_type}; charset=utf-8".encode()), (b"cache-control", b"no-store")]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": text.encode()})
