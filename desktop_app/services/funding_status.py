"""The money figures others read: stored plans, their facts, and every project's status.

Read with Core over `db.tables` so the quarterly brief never loads the ORM; the window's
funding service imports these back, so both compute the same figures. A fixed number of
queries whatever the portfolio's size. An ORM session passes `session.connection()`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Protocol

from sqlalchemy import Connection, Row, func, select

from desktop_app.db import tables
from desktop_app.db.database import Reader, reading
from desktop_app.domain.funding import FundingPlanSpec, FundingSchedule, Tranche
from desktop_app.domain.money import fen_to_wan, wan_to_fen
from desktop_app.domain.validation import ValidationError
from desktop_app.domain.warnings import funding_warnings
from desktop_app.i18n import register, t
from desktop_app.services.policy import read_policy
from desktop_app.snapshots.funding import FundingFacts, FundingStatus, PortfolioFundingRow

register({"Plan could not be computed: {reason}": "计划无法计算:{reason}"})


class PlanFields(Protocol):
    """A stored plan's columns: an ORM `FundingPlan` or a Core row."""

    @property
    def taper_mode(self) -> str: ...
    @property
    def first_year(self) -> int: ...
    @property
    def years(self) -> int: ...
    @property
    def first_amount_fen(self) -> int: ...
    @property
    def step_fen(self) -> int | None: ...
    @property
    def rate(self) -> Decimal | None: ...
    @property
    def floor_fen(self) -> int: ...
    @property
    def startup_grant_fen(self) -> int: ...
    @property
    def startup_year(self) -> int | None: ...


class YearFields(Protocol):
    """A plan year row's columns: an ORM `FundingYear` or a Core row."""

    @property
    def manual_fixed_fen(self) -> int | None: ...
    @property
    def reward_cap_fen(self) -> int: ...


class TrancheFields(Protocol):
    """A start-up tranche's columns: an ORM `StartupTranche` or a Core row."""

    @property
    def year(self) -> int: ...
    @property
    def amount_fen(self) -> int: ...
    @property
    def note(self) -> str: ...


def _spec(
    plan: PlanFields | Row[Any],
    rows: Sequence[YearFields | Row[Any]],
    tranches: Sequence[TrancheFields | Row[Any]],
) -> FundingPlanSpec:
    """A domain plan from a plan row (ORM object or Core row) with its year rows and tranches."""
    manual = None
    if plan.taper_mode == "manual":
        manual = tuple(fen_to_wan(y.manual_fixed_fen or 0) for y in rows)
    caps = tuple(fen_to_wan(y.reward_cap_fen) for y in rows)
    return FundingPlanSpec(
        first_year=plan.first_year,
        years=plan.years,
        mode=plan.taper_mode,
        first_amount=fen_to_wan(plan.first_amount_fen),
        step=fen_to_wan(plan.step_fen) if plan.step_fen is not None else None,
        rate=plan.rate,
        floor=fen_to_wan(plan.floor_fen),
        manual=manual,
        reward_caps=caps if any(caps) else (),
        startup_grant=fen_to_wan(plan.startup_grant_fen),
        startup_year=plan.startup_year,
        tranches=tuple(Tranche(tr.year, fen_to_wan(tr.amount_fen), tr.note) for tr in tranches),
    )


def read_plan_specs(
    src: Reader, project_ids: Iterable[int] | None = None
) -> dict[int, FundingPlanSpec]:
    """project id → domain plan, in three plain queries.

    Core rows rather than ORM objects: building 2,000 plans' identity maps costs more than
    computing their schedules.
    """
    with reading(src) as conn:
        fp, fy, st = tables.funding_plan, tables.funding_year, tables.startup_tranche
        ids = None if project_ids is None else list(project_ids)
        q = select(fp)
        if ids is not None:
            q = q.where(fp.c.project_id.in_(ids))
        plans = list(conn.execute(q))
        plan_ids = [p.id for p in plans]
        years: dict[int, list[Row[Any]]] = defaultdict(list)
        tranches: dict[int, list[Row[Any]]] = defaultdict(list)
        yq = select(fy).order_by(fy.c.plan_id, fy.c.year)
        tq = select(st).order_by(st.c.plan_id, st.c.seq)
        if ids is not None:
            yq = yq.where(fy.c.plan_id.in_(plan_ids))
            tq = tq.where(st.c.plan_id.in_(plan_ids))
        for row in conn.execute(yq):
            years[row.plan_id].append(row)
        for row in conn.execute(tq):
            tranches[row.plan_id].append(row)
        return {p.project_id: _spec(p, years[p.id], tranches[p.id]) for p in plans}


