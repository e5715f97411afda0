"""How far a perturbed prediction moved from the original one (pure, SPEC §4).

Predictions are payloads of the first output: a Label payload ``{"label": L, "confidences":
[{"label", "confidence"}, ...]}`` or ``{"label": x}``, or a Number.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Reference:
    """The original prediction: its top label L and, when it has confidences, conf_original[L]."""

    payload: Any
    label: Any
    confidence: float | None

    @classmethod
    def of(cls, payload: Any) -> Reference:
        label = label_of(payload)
        has_confidences = isinstance(payload, dict) and "confidences" in payload
        return cls(payload, label, confidence_of(payload, label) if has_confidences else None)

    def difference(self, payload: Any) -> float:
        """conf_original[L] - conf_perturbed[L] (a missing L counts as 0); for a plain label or a
        Number, the numeric difference if both are numbers, else 1 if they differ and 0 if not."""
        if self.confidence is not None:
            return self.confidence - confidence_of(payload, self.label)
        perturbed = label_of(payload)
        try:
            return float(self.label) - float(perturbed)
        except (TypeError, ValueError):
            return 0.0 if perturbed == self.label else 1.0

    def value(self, payload: Any) -> float:
        """The quantity SHAP explains: the confidence of L; for a plain label or a Number, the
        number itself, or 1 when the label is L and 0 when it is not."""
        if self.confidence is not None:
            return confidence_of(payload, self.label)
        perturbed = label_of(payload)
        try:
            float(self.label)
            return float(perturbed)
        except (TypeError, ValueError):
            return 1.0 if perturbed == self.label else 0.0


def label_of(payload: Any) -> Any:
    return payload.get("label") if isinstance(payload, dict) else payload


def confidence_of(payload: Any, label: Any) -> float:
    """The confidence of ``label`` in a Label payload (0 when missing; a plain label counts as
    certain)."""
    if not isinstance(payload, dict):
        return 0.0
    if "confidences" not in payload:
        return 1.0 if payload.get("label") == label else 0.0
    for item in payload["confidences"]:
        if item["label"] == label:
            return float(item["confidence"])
    return 0.0
