"""Checking a backup and putting it in place of the database — never half of either.

A file is restored only when it is ours (header and application id), passes
`PRAGMA integrity_check`, carries a schema revision this version knows, and holds
exactly the schema that revision's migrations make, with rows that obey it and values
every door of this version would store (`value_check`: types, field rules, and the
archived briefs and evidence files against their SHA-256). The
current database is first saved as a `pre-restore` backup (or, when it is damaged,
renamed aside untouched); the checked copy is written beside it and renamed over it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from desktop_app.db import instance_lock, migrate, schema_check, value_check
from desktop_app.db.backup import backups_of, copy_database, fsync_dir, timestamped_backup
from desktop_app.db.engine import inspect_sqlite_file, sqlite_uri
from desktop_app.errors import DatabaseRefused
from desktop_app.fileio import FileHeld, replace_file
from desktop_app.i18n import register, t

register(
    {
        "{path}: no such file": "{path}:文件不存在",
        "{path}: not a key-projects backup (no schema version)":
            "{path}:不是本程序的备份(没有数据结构版本)",
        "{path}: made by a newer version of key-projects (schema {revision})":
            "{path}:由更新版本的程序生成(数据结构 {revision})",
        "{path}: the file is damaged ({problem})": "{path}:文件已损坏({problem})",
        "{path}: cannot be read ({reason})": "{path}:无法读取({reason})",
        "{path} is open for writing by {holder}; close it there first.":
            "{holder} 正在编辑 {path};请先在那里关闭。",
        "{path}: {problem}. Nothing was replaced.": "{path}:{problem}。未替换任何内容。",
        "{path}: cannot be replaced ({reason}). Nothing was replaced.":
            "{path}:无法替换({reason})。未替换任何内容。",
        "{path}: a backup cannot replace itself": "{path}:备份不能替换它自己",
        "{path}: not a database this version makes: {difference}":
            "{path}:不是本版本建立的数据库:{difference}",
        "{path}: another program is using the database; close it and try again. "
        "Nothing was replaced.": "{path}:另一个程序正在使用该数据库;请关闭后重试。未替换任何内容。",
    }
)


@dataclass(frozen=True)
class CheckedFile:
    path: Path
    revision: str
    projects: int


@dataclass(frozen=True)
class RestoreResult:
    revision: str
    saved_as: Path | None
    damaged_aside: Path | None


def _ro_connect(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(sqlite_uri(path, readonly=True), uri=True)


def check_database_file(path: Path, *, full: bool = True) -> CheckedFile:
    """Ours, undamaged and of a known schema — or `DatabaseRefused` with one line why."""
    path = Path(path)
    if not path.is_file():
        raise DatabaseRefused(t("{path}: no such file", path=path))
    inspect_sqlite_file(path)
    try:
        conn = _ro_connect(path)
        try:
            pragma = "integrity_check" if full else "quick_check"
            rows = [r[0] for r in conn.execute(f"PRAGMA {pragma}")]
            if rows != ["ok"]:
                raise DatabaseRefused(t("{path}: the file is damaged ({problem})", path=path,
                                        problem=rows[0]))
            has_version = conn.execute(
                "SELECT 1 FROM sqlite_master WHERE type='table' AND name='alembic_version'"
            ).fetchone()
            revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] \
                if has_version else None
            if revision is None:
                raise DatabaseRefused(
                    t("{path}: not a key-projects backup (no schema version)", path=path)
                )
            if not migrate.is_known(revision):
                raise DatabaseRefused(
                    t("{path}: made by a newer version of key-projects (schema {revision})",
                      path=path, revision=revision)
                )
            differences = schema_check.verify(conn, revision)
            if differences:
                raise DatabaseRefused(
                    t("{path}: not a database this version makes: {difference}", path=path,
                      difference=differences[0])
                )
            if full:
                values = value_check.problems(conn)
                if values:
                    raise DatabaseRefused(
                        t("{path}: {problem}. Nothing was replaced.", path=path,
                          problem=values[0])
                    )
            projects = conn.execute("SELECT count(*) FROM project").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        reason = str(exc)
        if "malformed" in reason or "not a database" in reason:
            raise DatabaseRefused(
                t("{path}: the file is damaged ({problem})", path=path, problem=reason)
            ) from exc
        raise DatabaseRefused(t("{path}: cannot be read ({reason})", path=path,
                                reason=reason)) from exc
    return CheckedFile(path=path, revision=revision, projects=int(projects))


def newest_good_backup(db_path: Path) -> Path | None:
    """The newest of our backups that opens and passes quick_check (None if none does)."""
    for backup in backups_of(db_path):
        try:
            check_database_file(backup.path, full=False)
        except DatabaseRefused:
            continue
        return backup.path
    return None


def _current_is_sound(db_path: Path) -> bool:
    try:
        inspect_sqlite_file(db_path)
        conn = _ro_connect(db_path)
        try:
            return [r[0] for r in conn.execute("PRAGMA quick_check")] == ["ok"]
        finally:
            conn.close()
    except (DatabaseRefused, sqlite3.DatabaseError):
        return False


def _settle(db_path: Path) -> None:
    """Fold the WAL into the file and drop -wal/-shm, so the rename replaces everything."""
    conn = sqlite3.connect(db_path)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.execute("PRAGMA journal_mode=DELETE")
    finally:
        conn.close()
    for suffix in ("-wal", "-shm"):
        Path(f"{db_path}{suffix}").unlink(missing_ok=True)


def _move_aside(db_path: Path) -> Path:
    """Rename the damaged file (and its -wal/-shm) aside, bytes untouched."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    aside = db_path.with_name(f"{db_path.name}.damaged-{stamp}")
    moved: list[str] = []
    try:
        for suffix in ("", "-wal", "-shm"):
            src = Path(f"{db_path}{suffix}")
            if src.exists():
                replace_file(src, Path(f"{aside}{suffix}"))
                moved.append(suffix)
    except FileHeld:
        for suffix in moved:  # all or none of the three
            replace_file(Path(f"{aside}{suffix}"), Path(f"{db_path}{suffix}"))
        raise
    return aside


