"""Health of every project as of a date, and the portfolio's attention list.

Set-based: a handful of queries whatever the portfolio size. Only open milestones due by
the end of the due-soon window can raise a reason, so only those are read. Core reads:
the brief and the portfolio's health job never need the ORM.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from datetime import date

from sqlalchemy import ColumnElement, Connection, and_, select, union

from desktop_app.db import tables as T
from desktop_app.db.database import Reader, reading
from desktop_app.domain.health import (
    CLOSED_STATUSES,
    Health,
    HealthInput,
    MilestoneFacts,
    PolicyFlag,
    assess,
    due_window_end,
)
from desktop_app.domain.policy import Policy
from desktop_app.services.funding_status import read_funding_status
from desktop_app.services.performance_status import read_performance_status
from desktop_app.services.policy import read_policy
from desktop_app.services.warnings import WarningRow, read_warnings_by_project
from desktop_app.snapshots.funding import FundingStatus
from desktop_app.snapshots.milestones import AttentionItem
from desktop_app.snapshots.performance import PerformanceStatus

_m = T.milestone.c


def _open_due_by(window_end: date) -> ColumnElement[bool]:
    return and_(_m.status.not_in(CLOSED_STATUSES), _m.planned_end <= window_end)


def _milestone_facts(
    conn: Connection, window_end: date, ids: list[int] | None = None
) -> dict[int, list[MilestoneFacts]]:
    query = select(
        _m.project_id, _m.title, _m.planned_end, _m.percent_complete, _m.status, _m.actual_end
    ).where(_open_due_by(window_end))
    if ids is not None:
        query = query.where(_m.project_id.in_(ids))
    out: dict[int, list[MilestoneFacts]] = defaultdict(list)
    for pid, title, end, pct, status, actual in conn.execute(query):
        out[pid].append(MilestoneFacts(title, end, pct, status, actual))
    return out


def _with_data(conn: Connection) -> set[int]:
    """Projects with any milestone, funding plan or indicator (the rest are "no data")."""
    q = union(
        select(T.milestone.c.project_id),
        select(T.funding_plan.c.project_id),
        select(T.indicator.c.project_id),
    )
    return set(conn.scalars(q))


def _flags(rows: list[WarningRow]) -> tuple[PolicyFlag, ...]:
    return tuple(PolicyFlag(w.code, "red" if w.level == "red" else "amber", w.reason) for w in rows)


def health_inputs(
    conn: Connection,
    as_of: date,
    policy: Policy,
    *,
    funding: Mapping[int, FundingStatus] | None = None,
    performance: Mapping[int, PerformanceStatus] | None = None,
    warned: Mapping[int, list[WarningRow]] | None = None,
    project_ids: Iterable[int] | None = None,
) -> dict[int, HealthInput]:
    """Every project's facts as of a date (milestones, funding, performance, policy
    warnings); a caller that has already read any of them for `as_of` passes them in. Only
    the projects of `project_ids` when given (the figures cache updates one project)."""
    ids = None if project_ids is None else list(project_ids)
    q = select(T.project.c.id)
    project_ids = list(conn.scalars(q if ids is None else q.where(T.project.c.id.in_(ids))))
    milestones = _milestone_facts(conn, due_window_end(as_of, policy), ids)
    funding = read_funding_status(conn, as_of, ids) if funding is None else funding
    performance = read_performance_status(conn, as_of, ids) if performance is None else performance
    warned = read_warnings_by_project(conn, as_of, ids) if warned is None else warned
    with_data = _with_data(conn)
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
            warnings=_flags(warned.get(pid, [])),
            has_data=pid in with_data,
        )
    return inputs


def read_health(
    src: Reader,
    as_of: date,
    policy: Policy | None = None,
    *,
    funding: Mapping[int, FundingStatus] | None = None,
    performance: Mapping[int, PerformanceStatus] | None = None,
    warned: Mapping[int, list[WarningRow]] | None = None,
    project_ids: Iterable[int] | None = None,
) -> dict[int, Health]:
    """Project id → red/amber/green/none with reasons, as of a date, inside `conn`'s
    transaction (policy warnings included: a red one makes the project red)."""
    with reading(src) as conn:
        policy = policy or read_policy(conn)
        facts = health_inputs(
            conn,
            as_of,
            policy,
            funding=funding,
            performance=performance,
            warned=warned,
            project_ids=project_ids,
        )
        return {pid: assess(f, as_of, policy) for pid, f in facts.items()}


def read_attention_items(
    src: Reader,
    as_of: date,
    policy: Policy | None = None,
    project_ids: list[int] | None = None,
) -> list[AttentionItem]:
    """Open milestones overdue or due within the policy's window, soonest first (of the
    projects `project_ids`, or all): the Attention page and Home's two milestone cards."""
    with reading(src) as conn:
        p = T.project.c
        policy = policy or read_policy(conn)
        query = (
            select(
                p.id,
                p.no,
                p.name_zh,
                _m.id,
                _m.title,
                _m.owner,
                _m.planned_end,
                _m.percent_complete,
                _m.status,
            )
            .join(T.project, p.id == _m.project_id)
            .where(_open_due_by(due_window_end(as_of, policy)))
            .order_by(_m.planned_end, p.no, _m.sort_order)
        )
        if project_ids is not None:
            query = query.where(_m.project_id.in_(project_ids))
        return [
            AttentionItem(pid, no, name, mid, title, owner, end, pct, status, (end - as_of).days)
            for pid, no, name, mid, title, owner, end, pct, status in conn.execute(query)
        ]
