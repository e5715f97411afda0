"""[UI] The built-in stylesheet (niceface.css beside this module); user css= is added after it so
it wins. Each app's stylesheet is served as a file (``/_niceface/css/<digest>.css``, cached by
the browser) that its pages link to: inline, each open page kept its own copy (~10 KiB).
"""
from __future__ import annotations

import functools
import hashlib
import html
from pathlib import Path

from nicegui import app
from starlette.responses import PlainTextResponse, Response

PATH = "/_niceface/css/{name}"
_published: dict[str, str] = {}  # file name -> css


@functools.cache
def base_css() -> str:
    return (Path(__file__).parent / "niceface.css").read_text(encoding="utf-8")


def css(user_css: str | None) -> str:
    return base_css() + ("\n/* css= */\n" + user_css if user_css else "")


def publish(text: str) -> str:
    """Serve ``text`` as a stylesheet; its path (it names the content, so it can be cached for good)."""
    name = f"{hashlib.sha256(text.encode()).hexdigest()[:20]}.css"
    _published[name] = text
    return PATH.format(name=name)


def link(prefix: str, path: str) -> str:
    """The tag that loads the stylesheet at ``path`` where the browser sees the app (``prefix``)."""
    return f'<link rel="stylesheet" href="{html.escape(prefix + path)}">'


def route() -> None:
    """The route that serves the published stylesheets (again after NiceGUI's routes were reset)."""
    app.remove_route(PATH)

    @app.get(PATH, include_in_schema=False)
    def stylesheet(name: str) -> Response:
        text = _published.get(name)
        if text is None:
            return PlainTextResponse("Not Found", 404)
        return Response(text, media_type="text/css", headers={"cache-control": "public, max-age=31536000, immutable"})
