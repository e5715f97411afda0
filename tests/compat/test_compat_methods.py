"""Gradio 3's helpers a fn or a program calls: gr.Progress, gr.Request, gr.Warning / gr.Info,
demo.queue().launch(...), close_all(); each program is run as a user runs it."""
from __future__ import annotations

import logging
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import pytest
from drive import PROGRAMS, answer, predict, run, submit
from playwright.sync_api import expect

import niceface as gr


@pytest.fixture
def progress_app(tmp_path):
    gate = tmp_path / "gate"
    app = run("progress_steps", COMPAT_GATE=str(gate))
    yield app, gate
    app.stop()


@pytest.mark.browser
def test_progress_drives_the_bar_and_toasts_show_on_the_page(progress_app, page):
    app, gate = progress_app
    page.goto(app.url)
    page.get_by_label("text", exact=True).fill(" ".join(["word"] * 60))
    submit(page)
    page.get_by_text("That is a long text; counting may take a while").wait_for()  # gr.Warning: a toast
    page.locator(".nf-progress").wait_for(state="visible")
    page.locator(".nf-status", has_text="Counting").wait_for()  # progress.tqdm's desc
    width = "document.querySelector('.nf-progress .q-linear-progress__model').style.transform"
    assert page.evaluate(width) in ("scale3d(0, 1, 1)", "")
    (gate.parent / "gate.0").touch()
    page.wait_for_function(f"{width}.startsWith('scale3d(0.33')")  # one step of three done
    (gate.parent / "gate.1").touch()
    (gate.parent / "gate.2").touch()
    page.get_by_text("Counted every word").wait_for()  # gr.Info
    page.wait_for_function("document.querySelector('[aria-label=words]').value === '60'")
    page.locator(".nf-progress").wait_for(state="hidden")  # the bar goes with the run


def test_progress_and_toasts_change_nothing_for_an_api_caller(progress_app):
    app, gate = progress_app
    for step in range(3):
        (gate.parent / f"gate.{step}").touch()
    assert answer(app, "one two three") == [3]
    assert "progress" not in str(predict(app, "a b").json())


def test_progress_outside_a_server_does_nothing(caplog):
    from programs.progress_steps import demo
    with caplog.at_level(logging.INFO):
        assert demo("one two") == 2
    assert "Counted every word" in caplog.text  # no page: gr.Info goes to the log


@pytest.fixture(scope="module")
def who_asked():
    app = run("who_asked")
    yield app
    app.stop()


def test_gr_request_gives_fn_the_callers_headers_and_address(who_asked):
    assert answer_with_header(who_asked) == ["Hello Ada from 127.0.0.1 (probe-7, user None)"]


def answer_with_header(app):
    response = predict(app, "Ada", headers={"X-Probe": "probe-7"})
    assert response.status_code == 200, response.text
    return response.json()["data"]


def test_share_is_refused_in_one_clear_line_and_the_app_serves_locally(who_asked):
    lines = [line for line in who_asked.output().splitlines() if "share" in line]
    assert len(lines) == 1 and "no public share link" in lines[0], who_asked.output()
    assert "debug" not in who_asked.output() and "show_tips" not in who_asked.output()  # said to change nothing


@pytest.mark.browser
def test_gr_request_in_the_page_names_the_browsers_address(who_asked, page):
    page.goto(who_asked.url)
    page.get_by_label("name", exact=True).fill("Bo")
    submit(page)
    page.wait_for_function("document.querySelector('[aria-label=output]').value.startsWith('Hello Bo from 127.0.0.1')")


def test_queue_returns_the_interface_and_launch_rejects_a_misspelt_option():
    demo = gr.Interface(lambda x: x, "text", "text")
    assert demo.queue(concurrency_count=3, max_size=7) is demo
    with pytest.raises(TypeError, match="unexpected keyword argument 'enable_quue'; did you mean 'enable_queue'"):
        demo.launch(enable_quue=True)  # refused before anything is served
    with pytest.raises(TypeError, match="'server_prot'; did you mean 'server_port'"):
        demo.launch(server_prot=8000)


