"""The built-in stylesheet (niceface.css beside this module); user css= is added after it so it wins."""
from __future__ import annotations

import functools
from pathlib import Path


@functools.cache
def base_css() -> str:
    return (Path(__file__).parent / "niceface.css").read_text(encoding="utf-8")


def css(user_css: str | None) -> str:
    return base_css() + ("\n/* css= */\n" + user_css if user_css else "")
