"""Every project's policy warnings as of a date, for the window, the Home page and the brief.

A fixed number of queries whatever the portfolio's size: plans, grades, payments made by
`as_of` (grouped by the plan year they settle) and milestone dates. The rules are
`domain.warnings`; this module only gathers their facts and hands out plain rows.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import func, select

from desktop_app.db.database import Database
from desktop_app.db.models import Disbursement, Evaluation, Milestone, Project
from desktop_app.domain import warnings as rules
from desktop_app.domain.money import fen_to_wan
from desktop_app.domain.validation import ValidationError
from desktop_app.services.funding import plan_specs
from desktop_app.services.policy import policy_in


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


def portfolio_warnings(database: Database, as_of: date) -> list[WarningRow]:
    """All warnings of all projects as of `as_of`, by project number, red first."""
    with database.reader() as s:
        projects = list(
            s.execute(
                select(
                    Project.id,
                    Project.no,
                    Project.name_zh,
                    Project.name_en,
                    Project.is_sample,
                    Project.end_date,
                ).order_by(Project.no)
            )
        )
        shares = dict(policy_in(s.connection()).reward_shares)
        specs = plan_specs(s)
        grades: dict[int, dict[int, str]] = defaultdict(dict)
        for pid, year, grade in s.execute(
            select(Evaluation.project_id, Evaluation.year, Evaluation.grade).where(
                Evaluation.year <= as_of.year
            )
        ):
            grades[pid][year] = grade
        paid: dict[int, dict[int, dict[str, Decimal]]] = defaultdict(lambda: defaultdict(dict))
        q = (
            select(
                Disbursement.project_id,
                Disbursement.for_year,
                Disbursement.kind,
                func.sum(Disbursement.amount_fen),
            )
            .where(Disbursement.paid_on <= as_of)
            .group_by(Disbursement.project_id, Disbursement.for_year, Disbursement.kind)
        )
        for pid, year, kind, fen in s.execute(q):
            paid[pid][int(year)][kind] = fen_to_wan(int(fen))
        dates: dict[int, list[rules.MilestoneDates]] = defaultdict(list)
        mq = select(
            Milestone.project_id,
            Milestone.code,
            Milestone.title,
            Milestone.status,
            Milestone.planned_end,
            Milestone.baseline_end,
            Milestone.cancel_reason,
        ).order_by(Milestone.project_id, Milestone.sort_order, Milestone.id)
        for pid, code, title, status, planned, baseline, why in s.execute(mq):
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
                pid, no, name_zh, name_en, is_sample, w.code, w.level, w.year, w.reason, w.figure
            )
            for w in rules.ordered(found)
        ]
    return out


def warnings_by_project(database: Database, as_of: date) -> dict[int, list[WarningRow]]:
    grouped: dict[int, list[WarningRow]] = defaultdict(list)
    for row in portfolio_warnings(database, as_of):
        grouped[row.project_id].append(row)
    return dict(grouped)


__all__ = ["WarningRow", "portfolio_warnings", "warnings_by_project"]
