"""`key-projects init [--demo] --db PATH`: a new database (optionally with sample data)."""

from __future__ import annotations

import argparse
from pathlib import Path

from desktop_app.db.engine import sqlite_path, to_url
from desktop_app.errors import UserError


def register(
    sub: argparse._SubParsersAction[argparse.ArgumentParser],
) -> argparse.ArgumentParser:
    p = sub.add_parser("init", help="create a new database, seeded with the 13 projects")
    p.add_argument("--demo", action="store_true", help="add clearly marked sample data")
    return p


def run(args: argparse.Namespace) -> int:
    from desktop_app.db.database import open_database
    from desktop_app.paths import default_database

    target = args.db or default_database()
    path = sqlite_path(to_url(target))
    if path is not None and Path(path).exists():
        raise UserError(f"{path}: already exists; init makes a new database only")
    from desktop_app.commands import ask_password_in_terminal

    db = open_database(target, ask_password=ask_password_in_terminal)
    if not db.created:  # a server database that already holds a portfolio
        db.dispose()
        raise UserError(f"{db.display_name}: already holds a database; init makes a new one only")
    try:
        if args.demo:
            from desktop_app.db.demo import build_demo

            build_demo(db)
        print(f"created {db.display_name}" + (" with sample data" if args.demo else ""))
    finally:
        db.dispose()
    return 0
