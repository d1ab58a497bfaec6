"""Sample milestones and baselines: on-track, slipping and overdue projects as of DEMO_TODAY.

Each project gets 4–8 milestones splitting its period, baselined at its start. Then a
profile by project number bends some of them: slipping projects were re-baselined once
and slipped again (one milestone due soon at low progress → amber), overdue projects
have an open milestone 45 days late (red), project 9 one 10 days late (amber).
"""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta

from sqlalchemy.orm import Session

from desktop_app.db.demo import DEMO_TODAY, SAMPLE_MARK
from desktop_app.db.models import Baseline, BaselineItem, Milestone, Project

TITLES = (
    "方案设计与论证",
    "场地与平台建设",
    "关键设备采购安装",
    "关键技术攻关",
    "中试线建设",
    "样机与产品验证",
    "产业化示范应用",
    "项目验收",
)
OWNERS = ("王工", "李工", "陈主任", "林经理", "张博士", "黄工")
SLIPPING = {2, 6, 11}
OVERDUE_RED = {4, 7}
OVERDUE_AMBER = {9}


def _plan(p: Project, rng: random.Random) -> list[Milestone]:
    start = p.start_date or date(2023, 1, 1)
    end = p.end_date or date(start.year + 4, 12, 31)
    n = rng.randint(4, 8)
    span = (end - start).days + 1
    picked = [TITLES[0], *sorted(rng.sample(TITLES[1:-1], n - 2), key=TITLES.index), TITLES[-1]]
    out = []
    for i, title in enumerate(picked):
        ms = start + timedelta(days=span * i // n)
        me = start + timedelta(days=span * (i + 1) // n - 1)
        out.append(
            Milestone(
                project_id=p.id,
                code=f"M{i + 1:02d}",
                title=f"{SAMPLE_MARK}{title}",
                deliverable=f"{SAMPLE_MARK}{title}阶段成果报告",
                owner=rng.choice(OWNERS),
                planned_start=ms,
                planned_end=me,
                sort_order=i,
                is_sample=True,
            )
        )
    return out


def _progress(m: Milestone, rng: random.Random) -> None:
    """Status and percent as an honest officer would have them on DEMO_TODAY."""
    assert m.planned_start is not None
    if m.planned_end < DEMO_TODAY:
        m.status, m.percent_complete = "done", 100
        m.actual_start = m.planned_start
        m.actual_end = min(DEMO_TODAY, m.planned_end + timedelta(days=rng.randint(-10, 12)))
    elif m.planned_start <= DEMO_TODAY:
        m.status = "in_progress"
        m.actual_start = m.planned_start
        elapsed = (DEMO_TODAY - m.planned_start).days / max(
            1, (m.planned_end - m.planned_start).days
        )
        m.percent_complete = max(5, min(95, int(elapsed * 100)))
    else:
        m.status, m.percent_complete = "not_started", 0


def _baseline(p: Project, milestones: list[Milestone], on: date, reason: str) -> Baseline:
    b = Baseline(
        project_id=p.id,
        set_on=on,
        reason=f"{SAMPLE_MARK}{reason}",
        created_at=datetime(on.year, on.month, on.day, 9, 0),
    )
    for m in milestones:
        m.baseline_start, m.baseline_end = m.planned_start, m.planned_end
        b.items.append(
            BaselineItem(
                milestone_id=m.id, planned_start=m.planned_start, planned_end=m.planned_end
            )
        )
    return b


def _shift_from(milestones: list[Milestone], first: int, days: int) -> None:
    for m in milestones[first:]:
        m.planned_end += timedelta(days=days)
        if m.planned_start and m.planned_start > DEMO_TODAY:
            m.planned_start += timedelta(days=days)


def _current(milestones: list[Milestone]) -> int:
    """Index of the first milestone not yet finished as of DEMO_TODAY."""
    return next(
        (i for i, m in enumerate(milestones) if m.planned_end >= DEMO_TODAY), len(milestones) - 1
    )


def add(session: Session, projects: list[Project], rng: random.Random) -> None:
    for p in projects:
        milestones = _plan(p, rng)
        session.add_all(milestones)
        session.flush()
        for m in milestones:
            _progress(m, rng)
        now = _current(milestones)
        if p.no in OVERDUE_RED or p.no in OVERDUE_AMBER:  # late against the approved plan
            late = milestones[now - 1] if now > 0 else milestones[now]
            late.planned_end = DEMO_TODAY - timedelta(days=45 if p.no in OVERDUE_RED else 10)
            late.status, late.percent_complete, late.actual_end = "in_progress", 70, None
            late.notes = f"{SAMPLE_MARK}验收材料尚未齐备"
        for m in milestones:
            if m.planned_start and m.planned_start > m.planned_end:
                m.planned_start = m.planned_end
        session.add(_baseline(p, milestones, p.start_date or DEMO_TODAY, "立项批复计划"))
        cur = milestones[now]
        if p.no in SLIPPING:  # re-planned in March, and late again since
            cur.planned_end = max(cur.planned_start or DEMO_TODAY, DEMO_TODAY - timedelta(days=10))
            _shift_from(milestones, now + 1, 60)
            session.add(
                _baseline(p, milestones, date(2026, 3, 31), "关键设备到货延期,经批准调整计划")
            )
            cur.planned_end = DEMO_TODAY + timedelta(days=20)
            _shift_from(milestones, now + 1, 30)
            cur.status, cur.percent_complete = "in_progress", 30
        if p.no == 5 and len(milestones) > now + 1:
            nxt = milestones[now + 1]
            nxt.status = "cancelled"
            nxt.cancel_reason = f"{SAMPLE_MARK}内容并入后续里程碑"