@pytest.mark.browser
def test_demo_queue_launch_queues_runs_over_its_concurrency_count(progress_app, page):
    """progress_steps runs demo.queue(concurrency_count=2).launch(): two runs at once, a third waits."""
    app, gate = progress_app
    with ThreadPoolExecutor(2) as pool:
        held = [pool.submit(predict, app, "held run") for _ in range(2)]
        page.goto(app.url)
        page.wait_for_function("() => true")
        submit(page)
        page.locator(".nf-status", has_text="In queue: 1st of 1").wait_for()
        for step in range(3):
            (gate.parent / f"gate.{step}").touch()
        assert [future.result().json()["data"] for future in held] == [[2], [2]]
    page.wait_for_function("document.querySelector('[aria-label=words]').value === '0'")


def test_close_all_stops_what_launch_prevent_thread_lock_started():
    result = subprocess.run([sys.executable, str(PROGRAMS / "notebook_style.py")], capture_output=True, text=True,
                            timeout=120, cwd=PROGRAMS, env={**os.environ, "NICEFACE_INBROWSER": "0"})
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.splitlines()[-2:] == ["answered: HELLO", "closed: the port no longer answers"]


# ---- TabbedInterface, themes, gr.update, .style() ------------------------------------------

@pytest.fixture(scope="module")
def tabbed():
    app = run("tabs_and_theme")
    yield app
    app.stop()


def test_each_tab_answers_at_its_own_api_name(tabbed):
    assert answer(tabbed, "Ada") == ["Hello Ada!"]  # /api/predict: the first tab
    reversed_ = predict_at(tabbed, "reverse", "stressed")
    assert reversed_ == [{"__type__": "update", "visible": True, "value": "desserts"}]


@pytest.mark.browser
def test_the_api_page_of_tabs_names_each_tab_and_links_back_once(tabbed, page):
    page.goto(tabbed.url + "use-via-api")
    page.get_by_text("Use Greeter via API").wait_for()
    page.get_by_text("Use Mirror via API").wait_for()
    assert "/api/reverse" in page.content()
    assert page.get_by_role("link", name="← back to the app").count() == 1


def predict_at(app, name, *data):
    import httpx
    response = httpx.post(f"{app.url}api/{name}", json={"data": list(data)}, timeout=60)
    assert response.status_code == 200, response.text
    return response.json()["data"]


@pytest.mark.browser
def test_tabs_hold_their_own_interface_and_fn_can_hide_an_output(tabbed, page):
    page.goto(tabbed.url)
    expect(page.locator(".nf-header .nf-title")).to_have_text("Two tools")
    expect(page.get_by_text("Your first name")).to_be_visible()  # info=
    page.get_by_role("tab", name="Mirror").click()
    page.get_by_label("word", exact=True).fill("stressed")
    page.locator(".nf-tab-panels .q-tab-panel:visible").get_by_role("button", name="Submit").click()
    page.wait_for_function("document.querySelector('[aria-label=reversed]').value === 'desserts'")
    assert page.locator(".shiny textarea").evaluate("e => getComputedStyle(e).fontWeight") == "700"  # css=
    page.get_by_label("word", exact=True).fill("secret")
    page.locator(".nf-tab-panels .q-tab-panel:visible").get_by_role("button", name="Submit").click()
    expect(page.get_by_label("reversed", exact=True)).to_be_hidden()  # gr.update(visible=False)
    page.get_by_role("tab", name="Greeter").click()
    page.get_by_label("name", exact=True).fill("Bo")
    page.locator(".nf-tab-panels .q-tab-panel:visible").get_by_role("button", name="Submit").click()
    page.wait_for_function("document.querySelector('[aria-label=greeting]').value === 'Hello Bo!'")


