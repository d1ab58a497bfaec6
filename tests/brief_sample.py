"""Known data for the brief tests: worked numbers the tests check the PDF against.

Added on top of the seeded 13 projects (no demo), so every total is computed by hand:
- project 1: four milestones in 2026 (one 92 days overdue at 2026-09-30, one due in Q4),
  a linear taper plan 2025–2029 (300, 240, … 万元; reward caps 50, 60, …) and payments;
- project 2: a one-year manual plan of 100 万元 in 2026, a milestone with a very long title;
- project 3: named `<b>R&D</b> …` to prove markup is printed literally;
- the others: nothing at all (their pages must say so).
2026 plan = 240 + 60 (p1) + 100 (p2) = 400 万元; paid in 2026 by 30 Sep = 120 + 120 + 30.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

from sqlalchemy import select

from desktop_app.db.database import Database
from desktop_app.db.models import (
    Disbursement,
    FundingPlan,
    FundingYear,
    Indicator,
    IndicatorActual,
    Milestone,
    Project,
)

WAN = 1_000_000  # fen per 万元
MARKUP_NAME = "<b>R&D</b> 网络安全技术创新中心"
LONG_TITLE = "完成平台一期建设并通过第三方安全测评、等级保护测评与用户验收的全部工作" * 2
# 2026-11-20 00:00 UTC: 2026Q3 is over, so its brief is as of 2026-09-30.
EPOCH = str(int(datetime(2026, 11, 20, tzinfo=UTC).timestamp()))
PLANNED_2026_FEN = (240 + 60 + 100) * WAN
REWARD_CAP_2026_FEN = 60 * WAN


def add_sample(db: Database) -> None:
    with db.session() as s:
        p = {x.no: x for x in s.scalars(select(Project))}
        p[3].name_zh = MARKUP_NAME
        one, two = p[1].id, p[2].id
        s.add_all(
            [
                Milestone(
                    project_id=one,
                    code="M01",
                    title="需求调研",
                    sort_order=1,
                    planned_start=date(2026, 2, 1),
                    planned_end=date(2026, 3, 31),
                    actual_end=date(2026, 3, 25),
                    percent_complete=100,
                    status="done",
                ),
                Milestone(
                    project_id=one,
                    code="M02",
                    title="平台建设",
                    sort_order=2,
                    planned_start=date(2026, 3, 1),
                    planned_end=date(2026, 6, 30),
                    percent_complete=60,
                    status="in_progress",
                ),
                Milestone(
                    project_id=one,
                    code="M03",
                    title="试运行",
                    sort_order=3,
                    planned_start=date(2026, 7, 1),
                    planned_end=date(2026, 12, 31),
                    percent_complete=40,
                    status="in_progress",
                ),
                Milestone(
                    project_id=one,
                    code="M04",
                    title="阶段验收",
                    sort_order=4,
                    planned_end=date(2026, 11, 15),
                    status="not_started",
                ),
                Milestone(
                    project_id=two,
                    code="M01",
                    title=LONG_TITLE,
                    sort_order=1,
                    planned_start=date(2026, 5, 1),
                    planned_end=date(2026, 12, 20),
                    percent_complete=30,
                    status="in_progress",
                ),
            ]
        )
        plan = FundingPlan(
            project_id=one,
            startup_grant_fen=500 * WAN,
            startup_year=2025,
            taper_mode="linear",
            first_year=2025,
            years=5,
            first_amount_fen=300 * WAN,
            step_fen=60 * WAN,
            floor_fen=0,
        )
        plan.year_rows = [
            FundingYear(year=2025 + i, reward_cap_fen=cap * WAN)
            for i, cap in enumerate((50, 60, 80, 100, 120))
        ]
        manual = FundingPlan(
            project_id=two,
            taper_mode="manual",
            first_year=2026,
            years=1,
            first_amount_fen=100 * WAN,
        )
        manual.year_rows = [FundingYear(year=2026, manual_fixed_fen=100 * WAN, reward_cap_fen=0)]
        s.add_all([plan, manual])
        s.add_all(
            [
                Disbursement(
                    project_id=one, paid_on=date(2025, 5, 1), amount_fen=500 * WAN, kind="startup"
                ),
                Disbursement(
                    project_id=one, paid_on=date(2026, 3, 10), amount_fen=120 * WAN, kind="fixed"
                ),
                Disbursement(
                    project_id=one, paid_on=date(2026, 7, 1), amount_fen=120 * WAN, kind="fixed"
                ),
                Disbursement(
                    project_id=two, paid_on=date(2026, 8, 8), amount_fen=30 * WAN, kind="fixed"
                ),
                Disbursement(
                    project_id=two, paid_on=date(2026, 10, 9), amount_fen=70 * WAN, kind="fixed"
                ),  # after 30 Sep: not in the Q3 brief
            ]
        )
        for code, name, weight, target, q2 in (
            ("I01", "发明专利申请量", 60, 20, 8),
            ("I02", "培训开发者人次", 40, 1000, 600),
        ):
            ind = Indicator(
                project_id=one,
                year=2026,
                code=code,
                name=name,
                unit="件",
                weight=Decimal(weight),
                target=Decimal(target),
                direction="higher",
            )
            ind.actuals = [IndicatorActual(quarter=2, ytd_value=Decimal(q2))]
            s.add(ind)
