""""shap" interpretation: Kernel SHAP (the ``shap`` package) over an input's tokens.

Background = every token masked, instance = none masked, ``nsamples = int(num_shap × M)``,
explained value = the confidence of the original top label L. A coalition is evaluated by
running fn on the input with only its tokens kept; the full coalition reuses the original run.
"""
from __future__ import annotations

import importlib
from types import ModuleType
from typing import Any

import numpy as np

from ..exceptions import MissingDependencyError
from .evaluator import Evaluator
from .features import Tokens
from .scoring import Reference


def import_shap() -> ModuleType:
    try:
        return importlib.import_module("shap")
    except ImportError as error:
        raise MissingDependencyError("interpretation='shap' needs the shap package: "
                                     "pip install 'niceface[interpret]'") from error


def sample_count(tokens: Tokens, num_shap: float) -> int:
    """Coalitions KernelExplainer evaluates besides the background and the instance."""
    if tokens.count < 2:
        return 0
    wanted = max(1, int(num_shap * tokens.count))
    return min(wanted, 2 ** tokens.count - 2) if tokens.count <= 30 else wanted


def planned_runs(tokens: Tokens, num_shap: float) -> int:
    """fn evaluations for one input: the background plus the sampled coalitions."""
    return 1 + sample_count(tokens, num_shap)


def explain(runner: Evaluator, reference: Reference, index: int, tokens: Tokens, num_shap: float) -> Any:
    shap = import_shap()
    explainer = shap.KernelExplainer(_model(runner, reference, index, tokens), np.zeros((1, tokens.count)))
    values = explainer.shap_values(np.ones((1, tokens.count)), nsamples=max(1, int(num_shap * tokens.count)),
                                   silent=True, l1_reg=False)
    return tokens.arrange(np.asarray(values, dtype=float).reshape(-1).tolist())


def _model(runner: Evaluator, reference: Reference, index: int, tokens: Tokens) -> Any:
    """f(masks) → the explained value per row of 0/1 token masks, for KernelExplainer."""
    original = reference.value(reference.payload)

    def f(masks: np.ndarray) -> np.ndarray:
        keep = np.asarray(masks) > 0.5
        values = np.full(len(keep), original, dtype=float)
        todo = np.flatnonzero(~keep.all(axis=1))
        payloads = runner.run([(index, tokens.masked(keep[row])) for row in todo])
        values[todo] = [reference.value(payload) for payload in payloads]
        return values
    return f
