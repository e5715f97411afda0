"""The ``niceface`` command.

    niceface run APP.py [--no-reload] [--port N] [--host H] [--name NAME]
                                                     serve the Interface of APP.py; reload on save
    niceface users add FILE NAME [--password-stdin]  add a user or change a password (asked
                                                     twice, not echoed); only the hash is stored
    niceface users list FILE                         the usernames
    niceface users remove FILE NAME                  remove a user
    niceface flags export [FLAGGING_DIR] [-o FILE]   flagged samples as CSV (stdout by default)
    niceface flags count [FLAGGING_DIR]              how many samples are flagged

A users FILE is what ``launch(auth="FILE")`` reads.
"""
from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path
from typing import Any

from .exceptions import ConfigurationError, NicefaceError

#: the shortest password `niceface users add` takes (NIST SP 800-63B's minimum for one a person chose;
#: auth= in code takes what the program gives, as Gradio does)
MIN_PASSWORD = 8


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="niceface", description="niceface command-line tools")
    commands = parser.add_subparsers(dest="command", required=True)
    users = commands.add_parser("users", help="the users of launch(auth=FILE)").add_subparsers(
        dest="action", required=True)
    add = users.add_parser("add", help="add a user or change a password (prompted, not echoed)")
    add.add_argument("file", type=Path, help="credential file (made if missing)")
    add.add_argument("username")
    add.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    listing = users.add_parser("list", help="the usernames")
    listing.add_argument("file", type=Path)
    remove = users.add_parser("remove", help="remove a user")
    remove.add_argument("file", type=Path)
    remove.add_argument("username")
    flags = commands.add_parser("flags", help="flagged samples").add_subparsers(dest="action", required=True)
    export = flags.add_parser("export", help="write the flagged samples as CSV (formulas neutralised)")
    export.add_argument("directory", nargs="?", default="flagged", help="the app's flagging_dir (default: flagged)")
    export.add_argument("-o", "--output", type=Path, help="CSV file to write (default: standard output)")
    count = flags.add_parser("count", help="how many samples are flagged")
    count.add_argument("directory", nargs="?", default="flagged", help="the app's flagging_dir (default: flagged)")
    _run_parser(commands)
    args = parser.parse_args(argv)
    try:
        return {"users": _users, "flags": _flags, "run": _run}[args.command](args)
    except NicefaceError as error:
        print(f"niceface: {error}", file=sys.stderr)
        return 1


def _run_parser(commands: Any) -> None:
    run = commands.add_parser("run", help="serve an app file; with reload (the default) again on every save",
                              description="Serve the Interface of APP.py: the one it launches, else a module-level "
                                          "demo, io, iface or app, or the one --name names. With reload, a save of "
                                          "APP.py or a .py/.css file in its folder restarts it and open pages show "
                                          "the new version by themselves.")
    run.add_argument("script", type=Path, metavar="APP.py")
    run.add_argument("--reload", action=argparse.BooleanOptionalAction, default=True,
                     help="restart on every save (default: on)")
    run.add_argument("--port", type=int, help="default: NICEFACE_SERVER_PORT, else the first free one from 7860")
    run.add_argument("--host", help="default: NICEFACE_SERVER_NAME, else 127.0.0.1")
    run.add_argument("--name", help="the module-level name of the Interface to serve")


def _run(args: argparse.Namespace) -> int:
    from .app.serve.launch import address
    from .app.serve.options import ServeOptions
    if not args.script.is_file():
        raise ConfigurationError(f"no app file {args.script}")
    host, port = address(ServeOptions(server_name=args.host, server_port=args.port))
    if not args.reload:
        from .app.develop import serve_file
        return serve_file(args.script, args.name, host, port, reload=False)
    from .app.serve.supervisor import Supervisor
    return Supervisor(args.script, host=host, port=port, name=args.name).run()


def _users(args: argparse.Namespace) -> int:
    from .storage.credentials import CredentialStore, check_username

    store = CredentialStore(args.file)
    if args.action == "list":
        print("\n".join(store.usernames()) or f"(no users in {args.file})")
        return 0
    if args.action == "remove":
        if not store.remove(args.username):
            print(f"niceface: no user {args.username!r} in {args.file}", file=sys.stderr)
            return 1
        print(f"removed {args.username}")
        return 0
    check_username(args.username)
    password = _new_password(args)
    if password is None:
        return 1
    new = store.add(args.username, password)
    print(f"{'added' if new else 'changed the password of'} {args.username} in {args.file}")
    return 0


def _new_password(args: argparse.Namespace) -> str | None:
    """The password to store (from standard input, or asked twice on the terminal), or None
    after saying why there is none."""
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    elif not sys.stdin.isatty():
        print("niceface: no terminal to ask for the password on; pipe it in with --password-stdin", file=sys.stderr)
        return None
    else:
        password = getpass.getpass(f"Password for {args.username}: ")
    if len(password) < MIN_PASSWORD:
        print(f"niceface: a password needs at least {MIN_PASSWORD} characters (a phrase of a few words is "
              "easy to remember and hard to guess); nothing changed", file=sys.stderr)
        return None
    if not args.password_stdin and getpass.getpass("Again: ") != password:
        print("niceface: the passwords differ; nothing changed", file=sys.stderr)
        return None
    return password


def _flags(args: argparse.Namespace) -> int:
    from .storage.flags import FLAGS_FILE, SHARDS, FlagStore

    store = FlagStore(args.directory)
    if not Path(args.directory).is_dir():
        print(f"niceface: there is no folder {args.directory} (the flags are in the app's flagging_dir, "
              "default flagged/)", file=sys.stderr)
        return 1
    if not store.exists():
        print(f"niceface: no flags in {args.directory} (no {SHARDS}/ or {FLAGS_FILE} there)", file=sys.stderr)
        return 1
    if args.action == "count":
        print(store.count())
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
