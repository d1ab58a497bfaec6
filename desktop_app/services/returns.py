"""Quarterly returns on the database side: what a project's workbook shows, writing a
checked return in one transaction, and who has returned.

The audit trail is the session's own (db/audit.py): every changed field is recorded with
the reason naming the unit and the file, so the history says where a figure came from.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from desktop_app.db.database import Database
from desktop_app.db.models import (
    Evaluation,
    Indicator,
    IndicatorActual,
    Milestone,
    Project,
    QuarterlyReturn,
)
from desktop_app.domain.milestones import MilestoneEdit, validate_milestone
from desktop_app.domain.periods import Quarter, now, today
from desktop_app.errors import UserError
from desktop_app.i18n import register, t
from desktop_app.services.return_status import latest_returns_in
from desktop_app.services.return_status import return_status as return_status
from desktop_app.snapshots.returns import (
    PreviousReturn,
    ReturnContext,
    ReturnIndicator,
    ReturnMilestone,
)

STALE = "project {no}: {what} changed in the database while the return was being checked; collect again."  # noqa: E501
register(
    {
        STALE: "项目 {no}:核对报送期间数据库中的{what}已被修改;请重新收取。",
        "Quarterly return {quarter} from {unit} ({contact}), file {file}": "{quarter} 季度报送:{unit}({contact}),文件 {file}",  # noqa: E501
        "milestone {code}": "里程碑 {code}",
        "indicator {code}": "指标 {code}",
        "project {no}: {year} is closed by its evaluation; indicator actuals cannot change.": "项目 {no}:{year} 年已完成绩效评价并关闭,指标完成值不能修改。",  # noqa: E501
        "project {no}, milestone {code}: {reason}": "项目 {no},里程碑 {code}:{reason}",
        "project {no} no longer exists.": "项目 {no} 已不存在。",
        "no contact given": "未填联系人",
    }
)


@dataclass(frozen=True)
class MilestoneUpdate:
    id: int
    version: int
    code: str
    actual_start: date | None
    actual_end: date | None
    percent_complete: int
    status: str
    notes: str


@dataclass(frozen=True)
class ActualUpdate:
    indicator_id: int
    code: str
    actual_version: int | None  # the stored actual's version when checked; None: none yet
    ytd_value: Decimal
    note: str


@dataclass(frozen=True)
class ReturnWrite:
    """A checked return, ready to be written (only rows whose values differ are listed)."""

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
    milestones: tuple[MilestoneUpdate, ...] = ()
    actuals: tuple[ActualUpdate, ...] = ()


def _milestone(m: Milestone) -> ReturnMilestone:
    return ReturnMilestone(
        id=m.id,
        version=m.version,
        code=m.code,
        title=m.title,
        planned_start=m.planned_start,
        planned_end=m.planned_end,
        baseline_start=m.baseline_start,
        baseline_end=m.baseline_end,
        actual_start=m.actual_start,
        actual_end=m.actual_end,
        percent_complete=m.percent_complete,
        status=m.status,
        cancel_reason=m.cancel_reason,
        deliverable=m.deliverable,
        owner=m.owner,
        notes=m.notes,
    )


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
        latest = latest_returns_in(s.connection(), str(quarter))
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
                    milestones=tuple(_milestone(m) for m in p.milestones),
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
            pid: PreviousReturn(r.received_at, r.file_name, r.file_sha256, json.loads(r.reported))
            for pid, r in latest_returns_in(s.connection(), quarter).items()
        }


def _write_milestone(s: Session, no: int, u: MilestoneUpdate) -> None:
    m = s.get(Milestone, u.id)
    if m is None or m.version != u.version:
        raise UserError(t(STALE, no=no, what=t("milestone {code}", code=u.code)))
    edit = MilestoneEdit(
        title=m.title,
        planned_end=m.planned_end,
        planned_start=m.planned_start,
        actual_start=u.actual_start,
        actual_end=u.actual_end,
        percent_complete=u.percent_complete,
        status=u.status,
        cancel_reason=m.cancel_reason,
        deliverable=m.deliverable,
        owner=m.owner,
        notes=u.notes,
    )
    errors = validate_milestone(edit, today=today())
    if errors:
        reason = next(iter(errors.values()))
        raise UserError(
            t("project {no}, milestone {code}: {reason}", no=no, code=u.code, reason=reason)
        )
    m.actual_start = u.actual_start
    m.actual_end = u.actual_end
    m.percent_complete = u.percent_complete
    m.status = u.status
    m.notes = u.notes


def _write_actual(s: Session, no: int, quarter: int, u: ActualUpdate) -> None:
    row = s.scalar(
        select(IndicatorActual).where(
            IndicatorActual.indicator_id == u.indicator_id, IndicatorActual.quarter == quarter
        )
    )
    if (row.version if row else None) != u.actual_version or s.get(
        Indicator, u.indicator_id
    ) is None:
        raise UserError(t(STALE, no=no, what=t("indicator {code}", code=u.code)))
    if row is None:
        s.add(
            IndicatorActual(
                indicator_id=u.indicator_id, quarter=quarter, ytd_value=u.ytd_value, note=u.note
            )
        )
    else:
        row.ytd_value = u.ytd_value
        row.note = u.note


def record_return(db: Database, w: ReturnWrite, *, officer: str = "") -> int:
    """Write one project's return and its log row in one transaction; the log row's id.

    Versions are compared first (someone may have saved since the preview), so a return
    never overwrites a newer edit; the audit reason names the unit and the file.
    """
    quarter = Quarter.parse(w.quarter)
    with db.session() as s:
        if s.get(Project, w.project_id) is None:
            raise UserError(t("project {no} no longer exists.", no=w.project_no))
        if w.actuals and s.scalar(
            select(Evaluation.id).where(
                Evaluation.project_id == w.project_id, Evaluation.year == quarter.year
            )
        ):
            raise UserError(
                t(
                    "project {no}: {year} is closed by its evaluation; indicator actuals cannot change.",  # noqa: E501
                    no=w.project_no,
                    year=quarter.year,
                )
            )
        contact = " ".join(x for x in (w.contact_name, w.contact_phone) if x) or t(
            "no contact given"
        )
        if officer:
            s.info["officer"] = officer  # this session only; the factory keeps its own
        s.info["audit_reason"] = t(
            "Quarterly return {quarter} from {unit} ({contact}), file {file}",
            quarter=w.quarter,
            unit=w.unit,
            contact=contact,
            file=w.file_name,
        )
        try:
            for mu in w.milestones:
                _write_milestone(s, w.project_no, mu)
            for au in w.actuals:
                _write_actual(s, w.project_no, quarter.q, au)
            s.flush()
            log = QuarterlyReturn(
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
                officer=officer or str(s.info.get("officer", "")),
            )
            s.add(log)
            s.flush()
            return log.id
        finally:
            s.info.pop("audit_reason", None)
