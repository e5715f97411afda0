"""Credentials, hashing, throttling and the users command, without a server."""
from __future__ import annotations

import os
import pty
import subprocess
import sys
import time

import pytest
from conftest import ROOT

from niceface.app.serve.auth import Authenticator, Guesses
from niceface.app.serve.throttle import Throttle
from niceface.exceptions import ConfigurationError
from niceface.storage import credentials as credentials_module
from niceface.storage.credentials import Credentials, CredentialStore


def test_the_store_holds_only_argon2_hashes(tmp_path):
    store = CredentialStore(tmp_path / "users.json")
    assert store.add("ann", "correct horse") is True
    assert store.add("bob", "battery staple") is True
    text = (tmp_path / "users.json").read_text()
    assert "correct horse" not in text and "battery staple" not in text
    assert text.count("$argon2id$") == 2
    assert store.usernames() == ["ann", "bob"]
    assert store.verify("ann", "correct horse") and not store.verify("ann", "battery staple")
    assert not store.verify("carol", "correct horse") and not store.verify("ann", "")
    assert store.add("ann", "new one") is False and store.verify("ann", "new one")
    assert store.remove("bob") is True and store.remove("bob") is False
    assert store.usernames() == ["ann"]


def test_bad_usernames_and_passwords_are_refused(tmp_path):
    store = CredentialStore(tmp_path / "users.json")
    for name in ("", "a b", "../x", "x" * 65, 3):
        with pytest.raises(ConfigurationError, match="username"):
            store.add(name, "pw")  # type: ignore[arg-type]
    with pytest.raises(ConfigurationError, match="non-empty"):
        store.add("ann", "")
    assert not (tmp_path / "users.json").exists()


def test_an_unknown_user_costs_what_a_wrong_password_costs(monkeypatch):
    """Checked without a clock: an unknown user's password is verified once, like a known
    user's, against a hash made with the same algorithm and cost parameters."""
    credentials = Credentials([("ann", "correct horse")])
    context = credentials_module.context()
    checked: list[str] = []
    monkeypatch.setattr(context, "verify", lambda secret, hashed, _v=context.verify: checked.append(hashed)
                        or _v(secret, hashed))
    monkeypatch.setattr(context, "verify_and_update", lambda secret, hashed, _v=context.verify_and_update:
                        checked.append(hashed) or _v(secret, hashed))
    assert credentials.verify("ann", "wrong password") is False
    assert credentials.verify("nobody", "wrong password") is False
    known, unknown = checked
    assert known == credentials.hashes()["ann"] and unknown != known
    assert known.startswith("$argon2id$")  # a real, slow hash, not a dictionary lookup
    assert unknown.rsplit("$", 2)[0] == known.rsplit("$", 2)[0]  # same algorithm, version, memory, time, lanes


def test_throttle_counts_an_attempt_when_it_is_allowed_and_waits_grow_and_end():
    now = [1000.0]
    throttle = Throttle(clock=lambda: now[0])
    assert [throttle.reserve("ann") for _ in range(7)] == [0.0] * 5 + [1.0, 1.0]  # reserved, not yet failed
    now[0] += 1
    assert throttle.reserve("ann") == 0.0 and throttle.wait("ann") == 2.0
    for _ in range(20):
        now[0] += 300
        throttle.reserve("ann")
    assert throttle.wait("ann") == 300.0  # capped
    now[0] += 300
    assert throttle.wait("ann") == 0  # no permanent lockout
    assert throttle.wait("bob") == 0  # other keys are not affected
    throttle.release("ann")
    throttle.clear("ann")
    assert not throttle.known("ann") and throttle.reserve("ann") == 0
    now[0] += 901
    assert not throttle.known("ann")  # forgotten after 15 quiet minutes


async def test_guesses_are_throttled_per_user_and_address_and_per_address_but_never_lock_a_user_out():
    auth = Authenticator.from_option(("ann", "correct horse"))
    for attempt in range(5):
        assert await auth.login("ann", f"guess {attempt}", "10.0.0.1") == (None, 0.0)
    token, wait = await auth.login("ann", "correct horse", "10.0.0.1")
    assert token is None and wait > 0  # that address waits before its next guess for ann
    token, wait = await auth.login("ann", "correct horse", "10.0.0.2")
    assert token is not None  # the real ann, elsewhere, is not locked out
    for attempt in range(5):
        await auth.login(f"user{attempt}", "guess", "10.0.0.3")
    token, wait = await auth.login("someone", "guess", "10.0.0.3")
    assert token is None and wait > 0  # the address is throttled, whatever the name


