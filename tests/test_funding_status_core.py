"""The brief's money figures and warnings read with Core: no ORM loaded, same figures as the ORM."""

from __future__ import annotations

import subprocess
import sys
from datetime import date

from desktop_app.services.funding_status import (
    read_funding_facts,
    read_funding_status,
    read_plan_specs,
)
from desktop_app.services.warnings import read_warnings, read_warnings_by_project

AS_OF = date(2026, 9, 30)


def test_readers_load_no_orm():
    code = (
        "import sys, desktop_app.services.funding_status, desktop_app.services.warnings;"
        "bad = [m for m in ('sqlalchemy.orm', 'desktop_app.db.models') if m in sys.modules];"
        "print(bad); sys.exit(1 if bad else 0)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_one_plan_read_in_a_core_transaction_and_in_a_writing_session(demo_db) -> None:
    """The plans are read one way (Core); a command checking a payment reads them in its
    ORM session's connection and sees what the brief sees."""
    with demo_db.core_reader() as conn:
        core = read_plan_specs(conn)
        core_facts = read_funding_facts(conn, None)
    with demo_db.reader() as s:
        in_session = read_plan_specs(s.connection())
        in_session_facts = read_funding_facts(s.connection(), None)
    assert core == in_session and len(core) == 13
    assert core == read_plan_specs(demo_db)
    assert core_facts == in_session_facts


def test_wrappers_read_what_the_connection_reads(demo_db) -> None:
    with demo_db.core_reader() as conn:
        status = read_funding_status(conn, AS_OF)
        grouped = read_warnings_by_project(conn, AS_OF)
    assert status == read_funding_status(demo_db, AS_OF)
    assert grouped == read_warnings_by_project(demo_db, AS_OF)
    flat = read_warnings(demo_db, AS_OF)
    assert [r for rows in grouped.values() for r in rows] == flat  # project order kept
