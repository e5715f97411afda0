"""The public surface of niceface, and what importing it costs."""
from __future__ import annotations

import subprocess
import sys
import types

import niceface


def test_public_names_equal_all():
    modules = {"themes", "templates"}  # Gradio's gr.themes and gr.templates
    public = {name for name, value in vars(niceface).items()
              if not name.startswith("_") and (not isinstance(value, types.ModuleType) or name in modules)
              and name != "annotations"}
    assert public == set(niceface.__all__)


def test_import_does_not_load_heavy_modules():
    heavy = ["shap", "pandas", "gradio_client", "transformers", "skimage", "nicegui", "sklearn", "torch"]
    code = f"import sys, niceface; print([m for m in {heavy!r} if m in sys.modules])"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