def read_funding_facts(
    src: Reader, project_ids: Iterable[int] | None = None
) -> dict[int, FundingFacts]:
    """Grades and payments (万元 by plan year and kind) of many projects: two grouped queries."""
    with reading(src) as conn:
        ev, d = tables.evaluation, tables.disbursement
        ids = None if project_ids is None else list(project_ids)
        shares = dict(read_policy(conn).reward_shares)
        grades: dict[int, dict[int, str]] = defaultdict(dict)
        q = select(ev.c.project_id, ev.c.year, ev.c.grade)
        if ids is not None:
            q = q.where(ev.c.project_id.in_(ids))
        for pid, year, grade in conn.execute(q):
            grades[pid][year] = grade
        paid: dict[int, dict[int, dict[str, Decimal]]] = defaultdict(lambda: defaultdict(dict))
        year_of = d.c.for_year  # 计划年度口径: the plan year each payment settles
        q2 = select(d.c.project_id, year_of, d.c.kind, func.sum(d.c.amount_fen)).group_by(
            d.c.project_id, year_of, d.c.kind
        )
        if ids is not None:
            q2 = q2.where(d.c.project_id.in_(ids))
        for pid, year, kind, fen in conn.execute(q2):
            paid[pid][int(year)][kind] = fen_to_wan(int(fen))
        keys = set(grades) | set(paid) | set(ids or ())
        return {
            pid: FundingFacts(
                grades=dict(grades.get(pid, {})),
                disbursed={y: dict(k) for y, k in paid.get(pid, {}).items()},
                shares=shares,
            )
            for pid in keys
        }


def _compute(spec: FundingPlanSpec, facts: FundingFacts) -> FundingSchedule:
    kwargs = {"shares": facts.shares} if facts.shares else {}
    return spec.schedule(grades=facts.grades, disbursed=facts.disbursed, **kwargs)


def _schedule_of(spec: FundingPlanSpec, facts: FundingFacts) -> tuple[FundingSchedule | None, str]:
    """A stored plan's schedule; a plan broken outside the app gives None and the reason."""
    try:
        return _compute(spec, facts), ""
    except ValidationError as exc:
        return None, t("Plan could not be computed: {reason}", reason=str(exc))


def _paid_to(
    conn: Connection, start: date | None, end: date, ids: list[int] | None = None
) -> dict[int, int]:
    d = tables.disbursement
    q = select(d.c.project_id, func.sum(d.c.amount_fen)).where(d.c.paid_on <= end)
    if start is not None:
        q = q.where(d.c.paid_on >= start)
    if ids is not None:
        q = q.where(d.c.project_id.in_(ids))
    return {pid: int(fen) for pid, fen in conn.execute(q.group_by(d.c.project_id))}


def _paid_for(
    conn: Connection, year: int, as_of: date, ids: list[int] | None = None
) -> dict[int, int]:
    """Paid against `year`'s plan by `as_of` (计划年度口径), per project."""
    d = tables.disbursement
    q = (
        select(d.c.project_id, func.sum(d.c.amount_fen))
        .where(d.c.for_year == year, d.c.paid_on <= as_of)
        .group_by(d.c.project_id)
    )
    if ids is not None:
        q = q.where(d.c.project_id.in_(ids))
    return {pid: int(fen) for pid, fen in conn.execute(q)}


