"""District plan indicators: progress by kind, yearly values and a new plan period."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from sqlalchemy import func, select

from desktop_app.db.database import Database
from desktop_app.db.models import DistrictTarget, PlanPeriodRow
from desktop_app.domain import district as rules
from desktop_app.errors import UserError
from desktop_app.services import district
from desktop_app.services.district_overview import read_district_overview, read_plan_periods


def test_level_progress_moves_from_base_toward_target() -> None:
    values = {2021: D(650), 2022: D(720), 2023: D(800)}
    p = rules.progress(rules.KIND_LEVEL, D(602), D(900), values, 2021, 2025)
    # (800 − 602) / (900 − 602) = 66.4 %; 3 of 5 years gone = 60 % → on track
    assert (p.current, p.percent, p.status) == (D(800), D("66.4"), "on_track")
    p = rules.progress(rules.KIND_LEVEL, D(602), D(900), {2024: D(700)}, 2021, 2025)
    assert (p.percent, p.status) == (D("32.9"), "behind")


def test_cumulative_sums_and_average_averages() -> None:
    p = rules.progress(rules.KIND_CUMULATIVE, D(34), D(40), {2021: D(8), 2022: D(9)}, 2021, 2025)
    assert (p.current, p.percent, p.status) == (D(17), D("42.5"), "on_track")
    p = rules.progress(rules.KIND_AVERAGE, None, D(15), {2021: D(12), 2022: D(18)}, 2021, 2025)
    assert (p.current, p.percent, p.status) == (D(15), D(100), "met")
    p = rules.progress(rules.KIND_LEVEL, D(602), D(900), {2025: D(897)}, 2021, 2025)
    assert (p.percent, p.status) == (D("99.0"), "missed")  # the period is over
    p = rules.progress(rules.KIND_LEVEL, D(1), D(2), {2019: D(5)}, 2021, 2025)
    assert p.status == "no_data" and p.current is None


def test_seeded_period_and_value_entry(db: Database) -> None:
    overview = read_district_overview(db)
    assert overview.period.code == "2021-2025"
    assert len(overview.rows) == 9
    firms = next(r for r in overview.rows if r.no == 5)
    assert (firms.base_value, firms.target_value, firms.status) == (D(602), D(900), "no_data")
    district.set_district_value(db, firms.indicator_id, 2023, D(800))
    firms = next(r for r in read_district_overview(db).rows if r.no == 5)
    assert firms.values == {2023: D(800)} and firms.percent == D("66.4")
    district.set_district_value(db, firms.indicator_id, 2023, None)
    assert next(r for r in read_district_overview(db).rows if r.no == 5).values == {}
    with pytest.raises(UserError):
        district.set_district_value(db, firms.indicator_id, 1999, D(1))


def test_add_next_plan_period_with_its_own_targets(db: Database) -> None:
    rows = read_district_overview(db).rows
    firms = next(r for r in rows if r.no == 5)
    district.set_district_value(db, firms.indicator_id, 2025, D(910))
    period = district.add_plan_period(
        db, 2026, 2030, name_zh="“十五五”", targets={firms.indicator_id: D(1200)}
    )
    assert [p.code for p in read_plan_periods(db)] == ["2021-2025", "2026-2030"]
    overview = read_district_overview(db)
    assert overview.period == period
    firms = next(r for r in overview.rows if r.no == 5)
    assert (firms.base_year, firms.base_value, firms.target_value) == (2025, D(910), D(1200))
    district.set_district_target(
        db, firms.indicator_id, period.id, base_value=D(905), target_value=D(1300)
    )
    firms = next(r for r in read_district_overview(db, period.id).rows if r.no == 5)
    assert (firms.base_value, firms.target_value) == (D(905), D(1300))


def test_overlapping_or_reversed_period_refused_and_nothing_saved(db: Database) -> None:
    with pytest.raises(UserError, match="2021-2025"):
        district.add_plan_period(db, 2024, 2028)
    with pytest.raises(UserError):
        district.add_plan_period(db, 2030, 2026)
    with pytest.raises(UserError):
        district.add_plan_period(db, 2021, 2025)
    with db.reader() as s:
        assert s.scalar(select(func.count()).select_from(PlanPeriodRow)) == 1
        assert s.scalar(select(func.count()).select_from(DistrictTarget)) == 9
