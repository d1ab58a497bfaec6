"""Backups (daily, pre-step, retention), and restore that refuses anything but a sound backup."""

from __future__ import annotations

import hashlib
import sqlite3
import stat
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from desktop_app.db import backup as bk
from desktop_app.db.database import integrity_check, open_database
from desktop_app.db.engine import APPLICATION_ID, sqlite_uri
from desktop_app.db.models import Disbursement, Project
from desktop_app.db.restore import check_database_file, restore_database
from desktop_app.errors import DatabaseRefused


def dump(path: Path) -> list[str]:
    """Every row and schema statement, via `iterdump` (read-only connection)."""
    conn = sqlite3.connect(sqlite_uri(path, readonly=True), uri=True)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def add_disbursements(db, n: int, doc: str = "D") -> None:
    with db.session() as s:
        pid = s.query(Project.id).order_by(Project.no).first()[0]
        for i in range(n):
            s.add(
                Disbursement(
                    project_id=pid,
                    paid_on=date(2026, 3, 1),
                    amount_fen=100 + i,
                    kind="fixed",
                    doc_no=f"{doc}{i}",
                )
            )


def fake_backups(db_path: Path, stamps: list[datetime]) -> None:
    folder = bk.backup_dir_for(db_path)
    folder.mkdir(exist_ok=True)
    for when in stamps:
        (folder / f"{db_path.stem}-daily-{when:%Y%m%d-%H%M%S}.sqlite").write_bytes(b"x")


def test_retention_keeps_14_days_12_months_and_10_newest(tmp_path: Path) -> None:
    db_path = tmp_path / "p.sqlite"
    start = datetime(2024, 1, 1, 9, 0, 0)
    # Two backups a day for 500 days: 1,000 files.
    stamps = [start + timedelta(days=d, hours=h) for d in range(500) for h in (0, 5)]
    fake_backups(db_path, stamps)
    (bk.backup_dir_for(db_path) / "notes.txt").write_text("not ours")
    (bk.backup_dir_for(db_path) / "other-daily-20250101-000000.sqlite").write_bytes(b"x")
    bk.prune(db_path)
    left = bk.backups_of(db_path)
    last = start + timedelta(days=499, hours=5)
    # 10 newest = the last 5 days × 2; plus the newest of each of 14 days (9 more days);
    # plus the newest of 12 months (the current month is already in): 11 more.
    assert left[0].taken_at == last
    days = {b.taken_at.date() for b in left}
    assert len(left) == 10 + 9 + 11
    assert len(days) == 14 + 11
    months = {(b.taken_at.year, b.taken_at.month) for b in left}
    assert len(months) == 12
    # Files that are not our backups of this database are never touched.
    assert (bk.backup_dir_for(db_path) / "notes.txt").exists()
    assert (bk.backup_dir_for(db_path) / "other-daily-20250101-000000.sqlite").exists()


def test_first_open_of_a_day_takes_one_daily_backup(tmp_path: Path) -> None:
    path = tmp_path / "p.sqlite"
    open_database(path).dispose()  # created: nothing worth backing up yet
    assert bk.backups_of(path) == []
    db = open_database(path)
    db.dispose()
    again = open_database(path)
    again.dispose()
    backups = bk.backups_of(path)
    assert [b.label for b in backups] == ["daily"]
    assert db.backups_made == [backups[0].path] and again.backups_made == []
    assert bk.daily_backup_due(path, today=date.today() + timedelta(days=1))


