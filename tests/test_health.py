"""Health worked cases: each rule alone with its reason, and the 30-day edges."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from desktop_app.domain.health import HealthInput, MilestoneFacts, assess
from desktop_app.domain.policy import Policy
from desktop_app.i18n import set_language

AS_OF = date(2026, 9, 15)


def ms(
    days_from_today: int, pct: int = 0, status: str = "in_progress", title: str = "M"
) -> MilestoneFacts:
    return MilestoneFacts(title, AS_OF + timedelta(days=days_from_today), pct, status)


def only(facts: HealthInput) -> tuple[str, list[str]]:
    health = assess(facts, AS_OF)
    return health.level, [r.code for r in health.reasons]


def test_nothing_wrong_is_green_without_reasons() -> None:
    facts = HealthInput(
        milestones=[ms(60), ms(10, pct=50), ms(-100, pct=100, status="done")],
        last_grade="B",
        disbursed_to_date_fen=110,
        planned_to_date_fen=100,
        projected_score=Decimal(60),
    )
    health = assess(facts, AS_OF)
    assert (health.level, health.reasons) == ("green", ())


def test_overdue_boundary_30_days_is_amber_31_is_red() -> None:
    set_language("en")
    health = assess(HealthInput(milestones=[ms(-30, title="Pilot")]), AS_OF)
    assert health.level == "amber"
    assert [r.text for r in health.reasons] == ["“Pilot” is 30 days overdue (due 2026-08-16)."]
    health = assess(HealthInput(milestones=[ms(-31, title="Pilot")]), AS_OF)
    assert health.level == "red"
    assert [(r.code, r.text) for r in health.reasons] == [
        ("milestone_overdue_long", "“Pilot” is 31 days overdue (due 2026-08-15).")
    ]


def test_one_day_overdue_is_amber_and_due_today_is_not_overdue() -> None:
    assert only(HealthInput(milestones=[ms(-1, pct=90)])) == ("amber", ["milestone_overdue"])
    assert only(HealthInput(milestones=[ms(0, pct=90)])) == ("green", [])


def test_cancelled_and_done_milestones_never_count_as_overdue() -> None:
    facts = HealthInput(
        milestones=[
            ms(-400, status="cancelled"),
            ms(-400, pct=100, status="done"),
            ms(5, 10, "cancelled"),
        ]
    )
    assert only(facts) == ("green", [])


def test_due_soon_boundary_30_days_inside_31_outside() -> None:
    set_language("en")
    health = assess(HealthInput(milestones=[ms(30, pct=49, title="Trial")]), AS_OF)
    assert health.level == "amber"
    assert [r.text for r in health.reasons] == [
        "“Trial” is due in 30 days (on 2026-10-15) but only 49% complete."
    ]
    assert only(HealthInput(milestones=[ms(31, pct=0)])) == ("green", [])
    assert only(HealthInput(milestones=[ms(30, pct=50)])) == ("green", [])
    assert only(HealthInput(milestones=[ms(0, pct=10)])) == ("amber", ["milestone_due_soon"])


def test_grades_d_red_c_amber() -> None:
    assert only(HealthInput(last_grade="D")) == ("red", ["last_grade_d"])
    assert only(HealthInput(last_grade="C")) == ("amber", ["last_grade_c"])
    assert only(HealthInput(last_grade=None)) == ("green", [])


def test_disbursement_more_than_10_percent_ahead_is_red() -> None:
    set_language("en")
    # plan 1,000 万元 = 1e9 fen; 1,100 万元 is exactly 10 % ahead (not more) → green
    assert only(HealthInput(disbursed_to_date_fen=1_100_000_000, planned_to_date_fen=10**9)) == (
        "green",
        [],
    )
    health = assess(
        HealthInput(disbursed_to_date_fen=1_100_000_001, planned_to_date_fen=10**9), AS_OF
    )
    assert health.level == "red"
    assert health.reasons[0].text == (
        "Disbursed 1,100.00 10k yuan, more than 10% ahead of the 1,000.00 10k yuan planned to date."
    )
    assert only(HealthInput(disbursed_to_date_fen=5, planned_to_date_fen=None)) == ("green", [])


def test_projected_score_below_60_is_amber() -> None:
    assert only(HealthInput(projected_score=Decimal("59.9"))) == ("amber", ["projected_score_low"])
    assert only(HealthInput(projected_score=Decimal("60.0"))) == ("green", [])


def test_every_reason_is_listed_red_first() -> None:
    facts = HealthInput(
        milestones=[ms(-5), ms(-40), ms(3, pct=0)],
        last_grade="C",
        projected_score=Decimal(50),
        disbursed_to_date_fen=200,
        planned_to_date_fen=100,
    )
    health = assess(facts, AS_OF)
    assert health.level == "red"
    assert [r.code for r in health.reasons] == [
        "milestone_overdue_long",
        "disbursement_ahead",
        "milestone_overdue",
        "milestone_due_soon",
        "last_grade_c",
        "projected_score_low",
    ]


def test_thresholds_come_from_the_policy() -> None:
    policy = Policy(overdue_red_days=10, due_soon_days=7)
    assert assess(HealthInput(milestones=[ms(-11)]), AS_OF, policy).level == "red"
    assert assess(HealthInput(milestones=[ms(8)]), AS_OF, policy).level == "green"
    assert assess(HealthInput(milestones=[ms(7)]), AS_OF, policy).level == "amber"


def test_reasons_are_chinese_by_default() -> None:
    health = assess(HealthInput(last_grade="D"), AS_OF)
    assert health.reasons[0].text == "最近一次绩效评价为差(D)。"


def test_a_red_policy_warning_makes_the_project_red_with_its_reason() -> None:
    from desktop_app.domain.health import PolicyFlag

    flag = PolicyFlag("over_fixed", "red", "2026 年度固定扶持已拨付 220.00 万元")
    health = assess(HealthInput(warnings=[flag]), AS_OF)
    assert health.level == "red"
    assert [r.text for r in health.reasons] == [flag.text]
    amber = PolicyFlag("past_baseline", "amber", "slipped")
    assert assess(HealthInput(warnings=[amber]), AS_OF).level == "amber"
    # an amber warning never lowers a red reason
    both = assess(HealthInput(last_grade="D", warnings=[amber]), AS_OF)
    assert both.level == "red" and len(both.reasons) == 2


def test_a_project_with_nothing_recorded_is_no_data_not_green() -> None:
    health = assess(HealthInput(has_data=False), AS_OF)
    assert health.level == "none" and [r.code for r in health.reasons] == ["no_data"]


def test_empty_database_reads_as_no_data_not_thirteen_green(db) -> None:
    from desktop_app.services.health import read_health

    levels = {h.level for h in read_health(db, AS_OF).values()}
    assert levels == {"none"}


def test_demo_health_listens_to_warnings(demo_db) -> None:
    from sqlalchemy import select

    from desktop_app.db import tables
    from desktop_app.services.disbursements import DisbursementDraft, add_disbursement
    from desktop_app.services.health import read_health

    with demo_db.core_reader() as conn:
        pid = conn.scalar(select(tables.project.c.id).where(tables.project.c.no == 1))
    as_of = date(2026, 9, 30)
    assert read_health(demo_db, as_of)[pid].level == "green"
    add_disbursement(demo_db, pid, DisbursementDraft("2026-08-01", "100", "fixed", "X-100"))
    health = read_health(demo_db, as_of)[pid]
    assert health.level == "red"
    assert any("220.00" in r.text for r in health.reasons)


def test_home_counts_an_empty_database_as_no_data(db) -> None:
    from desktop_app.services.home import read_home

    snap = read_home(db, AS_OF)
    assert len(snap.health["none"]) == 13
    assert snap.health["green"] == () and snap.health["red"] == ()
