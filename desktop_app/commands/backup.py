"""`key-projects backup [-o FILE]`: a consistent copy of the database, taken while it is live."""

from __future__ import annotations

import argparse
from pathlib import Path

from desktop_app.commands import open_from_args
from desktop_app.errors import UserError
from desktop_app.i18n import register as register_text
from desktop_app.i18n import t

register_text(
    {
        "{path}: cannot write the backup ({reason})": "{path}:无法写入备份({reason})",
        "backup written to {path}": "备份已写入 {path}",
    }
)


def register(
    sub: argparse._SubParsersAction[argparse.ArgumentParser],
) -> argparse.ArgumentParser:
    p = sub.add_parser("backup", help="write a backup copy of the database")
    p.add_argument(
        "-o", "--output", metavar="FILE", help="where to write it (default: the backups folder)"
    )
    return p


def run(args: argparse.Namespace) -> int:
    import sqlite3

    from desktop_app.db.backup import copy_database, timestamped_backup

    db = open_from_args(args, create=False)
    try:
        out = Path(args.output).expanduser().absolute() if args.output else None
        if db.path is None:  # a server database: pg_dump -Fc (or how to do without it)
            from desktop_app.db.pg_backup import dump

            print(t("backup written to {path}", path=dump(db.url, out)))
            return 0
        try:
            if out is None:
                written = timestamped_backup(db.path, "manual")
            else:
                if out.is_dir():
                    raise UserError(
                        t(
                            "{path}: cannot write the backup ({reason})",
                            path=out,
                            reason="is a folder",
                        )
                    )
                written = copy_database(db.path, out)
        except (OSError, sqlite3.Error) as exc:
            target = out or db.path.parent
            reason = getattr(exc, "strerror", None) or str(exc)
            raise UserError(
                t("{path}: cannot write the backup ({reason})", path=target, reason=reason)
            ) from exc
        print(t("backup written to {path}", path=written))
    finally:
        db.dispose()
    return 0
