"""Chatbot: a conversation as (user message, bot reply) pairs."""
from __future__ import annotations

import html
import mimetypes
from dataclasses import KW_ONLY
from typing import TYPE_CHECKING, Any, ClassVar

from typing_extensions import override

from . import _codecs
from .base import Component, Role, Shown, View, apply_element_options, caption, component

if TYPE_CHECKING:
    from .limits import Limits


@component
class Chatbot(Component):
    """A conversation: a list of (user message, bot reply) pairs; either may be None. A message
    is Markdown (``render_markdown``; HTML in it is shown as text unless ``sanitize_html=False``)
    or a file fn names as a one-item tuple (``("cat.png",)``: shown as a picture, sound or
    video). ``height`` bounds the box (it scrolls); ``avatar_images`` (user, bot) pictures;
    ``rtl``; ``bubble_full_width=False`` sizes bubbles to their text."""

    value: Any = None
    color_map: Any = None
    _: KW_ONLY
    height: int | None = None
    rtl: bool = False
    avatar_images: tuple[str | None, str | None] | None = None
    sanitize_html: bool = True
    render_markdown: bool = True
    bubble_full_width: bool = True

    kind = "chatbot"
    expects = "a list of (user message, bot message) pairs"
    gradio_only: ClassVar[dict[str, str]] = {
        "latex_delimiters": "LaTeX is shown as written", "show_copy_button": "select the text to copy it",
        "line_breaks": "line breaks always show", "layout": "messages are shown as bubbles"}

    def __post_init__(self) -> None:
        self._avatars = [_codecs.file_to_data_url(path) if path else None for path in (self.avatar_images or ())]

    @override
    def postprocess(self, value: Any) -> list[list[Any]]:
        pairs = []
        for pair in value or []:
            if not isinstance(pair, (list, tuple)) or len(pair) != 2:
                raise self.reject(f"each message must be a (user, bot) pair, got {pair!r:.60}")
            pairs.append([_message(message) for message in pair])
        return pairs

    def to_html(self, payload: Any) -> str:
        bubbles = []
        for user, bot in payload or []:
            for role, message in (("user", user), ("bot", bot)):
                if message is not None:
                    bubbles.append(self._bubble(role, message))
        return "".join(bubbles)

    def _bubble(self, role: str, message: Any) -> str:
        avatars = self._avatars + [None] * (2 - len(self._avatars))
        avatar = avatars[0 if role == "user" else 1]
        source = html.escape(_codecs.media_source(avatar), quote=True)
        face = f'<img class="nf-chat-avatar" src="{source}" alt="">' if avatar else ""
        fit = "" if self.bubble_full_width else " nf-chat-fit"
        return f'<div class="nf-chat-row nf-chat-row-{role}">{face}' \
               f'<div class="nf-chat-{role}{fit}">{self._content(message)}</div></div>'

    def _content(self, message: Any) -> str:
        if isinstance(message, dict):  # a file: {"file": data URL, "alt": text}
            source = html.escape(_codecs.media_source(message.get("file")), quote=True)
            mime = _codecs.data_url_mime(message["file"]) if source else ""
            alt = html.escape(str(message.get("alt") or ""))
            if mime.startswith("audio/"):
                return f'<audio controls src="{source}"></audio>'
            if mime.startswith("video/"):
                return f'<video controls src="{source}"></video>'
            return f'<img class="nf-chat-image" src="{source}" alt="{alt}">'
        text = str(message)
        if not self.render_markdown:
            return html.escape(text) if self.sanitize_html else text
        import markdown2
        return str(markdown2.markdown(text, safe_mode="escape" if self.sanitize_html else None,
                                      extras=["fenced-code-blocks", "tables", "break-on-newline"]))

    @override
    def render(self, role: Role, limits: Limits) -> View:
        from nicegui import ui
        with ui.column().classes("w-full gap-1") as box:
            caption(self)
            shown = ui.html("", sanitize=False).classes("nf-chat w-full")
            if self.height:
                shown.style(f"max-height: {self.height}px; overflow-y: auto")
            if self.rtl:
                shown.props('dir="rtl"')
        apply_element_options(self, box)
        return Shown(lambda payload: shown.set_content(self.to_html(payload)), []).view(box)


def _message(message: Any) -> Any:
    """A message's payload: text, None, or a file fn named ({"file": data URL, "alt": text})."""
    if message is None:
        return None
    if isinstance(message, (tuple, list)) and message and isinstance(message[0], str):
        path = message[0]
        source = path if _codecs.is_media(path) else _codecs.file_to_data_url(path)
        return {"file": source, "alt": message[1] if len(message) > 1 else mimetypes.guess_type(path)[0]}
    if isinstance(message, dict) and isinstance(message.get("name"), str):  # Gradio's file dict
        return _message((message["name"], message.get("alt_text")))
    return str(message)
