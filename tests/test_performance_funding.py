"""The year's grade sets the funding plan's earned reward (cap × share of the grade)."""

from __future__ import annotations

from decimal import Decimal as D

from sqlalchemy import select

from desktop_app.db.database import Database
from desktop_app.db.models import Project
from desktop_app.services import funding
from desktop_app.services import performance as perf
from desktop_app.snapshots.funding import FundingPlanDraft
from desktop_app.snapshots.performance import IndicatorEdit

WAN = 1_000_000  # fen in 1 万元


def test_evaluation_grade_drives_earned_reward(db: Database) -> None:
    with db.reader() as s:
        pid = s.scalar(select(Project.id).where(Project.no == 1))
    draft = FundingPlanDraft(
        first_year="2025",
        years="2",
        mode="linear",
        first_amount="300",
        step="60",
        reward_caps=("100", "120"),
    )
    funding.save_plan(db, pid, draft, None)
    row = next(r for r in funding.read_project_schedule(db, pid).rows if r.year == 2025)
    assert (row.grade, row.earned_reward_fen) == (None, None)

    edits = (
        IndicatorEdit(None, "专利申请", "件", D(40), D(100)),
        IndicatorEdit(None, "研发投入", "万元", D(30), D(20)),
        IndicatorEdit(None, "人才引进", "人", D(30), D(5)),
    )
    ids = [r.id for r in perf.save_indicator_set(db, pid, 2025, edits).indicators]
    perf.save_actuals(db, pid, 2025, 4, dict(zip(ids, (D(120), D(15), D(5)), strict=True)))
    assert perf.close_year(db, pid, 2025).grade == "A"  # 92.5
    row = next(r for r in funding.read_project_schedule(db, pid).rows if r.year == 2025)
    assert (row.grade, row.earned_reward_fen) == ("A", 100 * WAN)  # 100 万 × 100 %

    perf.reopen_year(db, pid, 2025, "复核")
    perf.close_year(db, pid, 2025, grade="B", reason="复核后下调")
    row = next(r for r in funding.read_project_schedule(db, pid).rows if r.year == 2025)
    assert (row.grade, row.earned_reward_fen) == ("B", 70 * WAN)  # 100 万 × 70 %

    perf.reopen_year(db, pid, 2025, "更正")
    perf.set_actual(db, ids[0], 4, D(10))  # 4 + 22.5 + 30 = 56.5 → D
    assert perf.close_year(db, pid, 2025).grade == "D"
    row = next(r for r in funding.read_project_schedule(db, pid).rows if r.year == 2025)
    assert (row.grade, row.earned_reward_fen) == ("D", 0)