@pytest.mark.browser
def test_a_gradio_theme_colours_the_page(tabbed, page):
    page.goto(tabbed.url)
    accent = page.evaluate("getComputedStyle(document.body).getPropertyValue('--nf-accent').trim()")
    assert accent == "#059669"  # Soft(primary_hue="emerald"): emerald 600
    submit_colour = page.get_by_role("button", name="Submit").first.evaluate("e => getComputedStyle(e).backgroundColor")
    assert submit_colour == "rgb(5, 150, 105)"


def test_theme_names_and_unknown_themes(caplog):
    soft = gr.Interface(lambda x: x, "text", "text", theme="soft")
    assert type(soft.look[0]).__name__ == "Soft"
    assert gr.Interface(lambda x: x, "text", "text", theme="dark").look == (None, True)
    with caplog.at_level(logging.WARNING):
        hub = gr.Interface(lambda x: x, "text", "text", theme="gradio/seafoam")
    assert hub.look == (None, False) and "cannot be fetched" in caplog.text


def test_style_returns_the_component_and_sets_what_it_knows():
    image = gr.Image().style(height=240, width=320, rounded=False)
    assert (image.height, image.width) == (240, 320)
    assert gr.Gallery().style(grid=[3], height="auto").columns == 3


# ---- mount_gradio_app, cached and paged examples, make_waveform ----------------------------

@pytest.mark.browser
def test_an_interface_mounted_in_a_fastapi_app_serves_its_page_and_api(page):
    app = run("mounted")
    try:
        import httpx
        assert httpx.get(app.url, timeout=30).json() == {"message": "This is the host app"}
        assert httpx.post(app.url + "tools/api/predict", json={"data": ["aBc"]}, timeout=30).json()["data"] == ["AbC"]
        page.goto(app.url + "tools/")
        page.get_by_label("text", exact=True).fill("Hello")
        submit(page)
        page.wait_for_function("document.querySelector('[aria-label=swapped]').value === 'hELLO'")
    finally:
        app.stop()


@pytest.mark.browser
def test_cached_examples_run_once_at_start_and_show_on_click_page_by_page(page, tmp_path):
    runs = tmp_path / "runs.log"
    app = run("cached_examples", COMPAT_RUNS=str(runs))
    try:
        page.goto(app.url)
        expect(page.locator(".nf-example")).to_have_count(2)  # two a page
        page.wait_for_function("() => true")
        _wait_for_lines(runs, 5)
        page.get_by_role("button", name="Examples page 2").click()
        expect(page.locator(".nf-example")).to_have_count(2)
        page.get_by_role("button", name="Example 4").click()
        page.wait_for_function("document.querySelector('[aria-label=shouted]').value === 'FOUR!'")
        expect(page.get_by_label("word", exact=True)).to_have_value("four")
        page.get_by_role("button", name="Examples page 3").click()
        expect(page.locator(".nf-example")).to_have_count(1)
        assert sorted(runs.read_text().split()) == ["five", "four", "one", "three", "two"]  # once each, no more
    finally:
        app.stop()


def _wait_for_lines(path, count):
    import time
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if path.exists() and len(path.read_text().split()) >= count:
            return
        time.sleep(0.05)
    raise AssertionError(f"{path} never had {count} lines")


def test_make_waveform_gives_an_mp4_with_the_sound(tmp_path):
    import numpy as np
    rate = 8000
    samples = (np.sin(np.linspace(0, 2 * np.pi * 440, rate)) * 20000).astype(np.int16)
    path = gr.make_waveform((rate, samples), bars_color="#336699", animate=True)
    data = open(path, "rb").read()
    assert data[4:8] == b"ftyp" and len(data) > 2000
    import subprocess

    import imageio_ffmpeg
    probe = subprocess.run([imageio_ffmpeg.get_ffmpeg_exe(), "-i", path], capture_output=True, text=True, check=False)
    assert "Video: h264" in probe.stderr and "Audio: aac" in probe.stderr and "Duration: 00:00:01" in probe.stderr
