"""Flags at volume: the TinyDB shards under FlagStore, with real files and real processes.
Writers in two processes, writers killed with SIGKILL mid-write, a lost index, streaming
export, and the single flags.json of earlier versions."""
from __future__ import annotations

import csv
import json
import signal
import subprocess
import sys
import textwrap
import tracemalloc
from pathlib import Path

import pytest
from conftest import ROOT
from tinydb import TinyDB

from niceface.exceptions import StorageError
from niceface.storage.flags import FlagStore
from niceface.storage.lines import JSONLinesStorage
from niceface.storage.shards import shard_records

WRITER = textwrap.dedent("""
    import sys
    from niceface.storage.flags import FlagStore
    folder, name, flags, shard_size = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    store = FlagStore(folder, ["writer", "n", "blob"], shard_size=shard_size)
    sys.stdin.readline()  # "go": every writer starts at once
    n = 0
    while n < flags or flags < 0:
        store.add([name, n, "x" * 2000])
        print(n, flush=True)  # n is stored: add returned
        n += 1
""")


def writers(tmp_path: Path, names: list[str], flags: int, shard_size: int) -> dict[str, subprocess.Popen[str]]:
    script = tmp_path / "writer.py"
    script.write_text(WRITER)
    started = {name: subprocess.Popen([sys.executable, str(script), str(tmp_path / "flagged"), name, str(flags),
                                       str(shard_size)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                                      cwd=ROOT) for name in names}
    for process in started.values():
        process.stdin.write("go\n")  # type: ignore[union-attr]
        process.stdin.flush()  # type: ignore[union-attr]
    return started


def by_writer(store: FlagStore) -> dict[str, list[int]]:
    kept: dict[str, list[int]] = {}
    for record in store.records():
        kept.setdefault(record["inputs"]["writer"], []).append(record["inputs"]["n"])
    return kept


def every_file_parses(folder: Path) -> None:
    """The index parses; every shard opens with TinyDB and parses but for, at most, a last
    line a kill cut short (the record that was being written)."""
    json.loads((folder / "flags" / "index.json").read_text())
    for path in (folder / "flags").glob("*.jsonl"):
        with TinyDB(path, storage=JSONLinesStorage) as database:
            stored = database.all()
        complete = path.read_bytes().split(b"\n")[:-1]
        assert len(stored) == len(complete), path


def test_two_processes_flagging_500_each_lose_nothing(tmp_path):
    processes = writers(tmp_path, ["a", "b"], 500, shard_size=37)  # many shard changes under contention
    for process in processes.values():
        assert process.wait(timeout=600) == 0
    store = FlagStore(tmp_path / "flagged")
    kept = by_writer(store)
    assert sorted(kept["a"]) == sorted(kept["b"]) == list(range(500))
    assert kept["a"] == list(range(500))  # each writer's flags in the order it made them
    assert store.count() == 1000
    shards = sorted((tmp_path / "flagged" / "flags").glob("[0-9]*.jsonl"))
    assert len(shards) == -(-1000 // 37)  # full shards, and no record written twice
    assert all(len(shard_records(path)) <= 37 for path in shards)


def test_writers_killed_mid_write_leave_every_confirmed_flag(tmp_path):
    """Two processes flag as fast as they can; once each has confirmed at least 50 more flags,
    both get SIGKILL (no clean-up), four times over. Every file parses, count() agrees with the
    records present, and every flag a writer saw stored is there, each at most once."""
    confirmed: dict[str, int] = {}
    for round_ in range(4):
        names = [f"a{round_}", f"b{round_}"]
        processes = writers(tmp_path, names, -1, shard_size=7)  # a shard change every 7 flags
        for name, process in processes.items():
            confirmed[name] = 0
            while confirmed[name] < 50 + 13 * round_:  # a different moment in the shard cycle each round
                line = process.stdout.readline()  # type: ignore[union-attr]
                assert line, f"writer {name} died"
                confirmed[name] = int(line) + 1
        for name, process in processes.items():
            process.send_signal(signal.SIGKILL)
            confirmed[name] += len(process.stdout.read().split())  # type: ignore[union-attr]  # printed: stored too
            assert process.wait() == -signal.SIGKILL
        every_file_parses(tmp_path / "flagged")
        store = FlagStore(tmp_path / "flagged")
        kept = by_writer(store)
        assert store.count() == sum(map(len, kept.values()))
        for name, count in confirmed.items():
            assert kept[name][:count] == list(range(count)), name  # in order, none lost
            assert len(kept[name]) <= count + 1  # at most the flag in flight besides
    assert FlagStore(tmp_path / "flagged").add(["after", 0, ""])  # and the store goes on


def test_a_lost_index_is_rebuilt_from_the_shards(tmp_path):
    store = FlagStore(tmp_path, ["n"], shard_size=4)
    for n in range(10):
        store.add([n])
    (tmp_path / "flags" / "index.json").unlink()
    assert store.count() == 10
    store.add([10])
    assert store.count() == 11 and [r["inputs"]["n"] for r in store.records()] == list(range(11))
    (tmp_path / "flags" / "index.json").write_text("{not json")
    store.add([11])
    assert store.count() == 12 and len(list(store.records())) == 12


def test_a_broken_shard_is_reported_not_overwritten(tmp_path):
    store = FlagStore(tmp_path, ["x"])
    store.add(["first"])
    shard = tmp_path / "flags" / "000001.jsonl"
    shard.write_text('[1, {"inputs": }]\n')
    with pytest.raises(StorageError, match="last record is unreadable"):
        store.add(["y"])
    with pytest.raises(StorageError, match="line 1 is not a record"):
        list(store.records())
    assert shard.read_text() == '[1, {"inputs": }]\n'


def test_a_line_cut_short_by_a_crash_is_skipped_then_cut_off(tmp_path):
    store = FlagStore(tmp_path, ["x"])
    store.add(["kept"])
    shard = tmp_path / "flags" / "000001.jsonl"
    with shard.open("ab") as file:
        file.write(b'[2, {"inputs": {"x": "half')  # a writer killed mid-write
    assert [r["inputs"]["x"] for r in store.records()] == ["kept"] and store.count() == 1
    store.add(["next"])
    assert [r["inputs"]["x"] for r in store.records()] == ["kept", "next"] and store.count() == 2
    assert b"half" not in shard.read_bytes()


def test_shards_written_whole_by_earlier_versions_are_read_and_never_written(tmp_path):
    """Shards of the version before JSON lines (one TinyDB JSON document each) stay as
    they are: read first, counted, and new flags go to the next shard."""
    folder = tmp_path / "flags"
    folder.mkdir()
    old = {"_default": {"1": {"inputs": {"x": "old 1"}}, "2": {"inputs": {"x": "old 2"}}}}
    (folder / "000001.json").write_text(json.dumps(old))
    (folder / "index.json").write_text('{"current": 1, "before": 0}')
    before = (folder / "000001.json").read_bytes()
    store = FlagStore(tmp_path, ["x"])
    assert store.count() == 2
    store.add(["new"])
    assert [r["inputs"]["x"] for r in store.records()] == ["old 1", "old 2", "new"] and store.count() == 3
    assert (folder / "000001.json").read_bytes() == before and (folder / "000002.jsonl").exists()


def export_peak(store: FlagStore, out: Path) -> int:
    tracemalloc.start()
    try:
        with out.open("w", newline="", encoding="utf-8") as file:
            store.export_csv(file)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_export_streams_one_shard_at_a_time(tmp_path):
    """The memory an export needs does not grow with the number of flags: ten times the flags,
    about the same peak (the old store read every record first: ten times the peak)."""
    peaks, rows = [], []
    for size in (2_000, 20_000):
        store = FlagStore(tmp_path / str(size), ["note", "picture"], ["label"])
        store.add_records(store.record([f"note {n} " * 5, f"files/{n:032x}.png"], [{"label": str(n % 10)}])
                          for n in range(size))
        out = tmp_path / f"{size}.csv"
        peaks.append(export_peak(store, out))
        with out.open(newline="") as file:
            rows.append(sum(1 for _ in csv.reader(file)) - 1)
    assert rows == [2_000, 20_000]
    assert peaks[1] < 2 * peaks[0], peaks


def test_flags_json_of_earlier_versions_is_read_first_and_never_written(tmp_path):
    """A flagging_dir written by niceface before the shards: its records are counted and
    exported (first), new flags go to the shards, and flags.json stays byte for byte."""
    folder = tmp_path / "flagged"
    folder.mkdir()
    old = {"_default": {str(n): {"inputs": {"text": f"old {n}"}, "outputs": {"label": "x"}, "option": None,
                                 "username": "ann", "timestamp": "2025-01-01T00:00:00.000+00:00"}
                        for n in range(1, 4)}}
    (folder / "flags.json").write_text(json.dumps(old))
    before = (folder / "flags.json").read_bytes()
    store = FlagStore(folder, ["text"], ["label"])
    assert store.count() == 3
    store.add(["new"], ["y"])
    command = [sys.executable, "-m", "niceface.cli", "flags"]
    count = subprocess.run([*command, "count", str(folder)], capture_output=True, text=True, check=True, cwd=ROOT)
    assert count.stdout.strip() == "4"
    export = subprocess.run([*command, "export", str(folder)], capture_output=True, text=True, check=True, cwd=ROOT)
    rows = list(csv.reader(export.stdout.splitlines()))
    assert [row[0] for row in rows] == ["text", "old 1", "old 2", "old 3", "new"]
    assert (folder / "flags.json").read_bytes() == before


def test_a_shard_is_a_tinydb_file_that_tinydb_can_change(tmp_path):
    store = FlagStore(tmp_path, ["x"])
    for x in ["a", "b", "c"]:
        store.add([x])
    with TinyDB(tmp_path / "flags" / "000001.jsonl", storage=JSONLinesStorage) as database:
        database.update({"option": "checked"}, doc_ids=[2])
        database.remove(doc_ids=[1])
    assert [(r["inputs"]["x"], r["option"]) for r in store.records()] == [("b", "checked"), ("c", None)]
    store.add(["d"])  # appended after the rewrite, with the next id
    with TinyDB(tmp_path / "flags" / "000001.jsonl", storage=JSONLinesStorage) as database:
        assert [document.doc_id for document in database.all()] == [2, 3, 4]
