"""flagging_callback= with Gradio 3's interface: niceface.CSVLogger, and a team's own callback
through a real server (tests/apps/flag_app.py)."""
from __future__ import annotations

import base64
import csv
import json
import threading
from datetime import datetime, timezone

import httpx
import pytest
from conftest import ROOT

import niceface as gr
from niceface.exceptions import ConfigurationError

PNG = (ROOT / "examples" / "images" / "digit_7.png").read_bytes()
IMAGE_URL = "data:image/png;base64," + base64.b64encode(PNG).decode()
HEADER = ["note", "picture", "n", "flag", "username", "timestamp"]


def rows_of(path):
    with path.open(newline="", encoding="utf-8") as file:
        return list(csv.reader(file))


def test_csv_logger_writes_a_csv_a_spreadsheet_opens_safely(tmp_path):
    logger = gr.CSVLogger()
    assert isinstance(logger, gr.FlaggingCallback)
    logger.setup([gr.Textbox(label="note"), gr.Image(label="picture"), gr.Number(label="n")], str(tmp_path / "flags"))
    assert not (tmp_path / "flags").exists()  # nothing before the first flag
    assert logger.flag(['=HYPERLINK("http://evil","click")', IMAGE_URL, -3], "incorrect", "ann") == 1
    assert logger.flag(['plain, "quoted"\nsecond line', None, 2.5], "") == 2
    header, first, second = rows_of(tmp_path / "flags" / "log.csv")
    assert header == HEADER
    assert first[0] == '\'=HYPERLINK("http://evil","click")' and first[2] == "'-3"  # never run as formulas
    assert first[1].startswith("files/") and (tmp_path / "flags" / first[1]).read_bytes() == PNG
    assert first[3:5] == ["incorrect", "ann"]
    assert second[:5] == ['plain, "quoted"\nsecond line', "", "2.5", "", ""]
    stamp = datetime.fromisoformat(second[5])
    assert stamp.tzinfo is not None and abs((datetime.now(timezone.utc) - stamp).total_seconds()) < 600
    import pandas as pd  # a spreadsheet's reading: two rows of six columns
    assert pd.read_csv(tmp_path / "flags" / "log.csv").shape == (2, 6)


def test_csv_logger_from_many_threads_keeps_every_row_and_one_header(tmp_path):
    """Two loggers on one file (as two processes would be) and four threads each: every row is
    kept, the header written once, and each flag() returns the rows the file then held."""
    loggers = [gr.CSVLogger(), gr.CSVLogger()]
    for logger in loggers:
        logger.setup([gr.Textbox(label="who"), gr.Number(label="n")], str(tmp_path))
    returned: list[int] = []

    def flagger(who: int) -> None:
        returned.extend(loggers[who % 2].flag([f"w{who}", n]) for n in range(20))

    threads = [threading.Thread(target=flagger, args=(who,)) for who in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    header, *rows = rows_of(tmp_path / "log.csv")
    assert header == ["who", "n", "flag", "username", "timestamp"]
    assert sorted((row[0], row[1]) for row in rows) == sorted((f"w{w}", str(n)) for w in range(8) for n in range(20))
    assert sorted(returned) == list(range(1, 161))


def test_a_callback_without_setup_and_flag_is_refused():
    with pytest.raises(ConfigurationError, match=r"setup\(components, flagging_dir\) and flag"):
        gr.Interface(str.upper, "text", "text", flagging_callback=object())


def test_a_teams_own_callback_gets_every_flag_through_the_server(serve, tmp_path):
    folder = tmp_path / "flagged"
    app = serve("flag_app", env={"FLAG_DIR": str(folder), "FLAG_MODE": "auto", "FLAG_CALLBACK": "mine"})
    for note in ("first", "second"):
        answer = httpx.post(app.url + "api/predict", json={"data": [IMAGE_URL, note]}, timeout=30)
        assert answer.status_code == 200
    setup, *flags = [json.loads(line) for line in (folder / "mine.jsonl").read_text().splitlines()]
    assert setup == {"setup": ["picture", "note", "verdict", "shouted"], "dir": str(folder)}  # once, at launch
    assert [flag["data"][1:4:2] for flag in flags] == [["first", "FIRST"], ["second", "SECOND"]]
    assert all(flag["data"][0] == IMAGE_URL for flag in flags)  # media as Gradio 3 gave it: a data URL
    assert set(flags[0]["data"][2]) >= {"label", "confidences"}
    assert all(flag["option"] == "" and flag["username"] is None for flag in flags)
    assert not any(flag["main_thread"] for flag in flags)  # never on the server's event loop
    assert not (folder / "flags").exists()  # niceface's own store is not used


def test_csv_logger_through_the_server(serve, tmp_path):
    folder = tmp_path / "flagged"
    app = serve("flag_app", env={"FLAG_DIR": str(folder), "FLAG_MODE": "auto", "FLAG_CALLBACK": "csv"})
    assert not folder.exists()
    note = "=cmd|' /C calc'!A0"
    answer = httpx.post(app.url + "api/predict", json={"data": [IMAGE_URL, note]}, timeout=30)
    assert answer.status_code == 200
    header, row = rows_of(folder / "log.csv")
    assert header == ["picture", "note", "verdict", "shouted", "flag", "username", "timestamp"]
    assert (folder / row[0]).read_bytes() == PNG
    assert row[1] == "'" + note and row[3] == "'" + note.upper()
    assert json.loads(row[2])["label"] in {"bright", "dark"}
