"""Faults: a damaged page, a full disk, read-only file and folder, a second instance,
odd paths and unsafe places. Each gives a clear message and loses nothing committed.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import event, func, select
from test_backup_restore import add_disbursements, dump, sha

from desktop_app.db import backup as bk
from desktop_app.db.database import (
    DatabaseDamaged,
    ReadOnlyDatabase,
    integrity_check,
    open_database,
)
from desktop_app.db.location import location_kind
from desktop_app.db.models import Disbursement
from desktop_app.db.restore import restore_database
from desktop_app.errors import DatabaseRefused, UserError
from desktop_app.i18n import set_language

CHILD = Path(__file__).with_name("safety_child.py")


@pytest.fixture(autouse=True)
def _english() -> None:
    set_language("en")


def rows(db) -> int:
    with db.reader() as s:
        return s.scalar(select(func.count()).select_from(Disbursement))


def corrupt_table_root(path: Path, table: str = "project") -> None:
    """Overwrite the root b-tree page of `table` with garbage (the header stays valid)."""
    conn = sqlite3.connect(path)
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0]
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.execute("PRAGMA journal_mode=DELETE")
    conn.close()
    with path.open("r+b") as fh:
        fh.seek(page_size * (root - 1))
        fh.write(b"\x0d\xff\xff\xff" * (page_size // 4))


def test_damaged_page_is_refused_untouched_and_newest_good_backup_named(db) -> None:
    add_disbursements(db, 10)
    older = bk.backup_before(db, "import")
    newest = bk.backup_before(db, "restore")
    corrupt_a_backup = bk.backup_before(db, "broken")
    db.dispose()
    corrupt_table_root(corrupt_a_backup)  # the newest file is bad: it must be passed over
    corrupt_table_root(db.path)
    damaged_sha = sha(db.path)
    with pytest.raises(DatabaseDamaged) as err:
        open_database(db.path)
    assert "damaged" in str(err.value) and str(newest) in str(err.value)
    assert err.value.newest_backup == newest and older != newest
    assert sha(db.path) == damaged_sha  # kept as it was
    # The GUI's offer: restore the named backup; the damaged file is moved aside intact.
    result = restore_database(db.path, err.value.newest_backup)
    assert result.saved_as is None and result.damaged_aside is not None
    assert sha(result.damaged_aside) == damaged_sha
    reopened = open_database(db.path)
    assert integrity_check(reopened) == [] and rows(reopened) == 10
    reopened.dispose()


def test_disk_full_during_a_save_changes_nothing(db) -> None:
    add_disbursements(db, 5)
    with db.engine.connect() as conn:
        pages = conn.exec_driver_sql("PRAGMA page_count").scalar()

    def limit(dbapi_conn, _record) -> None:
        dbapi_conn.execute(f"PRAGMA max_page_count={pages + 3}")

    db.engine.dispose()
    event.listen(db.engine, "connect", limit)
    try:
        with pytest.raises(UserError, match="disk is full; nothing was saved"):
            add_disbursements(db, 3000, doc="BIG")
        assert rows(db) == 5
        assert integrity_check(db) == []
    finally:
        event.remove(db.engine, "connect", limit)
        db.engine.dispose()
    add_disbursements(db, 3000, doc="BIG")  # with room again, the same save works
    assert rows(db) == 3005


@contextlib.contextmanager
def read_only(path: Path) -> Iterator[None]:
    """Make a file or folder read-only for this process, root included (chattr +i)."""
    if os.geteuid() == 0:
        done = subprocess.run(["chattr", "+i", str(path)], capture_output=True).returncode == 0
        if not done:  # a file system without the immutable flag: pretend at os.access
            real = os.access
            with pytest.MonkeyPatch.context() as mp:
                mp.setattr(
                    os,
                    "access",
                    lambda p, m, **k: False if Path(p) == path and m & os.W_OK else real(p, m, **k),
                )
                yield
            return
        try:
            yield
        finally:
            subprocess.run(["chattr", "-i", str(path)], check=True)
    else:
        mode = path.stat().st_mode
        path.chmod(stat.S_IMODE(mode) & ~0o222)
        try:
            yield
        finally:
            path.chmod(stat.S_IMODE(mode))


@pytest.mark.parametrize("what", ["file", "folder"])
def test_read_only_file_or_folder_opens_read_only(tmp_path: Path, what: str) -> None:
    path = tmp_path / "ro" / "p.sqlite"
    db = open_database(path)
    add_disbursements(db, 4)
    db.dispose()
    open_database(path).dispose()  # the -wal/-shm exist, as after normal use
    before = dump(path)
    with read_only(path if what == "file" else path.parent):
        ro = open_database(path)
        try:
            assert ro.readonly and what in ro.readonly_reason
            assert rows(ro) == 4  # reading works
            with pytest.raises(ReadOnlyDatabase, match="read-only .*nothing can be saved"):
                add_disbursements(ro, 1)
        finally:
            ro.dispose()
    assert dump(path) == before


def test_read_only_folder_without_wal_index_gives_a_clear_reason(tmp_path: Path) -> None:
    path = tmp_path / "ro" / "p.sqlite"
    open_database(path).dispose()
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    with read_only(path.parent), pytest.raises(DatabaseRefused, match="folder is read-only"):
        open_database(path)


def _hold(path: Path) -> subprocess.Popen:
    proc = subprocess.Popen(
        [sys.executable, str(CHILD), "hold", str(path)], stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout.readline().split() == ["ready", "False"]
    return proc


def test_second_instance_opens_read_only_and_stale_lock_is_released(tmp_path: Path) -> None:
    path = tmp_path / "shared.sqlite"
    open_database(path).dispose()
    holder = _hold(path)
    try:
        second = open_database(path)
        try:
            assert second.readonly
            assert f"process {holder.pid}" in second.readonly_reason
            assert len(second.readonly_reason) < 200
            with pytest.raises(ReadOnlyDatabase, match="open read-only"):
                add_disbursements(second, 1)
            assert rows(second) == 0
        finally:
            second.dispose()
        with pytest.raises(DatabaseRefused, match="open for writing by .*close it there first"):
            restore_database(path, bk.timestamped_backup(path, "manual"))
        # A command-line run does not take the window's lock and can still write.
        cli = open_database(path, lock=False)
        assert not cli.readonly
        add_disbursements(cli, 2)
        cli.dispose()
    finally:
        holder.kill()  # no clean exit, on POSIX and on Windows (TerminateProcess) alike
        holder.wait()
    # The holder died without releasing: the lock file still names it, nobody holds it.
    after = open_database(path)
    try:
        assert not after.readonly
        assert any(f"process {holder.pid}" in w and "without closing" in w for w in after.warnings)
        assert rows(after) == 2
    finally:
        after.dispose()
    clean = open_database(path)  # a clean close leaves nothing stale behind
    assert clean.warnings == []
    clean.dispose()


def test_same_process_opens_share_the_lock(tmp_path: Path) -> None:
    path = tmp_path / "p.sqlite"
    one = open_database(path)
    two = open_database(path)
    assert not one.readonly and not two.readonly
    two.dispose()
    holder = subprocess.run(
        [
            sys.executable,
            "-c",
            "from desktop_app.db.database import open_database as o;"
            f"d = o({str(path)!r}); print(d.readonly)",
        ],
        capture_output=True,
        text=True,
    )
    assert holder.stdout.strip() == "True"  # `one` still holds it for this process
    one.dispose()


def test_chinese_path_with_spaces(tmp_path: Path, run_cli) -> None:
    path = tmp_path / "思明区 科技局" / "重点 项目 数据.sqlite"
    db = open_database(path)
    add_disbursements(db, 3)
    copy = bk.backup_before(db, "import")
    add_disbursements(db, 2, doc="X")
    db.dispose()
    restore_database(path, copy)
    res = run_cli("--lang", "en", "check", "--db", str(path))
    assert res.returncode == 0, res.stderr
    assert "integrity: ok" in res.stdout
    again = open_database(path)
    assert rows(again) == 3 and again.warnings == []
    again.dispose()


def test_new_files_and_folders_are_private(tmp_path: Path) -> None:
    path = tmp_path / "new" / "deeper" / "p.sqlite"
    db = open_database(path)
    made = bk.backup_before(db, "import")
    db.dispose()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(path.parent.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(Path(f"{path}.lock").stat().st_mode) == 0o600
    assert stat.S_IMODE(made.stat().st_mode) == 0o600
    assert stat.S_IMODE(made.parent.stat().st_mode) == 0o700


@pytest.mark.parametrize(
    ("place", "kind"),
    [
        (r"\\fileserver\kjj\key-projects.sqlite", "network share"),
        ("//fileserver/kjj/key-projects.sqlite", "network share"),
        (r"C:\Users\lin\OneDrive - 思明区科技局\项目\db.sqlite", "OneDrive"),
        (r"C:\Users\lin\OneDrive\db.sqlite", "OneDrive"),
        ("/Users/lin/Dropbox/db.sqlite", "Dropbox"),
        (r"G:\My Drive\db.sqlite", "Google Drive"),
        ("/Users/lin/Library/Mobile Documents/com~apple~CloudDocs/db.sqlite", "iCloud"),
        (r"C:\Users\lin\iCloudDrive\db.sqlite", "iCloud"),
        (r"D:\我的坚果云\db.sqlite", "坚果云"),
    ],
)
def test_unsafe_places_are_named(place: str, kind: str) -> None:
    assert kind in (location_kind(place) or "")


@pytest.mark.parametrize("place", [r"C:\Users\lin\Documents\db.sqlite", "/home/lin/db.sqlite"])
def test_local_places_are_fine(place: str) -> None:
    assert location_kind(place) is None


def test_synced_folder_warning_at_open(tmp_path: Path) -> None:
    path = tmp_path / "Dropbox" / "db.sqlite"
    db = open_database(path)
    try:
        assert len(db.warnings) == 1
        assert "Dropbox" in db.warnings[0] and "PostgreSQL" in db.warnings[0]
        assert not db.readonly
    finally:
        db.dispose()


def test_disk_full_during_an_import_changes_nothing(db, tmp_path: Path) -> None:
    from test_crash_import import fingerprint, two_books

    from desktop_app.io.importer import import_workbook

    book_a, _book_b = two_books(db, tmp_path)  # the database now holds B's values
    before = fingerprint(db)
    with db.engine.connect() as conn:
        pages = conn.exec_driver_sql("PRAGMA page_count").scalar()

    def limit(dbapi_conn, _record) -> None:
        dbapi_conn.execute(f"PRAGMA max_page_count={pages}")

    db.engine.dispose()
    event.listen(db.engine, "connect", limit)
    try:
        with pytest.raises(UserError, match="disk is full; nothing was saved"):
            import_workbook(db, book_a)
        assert fingerprint(db) == before
        assert integrity_check(db) == []
    finally:
        event.remove(db.engine, "connect", limit)
        db.engine.dispose()
    import_workbook(db, book_a)
    assert fingerprint(db) != before