def test_the_username_brake_stops_addresses_that_failed_but_lets_a_new_address_in():
    now = [0.0]
    guesses = Guesses(clock=lambda: now[0])
    for bot in range(20):  # 20 addresses fail once each for ann: the brake engages
        assert guesses.reserve("ann", f"10.1.0.{bot}") == 0
    assert guesses.reserve("ann", "10.1.0.3") > 0  # a second guess from an address that failed: wait
    assert guesses.reserve("ann", "10.2.0.1") == 0  # a new address (the real ann, say) is checked
    guesses.succeeded("ann", "10.2.0.1")
    assert guesses.reserve("bob", "10.1.0.3") == 0  # other names are not braked


async def test_sessions_open_and_end():
    auth = Authenticator.from_option([("ann", "correct horse")])
    token, _ = await auth.login("ann", "correct horse", "127.0.0.1")
    assert token and len(token) >= 40 and auth.user_of(token) == "ann"
    assert auth.user_of("forged") is None and auth.user_of(None) is None
    auth.sessions.records[token].expires = time.time() - 1
    assert auth.user_of(token) is None  # expired
    token, _ = await auth.login("ann", "correct horse", "127.0.0.1")
    auth.logout(token)
    assert auth.user_of(token) is None


def test_auth_options_are_checked(tmp_path):
    assert Authenticator.from_option(lambda user, password: user == password).check("a", "a")
    with pytest.raises(ConfigurationError, match="no users in that file"):
        Authenticator.from_option(str(tmp_path / "empty.json"))
    for bad in ([], "", [("only-name",)], {"ann": "pw"}):
        with pytest.raises(ConfigurationError):
            Authenticator.from_option(bad)


def test_users_command_never_echoes_the_password(tmp_path):
    """`niceface users add` on a real terminal: the typed password does not appear."""
    users = tmp_path / "users.json"
    pid, terminal = pty.fork()
    if pid == 0:  # the child: the command, with the pty as its terminal
        os.chdir(ROOT)
        os.execv(sys.executable, [sys.executable, "-m", "niceface.cli", "users", "add", str(users), "ann"])
    seen = b""

    def read_until(marker: bytes) -> None:
        nonlocal seen
        deadline = time.monotonic() + 20
        while marker not in seen and time.monotonic() < deadline:
            try:
                seen += os.read(terminal, 1024)
            except OSError:
                break

    read_until(b"Password for ann:")
    os.write(terminal, b"tr0ub4dor&3\n")
    read_until(b"Again:")
    os.write(terminal, b"tr0ub4dor&3\n")
    read_until(b"added ann")
    os.waitpid(pid, 0)
    assert b"added ann" in seen
    assert b"tr0ub4dor" not in seen
    assert CredentialStore(users).verify("ann", "tr0ub4dor&3")


def test_users_command_lists_and_removes(tmp_path):
    users = tmp_path / "users.json"
    command = [sys.executable, "-m", "niceface.cli", "users"]
    short = subprocess.run([*command, "add", str(users), "bob", "--password-stdin"], input="s3cret\n",
                           capture_output=True, text=True, cwd=ROOT)
    assert short.returncode == 1 and "at least 8 characters" in short.stderr and "s3cret" not in short.stderr
    assert not users.exists()  # nothing stored
    no_terminal = subprocess.run([*command, "add", str(users), "bob"], stdin=subprocess.DEVNULL,
                                 capture_output=True, text=True, cwd=ROOT)
    assert no_terminal.returncode == 1 and "--password-stdin" in no_terminal.stderr
    assert "Traceback" not in no_terminal.stderr and not users.exists()
    added = subprocess.run([*command, "add", str(users), "bob", "--password-stdin"], input="s3cret sauce\n",
                           capture_output=True, text=True, cwd=ROOT)
    assert added.returncode == 0 and "s3cret" not in added.stdout + added.stderr
    assert subprocess.run([*command, "list", str(users)], capture_output=True, text=True).stdout.split() == ["bob"]
    assert subprocess.run([*command, "remove", str(users), "bob"], capture_output=True).returncode == 0
    gone = subprocess.run([*command, "remove", str(users), "bob"], capture_output=True, text=True)
    assert gone.returncode == 1 and "no user 'bob'" in gone.stderr
