"""Every project's policy warnings as of a date, for the window, the Home page and the brief.

A fixed number of queries whatever the portfolio's size: plans, grades, payments made by
`as_of` (grouped by the plan year they settle) and milestone dates. The rules are
`domain.warnings`; this module only gathers their facts and hands out plain rows. Read with
Core (`*_in(conn, ...)`), so the brief never loads the ORM.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import func, select

from desktop_app.db import tables
from desktop_app.db.database import Reader, reading
from desktop_app.domain import warnings as rules
from desktop_app.domain.money import fen_to_wan
from desktop_app.domain.validation import ValidationError
from desktop_app.services.funding_status import read_plan_specs
from desktop_app.services.policy import read_policy


@dataclass(frozen=True)
class WarningRow:
    """One warning of one project, ready to show: reason and figure in the current language."""

    project_id: int
    project_no: int
    name_zh: str
    name_en: str
    is_sample: bool
    code: str
    level: str  # "red" | "amber"
    year: int | None
    reason: str
    figure: str

    def name(self, lang: str) -> str:
        return self.name_en if lang == "en" and self.name_en else self.name_zh


def read_warnings(
    src: Reader, as_of: date, project_ids: Iterable[int] | None = None
) -> list[WarningRow]:
    """All warnings of all projects as of `as_of`, by project number, red first (only
    those of `project_ids` when given: the figures cache updates one project)."""
    with reading(src) as conn:
        p, ev, d, m = tables.project, tables.evaluation, tables.disbursement, tables.milestone
        ids = None if project_ids is None else list(project_ids)
        pq = select(p.c.id, p.c.no, p.c.name_zh, p.c.name_en, p.c.is_sample, p.c.end_date)
        if ids is not None:
            pq = pq.where(p.c.id.in_(ids))
        projects = list(conn.execute(pq.order_by(p.c.no)))
        shares = dict(read_policy(conn).reward_shares)
        specs = read_plan_specs(conn, ids)
        grades: dict[int, dict[int, str]] = defaultdict(dict)
        gq = select(ev.c.project_id, ev.c.year, ev.c.grade).where(ev.c.year <= as_of.year)
        if ids is not None:
            gq = gq.where(ev.c.project_id.in_(ids))
        for pid, year, grade in conn.execute(gq):
            grades[pid][year] = grade
        paid: dict[int, dict[int, dict[str, Decimal]]] = defaultdict(lambda: defaultdict(dict))
        q = (
            select(d.c.project_id, d.c.for_year, d.c.kind, func.sum(d.c.amount_fen))
            .where(d.c.paid_on <= as_of)
            .group_by(d.c.project_id, d.c.for_year, d.c.kind)
        )
        if ids is not None:
            q = q.where(d.c.project_id.in_(ids))
        for pid, year, kind, fen in conn.execute(q):
            paid[pid][int(year)][kind] = fen_to_wan(int(fen))
        dates: dict[int, list[rules.MilestoneDates]] = defaultdict(list)
        mq = select(
            m.c.project_id,
            m.c.code,
            m.c.title,
            m.c.status,
            m.c.planned_end,
            m.c.baseline_end,
            m.c.cancel_reason,
        ).order_by(m.c.project_id, m.c.sort_order, m.c.id)
        if ids is not None:
            mq = mq.where(m.c.project_id.in_(ids))
        for pid, code, title, status, planned, baseline, why in conn.execute(mq):
            dates[pid].append(rules.MilestoneDates(code, title, status, planned, baseline, why))
        out: list[WarningRow] = []
        for pid, no, name_zh, name_en, is_sample, end in projects:
            found = rules.milestone_warnings(dates.get(pid, ()), end)
            spec = specs.get(pid)
            if spec is not None:
                try:
                    sched = spec.schedule(
                        grades=grades.get(pid, {}), disbursed=paid.get(pid, {}), shares=shares
                    )
                except ValidationError:
                    sched = None  # a plan broken outside the app: its tab says why
                if sched is not None:
                    found += rules.funding_warnings(sched, as_of)
            out += [
                WarningRow(
                    pid,
                    no,
                    name_zh,
                    name_en,
                    is_sample,
                    w.code,
                    w.level,
                    w.year,
                    w.reason,
                    w.figure,
                )
                for w in rules.ordered(found)
            ]
        return out


def read_warnings_by_project(
    src: Reader, as_of: date, project_ids: Iterable[int] | None = None
) -> dict[int, list[WarningRow]]:
    """`read_warnings` grouped by project id (each project's rows in the same order)."""
    with reading(src) as conn:
        grouped: dict[int, list[WarningRow]] = defaultdict(list)
        for row in read_warnings(conn, as_of, project_ids):
            grouped[row.project_id].append(row)
        return dict(grouped)
