"""Session state: per page load, server-side, deep-copied, freed with the page."""
from __future__ import annotations

import subprocess
import sys

import httpx
import pytest
from conftest import APPS, ROOT, screenshot

pytestmark = pytest.mark.browser


def send(page, text: str) -> None:
    count = page.locator(".nf-chat-user").count()
    page.get_by_label("message").fill(text)
    page.get_by_role("button", name="Submit").click()
    page.wait_for_function(f"document.querySelectorAll('.nf-chat-user').length === {count + 1}")


def history(page) -> list[str]:
    return page.locator(".nf-chat-user").all_inner_texts()


@pytest.mark.parametrize("script", [ROOT / "examples" / "chatbot.py", APPS / "chatbot_queued.py"],
                         ids=["no queue", "queue"])
def test_each_page_keeps_its_own_history(serve, new_page, script):
    app = serve(script)
    alice, bob = new_page(), new_page()
    alice.goto(app.url)
    bob.goto(app.url)
    for n in range(3):
        send(alice, f"How are you, Alice {n}?")
    send(bob, "Where is Bob?")
    send(alice, "Alice again")
    assert history(alice) == ["How are you, Alice 0?", "How are you, Alice 1?", "How are you, Alice 2?", "Alice again"]
    assert history(bob) == ["Where is Bob?"]
    bot = alice.locator(".nf-chat-bot").all_inner_texts()
    assert len(bot) == 4 and all(reply in {"Great", "Good", "Okay", "Bad"} for reply in bot[:3])
    screenshot(alice, f"chatbot_{script.stem}")
    alice.reload()
    send(alice, "fresh start")
    assert history(alice) == ["fresh start"]


def test_state_default_is_not_mutated_across_sessions(serve, new_page):
    app = serve(APPS / "state_default.py")
    first, second = new_page(), new_page()
    for page in (first, second):
        page.goto(app.url)
    first.get_by_label("word").fill("one")
    first.get_by_role("button", name="Submit").click()
    first.wait_for_function("document.querySelector('[aria-label=output]')?.value === 'start, one'")
    first.get_by_label("word").fill("two")
    first.get_by_role("button", name="Submit").click()
    first.wait_for_function("document.querySelector('[aria-label=output]')?.value === 'start, one, two'")
    second.get_by_label("word").fill("other")
    second.get_by_role("button", name="Submit").click()
    second.wait_for_function("document.querySelector('[aria-label=output]')?.value === 'start, other'")
    # the HTTP API has no session: every call starts from the default too
    for _ in range(2):
        assert httpx.post(app.url + "api/predict", json={"data": ["api"]}).json()["data"] == ["start, api"]


def test_state_is_freed_when_the_page_is_gone():
    script = APPS / "state_freed.py"
    result = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "alive while open: True" in result.stdout
    assert "freed after close: True" in result.stdout


def test_nothing_of_a_closed_tab_stays():
    """Pages go a few seconds after their tabs close, cycles and all once enough closed (none
    frozen again while NiceGUI's outbox still held it); so do NiceGUI's per-tab storages, once a
    minute old (NiceGUI's own default keeps them for 30 days: 1,000 tabs opened and closed
    left 1,000 dictionaries behind)."""
    script = APPS / "tabs_forgotten.py"
    result = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=180, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "pages while open: 3" in result.stdout
    assert "tab storages while open: 3" in result.stdout
    assert "pages after close: 0" in result.stdout
    assert "pages freed after close: 3 of 3" in result.stdout, result.stdout
    assert "tab storages after close: 0" in result.stdout, result.stdout
