"""HighlightedText: text with labelled or scored spans."""
from __future__ import annotations

import html
from dataclasses import KW_ONLY
from typing import TYPE_CHECKING, Any

from typing_extensions import override

from .base import Component, Role, Shown, View, apply_element_options, caption, component

if TYPE_CHECKING:
    from .limits import Limits

_PALETTE = ["#fde68a", "#bfdbfe", "#bbf7d0", "#fbcfe8", "#ddd6fe", "#fed7aa", "#a5f3fc", "#e5e7eb"]


#: the strongest colours of the diverging palette; text in #111827 on them reads at 7.6:1 and
#: 8.3:1 (WCAG AA asks 4.5:1), and every weaker score is lighter still
POSITIVE, NEGATIVE = (248, 113, 113), (96, 165, 250)


def score_color(score: float) -> str:
    """Red for positive, blue for negative; intensity sqrt(min(|s|, 1)) blended from white."""
    strength = min(abs(score), 1.0) ** 0.5
    red, green, blue = (round(255 + (end - 255) * strength) for end in (POSITIVE if score > 0 else NEGATIVE))
    return f"rgb({red}, {green}, {blue})"


@component
class HighlightedText(Component):
    """Text whose spans carry a category (coloured by ``color_map`` or a palette; a legend with
    ``show_legend``) or a score (red positive, blue negative). ``combine_adjacent`` joins
    neighbouring spans of one category (with ``adjacent_separator`` between them)."""

    value: Any = None
    _: KW_ONLY
    color_map: dict[str, str] | None = None
    show_legend: bool = False
    combine_adjacent: bool = False
    adjacent_separator: str = ""

    kind = "highlightedtext"
    expects = "a list of (text, category) pairs or a {'text', 'entities'} dict"

    @override
    def postprocess(self, value: Any) -> list[list[Any]] | None:
        if value is None:
            return None
        if isinstance(value, dict):  # {"text": ..., "entities": [{"start", "end", "entity"}]}
            text, spans, cursor = value["text"], [], 0
            for entity in sorted(value.get("entities", []), key=lambda e: e["start"]):
                if entity["start"] > cursor:
                    spans.append([text[cursor:entity["start"]], None])
                spans.append([text[entity["start"]:entity["end"]], entity.get("entity")])
                cursor = entity["end"]
            if cursor < len(text):
                spans.append([text[cursor:], None])
            return self._combined(spans)
        return self._combined([[str(text), category] for text, category in value])

    def _combined(self, spans: list[list[Any]]) -> list[list[Any]]:
        if not self.combine_adjacent:
            return spans
        joined: list[list[Any]] = []
        for text, category in spans:
            if joined and category is not None and joined[-1][1] == category:
                joined[-1][0] += self.adjacent_separator + text
            else:
                joined.append([text, category])
        return joined

    def to_html(self, payload: Any) -> str:
        colors = dict(self.color_map or {})
        parts = []
        legend = self.show_legend and any(not isinstance(c, (int, float, type(None))) for _, c in payload or [])
        for text, category in payload or []:
            if category is None:
                parts.append(html.escape(text))
                continue
            if isinstance(category, (int, float)):
                color = score_color(float(category))
            else:
                color = colors.setdefault(category, _PALETTE[len(colors) % len(_PALETTE)])
            title = html.escape(str(category), quote=True)
            parts.append(f'<mark class="nf-span" style="background:{html.escape(color)}" title="{title}">'
                         f'{html.escape(text)}</mark>')
        if not legend:
            return "".join(parts)
        keys = "".join(f'<span class="nf-legend-key" style="background:{html.escape(color)}">'
                       f'{html.escape(str(category))}</span>' for category, color in colors.items())
        return f'<div class="nf-highlight-legend">{keys}</div>' + "".join(parts)

    @override
    def render(self, role: Role, limits: Limits) -> View:
        from nicegui import ui
        with ui.column().classes("w-full gap-1") as box:
            caption(self)
            shown = ui.html("", sanitize=False).classes("nf-highlighted leading-8")
        apply_element_options(self, box)
        return Shown(lambda payload: shown.set_content(self.to_html(payload))).view(box)
