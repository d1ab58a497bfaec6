"""`key-projects check`: integrity, schema version, project count, and what restore checks:
every value against its column and the field rules, every archive and evidence file against
its SHA-256 (exit 2 with one line naming the table, row and column, or the quarter/file)."""

from __future__ import annotations

import argparse

from desktop_app.commands import open_from_args
from desktop_app.db.database import Database, integrity_check
from desktop_app.errors import UserError


def register(
    sub: argparse._SubParsersAction[argparse.ArgumentParser],
) -> argparse.ArgumentParser:
    return sub.add_parser(
        "check", help="check the database: integrity, schema version, number of projects"
    )


def _check_evidence(db: Database) -> None:
    """Every stored evidence file against its SHA-256: a damaged one is named, exit 2."""
    from desktop_app.services.evidence import read_damaged_evidence, read_evidence_totals, size_text

    count, total = read_evidence_totals(db)
    damaged = read_damaged_evidence(db)
    if damaged:
        first = damaged[0]
        names = ", ".join(first.file_names) or "-"
        raise UserError(
            f"{db.display_name}: evidence file {names} is damaged "
            f"(its bytes no longer match SHA-256 {first.sha256}); "
            f"{len(damaged)} of {count} stored files damaged"
        )
    print(f"evidence files: {count} ({size_text(total)}), all match their SHA-256")


def _check_values(db: Database) -> None:
    """Every stored value against its column's type and the field rules, as restore checks
    a backup (SQLite only: a server enforces its column types itself). The hashes follow:
    archives above, evidence below, each naming the quarter or the file."""
    if db.url.get_backend_name() != "sqlite":
        return
    from desktop_app.db import value_check

    raw = db.engine.raw_connection()
    try:
        problems = value_check.column_problems(raw.driver_connection)  # type: ignore[arg-type]
    finally:
        raw.close()
    if problems:
        raise UserError(f"{db.display_name}: {problems[0]}")
    print("values: ok")


def run(args: argparse.Namespace) -> int:
    from desktop_app.services.project_list import read_project_count

    db = open_from_args(args)
    try:
        problems = integrity_check(db)
        print(f"database: {db.display_name}")
        print(f"schema: {db.schema_revision()}")
        print(f"projects: {read_project_count(db)}")
        if problems:
            raise UserError(f"{db.display_name}: integrity check failed: {problems[0]}")
        print("integrity: ok")
        from desktop_app.db.archives import archive_problems

        with db.core_reader() as conn:
            archives = archive_problems(conn)
        if archives:
            raise UserError(f"{db.display_name}: {archives[0]}")
        print("closed quarters: ok")
        _check_values(db)
        _check_evidence(db)
    finally:
        db.dispose()
    return 0
