"""Gradio 3.50's other components, run as Gradio 3 programs use them: Plot, Gallery,
ColorPicker, Model3D, Timeseries, Code, Button, AnnotatedImage and Files. For each: what an
API caller gets, what a person sees in the page, and what a wrong value says."""
from __future__ import annotations

import base64
import dataclasses
import io
import json
import time
from pathlib import Path

import numpy as np
import pytest
from conftest import run_wire
from drive import PROGRAMS, answer, data_url, predict, run, submit
from PIL import Image as PILImage

import niceface as gr
from niceface.components.base import GRADIO_ONLY
from niceface.exceptions import ConfigurationError, OutputError

SIGNATURES = json.loads((Path(__file__).parent / "gradio3_signatures.json").read_text())["components"]
NEW = ("Plot", "Gallery", "ColorPicker", "Model3D", "Timeseries", "Code", "Button", "AnnotatedImage", "Files")


def picture_size(url: str) -> tuple[int, int]:
    return PILImage.open(io.BytesIO(base64.b64decode(url.split(",", 1)[1]))).size


def decoded(url: str) -> bytes:
    return base64.b64decode(url.split(",", 1)[1])


def rgba_at(url: str, x: int, y: int) -> tuple[int, ...]:
    return PILImage.open(io.BytesIO(decoded(url))).convert("RGBA").getpixel((x, y))


@pytest.fixture(scope="module")
def apps():
    """Each program started on first use and stopped at the end of the module."""
    started: dict[str, object] = {}

    def get(name: str, **env: str):
        key = name + repr(sorted(env.items()))
        if key not in started:
            started[key] = run(name, **env)
        return started[key]
    yield get
    for app in started.values():
        app.stop()


def shown(page, selector: str) -> None:
    """Wait until every picture matched by ``selector`` has loaded and is drawn."""
    page.wait_for_function(
        f"[...document.querySelectorAll({json.dumps(selector)})].length > 0 && "
        f"[...document.querySelectorAll({json.dumps(selector)})].every(i => i.complete && i.naturalWidth > 0 "
        f"&& i.getBoundingClientRect().width > 0)")


# ---- every Gradio 3.50 parameter is taken ---------------------------------------------------

@pytest.mark.parametrize("name", NEW)
def test_every_gradio_3_parameter_is_a_field_or_said_to_change_nothing(name, caplog):
    cls = getattr(gr, name)
    fields = {f.name for f in dataclasses.fields(cls) if f.init}
    parameters = [(p, default) for p, kind, default in SIGNATURES[name] if kind != "VAR_KEYWORD"]
    unknown = [p for p, _ in parameters if p not in fields and p not in GRADIO_ONLY and p not in cls.gradio_only]
    assert unknown == []
    positional = [p for p, kind, _ in SIGNATURES[name] if kind == "POSITIONAL_OR_KEYWORD"]
    assert [f.name for f in dataclasses.fields(cls) if f.init and not f.kw_only] == positional
    with caplog.at_level("WARNING"):
        cls(**{p: default for p, default in parameters if default != "<required>"})  # Gradio's defaults, all given
    assert "unknown argument" not in caplog.text


def test_the_shortcut_strings_name_the_new_components():
    demo = gr.Interface(lambda *values: values, ["colorpicker", "code", "button", "timeseries", "model3d", "files"],
                        ["plot", "gallery", "annotatedimage", "colorpicker", "code", "button"])
    assert [type(c).__name__ for c in demo.input_components] == ["ColorPicker", "Code", "Button", "Timeseries",
                                                                "Model3D", "Files"]
    assert [type(c).__name__ for c in demo.output_components] == ["Plot", "Gallery", "AnnotatedImage",
                                                                 "ColorPicker", "Code", "Button"]


@pytest.mark.parametrize("name", ["Plot", "Gallery", "AnnotatedImage"])
def test_an_output_only_component_used_as_an_input_is_a_configuration_error(name):
    from niceface.components._roles import check_roles
    component = getattr(gr, name)(label="x")
    with pytest.raises(ConfigurationError, match=f"a {name} can only be an output .*; move it to outputs="):
        check_roles([component], "inputs")
    with pytest.raises(ConfigurationError, match="can only be an output"):
        component.preprocess(None)
    check_roles([component], "outputs")


