"""The README's Gradio 3 table is what ``niceface.compat`` makes from the code: it cannot drift."""
from __future__ import annotations

import re

from conftest import ROOT

from niceface import compat


def test_the_readme_table_is_the_one_the_code_makes():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    shown = re.search(r"<!-- gradio3-table:start -->\n(.*?)<!-- gradio3-table:end -->", readme, re.S)
    assert shown is not None, "README.md lacks the gradio3-table markers"
    assert shown.group(1) == compat.table(), "README.md is stale: paste `python -m niceface.compat` between the markers"


def test_every_gradio_3_component_has_a_row():
    import json
    names = set(json.loads((ROOT / "tests" / "compat" / "gradio3_signatures.json").read_text())["components"])
    listed = set(compat.GRADIO_COMPONENTS) | set(compat.TEMPLATES) | {"BarPlot", "LinePlot", "ScatterPlot"}
    assert names <= listed, names - listed
