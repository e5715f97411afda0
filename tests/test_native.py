"""launch(native=True): a real desktop window (pywebview on Qt WebEngine) under Xvfb shows the
page, runs its JavaScript, and closing it stops the app."""
from __future__ import annotations

import os
import subprocess
import sys

from conftest import APPS, ROOT, free_port


def test_the_native_window_shows_the_page_and_closing_it_stops_the_app(tmp_path):
    marker = tmp_path / "marker.txt"
    port = free_port()
    env = {**os.environ, "MARKER": str(marker), "NICEFACE_SERVER_PORT": str(port),
           "QTWEBENGINE_CHROMIUM_FLAGS": "--no-sandbox --disable-gpu",  # root in CI: no sandbox
           "PYTHONUNBUFFERED": "1"}
    result = subprocess.run(["xvfb-run", "-a", sys.executable, str(APPS / "native_app.py")], env=env, cwd=ROOT,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert marker.read_text().splitlines() == ["Native window | Native window"]  # JS ran in the window
    assert "launch() returned" in result.stdout  # closing the window ended the server and the script
