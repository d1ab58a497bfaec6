"""The Restore dialog's use cases: list the backups beside the database, restore one."""

from __future__ import annotations

from pathlib import Path

from desktop_app.db.backup import backups_of, timestamped_backup
from desktop_app.db.database import Database, open_database
from desktop_app.db.restore import RestoreResult, check_database_file, restore_database
from desktop_app.errors import DatabaseRefused, UserError
from desktop_app.i18n import register, t
from desktop_app.snapshots.safety import BackupRow

register(
    {
        "Backups and restore work on a SQLite database file; {db} is a server database.":
            "备份与恢复只适用于 SQLite 数据库文件;{db} 是服务器数据库。",
    }
)


def _need_file(db: Database) -> Path:
    if db.path is None:
        raise UserError(
            t(
                "Backups and restore work on a SQLite database file; {db} is a server database.",
                db=db.display_name,
            )
        )
    return db.path


def list_backups(db: Database) -> list[BackupRow]:
    """Newest first, each opened read-only for its project count (damaged ones say why)."""
    rows = []
    for b in backups_of(_need_file(db)):
        try:
            size = b.path.stat().st_size
        except OSError:
            continue
        try:
            checked = check_database_file(b.path, full=False)
            projects, problem = checked.projects, ""
        except DatabaseRefused as exc:
            projects, problem = None, str(exc)
        rows.append(BackupRow(b.path, b.label, b.taken_at, size, projects, problem))
    return rows


def backup_now(db: Database) -> Path:
    path = timestamped_backup(_need_file(db), "manual")
    db.backups_made.append(path)
    return path


def restore_backup(
    db: Database, source: Path, *, officer: str | None = None
) -> tuple[Database, RestoreResult]:
    """Replace `db`'s file with `source` and return the reopened database.

    `source` is checked before `db` is touched; on refusal `db` stays open and usable, with
    its writer lock (a file held by antivirus is refused after `db` was closed: the lock
    `close` gave up is handed back, so no other instance starts writing meanwhile).
    On success `db` is disposed: use the returned one.
    """
    path = _need_file(db)
    db.require_writable()
    check_database_file(source)
    if officer is None:
        officer = db.officer
    closed: list[bool] = []

    def close() -> None:
        db.dispose()
        closed.append(True)

    try:
        result = restore_database(path, source, close=close)
    except BaseException:
        if closed:  # not replaced: the restore kept the writer lock for `db`; it is db's again
            db.locked = True
        raise
    return open_database(path, officer=officer), result

