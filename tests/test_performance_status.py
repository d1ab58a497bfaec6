"""The Core read of every project's performance gives what the ORM read of the same rows does."""

from __future__ import annotations

import subprocess
import sys
from datetime import date

from sqlalchemy import select

from desktop_app.db.database import Database
from desktop_app.db.models import Evaluation, Indicator
from desktop_app.services import performance_rows as pr
from desktop_app.services import performance_status as ps
from desktop_app.services.performance_rows import year_score


def test_core_projections_match_orm_indicators(demo_db: Database) -> None:
    with demo_db.reader() as s:
        orm_sets = set(s.execute(select(Indicator.project_id, Indicator.year)).all())
    for as_of in (date(2025, 12, 31), date(2026, 2, 1), date(2026, 6, 30), date(2026, 9, 15)):
        with demo_db.core_reader() as conn:
            core = ps.read_projections(conn, as_of)
        quarter = (as_of.month - 1) // 3 + 1
        with demo_db.reader() as s:
            orm = {
                pid: ps.projection_of(pr.indicators_of(s, pid, year), quarter)
                for pid, year in orm_sets
                if year == as_of.year
            }
        assert core == orm
        assert any(q is not None for q, _ in core.values())


def test_core_evaluations_match_orm(demo_db: Database) -> None:
    as_of = date(2025, 1, 20)  # some of 2024's evaluations are recorded later
    with demo_db.core_reader() as conn:
        core = ps.read_evaluations(conn, as_of)
        every = ps.read_evaluations(conn, None)
    known_2024 = sum(r.year == 2024 for rs in core.values() for r in rs)
    assert 0 < known_2024 < sum(r.year == 2024 for rs in every.values() for r in rs)
    with demo_db.reader() as s:
        evs = list(s.scalars(select(Evaluation).order_by(Evaluation.year)))
        known = [
            e
            for e in evs
            if e.year <= as_of.year and (e.evaluated_on is None or e.evaluated_on <= as_of)
        ]
        for rows, expected in ((core, known), (every, evs)):
            got = [(pid, year_score(r), r.evaluated_on) for pid, rs in rows.items() for r in rs]
            want = [(e.project_id, year_score(e), e.evaluated_on) for e in expected]
            assert sorted(got, key=str) == sorted(want, key=str)
            for rs in rows.values():
                assert [r.year for r in rs] == sorted(r.year for r in rs)


def test_status_module_loads_without_the_orm() -> None:
    code = (
        "import sys, desktop_app.services.performance_status; "
        "assert 'sqlalchemy.orm' not in sys.modules; "
        "assert 'desktop_app.db.models' not in sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
