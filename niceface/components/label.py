"""Label: a class name, or confidences per class shown as the top-k bars."""
from __future__ import annotations

from dataclasses import KW_ONLY
from typing import TYPE_CHECKING, Any

from typing_extensions import override

from .base import Component, Role, Shown, View, apply_element_options, caption, component

if TYPE_CHECKING:
    from .limits import Limits


@component
class Label(Component):
    """A class out: one label, or {label: confidence} shown as the top label and bars for the
    ``num_top_classes`` most confident; ``color`` colours the top label."""

    value: Any = None
    _: KW_ONLY
    num_top_classes: int | None = None
    type: str = "auto"
    color: str | None = None

    kind = "label"
    expects = "a dict of label → confidence, or one label"

    @override
    def postprocess(self, value: Any) -> dict[str, Any] | None:
        if value is None:
            return None
        if isinstance(value, dict) and "confidences" in value and "label" in value:
            return value  # already a payload
        if isinstance(value, dict):
            ranked = sorted(((str(k), float(v)) for k, v in value.items()), key=lambda kv: -kv[1])
            if self.num_top_classes is not None:
                ranked = ranked[: self.num_top_classes]
            return {"label": ranked[0][0] if ranked else None,
                    "confidences": [{"label": k, "confidence": v} for k, v in ranked]}
        if hasattr(value, "item"):
            value = value.item()
        return {"label": str(value)}

    @override
    def preprocess(self, payload: Any) -> Any:
        if isinstance(payload, dict) and "confidences" in payload:
            return {c["label"]: c["confidence"] for c in payload["confidences"]}
        return payload.get("label") if isinstance(payload, dict) else payload

    @override
    def render(self, role: Role, limits: Limits) -> View:
        from nicegui import ui
        with ui.column().classes("w-full gap-1") as box:
            caption(self)
            top = ui.label("").classes("text-2xl font-bold nf-label-top")
            if self.color:
                top.style(f"color: {self.color}")
            bars = ui.column().classes("w-full gap-1 nf-label-bars")

        def show(payload: Any) -> None:
            top.set_text((payload or {}).get("label") or "")
            bars.clear()
            with bars:
                for item in (payload or {}).get("confidences", []):
                    with ui.row().classes("w-full items-center no-wrap gap-2 nf-label-row"):
                        ui.label(item["label"]).classes("w-1/3 truncate nf-label-name")
                        ui.linear_progress(value=float(item["confidence"]), show_value=False, size="14px") \
                            .classes("grow")
                        ui.label(f"{100 * float(item['confidence']):.0f}%") \
                            .classes("w-12 text-right nf-label-confidence")
        apply_element_options(self, box)
        return Shown(show).view(box)
