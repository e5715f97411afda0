"""Chatbot: a conversation as (user message, bot reply) pairs."""
from __future__ import annotations

import html
from dataclasses import KW_ONLY, dataclass
from typing import TYPE_CHECKING, Any

from typing_extensions import override

from .base import Component, Role, Shown, View, apply_element_options

if TYPE_CHECKING:
    from .limits import Limits


@dataclass(eq=False)
class Chatbot(Component):
    value: Any = None
    _: KW_ONLY

    kind = "chatbot"
    expects = "a list of (user message, bot message) pairs"

    @override
    def postprocess(self, value: Any) -> list[list[str | None]]:
        pairs = []
        for pair in value or []:
            if not isinstance(pair, (list, tuple)) or len(pair) != 2:
                raise self.reject(f"each message must be a (user, bot) pair, got {pair!r:.60}")
            pairs.append([None if m is None else str(m) for m in pair])
        return pairs

    @staticmethod
    def to_html(payload: Any) -> str:
        bubbles = []
        for user, bot in payload or []:
            if user is not None:
                bubbles.append(f'<div class="nf-chat-user">{html.escape(user)}</div>')
            if bot is not None:
                bubbles.append(f'<div class="nf-chat-bot">{html.escape(bot)}</div>')
        return "".join(bubbles)

    @override
    def render(self, role: Role, limits: Limits) -> View:
        from nicegui import ui
        with ui.column().classes("w-full gap-1") as box:
            if self.label:
                ui.label(self.label).classes("nf-field-label")
            shown = ui.html("", sanitize=False).classes("nf-chat w-full")
        apply_element_options(self, box)
        return Shown(lambda payload: shown.set_content(self.to_html(payload)), []).view(box)
