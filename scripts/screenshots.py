"""Screenshots of every example, as people see them: desktop, phone and dark, before and after
Submit (and Interpret where there is one). For looking at, and for the README's pictures.

    python scripts/screenshots.py [OUT_FOLDER]      # default: /tmp/niceface-screenshots
    python scripts/screenshots.py OUT tests/compat/programs/new_*.py   # these scripts instead
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from conftest import CHROMIUM, CHROMIUM_ARGS, Served  # noqa: E402
from playwright.sync_api import Page, sync_playwright  # noqa: E402

VIEWS = {"desktop": ({"width": 1280, "height": 900}, "light"), "phone": ({"width": 390, "height": 844}, "light"),
         "dark": ({"width": 1280, "height": 900}, "dark")}


def act(page: Page) -> None:
    """Pick the first example if there is one, then Submit, then Interpret."""
    if page.locator(".nf-example").count():
        page.locator(".nf-example").first.click()
    for name in ("Submit", "Interpret"):
        button = page.get_by_role("button", name=name, exact=True)
        if button.count():
            button.click()
            page.wait_for_load_state("networkidle")
    if page.get_by_role("button", name="Interpret", exact=True).count():
        page.locator(".nf-interpretation").first.wait_for(timeout=60_000)
    else:
        page.locator(".nf-status").wait_for(state="hidden")


def main(out: Path, scripts: list[Path]) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for script in scripts or sorted((ROOT / "examples").glob("*.py")):
            if script.stem == "digits_model":
                continue
            app = Served(script, cwd=script.parent)
            try:
                for view, (viewport, theme) in VIEWS.items():
                    page = browser.new_page(viewport=viewport)
                    page.goto(f"{app.url}?__theme={theme}")
                    page.get_by_text("Use via API").wait_for()
                    page.screenshot(path=str(out / f"{script.stem}-{view}.png"), full_page=True)
                    act(page)
                    page.screenshot(path=str(out / f"{script.stem}-{view}-after.png"), full_page=True)
                    page.close()
            finally:
                app.stop()
    print(f"screenshots in {out}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("/tmp/niceface-screenshots"),
         [Path(name).resolve() for name in sys.argv[2:]])
