"""The ``niceface`` command.

    niceface flags export [FLAGGING_DIR] [-o FILE]   flagged samples as CSV (stdout by default)
    niceface flags count [FLAGGING_DIR]              how many samples are flagged
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .exceptions import NicefaceError


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="niceface", description="niceface command-line tools")
    commands = parser.add_subparsers(dest="command", required=True)
    flags = commands.add_parser("flags", help="flagged samples").add_subparsers(dest="action", required=True)
    export = flags.add_parser("export", help="write the flagged samples as CSV (formulas neutralised)")
    export.add_argument("directory", nargs="?", default="flagged", help="the app's flagging_dir (default: flagged)")
    export.add_argument("-o", "--output", type=Path, help="CSV file to write (default: standard output)")
    count = flags.add_parser("count", help="how many samples are flagged")
    count.add_argument("directory", nargs="?", default="flagged", help="the app's flagging_dir (default: flagged)")
    args = parser.parse_args(argv)
    try:
        return _flags(args)
    except NicefaceError as error:
        print(f"niceface: {error}", file=sys.stderr)
        return 1


def _flags(args: argparse.Namespace) -> int:
    from .storage.flags import FLAGS_FILE, FlagStore

    store = FlagStore(args.directory)
    if not store.db.exists():
        print(f"niceface: no flags in {args.directory} (no {FLAGS_FILE} there)", file=sys.stderr)
        return 1
    if args.action == "count":
        print(len(store.records()))
        return 0
    if args.output is None:
        rows = store.export_csv(sys.stdout)
    else:
        with args.output.open("w", newline="", encoding="utf-8") as out:
            rows = store.export_csv(out)
    print(f"{rows} flagged sample(s) exported", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
