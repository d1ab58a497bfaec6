"""Consistent copies of a live SQLite database with SQLite's online backup API."""

from __future__ import annotations

import os
import sqlite3
from datetime import datetime
from pathlib import Path

from desktop_app.paths import make_private_dir

BACKUP_DIR_NAME = "backups"


def backup_dir_for(db_path: Path) -> Path:
    """Backups live in a `backups` folder beside the database file."""
    return db_path.parent / BACKUP_DIR_NAME


def backup_file(db_path: Path, dest: Path) -> Path:
    """Copy `db_path` to `dest` page by page (never a file copy of a live database).

    Written to a temp file in the destination folder and renamed into place, so a
    crash leaves either the old file or the complete new one.
    """
    make_private_dir(dest.parent)
    tmp = dest.with_name(f".{dest.name}.tmp")
    tmp.unlink(missing_ok=True)
    src = sqlite3.connect(f"file:{db_path.as_posix()}?mode=ro", uri=True)
    try:
        out = sqlite3.connect(tmp)
        try:
            src.backup(out)
            out.execute("PRAGMA journal_mode=DELETE")
        finally:
            out.close()
    finally:
        src.close()
    os.chmod(tmp, 0o600)
    os.replace(tmp, dest)
    return dest


def timestamped_backup(db_path: Path, label: str, *, when: datetime | None = None) -> Path:
    """`backups/<stem>-<label>-YYYYmmdd-HHMMSS.sqlite` beside the database."""
    stamp = (when or datetime.now()).strftime("%Y%m%d-%H%M%S")
    dest = backup_dir_for(db_path) / f"{db_path.stem}-{label}-{stamp}.sqlite"
    return backup_file(db_path, dest)