def _move_back(aside: Path, db_path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        src = Path(f"{aside}{suffix}")
        if src.exists():
            replace_file(src, Path(f"{db_path}{suffix}"))


def restore_database(
    db_path: Path, source: Path, *, close: Callable[[], None] | None = None
) -> RestoreResult:
    """Replace the database at `db_path` with the checked backup `source`.

    Another running instance makes this refuse. `close` shuts this process's own
    engine on `db_path` once the copy is ready (the lock is kept meanwhile); without
    it the caller must have closed it already. Returns where the previous database went.

    A file held by another program (antivirus, a sync client) is retried briefly, then
    refused (`FileHeld`, naming it); nothing is replaced. When `close` had run by then,
    the writer lock it gave up is still held here for the caller, which takes it back
    (`services.backups.restore_backup` does): the window keeps its database and its lock.
    """
    db_path = Path(db_path).absolute()
    source = Path(source).absolute()
    if source == db_path:
        raise DatabaseRefused(t("{path}: a backup cannot replace itself", path=source))
    checked = check_database_file(source)
    try:
        result = instance_lock.acquire(db_path)
    except OSError as exc:
        raise DatabaseRefused(f"{db_path}: {exc.strerror}") from exc
    if not result.acquired:
        raise DatabaseRefused(
            t("{path} is open for writing by {holder}; close it there first.",
              path=db_path, holder=result.holder)
        )
    incoming = db_path.with_name(f".{db_path.name}.restore.tmp")
    closed: list[bool] = []

    def close_once() -> None:
        if close is not None:
            close()
            closed.append(True)

    done = False
    try:
        saved_as, damaged = _put_in_place(db_path, source, incoming, close_once)
        done = True
    except sqlite3.OperationalError as exc:
        if "locked" not in str(exc) and "busy" not in str(exc):
            raise
        raise DatabaseRefused(
            t(
                "{path}: another program is using the database; close it and try again. "
                "Nothing was replaced.",
                path=db_path,
            )
        ) from exc
    except OSError as exc:  # a full disk, a folder that became read-only
        raise DatabaseRefused(
            t("{path}: cannot be replaced ({reason}). Nothing was replaced.", path=db_path,
              reason=exc.strerror or exc)
        ) from exc
    finally:
        incoming.unlink(missing_ok=True)
        if done or not closed:
            instance_lock.release(db_path)
        # else: `close` gave up the caller's hold and the file was not replaced; this hold
        # stays as the caller's, so no other program takes the writer lock while the
        # window goes on with the database it has.
    return RestoreResult(revision=checked.revision, saved_as=saved_as, damaged_aside=damaged)


def _holder_check(db_path: Path) -> None:
    """Another program writing the file must not have it replaced under its feet."""
    conn = sqlite3.connect(db_path, timeout=0.5)
    try:
        conn.execute("BEGIN EXCLUSIVE")
        conn.execute("ROLLBACK")
    finally:
        conn.close()


def _put_in_place(
    db_path: Path, source: Path, incoming: Path, close: Callable[[], None]
) -> tuple[Path | None, Path | None]:
    copy_database(source, incoming)
    close()
    saved_as = damaged = None
    if db_path.exists():
        if _current_is_sound(db_path):
            _holder_check(db_path)
            saved_as = timestamped_backup(db_path, "pre-restore")
            _settle(db_path)
        else:
            damaged = _move_aside(db_path)
    try:
        replace_file(incoming, db_path)
    except FileHeld:
        if damaged is not None:  # put the damaged file back where it was, untouched
            _move_back(damaged, db_path)
        raise
    fsync_dir(db_path.parent)
    return saved_as, damaged
