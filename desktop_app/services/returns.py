"""Quarterly returns on the database side: what a project's workbook shows, the returns
already recorded, and who has returned.

A checked return is written by io/returns_write.py through the import's compare-and-swap
writer and audit writer (io/store.py), so a return and an import race cleanly.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_app.db import tables
from desktop_app.db.database import Reader, reading
from desktop_app.db.models import (
    QuarterlyReturn,
)
from desktop_app.domain.periods import Quarter, now
from desktop_app.services.milestones import milestone_row
from desktop_app.services.performance_status import IndicatorRecord, read_indicators_of_year
from desktop_app.services.return_status import read_latest_returns
from desktop_app.snapshots.milestones import MilestoneRow
from desktop_app.snapshots.returns import (
    PreviousReturn,
    ReturnContext,
    ReturnIndicator,
)


@dataclass(frozen=True)
class ReturnWrite:
    """A checked return's log row (what the unit said, and the fields it changed)."""

    project_id: int
    project_no: int
    quarter: str
    file_name: str
    file_sha256: str
    unit: str
    contact_name: str
    contact_phone: str
    narrative: str
    reported: dict[str, Any]
    changes: list[dict[str, str]]


def _indicator(ind: IndicatorRecord, quarter: int) -> ReturnIndicator:
    by_q: dict[int, Any] = {a.quarter: a for a in ind.actuals}  # Core rows: note, version too
    mine = by_q.get(quarter)
    last = by_q.get(quarter - 1) if quarter > 1 else None
    return ReturnIndicator(
        id=ind.id,
        code=ind.code,
        name=ind.name,
        unit=ind.unit,
        weight=ind.weight,
        direction=ind.direction,
        allow_negative=ind.allow_negative,
        target=ind.target,
        last_quarter=last.ytd_value if last else None,
        value=mine.ytd_value if mine else None,
        note=mine.note if mine else "",
        actual_version=mine.version if mine else None,
    )


def read_return_contexts(
    src: Reader, quarter: Quarter, nos: Iterable[int] | None = None
) -> list[ReturnContext]:
    """Each project (or those numbered `nos`) as its workbook for `quarter` shows it."""
    p, m, ev = tables.project.c, tables.milestone, tables.evaluation.c
    query = select(p.id, p.no, p.name_zh, p.name_en, p.lead_org).order_by(p.no)
    if nos is not None:
        query = query.where(p.no.in_(set(nos)))
    with reading(src) as conn:
        projects = list(conn.execute(query))
        ids = [r.id for r in projects]
        milestones: dict[int, list[MilestoneRow]] = {}
        in_order = select(m).where(m.c.project_id.in_(ids)).order_by(m.c.sort_order)
        for row in conn.execute(in_order):
            milestones.setdefault(row.project_id, []).append(milestone_row(row))
        indicators = read_indicators_of_year(conn, quarter.year, ids)
        closed = set(
            conn.scalars(
                select(ev.project_id).where(ev.year == quarter.year, ev.project_id.in_(ids))
            )
        )
        latest = read_latest_returns(conn, str(quarter))
    out = []
    for r in projects:
        last = latest.get(r.id)
        out.append(
            ReturnContext(
                project_id=r.id,
                no=r.no,
                name_zh=r.name_zh,
                name_en=r.name_en,
                lead_org=r.lead_org,
                quarter=str(quarter),
                milestones=tuple(milestones.get(r.id, ())),
                indicators=tuple(_indicator(i, quarter.q) for i in indicators.get(r.id, [])),
                year_closed=r.id in closed,
                contact_name=last.contact_name if last else "",
                contact_phone=last.contact_phone if last else "",
            )
        )
    return out


def read_previous_returns(src: Reader, quarter: str) -> dict[int, PreviousReturn]:
    """The latest return already recorded for `quarter`, by project id."""
    return {
        pid: PreviousReturn(r.received_at, r.file_name, r.file_sha256, json.loads(r.reported), r.id)
        for pid, r in read_latest_returns(src, quarter).items()
    }


def log_return(s: Session, w: ReturnWrite, *, officer: str, reason: str) -> None:
    """Add a checked return's log row in the collect's transaction, through the ORM so the
    door and the audit trail see it (its own audit entry names the officer and the file)."""
    previous = (s.info.get("officer"), s.info.get("audit_reason"))
    s.info["officer"], s.info["audit_reason"] = officer, reason
    try:
        s.add(
            QuarterlyReturn(
                project_id=w.project_id,
                quarter=w.quarter,
                received_at=now().replace(tzinfo=None, microsecond=0),
                file_name=w.file_name[:260],
                file_sha256=w.file_sha256,
                unit=w.unit[:200],
                contact_name=w.contact_name[:100],
                contact_phone=w.contact_phone[:100],
                narrative=w.narrative,
                reported=json.dumps(w.reported, ensure_ascii=False, sort_keys=True),
                changes=json.dumps(w.changes, ensure_ascii=False),
                officer=officer,
            )
        )
        s.flush()
    finally:
        s.info["officer"], s.info["audit_reason"] = previous
        if previous[0] is None:
            s.info.pop("officer", None)
        if previous[1] is None:
            s.info.pop("audit_reason", None)
