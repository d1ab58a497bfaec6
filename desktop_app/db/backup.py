"""Consistent copies of a live SQLite database with SQLite's online backup API.

Backups are taken on the first open of each day, before every migration, import and
restore, and on request; they live in `backups/` beside the database (0700 folder,
0600 files) as `<stem>-<label>-YYYYmmdd-HHMMSS.sqlite`. Retention keeps the newest
backup of each of the last 14 days that have one, of each of the last 12 months, and
the 10 newest of any day (so today's pre-import copies stay within reach).
Only files named by us are ever pruned.
"""

from __future__ import annotations

import os
import re
import sqlite3
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from desktop_app.db.engine import sqlite_uri
from desktop_app.fileio import replace_file
from desktop_app.paths import make_private_dir

if TYPE_CHECKING:
    from desktop_app.db.database import Database

BACKUP_DIR_NAME = "backups"
KEEP_DAILY = 14
KEEP_MONTHLY = 12
KEEP_RECENT = 10
DAILY_LABEL = "daily"
_NAME = re.compile(r"^(?P<head>.+)-(?P<stamp>\d{8}-\d{6})\.sqlite$")
_LABEL = re.compile(r"^(?:daily|manual|pre-[a-z0-9_]+)(?:\.\d+)?$")


@dataclass(frozen=True)
class BackupFile:
    path: Path
    label: str
    taken_at: datetime


def backup_dir_for(db_path: Path) -> Path:
    """Backups live in a `backups` folder beside the database file."""
    return db_path.parent / BACKUP_DIR_NAME


def fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def copy_database(src_path: Path, dest: Path, *, src_readonly: bool = True) -> Path:
    """Copy `src_path` to `dest` page by page (never a file copy of a live database).

    Written to a temp file in the destination folder, fsynced and renamed into place,
    so a crash or a full disk leaves either the old file or the complete new one.
    """
    make_private_dir(dest.parent)
    tmp = dest.with_name(f".{dest.name}.tmp")
    tmp.unlink(missing_ok=True)
    try:
        src = sqlite3.connect(sqlite_uri(src_path, readonly=src_readonly), uri=True)
        try:
            fd = os.open(tmp, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
            os.close(fd)
            out = sqlite3.connect(tmp)
            try:
                src.backup(out)
                out.execute("PRAGMA journal_mode=DELETE")
            finally:
                out.close()
        finally:
            src.close()
        with tmp.open("rb+") as fh:
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o600)
        replace_file(tmp, dest)
        fsync_dir(dest.parent)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return dest


def parse_backup_name(path: Path, stem: str) -> BackupFile | None:
    """A backup of the database named `stem`, or None for any other file."""
    m = _NAME.match(path.name)
    if not m or not m["head"].startswith(f"{stem}-"):
        return None
    label = m["head"][len(stem) + 1 :]
    if not _LABEL.match(label):
        return None
    s = m["stamp"]  # YYYYMMDD-HHMMSS (digits: _NAME); no strptime, whose import costs a start
    try:
        taken = datetime(
            int(s[0:4]), int(s[4:6]), int(s[6:8]), int(s[9:11]), int(s[11:13]), int(s[13:15])
        )
    except ValueError:
        return None
    return BackupFile(path=path, label=label, taken_at=taken)


def backups_of(db_path: Path) -> list[BackupFile]:
    """Our backups of this database, newest first (other files in the folder are ignored)."""
    folder = backup_dir_for(db_path)
    if not folder.is_dir():
        return []
    found = []
    for entry in folder.iterdir():
        info = parse_backup_name(entry, db_path.stem)
        if info and entry.is_file():
            found.append(info)
    return sorted(found, key=lambda b: (b.taken_at, b.path.name), reverse=True)


def _unique_dest(folder: Path, stem: str, label: str, when: datetime) -> Path:
    stamp = when.strftime("%Y%m%d-%H%M%S")
    dest = folder / f"{stem}-{label}-{stamp}.sqlite"
    n = 1
    while dest.exists():  # two backups in one second: keep both
        n += 1
        dest = folder / f"{stem}-{label}.{n}-{stamp}.sqlite"
    return dest


def timestamped_backup(db_path: Path, label: str, *, when: datetime | None = None) -> Path:
    """`backups/<stem>-<label>-YYYYmmdd-HHMMSS.sqlite` beside the database, then prune."""
    if not _LABEL.match(label):
        raise ValueError(f"backup label {label!r}: use daily, manual or pre-<word>")
    dest = _unique_dest(backup_dir_for(db_path), db_path.stem, label, when or datetime.now())
    copy_database(db_path, dest)
    prune(db_path)
    return dest


def to_keep(backups: list[BackupFile]) -> set[Path]:
    """The retention rule on a newest-first list: 14 days, 12 months, 10 most recent."""
    keep = {b.path for b in backups[:KEEP_RECENT]}
    days: set[date] = set()
    months: set[tuple[int, int]] = set()
    for b in backups:
        day = b.taken_at.date()
        if day not in days and len(days) < KEEP_DAILY:
            days.add(day)
            keep.add(b.path)
        month = (day.year, day.month)
        if month not in months and len(months) < KEEP_MONTHLY:
            months.add(month)
            keep.add(b.path)
    return keep


def prune(db_path: Path) -> list[Path]:
    """Delete our backups that the retention rule no longer keeps; returns them."""
    backups = backups_of(db_path)
    keep = to_keep(backups)
    removed = []
    for b in backups:
        if b.path not in keep:
            try:
                b.path.unlink()
                removed.append(b.path)
            except OSError:
                pass
    return removed


def daily_backup_due(db_path: Path, today: date | None = None) -> bool:
    """True until a backup of today exists (so the first open of a day makes one)."""
    today = today or datetime.now().date()
    return not any(b.taken_at.date() == today for b in backups_of(db_path))


def backup_before(db: Database, label: str) -> Path | None:
    """A backup of `db` before a risky step (`import`, `restore`…); None for a server DB."""
    if db.path is None:
        return None
    label = re.sub(r"[^a-z0-9_]+", "_", label.lower()).strip("_") or "step"
    path = timestamped_backup(db.path, f"pre-{label}")
    db.backups_made.append(path)
    return path
