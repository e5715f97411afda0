"""FlagStore and the TinyDB shards under it: records, copied files, concurrency between threads
and processes, kill -9 mid-write, streaming export, the flags.json of earlier versions, CSV."""
from __future__ import annotations

import csv
import io
import subprocess
import sys
import threading
import time

from conftest import ROOT
from tinydb import TinyDB

from niceface.storage.flags import Blob, FlagStore, unique_labels
from niceface.storage.lines import JSONLinesStorage

PNG = (ROOT / "examples" / "images" / "digit_7.png").read_bytes()
PNG_BLOB = Blob(PNG, "image/png")


def test_a_record_holds_values_option_user_and_utc_time_and_copies_files(tmp_path):
    store = FlagStore(tmp_path / "flagged", ["picture", "note"], ["verdict", "note"])
    assert not (tmp_path / "flagged").exists()  # nothing before the first flag
    record = store.add([PNG_BLOB, "a 7"], [{"label": "7", "confidences": []}, "A 7"], option="wrong", username="ann")
    picture = record["inputs"]["picture"]
    assert picture.startswith("files/") and picture.endswith(".png")
    assert store.path_of(picture).read_bytes() == PNG  # the upload itself, copied
    assert record["inputs"]["note"] == "a 7" and record["outputs"]["note"] == "A 7"
    assert record["option"] == "wrong" and record["username"] == "ann"
    assert record["timestamp"].endswith("+00:00") and abs(
        time.time() - __import__("datetime").datetime.fromisoformat(record["timestamp"]).timestamp()) < 5
    with TinyDB(tmp_path / "flagged" / "flags" / "000001.jsonl", storage=JSONLinesStorage) as stored:  # TinyDB's
        assert stored.all() == [record]
    assert list(store.records()) == [record] and store.count() == 1


def test_outputs_may_be_missing_and_odd_values_become_text(tmp_path):
    store = FlagStore(tmp_path, ["x"], ["y", "z"])
    record = store.add([object.__new__(type("Odd", (), {"__str__": lambda self: "odd"}))])
    assert record["inputs"] == {"x": "odd"} and record["outputs"] == {"y": None, "z": None}


def test_file_names_never_come_from_the_user(tmp_path):
    store = FlagStore(tmp_path, ["file"])
    record = store.add([Blob(b"x", "text/x-evil;name=../../etc/passwd")])
    path = store.path_of(record["inputs"]["file"]).resolve()
    assert path.parent == (tmp_path / "files").resolve() and ".." not in record["inputs"]["file"]
    assert path.suffix == ".bin" and path.read_bytes() == b"x"


def test_duplicate_labels_stay_apart() -> None:
    assert unique_labels(["text", "text", "image", "text"]) == ["text", "text (2)", "image", "text (3)"]


def test_concurrent_flags_from_many_threads_are_all_kept(tmp_path):
    store = FlagStore(tmp_path, ["who", "n"])
    errors: list[BaseException] = []

    def flagger(who: int) -> None:
        try:
            for n in range(15):
                FlagStore(tmp_path, ["who", "n"]).add([who, n]) if n % 2 else store.add([who, n])
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=flagger, args=(who,)) for who in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    kept = {(record["inputs"]["who"], record["inputs"]["n"]) for record in store.records()}
    assert kept == {(who, n) for who in range(8) for n in range(15)}
    assert store.count() == 8 * 15


def test_csv_export_neutralises_formulas(tmp_path):
    store = FlagStore(tmp_path, ["text", "n"], ["text"])
    for value in ("=HYPERLINK(\"http://x\")", "+1+2", "-3", "@SUM(A1)", "\tx", "plain, with comma"):
        store.add([value, -1], [value.upper()], option="=bad" if value == "-3" else "ok")
    out = io.StringIO()
    assert store.export_csv(out) == 6
    rows = list(csv.reader(io.StringIO(out.getvalue())))
    assert rows[0] == ["text", "n", "text (output)", "flag", "username", "timestamp"]
    assert [row[0] for row in rows[1:]] == ["'=HYPERLINK(\"http://x\")", "'+1+2", "'-3", "'@SUM(A1)", "'\tx",
                                            "plain, with comma"]
    assert all(row[1] == "'-1" for row in rows[1:])
    assert rows[3][3] == "'=bad" and rows[1][3] == "ok" and rows[1][4] == ""


def test_cli_exports_and_counts(tmp_path):
    store = FlagStore(tmp_path / "flagged", ["text"], ["label"])
    store.add(["=1+1"], [{"label": "x"}], option="wrong")
    command = [sys.executable, "-m", "niceface.cli", "flags"]
    count = subprocess.run([*command, "count", str(tmp_path / "flagged")], capture_output=True, text=True, check=True)
    assert count.stdout.strip() == "1"
    out = tmp_path / "flags.csv"
    subprocess.run([*command, "export", str(tmp_path / "flagged"), "-o", str(out)], capture_output=True, check=True)
    rows = list(csv.reader(out.open()))
    assert rows[1][:3] == ["'=1+1", '{"label": "x"}', "wrong"]
    missing = subprocess.run([*command, "export", str(tmp_path / "nowhere")], capture_output=True, text=True)
    assert missing.returncode == 1 and "there is no folder" in missing.stderr
    assert not (tmp_path / "nowhere").exists()
    (tmp_path / "empty").mkdir()
    empty = subprocess.run([*command, "count", str(tmp_path / "empty")], capture_output=True, text=True)
    assert empty.returncode == 1 and "no flags in" in empty.stderr
