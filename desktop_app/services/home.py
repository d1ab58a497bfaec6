"""The Home page's figures: health counts, milestones needing attention, this year's money
and the last evaluated year's grades — all from the services the other pages use, so the
numbers on Home are the numbers behind them. Read with Core in one transaction: one
consistent view, no ORM, and funding and performance read once for health and the cards.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from sqlalchemy import Connection

from desktop_app.db.database import Database
from desktop_app.services.figures_cache import (
    ATTENTION,
    STATUS,
    WARNINGS,
    PortfolioFigures,
    read_portfolio_figures,
)
from desktop_app.services.project_list import read_project_names
from desktop_app.snapshots.home import GRADES, HEALTH_LEVELS, HomeMoney, HomeProject, HomeSnapshot


def read_home(db: Database, as_of: date) -> HomeSnapshot:
    """Everything Home shows, as of a day (run off the GUI thread). The per-project figures
    come from the figures cache: after a save only the saved project is recomputed."""
    with db.core_reader() as conn:
        figures = read_portfolio_figures(db, as_of, (STATUS, WARNINGS, ATTENTION), conn=conn)
        return _snapshot(conn, as_of, figures)


def _snapshot(conn: Connection, as_of: date, figures: PortfolioFigures) -> HomeSnapshot:
    policy = figures.policy
    names = read_project_names(conn)
    projects = {pid: HomeProject(pid, no, zh, en) for pid, no, zh, en in names}
    order = [pid for pid, _no, _zh, _en in names]

    funding = figures.funding
    performance = figures.performance
    health = figures.health
    by_level: dict[str, list[int]] = defaultdict(list)
    for pid in order:
        if pid in health:
            by_level[health[pid].level].append(pid)
    reasons = {pid: h.tooltip for pid, h in health.items()}

    items = figures.attention_items()
    overdue = tuple(i for i in items if i.days < 0)
    due_soon = tuple(i for i in items if i.days >= 0)

    money = tuple(
        HomeMoney(pid, f.planned_this_year_fen, f.disbursed_this_year_fen)
        for pid in order
        if (f := funding.get(pid)) and (f.planned_this_year_fen or f.disbursed_this_year_fen)
    )

    years = {y for p in performance.values() for y in p.grades}
    grade_year = max(years) if years else None
    by_grade: dict[str, list[int]] = defaultdict(list)
    if grade_year is not None:
        for pid in order:
            grade = performance[pid].grades.get(grade_year) if pid in performance else None
            if grade:
                by_grade[grade].append(pid)

    return HomeSnapshot(
        as_of=as_of,
        projects=projects,
        health={level: tuple(by_level[level]) for level in HEALTH_LEVELS},
        health_reasons=reasons,
        overdue=overdue,
        due_soon=due_soon,
        due_soon_days=policy.due_soon_days,
        year=as_of.year,
        money=money,
        grade_year=grade_year,
        grades={g: tuple(by_grade[g]) for g in GRADES},
        warnings=tuple(
            f"{w.project_no}. {w.name_zh}: {w.reason}" for w in figures.all_warnings(order)
        ),
    )
