"""The demo's funding part: every project planned, all three modes, one running ahead."""

from __future__ import annotations

from sqlalchemy import select

from desktop_app.db.demo import DEMO_TODAY, SAMPLE_MARK
from desktop_app.db.models import Disbursement, FundingPlan, Project
from desktop_app.services.funding import read_project_schedule
from desktop_app.services.funding_status import read_funding_status


def test_demo_plans_and_payments(demo_db) -> None:
    with demo_db.reader() as s:
        plans = list(s.scalars(select(FundingPlan)))
        payments = list(s.scalars(select(Disbursement)))
        ahead_id = s.scalar(select(Project.id).where(Project.no == 5))
    assert len(plans) == 13
    assert {p.taper_mode for p in plans} == {"linear", "geometric", "manual"}
    assert all(p.is_sample and SAMPLE_MARK in p.notes for p in plans)
    assert payments and all(d.is_sample and SAMPLE_MARK in d.doc_no for d in payments)
    assert {d.kind for d in payments} == {"startup", "fixed", "reward"}
    assert max(d.paid_on for d in payments) <= DEMO_TODAY
    status = read_funding_status(demo_db, DEMO_TODAY)
    ahead = [
        pid
        for pid, st in status.items()
        if st.disbursed_to_date_fen > st.planned_to_date_fen * 110 // 100
    ]
    assert ahead == [ahead_id]
    # the advance is booked for next year's plan (计划年度口径), which it covers exactly
    rows = {r.year: r for r in read_project_schedule(demo_db, ahead_id).rows}
    nxt = rows[DEMO_TODAY.year + 1]
    assert nxt.disbursed_fen > 0 and nxt.disbursed_fen <= nxt.planned_total_fen
    assert status[ahead_id].disbursed_this_year_fen > status[ahead_id].paid_for_this_year_fen
