"""The portfolio timeline's data: every project with its milestones' dates, in two queries.

Core selects of just the drawn columns (no ORM objects): 50,000 milestones load in a
fraction of a second.
"""

from __future__ import annotations

from itertools import groupby

from sqlalchemy import select

from desktop_app.db.database import Database
from desktop_app.db.models import Milestone, Project
from desktop_app.snapshots.milestones import TimelineBar, TimelineGroup


def portfolio_timeline(db: Database, lang: str = "zh") -> list[TimelineGroup]:
    """One group per project (by number), its bars in milestone order."""
    bars_query = select(
        Milestone.project_id,
        Milestone.id,
        Milestone.title,
        Milestone.planned_start,
        Milestone.planned_end,
        Milestone.baseline_start,
        Milestone.baseline_end,
        Milestone.actual_end,
        Milestone.percent_complete,
        Milestone.status,
    ).order_by(Milestone.project_id, Milestone.sort_order, Milestone.id)
    projects_query = select(Project.id, Project.no, Project.name_zh, Project.name_en).order_by(
        Project.no
    )
    with db.reader() as s:
        by_project = {
            pid: tuple(TimelineBar(*row[1:]) for row in rows)
            for pid, rows in groupby(s.execute(bars_query), key=lambda r: r[0])
        }
        projects = s.execute(projects_query).all()
    return [
        TimelineGroup(
            pid,
            f"{no}. {name_en if lang == 'en' and name_en else name_zh}",
            by_project.get(pid, ()),
        )
        for pid, no, name_zh, name_en in projects
    ]