def read_funding_status(
    src: Reader, as_of: date, project_ids: Iterable[int] | None = None
) -> dict[int, FundingStatus]:
    """Every project's plan-to-date and paid-to-date as of a date (whole plan years);
    only those of `project_ids` when given (the figures cache updates one project)."""
    with reading(src) as conn:
        p = tables.project
        ids = None if project_ids is None else list(project_ids)
        q = select(p.c.id) if ids is None else select(p.c.id).where(p.c.id.in_(ids))
        project_ids = list(conn.scalars(q))
        facts = read_funding_facts(conn, ids)
        plans = read_plan_specs(conn, ids)
        to_date = _paid_to(conn, None, as_of, ids)
        this_year = _paid_to(conn, date(as_of.year, 1, 1), as_of, ids)
        for_year = _paid_for(conn, as_of.year, as_of, ids)
        out: dict[int, FundingStatus] = {}
        for pid in project_ids:
            plan = plans.get(pid)
            sched, problem = (None, "")
            if plan is not None:
                sched, problem = _schedule_of(plan, facts.get(pid, FundingFacts()))
            line = sched.line(as_of.year) if sched else None
            out[pid] = FundingStatus(
                project_id=pid,
                has_plan=plan is not None,
                planned_to_date_fen=wan_to_fen(sched.planned_to_date(as_of)) if sched else 0,
                disbursed_to_date_fen=to_date.get(pid, 0),
                planned_this_year_fen=wan_to_fen(line.planned_total) if line else 0,
                disbursed_this_year_fen=this_year.get(pid, 0),
                paid_for_this_year_fen=for_year.get(pid, 0),
                earned_reward_this_year_fen=(
                    wan_to_fen(line.earned_reward)
                    if line and line.earned_reward is not None
                    else None
                ),
                reward_cap_this_year_fen=wan_to_fen(line.reward_cap) if line else 0,
                planned_total_fen=wan_to_fen(sched.total("planned_total")) if sched else 0,
                warnings=(
                    tuple(w.reason for w in funding_warnings(sched, as_of))
                    if sched
                    else ((problem,) if problem else ())
                ),
            )
        return out


_SHARE_PLACES = Decimal("0.0001")


def _share(part: int, whole: int) -> Decimal | None:
    if whole <= 0:
        return None
    return (Decimal(part) / Decimal(whole)).quantize(_SHARE_PLACES, rounding=ROUND_HALF_UP)


def read_funding_year_sums(
    src: Reader, project_ids: Iterable[int] | None = None
) -> dict[int, dict[int, dict[str, int]]]:
    """Project id → plan year → its share of the portfolio's yearly sums (fen and counts):
    what `read_funding_by_year` adds up, per project so a cache can replace one."""
    with reading(src) as conn:
        ids = None if project_ids is None else list(project_ids)
        facts = read_funding_facts(conn, ids)
        out: dict[int, dict[int, dict[str, int]]] = {}
        for pid, spec in read_plan_specs(conn, ids).items():
            sched, _ = _schedule_of(spec, facts.get(pid, FundingFacts()))
            years: dict[int, dict[str, int]] = {}
            for ln in sched.lines if sched else ():
                years[ln.year] = {
                    "startup": wan_to_fen(ln.startup),
                    "fixed": wan_to_fen(ln.fixed),
                    "cap": wan_to_fen(ln.reward_cap),
                    "earned": wan_to_fen(ln.earned_reward or Decimal(0)),
                    "paid": wan_to_fen(ln.disbursed),
                    "paid_reward": wan_to_fen(ln.disbursed_by_kind["reward"]),
                    "projects": 1,
                    "graded": int(ln.grade is not None),
                }
            out[pid] = years
        return out


def funding_rows_from(
    per_project: Iterable[dict[int, dict[str, int]]],
) -> list[PortfolioFundingRow]:
    """The portfolio's rows by plan year from each project's yearly sums."""
    sums: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for years in per_project:
        for year, part in years.items():
            acc = sums[year]
            for key, value in part.items():
                acc[key] += value
    rows = []
    for year in sorted(sums):
        a = sums[year]
        rows.append(
            PortfolioFundingRow(
                year=year,
                planned_startup_fen=a["startup"],
                planned_fixed_fen=a["fixed"],
                reward_cap_fen=a["cap"],
                earned_reward_fen=a["earned"],
                disbursed_fen=a["paid"],
                disbursed_reward_fen=a["paid_reward"],
                projects=a["projects"],
                planned_share=_share(a["cap"], a["startup"] + a["fixed"] + a["cap"]),
                disbursed_share=_share(a["paid_reward"], a["paid"]) if a["graded"] else None,
            )
        )
    return rows
