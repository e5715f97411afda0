"""Code: source text in an editor with syntax highlighting (read-only as an output)."""
from __future__ import annotations

from dataclasses import KW_ONLY
from pathlib import Path
from typing import TYPE_CHECKING, Any

from typing_extensions import override

from ..exceptions import one_of
from .base import Component, Role, View, apply_element_options, caption, component, type_name

if TYPE_CHECKING:
    from .limits import Limits

#: the languages Gradio 3's Code takes (None: plain text), and the editor's names for them
EDITOR_NAMES: dict[str | None, Any] = {
    "python": "Python", "markdown": "Markdown", "json": "JSON", "html": "HTML", "css": "CSS",
    "javascript": "JavaScript", "typescript": "TypeScript", "yaml": "YAML", "dockerfile": "Dockerfile",
    "shell": "Shell", "r": "R", None: None}
#: the editor grows with its text from ``lines`` rows up to MAX_LINES, then scrolls
MAX_LINES = 30
CSS = f"""
:where(.nf-code-editor) {{ height: auto; border: 1px solid var(--nf-border, #e3e6ea); border-radius: 6px;
  overflow: hidden; }}
:where(.nf-code-editor .cm-editor) {{ min-height: inherit; max-height: {1.4 * MAX_LINES:.0f}em; }}
"""


@component
class Code(Component):
    """Source text, highlighted as ``language``; ``lines`` rows high at least. fn may return
    text (its ends stripped, as Gradio does) or a ``(file path,)`` tuple: that file's text."""

    value: Any = None
    language: str | None = None
    _: KW_ONLY
    lines: int = 5

    kind = "code"
    expects = "text, or a (file path,) tuple"

    def __post_init__(self) -> None:
        if self.language is not None:
            self.language = str(one_of(f"{self.describe()}: language", self.language.lower(), tuple(EDITOR_NAMES)))

    @override
    def preprocess(self, payload: Any) -> str | None:
        if payload is None:
            return None
        if not isinstance(payload, str):
            raise self.reject(f"expected text, got {type_name(payload)}")
        return payload

    @override
    def postprocess(self, value: Any) -> str | None:
        if value is None:
            return None
        if isinstance(value, tuple) and len(value) == 1:
            return Path(value[0]).read_text(encoding="utf-8")
        if not isinstance(value, str):
            raise self.reject(f"expected text, got {type_name(value)}")
        return value.strip()

    @override
    def initial_payload(self) -> Any:
        return self.postprocess(self.value() if callable(self.value) else self.value)

    @override
    def render(self, role: Role, limits: Limits) -> View:
        from nicegui import ui

        from ._css import add_once
        add_once(CSS)
        with ui.column().classes("w-full gap-1") as box:
            caption(self)
            editor = ui.codemirror(self.initial_payload() or "", language=EDITOR_NAMES[self.language]) \
                .classes("w-full nf-code-editor")
            editor.style(f"min-height: {1.4 * max(1, int(self.lines)) + 0.6:.1f}em")
        if role == "output" or self.interactive is False:
            editor.disable()
        apply_element_options(self, box)

        def show(payload: Any) -> None:
            editor.set_value(payload or "")

        def watch(handler: Any) -> None:
            editor.on_value_change(lambda _: handler())
        return View(box, lambda: editor.value, show, watch)
