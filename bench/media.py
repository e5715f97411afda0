"""Uploads by reference: a large file through the page (Chromium) and through the API
(multipart), and how much the server's memory grows meanwhile.

    python bench/media.py              # 200 MB
    python bench/media.py --mb 50      # quicker

The last row sends the file as a base64 data URL in a JSON body (what the API took before
multipart), for comparison. The server runs bench/media_app.py (fn reads the file in chunks and returns its SHA-256).
Growth is the server's peak RSS during the upload (VmHWM, reset first through
/proc/PID/clear_refs) minus its RSS before. Afterwards the table says whether the app's
temporary folder is empty again: the page's files go when its tab closes, the API's when the
answer has gone out. Needs Playwright and /usr/bin/chromium.
"""
from __future__ import annotations

import argparse
import hashlib
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from conftest import CHROMIUM, CHROMIUM_ARGS, free_port


def status(pid: int, field: str) -> int:
    """A /proc/PID/status field in KiB (VmRSS, VmHWM)."""
    text = Path(f"/proc/{pid}/status").read_text()
    match = re.search(rf"^{field}:\s+(\d+) kB", text, re.M)
    return int(match.group(1)) if match else 0


def reset_peak(pid: int) -> None:
    Path(f"/proc/{pid}/clear_refs").write_text("5")


def start(temp: Path) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    env = {**os.environ, "NICEFACE_SERVER_PORT": str(port), "NICEFACE_INBROWSER": "0", "TMPDIR": str(temp)}
    process = subprocess.Popen([sys.executable, str(ROOT / "bench" / "media_app.py")], env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/"
    for _ in range(600):
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return process, url
        except httpx.HTTPError:
            time.sleep(0.1)
    raise SystemExit("the app did not start")


def leftovers(temp: Path) -> int:
    return sum(1 for path in temp.rglob("*") if path.is_file())


def through_page(url: str, big: Path, expected: str, pid: int, temp: Path) -> tuple[float, int, int]:
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.set_default_timeout(600_000)
        page.goto(url)
        page.get_by_text("Use via API").wait_for()
        before = status(pid, "VmRSS")
        reset_peak(pid)
        started = time.perf_counter()
        page.locator("input[type=file]").set_input_files(str(big))
        page.locator(".nf-drop-file", has_text=f"{big.stat().st_size:,} bytes").wait_for()
        page.get_by_role("button", name="Submit").click()
        page.wait_for_function("e => document.querySelector('[aria-label=digest]')?.value === e", arg=expected)
        seconds = time.perf_counter() - started
        growth = status(pid, "VmHWM") - before
        browser.close()
    for _ in range(600):  # the tab is gone: NiceGUI deletes its client after the reconnect timeout
        if leftovers(temp) == 0:
            break
        time.sleep(0.1)
    return seconds, growth, leftovers(temp)


def through_api(url: str, big: Path, expected: str, pid: int, temp: Path) -> tuple[float, int, int]:
    before = status(pid, "VmRSS")
    reset_peak(pid)
    started = time.perf_counter()
    with big.open("rb") as file:
        answer = httpx.post(url + "api/predict", data={"data": '[{"upload": "file"}]'},
                            files={"file": (big.name, file, "application/octet-stream")}, timeout=600)
    seconds = time.perf_counter() - started
    growth = status(pid, "VmHWM") - before
    assert answer.json()["data"] == [expected], answer.text
    for _ in range(100):
        if leftovers(temp) == 0:
            break
        time.sleep(0.1)
    return seconds, growth, leftovers(temp)


def through_json(url: str, big: Path, expected: str, pid: int, temp: Path) -> tuple[float, int, int]:
    """The same file as a base64 data URL in a JSON body (the API's default edge), for comparison."""
    import base64
    body = b'{"data": ["data:application/octet-stream;base64,' + base64.b64encode(big.read_bytes()) + b'"]}'
    before = status(pid, "VmRSS")
    reset_peak(pid)
    started = time.perf_counter()
    answer = httpx.post(url + "api/predict", content=body, headers={"content-type": "application/json"}, timeout=600)
    seconds = time.perf_counter() - started
    growth = status(pid, "VmHWM") - before
    assert answer.json()["data"] == [expected], answer.text
    return seconds, growth, leftovers(temp)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", type=int, default=200, help="size of the file in MB (default 200)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        big, temp = work / "big.bin", work / "temp"
        temp.mkdir()
        sha = hashlib.sha256()
        with big.open("wb") as out:
            for _ in range(args.mb):
                chunk = os.urandom(1 << 20)
                sha.update(chunk)
                out.write(chunk)
        expected = f"{args.mb << 20} bytes, sha256 {sha.hexdigest()}"
        process, url = start(temp)
        try:
            rows = [("page (Chromium upload)", *through_page(url, big, expected, process.pid, temp)),
                    ("API (multipart)", *through_api(url, big, expected, process.pid, temp)),
                    ("API (JSON, data URL; for comparison)", *through_json(url, big, expected, process.pid, temp))]
        finally:
            process.terminate()
            process.wait()
    print(f"\n{args.mb} MB upload, server RSS growth (target <= 30 MB)\n")
    print("| path | seconds | RSS growth MB | files left after |")
    print("|---|---:|---:|---:|")
    for name, seconds, growth, left in rows:
        print(f"| {name} | {seconds:.1f} | {growth / 1024:.1f} | {left} |")


if __name__ == "__main__":
    main()
