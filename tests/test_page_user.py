"""The page through NiceGUI's simulated User: fast checks that need no browser."""
from __future__ import annotations

import asyncio

import pytest
from nicegui import ui
from nicegui.testing import User
from nicegui.testing.user_interaction import UserInteraction

import niceface as gr
from niceface.app.core.service import Service
from niceface.app.core.site import Site
from niceface.app.ui import routes

pytest_plugins = ["nicegui.testing.user_plugin"]


def serve(iface: gr.Interface) -> None:
    routes.register(Site.of(iface), [Service(iface)], None)


def press(user: User, action: str) -> None:
    """A click on a button of the page's button bar: what the browser's listener sends for it."""
    (bar,) = [e for e in user.find(ui.html).elements if "nf-buttons" in e.classes]
    UserInteraction(user, {bar}, None).trigger("click", {"action": action})


@pytest.mark.nicegui_main_file("")
async def test_submit_shows_output_and_clear_empties_it(user: User) -> None:
    serve(gr.Interface(lambda text: text[::-1], gr.Textbox(label="text"), gr.Textbox(label="result"), title="Reverse"))
    await user.open("/")
    await user.should_see("Reverse")
    # elements is a set: pick the input by its label, not by position
    (text_input,) = [e for e in user.find(ui.input).elements if e.props.get("label") == "text"]
    text_input.set_value("abc")
    press(user, "submit")
    await user.should_see("cba", retries=100)
    press(user, "clear")
    await user.should_not_see("cba")


@pytest.mark.nicegui_main_file("")
async def test_error_is_shown_in_the_page(user: User) -> None:
    def broken(text: str) -> str:
        raise gr.Error("Nope, not that.")
    serve(gr.Interface(broken, "text", "text"))
    await user.open("/")
    press(user, "submit")
    await user.should_see("Error: Nope, not that.", retries=100)


@pytest.mark.nicegui_main_file("")
async def test_examples_and_article_are_shown(user: User) -> None:
    serve(gr.Interface(str.upper, "text", "text", examples=["first example"], article="Read **this** too."))
    await user.open("/")
    await user.should_see("Examples")
    await user.should_see("Read <strong>this</strong> too.")  # the article, as Markdown
    await user.should_see("first example")


@pytest.mark.nicegui_main_file("")
async def test_live_mode_with_the_queue_withdraws_superseded_runs(user: User) -> None:
    """Typing while a run is in the queue: each change replaces the change still waiting, so
    only the running one and the latest one ever run."""
    import threading

    from niceface.app.core.options import RunOptions
    from niceface.app.core.service import Service

    gate, seen = threading.Event(), []

    def echo(text: str) -> str:
        seen.append(text)
        gate.wait(30)
        return text.upper()
    iface = gr.Interface(echo, gr.Textbox(label="text"), gr.Textbox(label="result"), live=True)
    routes.register(Site.of(iface), [Service(iface, RunOptions(enable_queue=True))], None)
    await user.open("/")
    (text_input,) = [e for e in user.find(ui.input).elements if e.props.get("label") == "text"]
    for end in range(1, 8):
        text_input.set_value("abcdefg"[:end])
        await asyncio.sleep(0)  # each change's submit reaches the queue
    gate.set()
    await user.should_see("ABCDEFG", retries=100)
    assert seen == ["a", "abcdefg"]  # before: all seven ran, one after another


@pytest.mark.nicegui_main_file("")
async def test_an_output_fn_returned_that_cannot_be_shown_is_an_error_in_the_page(user: User) -> None:
    serve(gr.Interface(lambda text: 42, gr.Textbox(label="text"), gr.Image(label="picture")))
    await user.open("/")
    press(user, "submit")
    await user.should_see("Error: <lambda> returned int 42 for Image 'picture': expected a numpy array, a PIL image or a file path", retries=100)


