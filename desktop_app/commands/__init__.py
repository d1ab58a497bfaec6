"""One module per sub-command: `register(subparsers) -> parser` and `run(args) -> int`."""

from __future__ import annotations

import argparse
import sys

from desktop_app.db.database import Database, open_database
from desktop_app.errors import UserError
from desktop_app.i18n import register
from desktop_app.paths import default_database

register({"{path}: not a regular file": "{path}:不是普通文件"})


def ask_password_in_terminal(server: str) -> str | None:
    """The server password, typed without echo; None when there is no terminal to ask in
    (the windowed Windows program has no console at all: sys.stdin is None there)."""
    stdin = sys.stdin
    if stdin is None or not stdin.isatty():
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
    target = getattr(args, "db", None) or default_database()
    if "://" not in str(target):
        regular_file(str(target))
    db = open_database(
        target,
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


def stored_arg(flag: str, value: str, table: str, column: str) -> str:
    """An argument that will be stored in `table.column`, held to the rules every other door
    applies (`domain.rules`, with the column's own length): refused before the database is
    opened, with one line naming the argument and why."""
    from desktop_app.db.door import schema_of
    from desktop_app.domain import rules

    reason = rules.field_problem(column, value, schema_of(table))
    if reason is not None:
        raise UserError(f"{flag}: {reason}")
    return value


def regular_file(path: str, label: str | None = None) -> None:
    """Refuse at once anything that exists but is not a regular file (a FIFO would block
    the open forever, a device never end); a missing file is left to the caller."""
    import os
    import stat

    from desktop_app.i18n import t

    try:
        mode = os.stat(os.path.expanduser(path)).st_mode
    except OSError:
        return
    if stat.S_ISDIR(mode):
        return  # the caller says what a folder means here
    if not stat.S_ISREG(mode):
        raise UserError(t("{path}: not a regular file", path=label or path))


#: Row ids are 64-bit in every database: a larger number can name no row (and overflows).
MAX_ID = 2**63 - 1


def number_arg(flag: str, value: int | None, field: str | None = None) -> int | None:
    """A whole-number argument inside its field's range (`domain.limits.INT_RANGES`; an id
    when `field` is None): refused with one line, never an overflow in the database."""
    from desktop_app.domain import limits

    if value is None:
        return None
    lo, hi = limits.INT_RANGES.get(field, (1, MAX_ID)) if field else (1, MAX_ID)
    reason = limits.range_problem(value, lo, hi)
    if reason is not None:
        raise UserError(f"{flag}: {reason}")
    return value
