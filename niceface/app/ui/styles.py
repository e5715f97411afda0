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


def css(user_css: str | None, *, code: bool = False) -> str:
    """The stylesheet: the built-in one, the colours of code blocks when the app's Markdown
    (``code``: its description or article) has any, then ``css=``."""
    return base_css() + (code_css() if code else "") + ("\n/* css= */\n" + user_css if user_css else "")


@functools.cache
def code_css() -> str:
    """Pygments' colours for the code blocks of Markdown (light, and dark under Quasar's body--dark)."""
    from pygments.formatters import HtmlFormatter  # type: ignore[import-untyped]  # NiceGUI's, for its Markdown
    return str("\n" + HtmlFormatter(nobackground=True).get_style_defs(".codehilite")
            + "\n" + HtmlFormatter(nobackground=True, style="github-dark").get_style_defs(".body--dark .codehilite"))


def has_code(*texts: str | None) -> bool:
    """Whether Markdown ``texts`` hold a fenced code block."""
    return any(text and ("```" in text or "~~~" in text) for text in texts)


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
