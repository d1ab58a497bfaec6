"""One module per sub-command: `register(subparsers) -> parser` and `run(args) -> int`."""

from __future__ import annotations

import argparse
import sys

from desktop_app.db.database import Database, open_database
from desktop_app.paths import default_database


def ask_password_in_terminal(server: str) -> str | None:
    """The server password, typed without echo; None when there is no terminal to ask in."""
    if not sys.stdin.isatty():
        return None
    import getpass

    return getpass.getpass(f"Password for {server}: ")


def open_from_args(
    args: argparse.Namespace, *, create: bool = False, write: bool = False
) -> Database:
    """The database named by `--db`, `KEY_PROJECTS_DB`, or the default file.

    Never created here: a mistyped path must not become a new, seeded database
    (only `init`, and the window's first run on the default path, create one).
    `write`: the command is going to write, so a read-only database is refused at
    once (exit 2, one line) instead of being opened for reading with a notice.
    """
    db = open_database(
        getattr(args, "db", None) or default_database(),
        create=create,
        officer=getattr(args, "officer", None) or None,  # None: the preferences' officer
        ask_password=ask_password_in_terminal,
    )
    if db.readonly and write:
        db.dispose()
        db.require_writable()
    if db.readonly:  # reading goes on, with one line saying why nothing can be saved
        from desktop_app.i18n import t

        print(
            "key-projects: "
            + t(
                "This database is open read-only ({reason}); nothing can be saved.",
                reason=db.readonly_reason,
            ),
            file=sys.stderr,
        )
    tell(db)
    return db


def tell(db: Database, since: int = 0) -> int:
    """`db.warnings[since:]` on stderr, one line each; returns how many were told.

    The command goes on: an unwritable backups folder is worth a line, not a failure.
    """
    for warning in db.warnings[since:]:
        print(f"key-projects: {warning}", file=sys.stderr)
    return len(db.warnings)
