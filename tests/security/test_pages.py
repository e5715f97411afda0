"""Attacks on open pages: driving another visitor's page with its leaked ids, and an fn value
that tries to become HTML attributes."""
from __future__ import annotations

import time

import pytest
from attacks import BUTTON_IDS, FORGE_RAW
from conftest import APPS, ROOT

pytestmark = pytest.mark.browser


def test_a_leaked_client_id_does_not_let_another_socket_drive_the_page(serve, new_page):
    app = serve(ROOT / "tests" / "apps" / "text_app.py")
    victim, attacker = new_page(), new_page()
    for page in (victim, attacker):
        page.goto(app.url)
    victim.get_by_label("text", exact=True).fill("private draft")
    leaked = victim.evaluate(BUTTON_IDS, ["Submit"])  # ids a page shows in its own HTML and messages
    attacker.evaluate(FORGE_RAW, [leaked["id"], leaked["listener_id"], leaked["client_id"], [{}]])
    result = victim.get_by_label("result")
    deadline = time.monotonic() + 30  # until the server says what it did with the forged click
    while "dropped a socket message" not in app.output() and not result.input_value() and time.monotonic() < deadline:
        victim.wait_for_timeout(50)
    assert result.input_value() == ""  # before the fix: the victim's page ran, showing PRIVATE DRAFT
    assert "dropped a socket message" in app.output()
    victim.get_by_role("button", name="Submit").click()  # its own socket still drives it
    victim.wait_for_function("() => document.querySelector('[aria-label=result]').value === 'PRIVATE DRAFT'")


def test_an_fn_value_never_becomes_attributes_of_the_file_link(serve, page):
    app = serve(APPS / "file_link_app.py")
    page.goto(app.url)
    page.get_by_label("text").fill("x")
    page.get_by_role("button", name="Submit").click()
    link = page.locator(".nf-file-link")
    link.wait_for(state="visible")
    assert link.get_attribute("onclick") is None and link.get_attribute("data-x") is None
    assert link.get_attribute("href").startswith('data:text/plain," onclick=')  # kept as a value
    link.click()
    assert page.title() != "owned"  # before the fix: the injected onclick ran