def test_backup_files_and_folder_are_private(db, tmp_path: Path) -> None:
    made = bk.backup_before(db, "import")
    assert made is not None and made.name.startswith("test-pre-import-")
    assert stat.S_IMODE(made.stat().st_mode) == 0o600
    assert stat.S_IMODE(made.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(db.path.stat().st_mode) == 0o600
    assert db.backups_made == [made]


def test_backup_restore_round_trip_preserves_every_row(db, tmp_path: Path) -> None:
    add_disbursements(db, 40)
    before = dump(db.path)
    copy = bk.backup_before(db, "test")
    assert dump(copy) == before
    add_disbursements(db, 5, doc="LATER")
    assert dump(db.path) != before
    db.dispose()
    result = restore_database(db.path, copy)
    assert result.saved_as is not None and result.saved_as.name.startswith("test-pre-restore-")
    assert dump(db.path) == before
    # The database we replaced is kept, complete, as a backup.
    assert any("LATER4" in line for line in dump(result.saved_as))
    reopened = open_database(db.path)
    assert integrity_check(reopened) == []
    reopened.dispose()


def _foreign(path: Path, app_id: int = 0) -> Path:
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA application_id={app_id}")
    conn.execute("CREATE TABLE t(a)")
    conn.commit()
    conn.close()
    return path


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (lambda p: p.write_text("hello, not a database", encoding="utf-8"), "not a SQLite"),
        (lambda p: p.write_bytes(b""), "empty"),
        (lambda p: _foreign(p), "another program"),
        (lambda p: _foreign(p, APPLICATION_ID), "no schema version"),
        (lambda p: None, "no such file"),
    ],
    ids=["text", "empty", "foreign", "ours-without-schema", "missing"],
)
def test_restore_refuses_what_is_not_our_backup(db, tmp_path: Path, make, reason) -> None:
    from desktop_app.i18n import set_language

    set_language("en")
    add_disbursements(db, 3)
    db.dispose()
    before = sha(db.path)
    bad = tmp_path / "bad.sqlite"
    make(bad)
    with pytest.raises(DatabaseRefused, match=reason):
        restore_database(db.path, bad)
    assert sha(db.path) == before
    assert not [b for b in bk.backups_of(db.path) if b.label == "pre-restore"]


def test_restore_refuses_a_newer_schema_and_a_damaged_file(db, tmp_path: Path) -> None:
    from desktop_app.i18n import set_language

    set_language("en")
    newer = bk.backup_before(db, "x")
    conn = sqlite3.connect(newer)
    conn.execute("UPDATE alembic_version SET version_num='9999_future'")
    conn.commit()
    conn.close()
    with pytest.raises(DatabaseRefused, match="newer version"):
        check_database_file(newer)
    damaged = bk.backup_before(db, "y")
    corrupt_a_page(damaged)
    with pytest.raises(DatabaseRefused, match="damaged"):
        check_database_file(damaged)


