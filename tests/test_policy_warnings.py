"""Each policy warning with its reason and figure: the pure rules, then the demo portfolio."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

from desktop_app.domain import warnings as W
from desktop_app.domain.funding import FundingPlanSpec
from desktop_app.services.warnings import portfolio_warnings

SPEC = FundingPlanSpec(
    first_year=2024,
    years=4,
    mode="linear",
    first_amount=D(300),
    step=D(60),
    reward_caps=(D(20), D(40), D(60), D(80)),
)


def codes(found):
    return [(w.code, w.year) for w in found]


def test_two_d_grades_suggest_suspending_next_years_fixed_support() -> None:
    sched = SPEC.schedule(grades={2024: "D", 2025: "D"})
    found = W.funding_warnings(sched, date(2026, 3, 31))
    assert codes(found) == [(W.TWO_D, 2025)]
    (w,) = found
    assert w.level == "red"
    assert "2026" in w.reason and "180.00" in w.reason and "60.00" in w.reason
    assert w.figure == "180.00 + 60.00 万元"


def test_paid_more_than_planned_for_a_year() -> None:
    # 2025 plan: fixed 240 + reward cap 40 = 280; 300 paid against it
    sched = SPEC.schedule(disbursed={2025: {"fixed": D(300)}})
    found = W.funding_warnings(sched, date(2025, 12, 31))
    assert codes(found) == [(W.OVER_PLAN, 2025)]
    assert found[0].figure == "300.00 / 280.00 万元"
    assert "300.00" in found[0].reason and "280.00" in found[0].reason
    # a later year's warning is not shown before that year
    assert W.funding_warnings(sched, date(2024, 12, 31)) == []


def test_reward_paid_with_no_evaluation() -> None:
    sched = SPEC.schedule(disbursed={2024: {"reward": D(12)}})
    found = W.funding_warnings(sched, date(2025, 6, 30))
    assert codes(found) == [(W.REWARD_NO_EVAL, 2024)]
    assert found[0].figure == "12.00 万元"


def test_milestone_warnings() -> None:
    end = date(2027, 12, 31)
    ms = [
        W.MilestoneDates("M1", "中试", "in_progress", date(2026, 10, 5), date(2026, 9, 5)),
        W.MilestoneDates("M2", "项目验收", "not_started", date(2028, 3, 30), date(2028, 3, 30)),
        W.MilestoneDates("M3", "项目验收", "cancelled", date(2027, 6, 1), None, "并入后续"),
        W.MilestoneDates("M4", "样机", "cancelled", date(2027, 6, 1), None),
        W.MilestoneDates("M5", "交付", "done", date(2026, 12, 1), date(2026, 6, 1)),
    ]
    found = W.milestone_warnings(ms, end)
    assert [(w.code, w.figure) for w in found] == [
        (W.PAST_BASELINE, "+30 天"),
        (W.AFTER_END, "+90 天"),
        (W.CANCELLED_ACCEPTANCE, "M3"),
    ]
    assert "2026-09-05" in found[0].reason and "30" in found[0].reason
    assert "2027-12-31" in found[1].reason
    assert "并入后续" in found[2].reason and found[2].level == "red"
    assert [w.code for w in W.ordered(found)][0] == W.CANCELLED_ACCEPTANCE


def test_demo_portfolio_warnings(demo_db) -> None:
    found = portfolio_warnings(demo_db, date(2026, 9, 30))
    by = {(w.project_no, w.code) for w in found}
    assert (10, W.TWO_D) in by
    assert (5, W.CANCELLED_ACCEPTANCE) in by
    assert {(2, W.PAST_BASELINE), (6, W.PAST_BASELINE), (11, W.PAST_BASELINE)} <= by
    assert (11, W.AFTER_END) in by
    assert all(w.reason and w.figure and w.is_sample for w in found)
    assert [w.project_no for w in found] == sorted(w.project_no for w in found)
