"""Each policy warning with its reason and figure: the pure rules, then the demo portfolio."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

from desktop_app.domain import warnings as W
from desktop_app.domain.funding import FundingPlanSpec
from desktop_app.services.warnings import read_warnings

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


def test_fixed_support_is_checked_against_the_fixed_plan_not_the_year_total() -> None:
    # 2025 plan: fixed 240 + reward cap 40 = 280; 260 fixed paid is within the year
    # total but over the fixed plan, and the unearned cap must not absorb it
    sched = SPEC.schedule(disbursed={2025: {"fixed": D(260)}})
    found = W.funding_warnings(sched, date(2025, 12, 31))
    assert codes(found) == [(W.OVER_FIXED, 2025)]
    assert found[0].level == "red"
    assert found[0].figure == "260.00 / 240.00 万元"
    assert "260.00" in found[0].reason and "240.00" in found[0].reason
    # paid ahead for a later year (an advance) is checked against that year's fixed plan
    (adv,) = W.funding_warnings(sched, date(2024, 12, 31))
    assert adv.code == W.OVER_FIXED and "预拨" in adv.reason


def test_startup_and_reward_each_against_their_own_plan() -> None:
    spec = FundingPlanSpec(
        first_year=2024,
        years=2,
        mode="linear",
        first_amount=D(100),
        step=D(10),
        reward_caps=(D(50), D(50)),
        startup_grant=D(200),
        startup_year=2024,
    )
    sched = spec.schedule(
        grades={2024: "B"},
        disbursed={2024: {"startup": D(250), "reward": D(40)}},
    )
    found = W.funding_warnings(sched, date(2025, 6, 30))
    assert codes(found) == [(W.OVER_STARTUP, 2024), (W.REWARD_OVER, 2024)]
    assert found[1].figure == "40.00 / 35.00 万元" and "良" in found[1].reason
    assert all(w.level == "red" for w in found)


def test_reward_paid_with_no_evaluation() -> None:
    sched = SPEC.schedule(disbursed={2024: {"reward": D(12)}})
    found = W.funding_warnings(sched, date(2025, 6, 30))
    assert codes(found) == [(W.REWARD_NO_EVAL, 2024)]
    assert found[0].figure == "12.00 万元" and found[0].level == "red"


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
    found = read_warnings(demo_db, date(2026, 9, 30))
    by = {(w.project_no, w.code) for w in found}
    assert (10, W.TWO_D) in by
    assert (5, W.CANCELLED_ACCEPTANCE) in by
    assert {(2, W.PAST_BASELINE), (6, W.PAST_BASELINE), (11, W.PAST_BASELINE)} <= by
    assert (11, W.AFTER_END) in by
    assert all(w.reason and w.figure and w.is_sample for w in found)
    assert [w.project_no for w in found] == sorted(w.project_no for w in found)


def test_extra_fixed_support_hidden_by_an_unearned_reward_cap_warns(demo_db) -> None:
    """Project 1, 2026: fixed plan 120, reward cap 135 (not yet earned); 100 more fixed
    support makes 220 fixed paid, under the year total of 255 but over the fixed plan."""
    from desktop_app.services.disbursements import DisbursementDraft, add_disbursement

    with demo_db.core_reader() as conn:
        from sqlalchemy import select

        from desktop_app.db import tables

        pid = conn.scalar(select(tables.project.c.id).where(tables.project.c.no == 1))
    assert not [w for w in read_warnings(demo_db, date(2026, 9, 30)) if w.project_id == pid]
    add_disbursement(demo_db, pid, DisbursementDraft("2026-08-01", "100", "fixed", "X-100"))
    found = [w for w in read_warnings(demo_db, date(2026, 9, 30)) if w.project_id == pid]
    assert [(w.code, w.year, w.level) for w in found] == [(W.OVER_FIXED, 2026, "red")]
    assert found[0].figure == "220.00 / 120.00 万元"


def test_the_funding_tab_shows_the_same_per_kind_warning(demo_db) -> None:
    """The project's funding tab (services.funding.load_plan) said nothing here while the
    brief warned: its schedule compared year totals. Now it lists domain.warnings' reason."""
    from sqlalchemy import select

    from desktop_app.db import tables
    from desktop_app.services.disbursements import DisbursementDraft, add_disbursement
    from desktop_app.services.funding import load_plan

    with demo_db.core_reader() as conn:
        pid = conn.scalar(select(tables.project.c.id).where(tables.project.c.no == 1))
    before = load_plan(demo_db, pid).schedule.warnings
    add_disbursement(demo_db, pid, DisbursementDraft("2026-08-01", "100", "fixed", "X-100"))
    after = load_plan(demo_db, pid).schedule.warnings
    found = read_warnings(demo_db, date(2026, 9, 30))
    brief = [w.reason for w in found if w.project_id == pid]
    assert len(after) == len(before) + 1
    assert brief[0] in after
    row = next(r for r in load_plan(demo_db, pid).schedule.rows if r.year == 2026)
    assert brief[0] in row.warnings