def corrupt_a_page(path: Path, page: int = 3) -> None:
    """Overwrite the middle of one b-tree page with garbage (header left intact)."""
    with path.open("r+b") as fh:
        header = fh.read(100)
        size = int.from_bytes(header[16:18], "big")
        fh.seek(size * (page - 1))
        fh.write(b"\xff\x00\x13\x37" * (size // 4))


def test_cli_backup_and_restore(run_cli, tmp_path: Path) -> None:
    folder = tmp_path / "库 文件夹"
    path = folder / "项目 数据.sqlite"
    assert run_cli("init", "--db", str(path)).returncode == 0
    out = tmp_path / "copy.sqlite"
    res = run_cli("--lang", "en", "backup", "--db", str(path), "-o", str(out))
    assert res.returncode == 0, res.stderr
    assert f"backup written to {out}" in res.stdout
    assert dump(out) == dump(path)
    res = run_cli("--lang", "en", "restore", "--db", str(path), str(out))
    assert res.returncode == 0, res.stderr
    assert "the previous database was saved as" in res.stdout
    text_file = tmp_path / "notes.sqlite"
    text_file.write_text("no", encoding="utf-8")
    res = run_cli("--lang", "en", "restore", "--db", str(path), str(text_file))
    assert res.returncode == 2
    assert res.stderr.strip().count("\n") == 0
    assert "not a SQLite database" in res.stderr


# ---------------------------------------------------------------- files held by another program


def _held(monkeypatch: pytest.MonkeyPatch, held: Path, times: int | None = None) -> list[Path]:
    """`os.replace` onto `held` fails as Windows fails it while antivirus, Excel or a PDF
    viewer holds the file (`times` times, or always); calls are recorded."""
    import os

    from desktop_app import fileio

    real = os.replace
    calls: list[Path] = []
    monkeypatch.setattr(fileio, "HELD_PAUSE_S", 0.0, raising=False)

    def replace(src, dst) -> None:  # type: ignore[no-untyped-def]
        if Path(dst) == held:
            calls.append(Path(dst))
            if times is None or len(calls) <= times:
                raise PermissionError(13, "The process cannot access the file", None, 32)
        real(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    return calls


def _other_process_gets_lock(path: Path) -> bool:
    import subprocess
    import sys

    code = (
        "import sys; from pathlib import Path; from desktop_app.db import instance_lock; "
        "print(instance_lock.acquire(Path(sys.argv[1])).acquired)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(path)], capture_output=True, text=True, timeout=60
    )
    assert out.returncode == 0, out.stderr
    return out.stdout.strip() == "True"


def test_restore_onto_a_held_database_keeps_data_and_the_writer_lock(
    demo_db, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from desktop_app.fileio import FileHeld
    from desktop_app.i18n import set_language
    from desktop_app.services.backups import restore_backup

    set_language("en")
    path = demo_db.path
    assert path is not None and demo_db.locked
    copy = bk.backup_before(demo_db, "x")
    assert copy is not None
    before = dump(path)
    calls = _held(monkeypatch, path)
    with pytest.raises(FileHeld) as info:
        restore_backup(demo_db, copy)
    message = str(info.value)
    assert "\n" not in message and str(path) in message and "antivirus" in message
    assert len(calls) == 10  # retried briefly before giving up
    monkeypatch.undo()
    assert dump(path) == before  # nothing replaced, nothing lost
    assert not list(path.parent.glob(f".{path.name}*.tmp"))  # no leftovers
    assert demo_db.locked and not _other_process_gets_lock(path)
    with demo_db.session() as s:  # the window goes on with its database
        assert s.query(Project).count() == 13
    demo_db.dispose()
    assert _other_process_gets_lock(path)


def test_a_briefly_held_database_is_restored_after_a_retry(
    demo_db, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from desktop_app.services.backups import restore_backup

    path = demo_db.path
    assert path is not None
    copy = bk.backup_before(demo_db, "x")
    assert copy is not None
    calls = _held(monkeypatch, path, times=2)
    new_db, result = restore_backup(demo_db, copy)
    new_db.dispose()
    assert len(calls) == 3 and result.saved_as is not None


def test_cli_restore_onto_a_held_database_exits_2(
    demo_db, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    from desktop_app import cli

    path = demo_db.path
    assert path is not None
    copy = bk.backup_before(demo_db, "x")
    assert copy is not None
    demo_db.dispose()
    before = dump(path)
    _held(monkeypatch, path)
    assert cli.main(["--lang", "en", "restore", "--db", str(path), str(copy)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "held by another program" in err and str(path) in err
    monkeypatch.undo()
    assert dump(path) == before  # folded from its WAL, every row as it was
    assert not list(path.parent.glob(f".{path.name}*.tmp"))


@pytest.mark.parametrize(("name", "holder"), [("data.xlsx", "Excel"), ("brief.pdf", "PDF")])
def test_writing_over_a_held_file_names_it_and_its_holder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, holder: str
) -> None:
    from desktop_app.fileio import FileHeld, atomic_write
    from desktop_app.i18n import set_language

    set_language("en")
    target = tmp_path / name
    target.write_bytes(b"old")
    _held(monkeypatch, target)
    with pytest.raises(FileHeld) as info, atomic_write(target) as tmp:
        tmp.write_bytes(b"new")
    assert str(target) in str(info.value) and holder in str(info.value)
    assert ".tmp" not in str(info.value)
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]


def test_backup_onto_a_held_file_leaves_no_temporary(
    db, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from desktop_app.fileio import FileHeld

    assert db.path is not None
    out = tmp_path / "out" / "copy.sqlite"
    _held(monkeypatch, out)
    with pytest.raises(FileHeld):
        bk.copy_database(db.path, out)
    assert list(out.parent.iterdir()) == []


def test_a_damaged_database_held_at_restore_is_put_back_untouched(
    demo_db, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from desktop_app.fileio import FileHeld

    path = demo_db.path
    assert path is not None
    copy = bk.backup_before(demo_db, "x")
    assert copy is not None
    demo_db.dispose()
    with path.open("r+b") as fh:  # damage a page past the header
        fh.seek(4096 * 2)
        fh.write(b"\xff" * 4096)
    before = sha(path)
    import os

    from desktop_app import fileio

    real = os.replace
    monkeypatch.setattr(fileio, "HELD_PAUSE_S", 0.0, raising=False)

    def replace(src, dst) -> None:  # type: ignore[no-untyped-def]
        if str(src).endswith(".restore.tmp"):  # antivirus scanning the incoming copy
            raise PermissionError(13, "The process cannot access the file", None, 32)
        real(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    with pytest.raises(FileHeld):
        restore_database(path, copy)
    monkeypatch.undo()
    assert sha(path) == before
    assert not list(path.parent.glob(f"{path.name}.damaged-*"))
    assert not list(path.parent.glob(f".{path.name}*.tmp"))
