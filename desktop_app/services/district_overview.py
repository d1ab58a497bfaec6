"""The district's plan indicators as read: plan periods, and one period's base, target,
yearly values and progress — with Core.

Kept apart from services/district.py (which records values, targets and periods through
the ORM) so the quarterly brief reads the overview without loading the ORM.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Protocol

from sqlalchemy import Connection, select

from desktop_app.db import tables
from desktop_app.db.database import Reader, reading
from desktop_app.domain import district as rules
from desktop_app.errors import UserError
from desktop_app.i18n import register, t
from desktop_app.snapshots.district import DistrictOverview, DistrictRow, PlanPeriodView

register(
    {
        "Plan period {id} no longer exists.": "规划期 {id} 已不存在。",
        "No plan period yet.": "尚无规划期。",
    }
)

_period = tables.plan_period
_PERIOD_COLUMNS = (
    _period.c.id,
    _period.c.code,
    _period.c.name_zh,
    _period.c.start_year,
    _period.c.end_year,
)


class PeriodFields(Protocol):
    """A plan_period row: a Core row here, the ORM object where district.py adds one."""

    @property
    def id(self) -> int: ...
    @property
    def code(self) -> str: ...
    @property
    def name_zh(self) -> str: ...
    @property
    def start_year(self) -> int: ...
    @property
    def end_year(self) -> int: ...


def period_view(p: PeriodFields) -> PlanPeriodView:
    return PlanPeriodView(
        id=p.id, code=p.code, name_zh=p.name_zh, start_year=p.start_year, end_year=p.end_year
    )


def read_plan_periods(src: Reader) -> list[PlanPeriodView]:
    """All plan periods, oldest first."""
    with reading(src) as conn:
        return [
            period_view(p)
            for p in conn.execute(select(*_PERIOD_COLUMNS).order_by(_period.c.start_year))
        ]


def _period_row(conn: Connection, period_id: int | None) -> PeriodFields:
    """The period asked for, or the latest when none is."""
    if period_id is None:
        q = select(*_PERIOD_COLUMNS).order_by(_period.c.start_year.desc())
        period = conn.execute(q).first()
        if period is None:
            raise UserError(t("No plan period yet."))
        return period
    period = conn.execute(select(*_PERIOD_COLUMNS).where(_period.c.id == period_id)).first()
    if period is None:
        raise UserError(t("Plan period {id} no longer exists.", id=period_id))
    return period


def read_district_overview(src: Reader, period_id: int | None = None) -> DistrictOverview:
    """One period's indicators with base, target, yearly values and progress (latest period
    when none is given)."""
    with reading(src) as conn:
        period = _period_row(conn, period_id)
        dt, dv, di = tables.district_target, tables.district_value, tables.district_indicator
        targets = {
            tg.indicator_id: tg
            for tg in conn.execute(
                select(dt.c.indicator_id, dt.c.base_year, dt.c.base_value, dt.c.target_value).where(
                    dt.c.period_id == period.id
                )
            )
        }
        values: dict[int, dict[int, Decimal]] = {}
        versions: dict[int, dict[int, int]] = {}
        query = select(dv.c.indicator_id, dv.c.year, dv.c.value, dv.c.version).order_by(dv.c.year)
        for v in conn.execute(query):
            values.setdefault(v.indicator_id, {})[v.year] = v.value
            versions.setdefault(v.indicator_id, {})[v.year] = v.version
        rows = []
        indicators = select(
            di.c.id, di.c.no, di.c.name_zh, di.c.name_en, di.c.unit, di.c.kind
        ).order_by(di.c.no)
        for ind in conn.execute(indicators):
            target = targets.get(ind.id)
            mine = values.get(ind.id, {})
            base = target.base_value if target else None
            goal = target.target_value if target else None
            prog = rules.progress(ind.kind, base, goal, mine, period.start_year, period.end_year)
            rows.append(
                DistrictRow(
                    indicator_id=ind.id,
                    no=ind.no,
                    name_zh=ind.name_zh,
                    name_en=ind.name_en,
                    unit=ind.unit,
                    kind=ind.kind,
                    base_year=target.base_year if target else None,
                    base_value=base,
                    target_value=goal,
                    values=mine,
                    current=prog.current,
                    percent=prog.percent,
                    status=prog.status,
                    versions=versions.get(ind.id, {}),
                )
            )
        return DistrictOverview(period=period_view(period), rows=tuple(rows))

