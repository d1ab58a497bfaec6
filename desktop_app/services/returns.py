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
from sqlalchemy.orm import Session, selectinload

from desktop_app.db.database import Database
from desktop_app.db.models import (
    Evaluation,
    Indicator,
    Project,
    QuarterlyReturn,
)
from desktop_app.domain.periods import Quarter, now
from desktop_app.services.milestones import milestone_row
from desktop_app.services.return_status import read_latest_returns
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


def _indicator(ind: Indicator, quarter: int) -> ReturnIndicator:
    by_q = {a.quarter: a for a in ind.actuals}
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


def return_contexts(
    db: Database, quarter: Quarter, nos: Iterable[int] | None = None
) -> list[ReturnContext]:
    """Each project (or those numbered `nos`) as its workbook for `quarter` shows it."""
    wanted = set(nos) if nos is not None else None
    with db.reader() as s:
        query = select(Project).options(selectinload(Project.milestones)).order_by(Project.no)
        if wanted is not None:
            query = query.where(Project.no.in_(wanted))
        projects = list(s.scalars(query))
        ids = [p.id for p in projects]
        indicators: dict[int, list[Indicator]] = {}
        for ind in s.scalars(
            select(Indicator)
            .options(selectinload(Indicator.actuals))
            .where(Indicator.project_id.in_(ids), Indicator.year == quarter.year)
            .order_by(Indicator.sort_order, Indicator.id)
        ):
            indicators.setdefault(ind.project_id, []).append(ind)
        closed = set(
            s.scalars(
                select(Evaluation.project_id).where(
                    Evaluation.year == quarter.year, Evaluation.project_id.in_(ids)
                )
            )
        )
        latest = read_latest_returns(s.connection(), str(quarter))
        out = []
        for p in projects:
            last = latest.get(p.id)
            out.append(
                ReturnContext(
                    project_id=p.id,
                    no=p.no,
                    name_zh=p.name_zh,
                    name_en=p.name_en,
                    lead_org=p.lead_org,
                    quarter=str(quarter),
                    milestones=tuple(milestone_row(m) for m in p.milestones),
                    indicators=tuple(_indicator(i, quarter.q) for i in indicators.get(p.id, [])),
                    year_closed=p.id in closed,
                    contact_name=last.contact_name if last else "",
                    contact_phone=last.contact_phone if last else "",
                )
            )
        return out


def previous_returns(db: Database, quarter: str) -> dict[int, PreviousReturn]:
    """The latest return already recorded for `quarter`, by project id."""
    with db.reader() as s:
        return {
            pid: PreviousReturn(
                r.received_at, r.file_name, r.file_sha256, json.loads(r.reported), r.id
            )
            for pid, r in read_latest_returns(s.connection(), quarter).items()
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
