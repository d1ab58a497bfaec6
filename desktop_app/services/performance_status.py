"""Every project's performance figures as of a date, read with Core (no ORM).

The quarterly brief, health and Home read these; the performance tab and the portfolio
scores page compute through the same helpers (`projection_of`, `ytd_at`, ...), which take
anything shaped like an indicator, so an ORM `Indicator` and a Core-built record give the
same figure.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, Protocol

from sqlalchemy import Row, select

from desktop_app.db import tables
from desktop_app.db.database import Reader, reading
from desktop_app.domain import scoring
from desktop_app.domain.periods import Quarter
from desktop_app.snapshots.performance import (
    IndicatorFields,
    PerformanceStatus,
    indicator_fields,
)


class ActualLike(Protocol):
    """A quarter's year-to-date figure (ORM `IndicatorActual` or a Core row)."""

    @property
    def quarter(self) -> int: ...

    @property
    def ytd_value(self) -> Decimal: ...


class IndicatorLike(Protocol):
    """What scoring needs of an indicator (ORM `Indicator` or `IndicatorRecord`); its
    actuals in ascending quarter."""

    @property
    def weight(self) -> Decimal: ...

    @property
    def target(self) -> Decimal | None: ...

    @property
    def direction(self) -> str: ...

    @property
    def actuals(self) -> Sequence[ActualLike]: ...


@dataclass(frozen=True)
class IndicatorRecord(IndicatorFields):
    """An indicator as read with Core, with its actuals in ascending quarter."""

    id: int
    project_id: int
    actuals: tuple[ActualLike, ...]
    allow_negative: bool = False
    version: int = 0


def spec_of(ind: IndicatorLike) -> scoring.IndicatorSpec:
    return scoring.IndicatorSpec(weight=ind.weight, target=ind.target, direction=ind.direction)


def latest_ytd(ind: IndicatorLike, up_to_quarter: int = 4) -> tuple[int, Decimal] | None:
    reported = [(a.quarter, a.ytd_value) for a in ind.actuals if a.quarter <= up_to_quarter]
    return max(reported) if reported else None


def projection_of(
    indicators: Sequence[IndicatorLike], up_to_quarter: int = 4
) -> tuple[int | None, Decimal | None]:
    """Latest quarter reported for the set and the total projected from it (None: no data)."""
    quarters = [q for ind in indicators if (q := latest_ytd(ind, up_to_quarter))]
    if not quarters:
        return None, None
    quarter = max(q for q, _ in quarters)
    items = [(spec_of(ind), ytd_at(ind, quarter)) for ind in indicators]
    return quarter, scoring.projected_score(items, quarter)


def ytd_at(ind: IndicatorLike, quarter: int) -> Decimal | None:
    """The figure at `quarter`, or a qualitative score given earlier (it is not a flow)."""
    for a in ind.actuals:
        if a.quarter == quarter:
            return a.ytd_value
    if ind.direction == "qualitative":
        latest = latest_ytd(ind, quarter)
        return latest[1] if latest else None
    return None


def read_evaluations(
    src: Reader, as_of: date | None, project_ids: list[int] | None = None
) -> dict[int, list[Row[Any]]]:
    """Each project's evaluations recorded by `as_of` (all when None), oldest first.

    The rows carry every column of `evaluation` (`.year`, `.total`, `.grade`, ...)."""
    with reading(src) as conn:
        ev = tables.evaluation
        query = select(ev).order_by(ev.c.year)
        if project_ids is not None:
            query = query.where(ev.c.project_id.in_(project_ids))
        if as_of is not None:
            query = query.where(ev.c.year <= as_of.year)
        out: dict[int, list[Row[Any]]] = {}
        for row in conn.execute(query):
            if as_of is None or row.evaluated_on is None or row.evaluated_on <= as_of:
                out.setdefault(row.project_id, []).append(row)
        return out


def read_indicators_of_year(
    src: Reader, year: int, project_ids: list[int] | None = None
) -> dict[int, list[IndicatorRecord]]:
    """Each project's indicators of `year` (by sort order, then id) with their actuals."""
    with reading(src) as conn:
        ind, act = tables.indicator, tables.indicator_actual
        actuals: dict[int, list[ActualLike]] = {}
        query = (
            select(
                act.c.indicator_id, act.c.quarter, act.c.ytd_value, act.c.note, act.c.version
            )
            .join(ind, ind.c.id == act.c.indicator_id)
            .where(ind.c.year == year)
            .order_by(act.c.indicator_id, act.c.quarter)  # the ORM relationship's order
        )
        if project_ids is not None:
            query = query.where(ind.c.project_id.in_(project_ids))
        for a in conn.execute(query):
            actuals.setdefault(a.indicator_id, []).append(a)
        by_project: dict[int, list[IndicatorRecord]] = {}
        rows = (
            select(
                ind.c.id,
                ind.c.project_id,
                ind.c.code,
                ind.c.name,
                ind.c.unit,
                ind.c.weight,
                ind.c.target,
                ind.c.direction,
                ind.c.allow_negative,
                ind.c.version,
            )
            .where(ind.c.year == year)
            .order_by(ind.c.sort_order, ind.c.id)
        )
        if project_ids is not None:
            rows = rows.where(ind.c.project_id.in_(project_ids))
        for r in conn.execute(rows):
            record = IndicatorRecord(
                **indicator_fields(r),
                id=r.id,
                project_id=r.project_id,
                actuals=tuple(actuals.get(r.id, ())),
                allow_negative=bool(r.allow_negative),
                version=r.version,
            )
            by_project.setdefault(r.project_id, []).append(record)
        return by_project


def read_projections(
    src: Reader, as_of: date, project_ids: list[int] | None = None
) -> dict[int, tuple[int | None, Decimal | None]]:
    """Each project's projection for `as_of`'s year from actuals up to its quarter."""
    with reading(src) as conn:
        current_q = Quarter.of(as_of).q
        by_project = read_indicators_of_year(conn, as_of.year, project_ids)
        return {pid: projection_of(inds, current_q) for pid, inds in by_project.items()}


def read_performance_status(
    src: Reader, as_of: date, project_ids: Iterable[int] | None = None
) -> dict[int, PerformanceStatus]:
    """Every project's last grade and this year's projected score, as of a date (only
    those of `project_ids` when given: the figures cache updates one project).

    Only evaluations recorded by `as_of` and actuals up to its quarter count, so a brief
    for a past quarter shows what was known then.
    """
    with reading(src) as conn:
        ids = None if project_ids is None else list(project_ids)
        evaluations = read_evaluations(conn, as_of, ids)
        projections = read_projections(conn, as_of, ids)
        out: dict[int, PerformanceStatus] = {}
        project = tables.project
        query = select(project.c.id).order_by(project.c.no)
        if ids is not None:
            query = query.where(project.c.id.in_(ids))
        for pid in conn.scalars(query):
            evs = evaluations.get(pid, [])
            last = evs[-1] if evs else None
            quarter, projected = projections.get(pid, (None, None))
            out[pid] = PerformanceStatus(
                project_id=pid,
                last_year=last.year if last is not None else None,
                last_total=last.total if last is not None else None,
                last_grade=last.grade if last is not None else None,
                projected_year=as_of.year,
                projected_quarter=quarter,
                projected_score=projected,
                grades={e.year: e.grade for e in evs},
            )
        return out

