"""The brief's money figures and warnings read with Core: no ORM loaded, same figures as the ORM."""

from __future__ import annotations

import subprocess
import sys
from datetime import date

from desktop_app.services.funding import plans_of, spec_from_row
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


def test_core_rows_and_orm_objects_give_the_same_plans(demo_db) -> None:
    with demo_db.core_reader() as conn:
        core = read_plan_specs(conn)
        core_facts = read_funding_facts(conn, None)
    with demo_db.reader() as s:
        orm = {p.project_id: spec_from_row(p) for p in plans_of(s)}
        # what the window's funding service reads inside its ORM session
        in_session = read_funding_facts(s.connection(), None)
    assert core == orm and len(core) == 13
    assert core_facts == in_session


def test_wrappers_read_what_the_connection_reads(demo_db) -> None:
    with demo_db.core_reader() as conn:
        status = read_funding_status(conn, AS_OF)
        grouped = read_warnings_by_project(conn, AS_OF)
    assert status == read_funding_status(demo_db, AS_OF)
    assert grouped == read_warnings_by_project(demo_db, AS_OF)
    flat = read_warnings(demo_db, AS_OF)
    assert [r for rows in grouped.values() for r in rows] == flat  # project order kept
