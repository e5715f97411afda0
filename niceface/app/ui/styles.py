"""The built-in stylesheet; user css= is added after it so it wins."""
from __future__ import annotations

BASE_CSS = """
.nf-interface .nf-label { font-weight: 600; font-size: 0.9rem; color: #374151; }
.nf-interface .nf-image-preview { max-height: 360px; }
.nf-interface .nf-image-frame .nf-overlay { position: absolute; inset: 0; width: 100%; height: 100%; pointer-events: none; }
.nf-interface .nf-span { padding: 0 2px; border-radius: 3px; }
.nf-interface .nf-chat-user { background: #e0e7ff; margin: 4px 0 4px 20%; padding: 6px 10px; border-radius: 10px; }
.nf-interface .nf-chat-bot { background: #f3f4f6; margin: 4px 20% 4px 0; padding: 6px 10px; border-radius: 10px; }
.nf-interface .nf-interpretation-text { line-height: 2; white-space: pre-wrap; padding: 4px 2px; }
.nf-interface .nf-token { border-radius: 3px; }
.nf-interface .nf-interpretation-cells { display: flex; flex-wrap: wrap; gap: 4px; }
.nf-interface .nf-cell { border: 1px solid #d1d5db; border-radius: 4px; padding: 2px 8px; font-size: 0.8rem; }
.nf-interface .nf-cell-current { border: 2px solid #111827; font-weight: 600; }
.nf-interface .nf-legend-swatch { display: inline-block; width: 0.9em; height: 0.9em; border-radius: 2px; vertical-align: middle; }
.nf-interface .nf-capture-button { border: 1px solid #5898d4; color: #1d4f86; border-radius: 4px; padding: 2px 10px; }
.nf-interface .nf-logout { background: none; border: 0; color: #1d4ed8; cursor: pointer; font: inherit; padding: 2px 6px; }
.nf-interface .nf-logout:hover { text-decoration: underline; }
.nf-interface .nf-error { background: #fef2f2; border: 1px solid #fecaca; border-radius: 6px; padding: 6px 10px; }
"""


def css(user_css: str | None) -> str:
    return BASE_CSS + ("\n/* css= */\n" + user_css if user_css else "")
