"""Health of every project as of a date, and the portfolio's attention list.

Set-based: a handful of queries whatever the portfolio size. Only open milestones due by
the end of the due-soon window can raise a reason, so only those are read.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from sqlalchemy import ColumnElement, and_, select

from desktop_app.db.database import Database
from desktop_app.db.models import Milestone, Project
from desktop_app.domain.health import (
    CLOSED_STATUSES,
    Health,
    HealthInput,
    MilestoneFacts,
    assess,
    due_window_end,
)
from desktop_app.domain.policy import Policy
from desktop_app.services.funding import funding_status_by_project
from desktop_app.services.performance import performance_status_by_project
from desktop_app.services.policy import load_policy
from desktop_app.snapshots.milestones import AttentionItem


def _open_due_by(window_end: date) -> ColumnElement[bool]:
    return and_(Milestone.status.not_in(CLOSED_STATUSES), Milestone.planned_end <= window_end)


def _milestone_facts(db: Database, window_end: date) -> dict[int, list[MilestoneFacts]]:
    query = select(
        Milestone.project_id,
        Milestone.title,
        Milestone.planned_end,
        Milestone.percent_complete,
        Milestone.status,
        Milestone.actual_end,
    ).where(_open_due_by(window_end))
    out: dict[int, list[MilestoneFacts]] = defaultdict(list)
    with db.reader() as s:
        for pid, title, end, pct, status, actual in s.execute(query):
            out[pid].append(MilestoneFacts(title, end, pct, status, actual))
    return out


def health_inputs(db: Database, as_of: date, policy: Policy) -> dict[int, HealthInput]:
    """Every project's facts as of a date (milestones, funding, performance)."""
    with db.reader() as s:
        project_ids = list(s.scalars(select(Project.id)))
    milestones = _milestone_facts(db, due_window_end(as_of, policy))
    funding = funding_status_by_project(db, as_of)
    performance = performance_status_by_project(db, as_of)
    inputs: dict[int, HealthInput] = {}
    for pid in project_ids:
        perf = performance.get(pid)
        money = funding.get(pid)
        inputs[pid] = HealthInput(
            milestones=milestones.get(pid, ()),
            last_grade=perf.last_grade if perf else None,
            disbursed_to_date_fen=money.disbursed_to_date_fen if money else 0,
            # without a funding plan there is no plan-to-date to be ahead of
            planned_to_date_fen=money.planned_to_date_fen if money and money.has_plan else None,
            projected_score=perf.projected_score if perf else None,
        )
    return inputs


def health_by_project(db: Database, as_of: date, policy: Policy | None = None) -> dict[int, Health]:
    """Project id → red/amber/green with reasons, as of a date."""
    policy = policy or load_policy(db)
    return {
        pid: assess(facts, as_of, policy) for pid, facts in health_inputs(db, as_of, policy).items()
    }


def project_health(db: Database, project_id: int, as_of: date) -> Health:
    return health_by_project(db, as_of)[project_id]


def attention_items(db: Database, as_of: date, policy: Policy | None = None) -> list[AttentionItem]:
    """Open milestones overdue or due within the window, most overdue first."""
    policy = policy or load_policy(db)
    query = (
        select(
            Project.id,
            Project.no,
            Project.name_zh,
            Milestone.id,
            Milestone.title,
            Milestone.owner,
            Milestone.planned_end,
            Milestone.percent_complete,
            Milestone.status,
        )
        .join(Project, Project.id == Milestone.project_id)
        .where(_open_due_by(due_window_end(as_of, policy)))
        .order_by(Milestone.planned_end, Project.no, Milestone.sort_order)
    )
    with db.reader() as s:
        return [
            AttentionItem(pid, no, name, mid, title, owner, end, pct, status, (end - as_of).days)
            for pid, no, name, mid, title, owner, end, pct, status in s.execute(query)
        ]
