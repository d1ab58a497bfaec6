"""The demo database's performance part: complete, marked as sample, all grades present."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from desktop_app.db.database import Database
from desktop_app.db.models import DistrictValue, Evaluation, Indicator
from desktop_app.services import performance
from desktop_app.services.district_overview import read_district_overview
from desktop_app.services.performance_status import read_performance_status


def test_demo_has_indicator_sets_evaluations_and_all_grades(demo_db: Database) -> None:
    with demo_db.reader() as s:
        sets = set(s.execute(select(Indicator.project_id, Indicator.year)).all())
        years = {y for _, y in sets}
        assert {2024, 2025, 2026} <= years
        assert len({p for p, _ in sets}) == 13
        assert s.scalar(select(func.count()).where(Indicator.is_sample.is_(False))) == 0
        grades = set(s.scalars(select(Evaluation.grade)))
        assert grades == {"A", "B", "C", "D"}
        assert set(s.scalars(select(Evaluation.year))) == {2023, 2024, 2025}
        overridden = list(
            s.scalars(select(Evaluation).where(Evaluation.grade != Evaluation.computed_grade))
        )
        assert overridden and all("示例" in e.override_reason for e in overridden)
        assert set(s.scalars(select(DistrictValue.year))) == set(range(2021, 2026))
    for pid in {p for p, _ in sets}:
        snap = performance.read_project_performance(demo_db, pid, 2026)
        assert snap.weight_problem is None and snap.projection_quarter == 3
    status = read_performance_status(demo_db, date(2026, 9, 15))
    assert all(s.projected_score is not None for s in status.values())
    assert any(s.projected_score < 60 for s in status.values())
    assert all(r.current is not None for r in read_district_overview(demo_db).rows)
