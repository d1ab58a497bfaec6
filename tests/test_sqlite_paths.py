"""Databases in folders with the names officers really use: `C#项目`, `100%`, spaces, `//`.

Every `file:` URI is built by `engine.sqlite_uri`. Before it, `#` cut the path short (a
database in `C#项目` was backed up EMPTY: 0 of its schema objects), `%` made "unable to
open", and a `//` path (a UNC share) was read as a host name: created once, refused on
every later start.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text

from desktop_app.db.backup import copy_database, timestamped_backup
from desktop_app.db.database import open_database
from desktop_app.db.engine import sqlite_uri
from desktop_app.db.restore import check_database_file, restore_database


@pytest.mark.parametrize(
    ("path", "windows", "uri"),
    [
        ("/data/C#项目/kp.sqlite", False, "file:///data/C%23%E9%A1%B9%E7%9B%AE/kp.sqlite"),
        ("/data/100%/a b?c.sqlite", False, "file:///data/100%25/a%20b%3Fc.sqlite"),
        ("//server/share/kp.sqlite", False, "file:////server/share/kp.sqlite"),
        ("kp.sqlite", False, "file:kp.sqlite"),
        (r"C:\Users\张三\C#项目\kp.sqlite", True,
         "file:///C:/Users/%E5%BC%A0%E4%B8%89/C%23%E9%A1%B9%E7%9B%AE/kp.sqlite"),
        (r"\\server\share\科技\kp.sqlite", True,
         "file:////server/share/%E7%A7%91%E6%8A%80/kp.sqlite"),
        (r"\\?\C:\long\kp.sqlite", True, "file:///C:/long/kp.sqlite"),
        (r"\\?\UNC\server\share\kp.sqlite", True, "file:////server/share/kp.sqlite"),
    ],
)
def test_uri_of_a_path(path: str, windows: bool, uri: str) -> None:
    assert sqlite_uri(path, windows=windows) == uri
    assert sqlite_uri(path, windows=windows, readonly=True) == uri + "?mode=ro"


def _objects(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return int(conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0])
    finally:
        conn.close()


def _long_folder(tmp_path: Path) -> Path:
    folder = tmp_path
    while len(str(folder)) < 200:
        folder = folder / "重点项目数据库文件夹-long-folder-name"
    return folder


FOLDERS = {
    "hash and Chinese": lambda tmp: tmp / "C#项目",
    "percent": lambda tmp: tmp / "100%",
    "space and question mark": lambda tmp: tmp / "my data?x",
    "double slash": lambda tmp: Path("/" + str(tmp / "share")),
    "200 characters": _long_folder,
}


@pytest.mark.parametrize("name", list(FOLDERS))
def test_database_opens_twice_and_backs_up_completely(tmp_path: Path, name: str) -> None:
    folder = FOLDERS[name](tmp_path)
    path = folder / "kp.sqlite"
    if name == "double slash":
        assert str(path).startswith("//")
    database = open_database(path)  # created, migrated, seeded
    database.dispose()
    for _ in range(2):  # every later start reads it through a read-only URI
        again = open_database(path)
        assert again.path is not None
        again.dispose()
    objects = _objects(path)
    assert objects >= 60
    backup = timestamped_backup(path, "manual")
    assert _objects(backup) == objects
    copy = copy_database(path, folder / "copy #1.sqlite")
    assert _objects(copy) == objects
    assert check_database_file(copy).projects == 13
    restore_database(path, copy)
    assert check_database_file(path).projects == 13


def test_cli_backup_in_a_hash_folder_is_complete(tmp_path: Path, run_cli) -> None:
    path = tmp_path / "C#项目" / "kp.sqlite"
    assert run_cli("init", "--db", str(path)).returncode == 0
    out = tmp_path / "C#项目" / "备份 100%.sqlite"
    result = run_cli("backup", "--db", str(path), "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert _objects(out) == _objects(path)
    assert run_cli("check", "--db", str(out)).returncode == 0


def _journal(db) -> str:  # type: ignore[no-untyped-def]
    with db.engine.connect() as conn:
        return str(conn.exec_driver_sql("PRAGMA journal_mode").scalar())


def test_a_database_on_a_network_share_uses_a_rollback_journal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """WAL's shared memory is not shared between PCs over SMB/NFS: on a share the file is
    opened with journal_mode=DELETE, and the window's notice says so."""
    from desktop_app.db import location
    from desktop_app.i18n import set_language

    set_language("en")
    path = tmp_path / "kp.sqlite"
    local = open_database(path)  # made on a local disk: WAL
    assert _journal(local) == "wal"
    local.dispose()
    monkeypatch.setattr(location, "_mount_fs_type", lambda _p: "cifs")
    assert location.journal_mode(path) == "DELETE"
    for _ in range(2):
        shared = open_database(path)
        try:
            assert _journal(shared) == "delete"
            assert any("journal_mode=DELETE" in w and "network share" in w
                       for w in shared.warnings), shared.warnings
            with shared.session() as s:  # writes work
                s.execute(text("UPDATE project SET notes='x' WHERE no=1"))
        finally:
            shared.dispose()
    assert not Path(f"{path}-wal").exists()


@pytest.mark.parametrize(
    ("place", "share"),
    [
        ("//fileserver/kjj/kp.sqlite", True),
        (r"\\fileserver\kjj\kp.sqlite", True),
        (r"\\?\UNC\fileserver\kjj\kp.sqlite", True),
        (r"\\?\C:\Users\lin\kp.sqlite", False),
        ("/home/lin/kp.sqlite", False),
    ],
)
def test_journal_mode_by_place(place: str, share: bool, monkeypatch) -> None:
    from desktop_app.db import location

    monkeypatch.setattr(location, "_mount_fs_type", lambda _p: "ext4")
    assert location.journal_mode(place) == ("DELETE" if share else "WAL")
