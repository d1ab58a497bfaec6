"""The portfolio timeline's data: project rows at once, their milestones' dates in batches.

The page shows every project's label straight away with the first screen's bars, then
loads the rest off the GUI thread. Plain Core selects of just the drawn columns (no ORM
objects) and tuple rows keep 50,000 milestones cheap.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from itertools import groupby

from sqlalchemy import String, func, select, type_coerce

from desktop_app.db import tables
from desktop_app.db.database import Reader, reading
from desktop_app.snapshots.milestones import TimelineBar, TimelineGroup

_m, _p = tables.milestone.c, tables.project.c
_DATES = (
    _m.planned_start,
    _m.planned_end,
    _m.baseline_start,
    _m.baseline_end,
    _m.actual_end,
)


def _day(value: str | date | None) -> date | None:
    """SQLite hands dates back as ISO text (parsed here in C); other servers as dates."""
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(value[:10])


def read_timeline_projects(src: Reader, lang: str = "zh") -> list[TimelineGroup]:
    """Every project (by number) with its label and no bars yet."""
    query = select(_p.id, _p.no, _p.name_zh, _p.name_en).order_by(_p.no)
    with reading(src) as conn:
        rows = conn.execute(query).all()
    return [
        TimelineGroup(pid, f"{no}. {name_en if lang == 'en' and name_en else name_zh}", ())
        for pid, no, name_zh, name_en in rows
    ]


def read_timeline_bars(
    src: Reader, project_ids: Iterable[int] | None = None, *, excluding: Iterable[int] = ()
) -> dict[int, tuple[TimelineBar, ...]]:
    """Project id → its milestones' bars in table order (all projects when ids is None),
    except the projects `excluding` names (the page's first screens, read already)."""
    raw_dates = [type_coerce(c, String) for c in _DATES]
    query = select(
        _m.project_id,
        _m.id,
        _m.title,
        *raw_dates,
        _m.percent_complete,
        _m.status,
    ).order_by(_m.project_id, _m.sort_order, _m.id)
    if project_ids is not None:
        query = query.where(_m.project_id.in_(list(project_ids)))
    skipped = list(excluding)
    if skipped:
        query = query.where(_m.project_id.not_in(skipped))
    with reading(src) as conn:
        rows = conn.execute(query).all()
    day = _day
    return {
        pid: tuple(
            TimelineBar(mid, title, day(ps), day(pe), day(bs), day(be), day(ae), pct, status)  # type: ignore[arg-type]
            for _pid, mid, title, ps, pe, bs, be, ae, pct, status in group
        )
        for pid, group in groupby(rows, key=lambda r: r[0])
    }


def read_timeline(src: Reader, lang: str = "zh") -> list[TimelineGroup]:
    """Every project with all its bars (one go: reports and tests)."""
    with reading(src) as conn:
        bars = read_timeline_bars(conn)
        return [
            TimelineGroup(g.project_id, g.label, bars.get(g.project_id, ()))
            for g in read_timeline_projects(conn, lang)
        ]


def read_timeline_span(src: Reader) -> tuple[date, date] | None:
    """The earliest start and latest end of any planned or baseline date (None: no milestones)."""
    query = select(
        type_coerce(func.min(func.coalesce(_m.planned_start, _m.planned_end)), String),
        type_coerce(func.min(_m.baseline_start), String),
        type_coerce(func.max(_m.planned_end), String),
        type_coerce(func.max(_m.baseline_end), String),
    )
    with reading(src) as conn:
        row = conn.execute(query).one()
    values = [d for d in (_day(v) for v in row) if d is not None]
    if not values:
        return None
    return min(values), max(values)