# ---- Plot ------------------------------------------------------------------------------------

def test_a_matplotlib_figure_is_a_png_of_the_figures_size(apps):
    app = apps("new_plot")
    payload = answer(app, "matplotlib", 3)[0]
    assert payload["type"] == "matplotlib" and payload["plot"].startswith("data:image/png;base64,")
    assert picture_size(payload["plot"]) == (500, 300)  # 5 × 3 inches at 100 dpi
    pyplot = answer(app, "pyplot", 3)[0]
    assert picture_size(pyplot["plot"]) == (640, 480)  # the pyplot module: its current figure


def test_the_pyplot_figure_is_closed_so_runs_do_not_pile_up_lines():
    import matplotlib.pyplot as plt
    plot = gr.Plot()
    for _ in range(3):
        plt.plot([1, 2, 3])
        plot.postprocess(plt)
    assert plt.get_fignums() == []


def test_plotly_and_altair_figures_are_their_json_and_altair_is_drawn_offline(apps):
    app = apps("new_plot")
    plotly = answer(app, "plotly", 2)[0]
    assert plotly["type"] == "plotly" and json.loads(plotly["plot"])["data"][0]["type"] == "scatter"
    altair = answer(app, "altair", 2)[0]
    assert altair["type"] == "altair" and json.loads(altair["plot"])["mark"]["type"] == "line"
    assert altair["image"].startswith("data:image/svg+xml;base64,") and b"<svg" in decoded(altair["image"])


def test_a_value_that_is_no_chart_is_named_in_the_error(apps):
    response = predict(apps("new_plot"), "text", 2)
    assert response.status_code == 500
    assert response.json()["detail"].startswith(
        "chart returned str 'a sentence is not a chart' for Plot 'chart': expected a matplotlib, plotly or Altair "
        "figure")


@pytest.mark.browser
def test_the_page_shows_each_kind_of_chart(apps, page):
    page.goto(apps("new_plot").url)
    submit(page)
    shown(page, ".nf-plot-image")
    assert page.evaluate("document.querySelector('.nf-plot-image').naturalWidth") == 500
    page.get_by_text("plotly", exact=True).click()
    submit(page)
    page.locator(".nf-plot-plotly .main-svg").first.wait_for()
    page.locator(".nf-plot-plotly", has_text="2 waves").wait_for()
    page.get_by_text("altair", exact=True).click()
    submit(page)
    shown(page, ".nf-plot-image")
    source = page.evaluate("document.querySelector('.nf-plot-image').src")
    assert "/_nf/media/" in source and source.endswith(".svg")  # a file of the page's session
    assert page.request.get(source).headers["content-type"] == "image/svg+xml"


# ---- Gallery ---------------------------------------------------------------------------------

def test_a_gallery_is_a_list_of_pictures_with_their_captions(apps):
    pictures = answer(apps("new_gallery"), 5)[0]
    assert [caption for _, caption in pictures] == [f"{c} tile {n}" for n, c in
                                                   enumerate(["red", "green", "blue", "gold", "red"], start=1)]
    assert [picture_size(url) for url, _ in pictures] == [(120, 60), (120, 90), (120, 120), (120, 60), (120, 90)]
    assert rgba_at(pictures[2][0], 5, 5) == (40, 80, 220, 255)


def test_a_gallery_takes_paths_pil_images_and_refuses_what_is_no_picture(tmp_path):
    path = tmp_path / "a.png"
    PILImage.new("RGB", (7, 5), "red").save(path)
    gallery = gr.Gallery()
    payload = gallery.postprocess([str(path), (PILImage.new("L", (3, 4)), 1)])
    assert [picture_size(url) for url, _ in payload] == [(7, 5), (3, 4)] and payload[1][1] == "1"
    demo = gr.Interface(lambda n: 42 if n == 1 else ["https://example.com/a.png"], "number", gr.Gallery(label="g"))
    with pytest.raises(OutputError, match=r"returned int 42 for Gallery 'g': expected a list of pictures"):
        run_wire(demo, [1])
    with pytest.raises(OutputError, match="picture 0 is a URL"):
        run_wire(demo, [2])