@pytest.mark.nicegui_main_file("")
async def test_examples_come_in_pages_and_a_row_of_a_later_page_fills_the_input(user: User) -> None:
    serve(gr.Interface(str.upper, gr.Textbox(label="text"), "text", examples=[["first"], ["second"], ["third"]],
                       examples_per_page=2))
    await user.open("/")
    await user.should_see("second")
    await user.should_not_see("third")
    examples = user.find("Examples")
    examples.trigger("click", {"kind": "page", "number": 1})  # what a click on the "2" button sends
    await user.should_see("third")
    await user.should_not_see("first")
    examples.trigger("click", {"kind": "example", "number": 2})  # a click on the row "third"
    (text_input,) = [e for e in user.find(ui.input).elements if e.props.get("label") == "text"]
    for _ in range(100):
        if text_input.value == "third":
            break
        await asyncio.sleep(0.01)
    assert text_input.value == "third"


@pytest.mark.nicegui_main_file("")
async def test_a_closed_page_stops_sending(user: User) -> None:
    """Its outbox waits for updates without a timeout: a closed page's must still end."""
    from nicegui import Client
    serve(gr.Interface(str.upper, "text", "text"))
    await user.open("/")
    (client,) = [c for c in Client.instances.values() if c.has_socket_connection]
    (sending,) = [task for task in asyncio.all_tasks() if task.get_name() == f"outbox loop {client.id}"]
    client.delete()
    await asyncio.wait_for(sending, timeout=10)
    assert sending.done() and not sending.cancelled()


@pytest.mark.nicegui_main_file("")
async def test_a_page_is_few_elements(user: User) -> None:
    """An open page's memory is mostly its NiceGUI elements (~4 KiB each, with their listeners):
    hello.py's page is NiceGUI's 4 of the layout, the top (title bar and description), two
    panels, the name box, the slider (3), the output, the button bar and the tail (examples
    and footer): 14, where it was 21 with a column, a row, a row of buttons and separate
    title bar, description, examples and footer."""
    import runpy
    from pathlib import Path
    demo = runpy.run_path(str(Path(__file__).parent.parent / "examples" / "hello.py"))["demo"]
    serve(demo)
    await user.open("/")
    await user.should_see("Examples")
    assert user.client is not None
    # (NiceGUI's DarkMode element: the simulated User's app starts light; a launched app follows the system)
    kinds = sorted(type(element).__name__ for element in user.client.elements.values() if not isinstance(element, ui.dark_mode))
    assert len(kinds) <= 14, kinds


@pytest.mark.nicegui_main_file("")
async def test_the_button_bar_ignores_buttons_that_are_hidden_or_absent(user: User) -> None:
    """The bar is one element: what a click sends names the button; a name for Cancel while it
    is hidden (no run is slow), for a button this page does not have, or for none, does nothing."""
    ran: list[str] = []

    def echo(text: str) -> str:
        ran.append(text)
        return text.upper()
    serve(gr.Interface(echo, gr.Textbox(label="text"), gr.Textbox(label="result")))
    await user.open("/")
    for action in ("cancel", "interpret", "flag", "nonsense"):
        press(user, action)
    await user.should_not_see("Cancelled.")
    (text_input,) = [e for e in user.find(ui.input).elements if e.props.get("label") == "text"]
    text_input.set_value("abc")
    press(user, "submit")
    await user.should_see("ABC", retries=100)
    assert ran == ["abc"]


@pytest.mark.nicegui_main_file("")
async def test_the_description_is_markdown_and_its_code_blocks_are_coloured(user: User) -> None:
    iface = gr.Interface(str.upper, "text", "text", description="Call it **so**:\n\n```python\nx = 1\n```\n")
    registration = routes.register(Site.of(iface), [Service(iface)], None)
    await user.open("/")
    await user.should_see("Call it <strong>so</strong>:")
    await user.should_see('<div class="codehilite">')
    assert ".body--dark .codehilite" in registration.css  # the stylesheet has the code's colours
    plain = gr.Interface(str.upper, "text", "text", description="No code here.")
    assert ".codehilite" not in routes.Registration(Site.of(plain), [Service(plain)], None).css
