"""The HTTP API: answers, 422s, media as data URLs, errors, OpenAPI docs."""
from __future__ import annotations

import base64

import httpx
import pytest
from conftest import APPS, ROOT


@pytest.fixture(scope="module")
def text_app():
    from conftest import Served
    served = Served(APPS / "text_app.py")
    yield served
    served.stop()


def predict(app, body, **kwargs):
    return httpx.post(app.url + "api/predict", timeout=10, **kwargs, **({"json": body} if body is not None else {}))


def test_predict_answers_with_data_and_duration(text_app):
    answer = predict(text_app, {"data": ["api"]}).json()
    assert answer["data"] == ["API"] and 0 <= answer["duration"] < 1


def test_bad_json_is_a_422(text_app):
    response = predict(text_app, None, content=b"{not json", headers={"content-type": "application/json"})
    assert response.status_code == 422 and response.json()["detail"].startswith("the body is not valid JSON")
    for body in ({"values": ["x"]}, {"data": "x"}, ["x"]):  # no "data"; not a list; not an object
        response = predict(text_app, body)
        assert response.status_code == 422 and '{"data": [one value per input]}' in response.json()["detail"]
    not_utf8 = predict(text_app, None, content=b'{"data": ["\xff"]}', headers={"content-type": "application/json"})
    assert not_utf8.status_code == 422


def test_wrong_arity_and_wrong_type_are_422_with_a_message(text_app):
    response = predict(text_app, {"data": ["a", "b"]})
    assert response.status_code == 422 and response.json()["detail"] == "shout takes 1 value(s) (text), got 2"
    response = predict(text_app, {"data": [{"a": 1}]})
    assert response.status_code == 422 and "expected text, got dict" in response.json()["detail"]


def test_fn_error_is_a_500_with_the_message_and_the_server_keeps_serving(text_app):
    response = predict(text_app, {"data": ["boom"]})
    assert response.status_code == 500 and "ValueError: the fn exploded on purpose" in response.json()["detail"]
    assert predict(text_app, {"data": ["still here"]}).json()["data"] == ["STILL HERE"]


def test_by_default_only_gr_error_messages_reach_the_caller(serve):
    app = serve(ROOT / "examples" / "hello.py")  # show_error is off, as in Gradio 3
    refused = predict(app, {"data": ["", 1]})  # fn raises gr.Error("Please type a name.")
    assert refused.status_code == 500 and refused.json()["detail"] == "Please type a name."
    crashed = predict(app, {"data": ["Ada", "many"]})  # not a number: the caller's mistake, always said
    assert crashed.status_code == 422 and "excitement" in crashed.json()["detail"]


def test_openapi_docs_are_served(text_app):
    schema = httpx.get(text_app.url + "openapi.json").json()
    post = schema["paths"]["/api/predict"]["post"]
    body = post["requestBody"]["content"]["application/json"]["schema"]
    assert body["required"] == ["data"] and body["properties"]["data"]["type"] == "array"
    assert "200" in post["responses"] and "503" in post["responses"]
    assert httpx.get(text_app.url + "docs").status_code == 200


def test_media_goes_in_and_out_as_data_urls(serve):
    app = serve(APPS / "image_echo.py")
    png = (ROOT / "examples" / "images" / "digit_7.png").read_bytes()
    answer = predict(app, {"data": ["data:image/png;base64," + base64.b64encode(png).decode()]}).json()
    label, image = answer["data"]
    assert label == {"label": "128x128"}
    assert image.startswith("data:image/png;base64,")
    server_path = predict(app, {"data": [str(ROOT / "examples" / "images" / "digit_7.png")]})
    assert server_path.status_code == 422 and "data URL" in server_path.json()["detail"]
