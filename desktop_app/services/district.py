"""The district's plan indicators: yearly values, targets per plan period, progress.

The 2021–2025 period and its targets are seeded; the next period (2026–2030) is added
by an officer with its own targets, because the plan that set them has ended.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_app.db.database import Database
from desktop_app.db.models import DistrictIndicator, DistrictTarget, DistrictValue, PlanPeriodRow
from desktop_app.domain import district as rules
from desktop_app.domain.parsing import MAX_YEAR, MIN_YEAR
from desktop_app.errors import UserError
from desktop_app.i18n import register, t
from desktop_app.services.conflicts import TheirsReader, check_version, stale_guard
from desktop_app.services.district_overview import period_view
from desktop_app.snapshots.district import PlanPeriodView

register(
    {
        "District indicator {id} no longer exists.": "区级指标 {id} 已不存在。",
        "district indicator {id}, {year}": "区级指标 {id} 的 {year} 年数值",
    }
)


def _check_year(year: int) -> None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise UserError(t("Years must be between {lo} and {hi}.", lo=MIN_YEAR, hi=MAX_YEAR))


#: The version to pass for a year that had no value when the caller read it.
NO_ROW = 0


def _value_fields(row: DistrictValue | None) -> dict[str, Any]:
    return {"value": row.value if row is not None else None}


def _value_theirs(indicator_id: int, year: int) -> TheirsReader:
    def read(s: Session) -> tuple[dict[str, Any], int] | None:
        row = _value_row(s, indicator_id, year)
        return _value_fields(row), row.version if row is not None else NO_ROW

    return read


def _value_row(s: Session, indicator_id: int, year: int) -> DistrictValue | None:
    return s.scalar(
        select(DistrictValue).where(
            DistrictValue.indicator_id == indicator_id, DistrictValue.year == year
        )
    )


def set_district_value(
    db: Database, indicator_id: int, year: int, value: Decimal | None, version: int | None = None
) -> None:
    """Record (or with None, clear) one indicator's value for one year.

    Compare-and-swap: `version` is the row version the caller read (`DistrictRow.versions`,
    `NO_ROW` when the year had no value); if the row has moved on since, nothing is written
    and `ConflictError` shows their value and yours. None skips the check (a script that
    means to overwrite).
    """
    _check_year(year)
    what = t("district indicator {id}, {year}", id=indicator_id, year=year)
    yours = {"value": value}
    with stale_guard(db, _value_theirs(indicator_id, year), yours, what=what), db.session() as s:
        if s.get(DistrictIndicator, indicator_id) is None:
            raise UserError(t("District indicator {id} no longer exists.", id=indicator_id))
        row = _value_row(s, indicator_id, year)
        if version is not None:
            current = row.version if row is not None else NO_ROW
            check_version(current, version, _value_fields(row), yours, what=what)
        if value is None:
            if row is not None:
                s.delete(row)
        elif row is None:
            s.add(DistrictValue(indicator_id=indicator_id, year=year, value=value, is_sample=False))
        else:
            row.value = value
            row.is_sample = False


def set_district_target(
    db: Database,
    indicator_id: int,
    period_id: int,
    *,
    base_value: Decimal | None,
    target_value: Decimal | None,
) -> None:
    """Set one indicator's base and target for one plan period."""
    with db.session() as s:
        if s.get(DistrictIndicator, indicator_id) is None:
            raise UserError(t("District indicator {id} no longer exists.", id=indicator_id))
        period = s.get(PlanPeriodRow, period_id)
        if period is None:
            raise UserError(t("Plan period {id} no longer exists.", id=period_id))
        row = s.scalar(
            select(DistrictTarget).where(
                DistrictTarget.indicator_id == indicator_id, DistrictTarget.period_id == period_id
            )
        )
        if row is None:
            row = DistrictTarget(
                indicator_id=indicator_id, period_id=period_id, base_year=period.start_year - 1
            )
            s.add(row)
        row.base_value = base_value
        row.target_value = target_value


def add_plan_period(
    db: Database,
    start_year: int,
    end_year: int,
    *,
    name_zh: str = "",
    targets: Mapping[int, Decimal | None] | None = None,
) -> PlanPeriodView:
    """A new plan period with its own targets (indicator id → target).

    Each indicator's base is its value recorded for the year before the period, when
    there is one (levels only: a sum or an average does not carry over).
    """
    targets = targets or {}
    code = f"{start_year}-{end_year}"
    with db.session() as s:
        others = {p.code: (p.start_year, p.end_year) for p in s.scalars(select(PlanPeriodRow))}
        if code in others:
            raise UserError(t("A plan period {code} already exists.", code=code))
        problem = rules.check_period_years(start_year, end_year, others)
        if problem:
            raise UserError(problem)
        indicators = list(s.scalars(select(DistrictIndicator).order_by(DistrictIndicator.no)))
        known = {i.id for i in indicators}
        unknown = [i for i in targets if i not in known]
        if unknown:
            raise UserError(t("District indicator {id} no longer exists.", id=unknown[0]))
        period = PlanPeriodRow(
            code=code, name_zh=name_zh.strip() or code, start_year=start_year, end_year=end_year
        )
        s.add(period)
        s.flush()
        base_year = start_year - 1
        base_values = {
            v.indicator_id: v.value
            for v in s.scalars(select(DistrictValue).where(DistrictValue.year == base_year))
        }
        for ind in indicators:
            s.add(
                DistrictTarget(
                    indicator_id=ind.id,
                    period_id=period.id,
                    base_year=base_year,
                    base_value=base_values.get(ind.id) if ind.kind == rules.KIND_LEVEL else None,
                    target_value=targets.get(ind.id),
                )
            )
        return period_view(period)
