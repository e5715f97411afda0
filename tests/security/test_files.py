"""What local users of the machine could read or plant: the credential file, the flag folder;
and what the time of a first login would tell."""
from __future__ import annotations

import base64
import io
import os
import stat
import subprocess
import sys

import httpx
from conftest import APPS, ROOT
from PIL import Image

from niceface.storage import credentials


def test_the_credential_file_is_readable_by_its_owner_only_whatever_the_umask(tmp_path):
    users = tmp_path / "users.json"
    subprocess.run([sys.executable, "-m", "niceface.cli", "users", "add", str(users), "ann", "--password-stdin"],
                   input="correct horse\n", text=True, check=True, cwd=ROOT, capture_output=True,
                   preexec_fn=lambda: os.umask(0))
    assert stat.S_IMODE(users.stat().st_mode) == 0o600  # before the fix: 0o666 under umask 0


def test_flag_folders_and_files_are_never_writable_by_others(serve, tmp_path):
    folder = tmp_path / "flags" / "nested"
    app = serve(APPS / "flag_app.py", env={"FLAG_DIR": str(folder), "FLAG_MODE": "auto"}, umask=0)
    picture = io.BytesIO()
    Image.new("RGB", (8, 8), "white").save(picture, format="PNG")
    url = "data:image/png;base64," + base64.b64encode(picture.getvalue()).decode()
    assert httpx.post(app.url + "api/predict", json={"data": [url, "note"]}, timeout=30).status_code == 200
    made = [folder.parent, folder, *folder.rglob("*")]
    assert {folder / "files", folder / "flags", folder / "flags" / "000001.jsonl"} <= set(made)
    assert len(list((folder / "files").iterdir())) == 1
    for path in made:
        assert not stat.S_IMODE(path.stat().st_mode) & 0o022, (path, oct(path.stat().st_mode))


def test_the_first_unknown_user_costs_no_extra_hash(monkeypatch):
    """The dummy hash an unknown user is checked against exists before anyone logs in: the
    first unknown name costs what every wrong password costs (one verify, no hash)."""
    context = credentials.context()
    made = []
    monkeypatch.setattr(context, "hash", lambda secret, _hash=context.hash: made.append(1) or _hash(secret))
    store = credentials.Credentials([("ann", "correct horse")])
    assert len(made) == 2  # ann's hash and the dummy, both at start
    assert store.verify("nobody", "guess") is False and store.verify("ann", "guess") is False
    assert len(made) == 2  # before the fix: the first unknown user made the dummy (an extra hash)
