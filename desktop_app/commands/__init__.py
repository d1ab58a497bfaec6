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


def open_from_args(args: argparse.Namespace, *, create: bool = False) -> Database:
    """The database named by `--db`, `KEY_PROJECTS_DB`, or the default file.

    Never created here: a mistyped path must not become a new, seeded database
    (only `init`, and the window's first run on the default path, create one).
    """
    return open_database(
        getattr(args, "db", None) or default_database(),
        create=create,
        ask_password=ask_password_in_terminal,
    )
