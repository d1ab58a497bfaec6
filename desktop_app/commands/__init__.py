"""One module per sub-command: `register(subparsers) -> parser` and `run(args) -> int`."""

from __future__ import annotations

import argparse

from desktop_app.db.database import Database, open_database
from desktop_app.paths import default_database


def open_from_args(args: argparse.Namespace, *, create: bool = True) -> Database:
    """The database named by `--db`, `KEY_PROJECTS_DB`, or the default file."""
    return open_database(getattr(args, "db", None) or default_database(), create=create)