def test_gallery_layout_options_are_checked_when_it_is_made():
    assert gr.Gallery(columns=(1, 2, 3)).columns_per_width() == [1, 2, 3, 3, 3, 3]
    assert "max-height: 300px" in gr.Gallery(height=300).grid_style()
    with pytest.raises(ValueError, match="object_fit"):
        gr.Gallery(object_fit="stretch")
    with pytest.raises(ConfigurationError, match="columns must be a whole number"):
        gr.Gallery(columns=0)


@pytest.mark.browser
@pytest.mark.parametrize("width", [1280, 390])
def test_the_gallery_shows_every_picture_with_its_caption_and_enlarges_one(apps, browser, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    try:
        page.goto(apps("new_gallery").url)
        submit(page)
        shown(page, ".nf-gallery-item img")
        assert page.locator(".nf-gallery-item").count() == 5
        for text in ("red tile 1", "green tile 2", "gold tile 4"):
            assert page.locator(".nf-gallery-caption", has_text=text).is_visible()
        boxes = [page.locator(".nf-gallery-item").nth(i).bounding_box() for i in range(4)]
        assert boxes[0]["y"] == boxes[2]["y"] < boxes[3]["y"]  # columns=3: three a row, at every width
        page.locator(".nf-gallery-item").nth(1).click()
        page.locator(".nf-gallery-large-caption", has_text="green tile 2").wait_for()
        shown(page, ".nf-gallery-large")
        page.get_by_role("button", name="Next picture").click()
        page.locator(".nf-gallery-large-caption", has_text="blue tile 3").wait_for()
        assert page.locator(".nf-gallery-counter").inner_text() == "3 / 5"
        assert page.locator(".nf-gallery-download").get_attribute("download") == "picture-3.png"
    finally:
        context.close()


@pytest.mark.browser
def test_gallery_preview_opens_the_selected_picture_and_rows_limit_what_shows(apps, page):
    page.goto(apps("new_gallery", WHICH="preview").url)
    submit(page)
    page.locator(".nf-gallery-large-caption", has_text="green tile 2").wait_for()  # selected_index=1
    page.keyboard.press("Escape")
    page.locator(".nf-gallery-large").wait_for(state="hidden")
    grid = page.locator(".nf-gallery-grid")
    row = page.locator(".nf-gallery-item").first.bounding_box()["height"]
    assert grid.evaluate("g => g.scrollHeight > g.clientHeight")  # rows=1: the second row scrolls
    assert abs(grid.bounding_box()["height"] - row) < 6


# ---- ColorPicker -----------------------------------------------------------------------------

def test_a_colour_goes_to_fn_and_fn_may_return_a_tuple(apps):
    app = apps("new_colorpicker")
    assert answer(app, "#00ff00") == ["#00ff00 is mostly green", "#ff00ff"]
    assert answer(app, "#00F") == ["#0000ff is mostly blue", "#ffff00"]  # short form, any case


def test_a_colour_that_is_no_hex_colour_is_refused_with_422(apps):
    response = predict(apps("new_colorpicker"), "green")
    assert response.status_code == 422
    assert 'expected a hex colour such as "#ff8800", got \'green\'' in response.json()["detail"]
    assert predict(apps("new_colorpicker"), 255).status_code == 422


def test_fn_may_return_a_colour_name_and_not_a_non_colour():
    picker = gr.ColorPicker(label="c")
    assert picker.postprocess("Orange") == "#ffa500"
    demo = gr.Interface(lambda c: "no such colour", "colorpicker", picker)
    with pytest.raises(OutputError, match="'no such colour' is not a colour"):
        run_wire(demo, ["#123456"])


@pytest.mark.browser
def test_the_chosen_colour_reaches_fn_and_the_output_shows_its_complement(apps, page):
    page.goto(apps("new_colorpicker").url)
    field = page.get_by_label("colour", exact=True)
    assert field.input_value() == "#ff0000"
    field.fill("#0000ff")
    submit(page)
    page.wait_for_function("document.querySelector('[aria-label=about]').value === '#0000ff is mostly blue'")
    assert page.get_by_label("complement", exact=True).input_value() == "#ffff00"
    field.fill("navy")
    submit(page)
    page.locator(".nf-error", has_text='expected a hex colour such as "#ff8800"').wait_for()


# ---- Code ------------------------------------------------------------------------------------

def test_code_is_text_in_and_out(apps):
    app = apps("new_code")
    assert answer(app, "a = 1\nb = 2") == ["a = 1  # 1\nb = 2  # 2"]
    assert predict(app, 42).status_code == 422


def test_code_shows_a_files_text_and_checks_its_language(tmp_path):
    source = tmp_path / "x.py"
    source.write_text("print(1)\n")
    assert gr.Code().postprocess((str(source),)) == "print(1)\n"
    with pytest.raises(ValueError, match="language"):
        gr.Code(language="cobol")


@pytest.mark.browser
def test_the_code_editor_highlights_and_the_output_is_read_only(apps, page):
    page.goto(apps("new_code").url)
    page.locator(".nf-code-editor .cm-content", has_text="return a + b").first.wait_for()
    submit(page)
    output = page.locator(".nf-code-editor").nth(1)
    output.locator(".cm-content", has_text="return a + b  # 2").wait_for()
    assert output.locator(".cm-content").get_attribute("contenteditable") == "false"
    assert page.locator(".nf-code-editor").first.locator(".cm-content").get_attribute("contenteditable") == "true"


# ---- Button ----------------------------------------------------------------------------------

def test_a_button_input_passes_its_text_and_an_output_shows_fns(apps):
    assert answer(apps("new_button"), "Hello", "Ada") == ["Hello Ada!", "Hello again"]


@pytest.mark.browser
def test_the_buttons_show_their_values(apps, page):
    page.goto(apps("new_button").url)
    assert page.get_by_role("button", name="Hello", exact=True).is_visible()
    page.get_by_label("name", exact=True).fill("Ada")
    submit(page)
    page.get_by_role("button", name="Hello again").wait_for()
    assert page.get_by_label("greeting", exact=True).input_value() == "Hello Ada!"


# ---- AnnotatedImage --------------------------------------------------------------------------

def test_annotations_are_masks_of_the_pictures_size_in_their_labels_colours(apps):
    picture, masks = answer(apps("new_annotated"), 100)[0]
    assert picture_size(picture) == (200, 100) and [label for _, label in masks] == ["square", "shadow"]
    square, shadow = (mask for mask, _ in masks)
    assert picture_size(square) == picture_size(shadow) == (200, 100)
    assert rgba_at(square, 25, 37)[:3] == (0xFF, 0x88, 0x00)  # color_map; the box's border is strongest
    assert rgba_at(square, 25, 37)[3] > rgba_at(square, 37, 37)[3] > 0 == rgba_at(square, 80, 80)[3]
    assert rgba_at(shadow, 150, 50)[3] > 0 == rgba_at(shadow, 50, 50)[3]


def test_a_mask_of_another_size_is_named_in_the_error():
    demo = gr.Interface(lambda n: (np.zeros((10, 20, 3)), [(np.ones((5, 5)), "x")]), "number",
                        gr.AnnotatedImage(label="a"))
    with pytest.raises(OutputError, match=r"annotation 0: the mask is \(5, 5\) \(width, height\) but the picture "
                                          r"is \(20, 10\)"):
        run_wire(demo, [1])


@pytest.mark.browser
def test_the_picture_shows_its_regions_and_a_legend_that_brings_one_forward(apps, page):
    page.goto(apps("new_annotated").url)
    submit(page)
    shown(page, ".nf-annotated-frame img")
    assert page.locator(".nf-annotated-mask").count() == 2
    frame = page.locator(".nf-annotated-frame").bounding_box()
    assert abs(frame["width"] / frame["height"] - 2) < 0.02  # the picture's own shape
    page.locator(".nf-annotated-chip", has_text="square").hover()
    page.locator(".nf-annotated-focus .nf-annotated-mask.nf-annotated-on").wait_for(state="attached")
    swatch = page.locator(".nf-annotated-chip", has_text="square").locator(".nf-annotated-swatch")
    assert swatch.evaluate("e => getComputedStyle(e).backgroundColor") == "rgb(255, 136, 0)"


# ---- Timeseries ------------------------------------------------------------------------------

def test_a_table_goes_to_fn_as_a_dataframe_and_back(apps):
    table = {"headers": ["day", "sales"], "data": [["2024-03-01", 1], ["2024-03-02", 2], ["2024-03-03", 6]]}
    result = answer(apps("new_timeseries"), table)[0]
    assert result["headers"] == ["day", "sales", "average"]
    assert [row[2] for row in result["data"]] == [1.0, 1.5, 3.0]


def test_a_csv_file_is_a_timeseries_too_and_other_files_are_refused(apps):
    app = apps("new_timeseries")
    result = answer(app, data_url(PROGRAMS / "series" / "sales.csv"))[0]
    assert len(result["data"]) == 30 and result["data"][0][0] == "2024-03-01"
    refused = predict(app, data_url(PROGRAMS / "models" / "tetra.glb"))
    assert refused.status_code == 422 and "cannot be used here" in refused.json()["detail"]
    assert predict(app, "series/sales.csv").status_code == 422  # a path from a caller is never opened
    assert predict(app, {"headers": ["a"], "data": [[1, 2]]}).status_code == 422


def test_the_chart_draws_one_line_per_y_column():
    series = gr.Timeseries(x="day", y=["sales"], colors=["#111111"])
    options = series.chart({"headers": ["day", "sales", "other"], "data": [["2024-01-01", 1, 5]]})
    assert [s["name"] for s in options["series"]] == ["sales"] and options["xAxis"]["type"] == "time"
    assert options["color"] == ["#111111"]


@pytest.mark.browser
def test_an_example_csv_and_an_uploaded_one_are_drawn(apps, page):
    page.goto(apps("new_timeseries").url)
    page.locator(".nf-example").first.click()
    page.get_by_text("30 rows: day, sales").wait_for()
    submit(page)
    lines = "getElement(document.querySelectorAll('.nf-timeseries-chart')[1].id.slice(1)).chart.getOption()" \
            ".series.map(s => s.name).join()"
    page.wait_for_function(f"(() => {{ try {{ return {lines} === 'sales,average'; }} catch (e) {{ return false; }} }})()")
    page.get_by_role("button", name="Clear").click()
    page.get_by_text("or drop a CSV file here").wait_for()
    page.locator(".nf-timeseries input[type=file]").set_input_files(str(PROGRAMS / "series" / "sales.csv"))
    page.get_by_text("30 rows: day, sales").wait_for()


# ---- Model3D ---------------------------------------------------------------------------------

@pytest.mark.parametrize(("name", "mime"), [("cube.obj", "model/obj"), ("pyramid.stl", "model/stl"),
                                            ("tetra.gltf", "model/gltf+json"), ("tetra.glb", "model/gltf-binary")])
def test_a_model_goes_to_fn_as_a_file_and_comes_back_whole(apps, name, mime):
    path = PROGRAMS / "models" / name
    url = f"data:application/octet-stream;base64,{base64.b64encode(path.read_bytes()).decode()}"
    returned = answer(apps("new_model3d"), url)[0]
    assert returned.startswith(f"data:{mime};base64,") and decoded(returned) == path.read_bytes()


def test_fn_gets_a_path_with_the_models_suffix_and_text_is_refused(apps):
    seen = []
    demo = gr.Interface(lambda path: seen.append((path, Path(path).read_bytes())) or path, "model3d", "model3d")
    run_wire(demo, [data_url(PROGRAMS / "models" / "tetra.glb")])
    assert seen[0][0].endswith(".glb") and seen[0][1] == (PROGRAMS / "models" / "tetra.glb").read_bytes()
    assert not Path(seen[0][0]).exists()  # the run's temporary file is gone once its output is made
    response = predict(apps("new_model3d"), "data:text/plain;base64," + base64.b64encode(b"hello").decode())
    assert response.status_code == 422 and "not a 3D model" in response.json()["detail"]


def test_obj_files_are_shown_as_stl_and_the_camera_follows_gradios_angles():
    from niceface.components import _meshes
    from niceface.components._model_view import camera_at, fit
    cube = (PROGRAMS / "models" / "cube.obj").read_bytes()
    stl = _meshes.obj_to_stl(cube)
    assert _meshes.model_format(stl) == "stl" and _meshes.bounds(stl, "stl") == _meshes.bounds(cube, "obj")
    scale, centre = fit(_meshes.bounds(cube, "obj"))
    assert centre == (0.0, 1.0, 0.0) and scale == pytest.approx(10 / 12 ** 0.5)
    x, y, z = camera_at((None, None, None), scale)
    assert (round(x, 6), round(y, 6), round(z, 6)) == (0, -15, 0)  # Gradio's front view, 1.5 diagonals away
    assert camera_at((0, 90, 2), 1.0) == pytest.approx((2, 0, 0))


@pytest.mark.browser
def test_a_model_example_is_shown_in_both_viewers(apps, page):
    page.goto(apps("new_model3d").url)
    page.locator(".nf-example").first.click()
    page.get_by_text("model/obj · 246 bytes").wait_for()
    submit(page)
    page.wait_for_function("document.querySelectorAll('.nf-model3d-scene canvas').length >= 2 && "
                           "[...document.querySelectorAll('.nf-model3d-scene')].every(s => s.offsetHeight > 300)")
    for side in ("inputs", "outputs"):  # and the model is drawn in each (not an empty scene)
        canvas = page.locator(f".nf-{side} .nf-model3d-scene canvas")
        deadline = time.monotonic() + 60
        while drawn_share(canvas.screenshot()) < 0.02:
            assert time.monotonic() < deadline, f"no model drawn in the {side}' viewer"
            page.wait_for_timeout(200)


def drawn_share(png: bytes) -> float:
    """The share of a picture's pixels that differ from its commonest colour (the background)."""
    picture = PILImage.open(io.BytesIO(png)).convert("RGB")
    background = max(picture.getcolors(1 << 20) or [(0, None)])[0]
    return 1 - background / (picture.width * picture.height)


# ---- Files -----------------------------------------------------------------------------------

def named(name: str, data: bytes) -> str:
    return f"data:text/plain;name={name};base64,{base64.b64encode(data).decode()}"


def test_several_files_go_to_fn_as_paths_and_come_back_named(apps):
    sizes, files = answer(apps("new_files"), [named("a.txt", b"hello"), named("b.txt", b"abc")])
    assert sizes == "1: 5 bytes\n2: 3 bytes"
    assert [f.split(";base64,")[0] for f in files] == ["data:text/plain;name=reversed-1.txt",
                                                      "data:text/plain;name=reversed-2.txt"]
    assert [decoded(f) for f in files] == [b"olleh", b"cba"]


def test_files_that_are_not_data_urls_are_refused(apps):
    app = apps("new_files")
    assert predict(app, ["/etc/passwd"]).status_code == 422
    assert predict(app, named("a.txt", b"x")).status_code == 422  # one file, not a list


def test_files_type_binary_gives_bytes_and_a_browser_name_never_becomes_a_path():
    assert gr.Files(type="binary").preprocess([named("a.txt", b"hi")]) == [b"hi"]
    (path,) = gr.Files().preprocess([named("..%2F..%2Fevil.txt", b"hi")])
    assert "evil" not in path and path.name == str(path)


@pytest.mark.browser
def test_chosen_files_are_listed_and_the_results_are_downloads(apps, page, tmp_path):
    for name, text in (("one.txt", "first"), ("two.txt", "second!")):
        (tmp_path / name).write_text(text)
    page.goto(apps("new_files").url)
    page.locator(".nf-files input[type=file]").set_input_files([str(tmp_path / "one.txt"), str(tmp_path / "two.txt")])
    page.get_by_text("one.txt · 5 bytes").wait_for()
    page.get_by_text("two.txt · 7 bytes").wait_for()
    submit(page)
    page.wait_for_function("document.querySelector('[aria-label=sizes]').value === '1: 5 bytes\\n2: 7 bytes'")
    links = page.locator(".nf-files a.nf-file-link")
    assert [links.nth(i).get_attribute("download") for i in range(2)] == ["reversed-1.txt", "reversed-2.txt"]
    assert all(links.nth(i).get_attribute("href").startswith("_nf/media/") for i in range(2))  # by reference


@pytest.mark.browser
def test_a_directory_input_takes_a_folders_files(apps, page, tmp_path):
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "a.txt").write_text("aaa")
    (folder / "b.txt").write_text("bb")
    page.goto(apps("new_files", WHICH="directory").url)
    chooser = page.locator(".nf-files input[type=file]").first
    assert chooser.get_attribute("webkitdirectory") is not None
    chooser.set_input_files(str(folder))
    page.get_by_text("a.txt · 3 bytes").wait_for()
    page.get_by_text("b.txt · 2 bytes").wait_for()
