"""`key-projects restore FILE`: put a checked backup in place of the database.

The file must be ours, pass `integrity_check` and have a schema this version knows;
the current database is saved as a backup first, then replaced in one rename.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from desktop_app.db.engine import sqlite_path, to_url
from desktop_app.i18n import register as register_text
from desktop_app.i18n import t

register_text(
    {
        "restored {source} into {db}": "已将 {source} 恢复到 {db}",
        "the previous database was saved as {path}": "原数据库已另存为 {path}",
        "the damaged database was moved aside to {path}": "已损坏的数据库已移到 {path}",
    }
)


def register(
    sub: argparse._SubParsersAction[argparse.ArgumentParser],
) -> argparse.ArgumentParser:
    p = sub.add_parser("restore", help="replace the database with a backup (checked first)")
    p.add_argument("file", metavar="FILE", help="a backup written by key-projects")
    return p


def run(args: argparse.Namespace) -> int:
    from desktop_app.db.database import open_database
    from desktop_app.db.restore import restore_database
    from desktop_app.paths import default_database

    target = args.db or default_database()
    db_path = sqlite_path(to_url(target))
    if db_path is None:  # a server database: pg_restore in one transaction
        from desktop_app.commands import ask_password_in_terminal
        from desktop_app.db.pg_backup import restore_into

        saved = restore_into(target, Path(args.file).expanduser(), ask_password_in_terminal)
        print(t("restored {source} into {db}", source=args.file, db=saved.database))
        print(t("the previous database was saved as {path}", path=saved.previous))
        return 0
    if not db_path.exists():  # a mistyped --db must not become a new database
        from desktop_app.errors import UserError

        raise UserError(
            t("no database at {path} (create one with `key-projects init`)", path=db_path)
        )
    result = restore_database(db_path, Path(args.file).expanduser())
    # Open it once: migrates a backup from an older version and proves it opens.
    db = open_database(db_path, create=False, lock=False)
    db.dispose()
    print(t("restored {source} into {db}", source=args.file, db=db_path))
    if result.saved_as:
        print(t("the previous database was saved as {path}", path=result.saved_as))
    if result.damaged_aside:
        print(t("the damaged database was moved aside to {path}", path=result.damaged_aside))
    return 0
