"""Funding plans and the disbursement register against a real database."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest
from sqlalchemy import select

from desktop_app.db.models import AuditEntry, Evaluation, FundingPlan, FundingYear, Project
from desktop_app.domain.policy import Policy
from desktop_app.domain.validation import ValidationError
from desktop_app.errors import UserError
from desktop_app.services.disbursements import (
    DuplicateDocNo,
    add_disbursement,
    delete_disbursement,
    edit_disbursement,
    read_disbursements,
)
from desktop_app.services.funding import (
    load_plan,
    preview_schedule,
    read_funding_by_year,
    read_project_schedule,
    save_plan,
)
from desktop_app.services.funding_status import read_funding_status
from desktop_app.services.policy import save_policy
from desktop_app.snapshots.funding import (
    DisbursementDraft,
    FundingFacts,
    FundingPlanDraft,
    TrancheDraft,
)

WAN = 1_000_000  # fen in one 万元

LINEAR = FundingPlanDraft(
    first_year="2023",
    years="5",
    mode="linear",
    first_amount="300",
    step="60",
    reward_caps=("0", "50", "100", "150", "200"),
    startup_grant="５００",
    tranches=(TrancheDraft("2022", "300"), TrancheDraft("2023", "200", "验收后")),
)


def _pid(db, no: int = 1) -> int:
    with db.reader() as s:
        return s.scalar(select(Project.id).where(Project.no == no))


def _grade(db, pid: int, year: int, grade: str) -> None:
    with db.session() as s:
        s.add(Evaluation(project_id=pid, year=year, total=D(50), computed_grade=grade, grade=grade))


def test_save_and_load_round_trip(db) -> None:
    pid = _pid(db)
    snap = save_plan(db, pid, LINEAR, None)
    assert snap.version == 1
    assert snap.draft.first_amount == "300" and snap.draft.startup_grant == "500"
    assert snap.draft.reward_caps == ("0", "50", "100", "150", "200")
    assert [r.fixed_fen // WAN for r in snap.schedule.rows] == [0, 300, 240, 180, 120, 60]
    assert [r.year for r in snap.schedule.rows] == [2022, 2023, 2024, 2025, 2026, 2027]
    assert snap.schedule.rows[1].startup_fen == 200 * WAN
    again = load_plan(db, pid)
    assert again.draft == snap.draft


def test_geometric_and_manual_modes_stored(db) -> None:
    geo = FundingPlanDraft(
        first_year="2024", years="5", mode="geometric", first_amount="1,000", rate_percent="20"
    )
    snap = save_plan(db, _pid(db, 2), geo, None)
    assert [r.fixed_fen for r in snap.schedule.rows] == [
        1000 * WAN,
        800 * WAN,
        640 * WAN,
        512 * WAN,
        409_600_000,
    ]
    assert snap.draft.rate_percent == "20"
    manual = FundingPlanDraft(
        first_year="2024", years="3", mode="manual", manual=("100", "80.5", "８０")
    )
    snap = save_plan(db, _pid(db, 3), manual, None)
    assert [r.fixed_fen for r in snap.schedule.rows] == [100 * WAN, 80_500_000, 80 * WAN]
    assert snap.draft.manual == ("100", "80.5", "80")


def test_bad_plan_refused_per_field_nothing_written(db) -> None:
    pid = _pid(db)
    bad = FundingPlanDraft(
        first_year="2023", years="16", mode="geometric", first_amount="-1", rate_percent="120"
    )
    with pytest.raises(ValidationError) as info:
        save_plan(db, pid, bad, None)
    assert {"years"} <= set(info.value.errors)
    bad2 = FundingPlanDraft(
        first_year="2023", years="5", mode="geometric", first_amount="0", rate_percent="120"
    )
    with pytest.raises(ValidationError) as info:
        save_plan(db, pid, bad2, None)
    assert {"first_amount", "rate_percent"} == set(info.value.errors)
    with pytest.raises(ValidationError) as info:
        save_plan(db, pid, FundingPlanDraft("2023", "5", "linear", "abc", step="10"), None)
    assert "abc" in info.value.errors["first_amount"]
    with db.reader() as s:
        assert s.scalar(select(FundingPlan)) is None


def test_stale_version_refused(db) -> None:
    pid = _pid(db)
    snap = save_plan(db, pid, LINEAR, None)
    save_plan(db, pid, LINEAR.__class__(**{**LINEAR.__dict__, "step": "50"}), snap.version)
    with pytest.raises(UserError):
        save_plan(db, pid, LINEAR, snap.version)
    with pytest.raises(UserError):
        save_plan(db, pid, LINEAR, None)


def test_changing_an_amount_is_audited_before_after(db) -> None:
    pid = _pid(db)
    snap = save_plan(db, pid, LINEAR, None)
    caps = ("0", "50", "120", "150", "200")
    snap2 = save_plan(db, pid, FundingPlanDraft(**{**LINEAR.__dict__, "reward_caps": caps}), 1)
    assert snap2.version == snap.version + 1
    with db.reader() as s:
        year_id = s.scalar(
            select(FundingYear.id).where(FundingYear.year == 2025, FundingYear.plan_id.isnot(None))
        )
        entries = s.scalars(
            select(AuditEntry).where(
                AuditEntry.table_name == "funding_year",
                AuditEntry.action == "update",
                AuditEntry.row_key == str(year_id),
            )
        ).all()
    assert [(e.field, e.before, e.after) for e in entries] == [
        ("reward_cap_fen", str(100 * WAN), str(120 * WAN))
    ]
    row = add_disbursement(
        db, pid, DisbursementDraft("2024-03-01", "1,234.5", "fixed", "思科〔2024〕1号")
    )
    edit_disbursement(
        db, row.id, DisbursementDraft("2024-03-01", "240", "fixed", row.doc_no), row.version
    )
    with db.reader() as s:
        changes = s.scalars(
            select(AuditEntry)
            .where(AuditEntry.table_name == "disbursement", AuditEntry.field == "amount_fen")
            .order_by(AuditEntry.id)
        ).all()
    assert [(e.action, e.before, e.after, e.project_id) for e in changes] == [
        ("insert", None, str(1_234_500_000), pid),
        ("update", str(1_234_500_000), str(240 * WAN), pid),
    ]


def test_disbursement_rules(db) -> None:
    pid = _pid(db)
    with pytest.raises(ValidationError) as info:
        add_disbursement(db, pid, DisbursementDraft("2024-03-01", "10", "fixed"))
    assert "计划" in info.value.errors["paid_on"]  # no plan yet
    save_plan(db, pid, LINEAR, None)
    with pytest.raises(ValidationError) as info:
        add_disbursement(db, pid, DisbursementDraft("2028-01-02", "10", "bonus"))
    assert {"paid_on", "kind"} == set(info.value.errors)
    assert "2022–2027" in info.value.errors["paid_on"]
    with pytest.raises(ValidationError) as info:
        add_disbursement(db, pid, DisbursementDraft("2023-06-01", "10", "reward"))
    assert "2024–2028" in info.value.errors["paid_on"]  # a year's reward is paid the next year
    with pytest.raises(ValidationError) as info:
        add_disbursement(db, pid, DisbursementDraft("2024-02-30", "0", "fixed"))
    assert {"paid_on", "amount"} == set(info.value.errors)
    first = add_disbursement(
        db, pid, DisbursementDraft("2024年3月1日", "１２３.５", "fixed", "A-1")
    )
    assert first.amount_fen == 123_500_000 and first.paid_on == date(2024, 3, 1)
    with pytest.raises(DuplicateDocNo) as dup:
        add_disbursement(db, pid, DisbursementDraft("2024-04-01", "10", "fixed", "A-1"))
    assert "2024-03-01" in str(dup.value)
    assert len(read_disbursements(db, pid)) == 1
    add_disbursement(
        db, pid, DisbursementDraft("2024-04-01", "10", "fixed", "A-1"), confirm_duplicate=True
    )
    rows = read_disbursements(db, pid)
    assert [r.amount_fen for r in rows] == [123_500_000, 10 * WAN]
    # editing a row keeps its own number without a duplicate warning against itself
    edit_disbursement(
        db, rows[0].id, DisbursementDraft("2024-03-01", "123.5", "fixed", "B-9"), rows[0].version
    )
    with pytest.raises(UserError):  # stale version
        delete_disbursement(db, rows[0].id, rows[0].version)
    delete_disbursement(db, rows[1].id, rows[1].version)
    assert [r.doc_no for r in read_disbursements(db, pid)] == ["B-9"]


def test_schedule_warnings_and_status(db) -> None:
    pid = _pid(db)
    save_plan(db, pid, LINEAR, None)
    _grade(db, pid, 2024, "D")
    _grade(db, pid, 2025, "D")
    add_disbursement(db, pid, DisbursementDraft("2022-05-01", "300", "startup"))
    add_disbursement(db, pid, DisbursementDraft("2023-05-01", "600", "fixed"))
    add_disbursement(db, pid, DisbursementDraft("2024-02-01", "10", "reward"))  # for 2023
    snap = read_project_schedule(db, pid)
    by_year = {r.year: r for r in snap.rows}
    assert by_year[2024].grade == "D" and by_year[2024].earned_reward_fen == 0
    assert by_year[2023].disbursed_fen == 610 * WAN
    assert by_year[2023].disbursed_reward_fen == 10 * WAN
    assert len(by_year[2023].warnings) == 2  # over plan; reward for a year not evaluated
    assert len(snap.warnings) == 3  # + grade D in 2024 and 2025
    status = read_funding_status(db, date(2024, 6, 30))
    st = status[pid]
    # 2022: 300; 2023: 200 + 300 + its reward cap 0; 2024: fixed 240 (its reward is due 2025)
    assert st.planned_to_date_fen == 1040 * WAN
    assert st.disbursed_to_date_fen == 910 * WAN
    assert st.planned_this_year_fen == 240 * WAN and st.disbursed_this_year_fen == 10 * WAN
    assert st.earned_reward_this_year_fen == 0 and st.reward_cap_this_year_fen == 50 * WAN
    other = status[_pid(db, 2)]
    assert not other.has_plan and other.planned_to_date_fen == 0
    assert len(status) == 13


def test_reward_shares_come_from_policy(db) -> None:
    pid = _pid(db)
    save_plan(db, pid, LINEAR, None)
    _grade(db, pid, 2024, "B")
    assert read_project_schedule(db, pid).rows[2].earned_reward_fen == 35 * WAN
    save_policy(db, Policy(reward_shares={"A": D(1), "B": D("0.5"), "C": D(0), "D": D(0)}))
    assert read_project_schedule(db, pid).rows[2].earned_reward_fen == 25 * WAN


def test_portfolio_by_year(db) -> None:
    save_plan(db, _pid(db, 1), LINEAR, None)
    geo = FundingPlanDraft(
        "2024", "2", "geometric", "100", rate_percent="50", reward_caps=("0", "50")
    )
    save_plan(db, _pid(db, 2), geo, None)
    _grade(db, _pid(db, 2), 2025, "A")
    add_disbursement(db, _pid(db, 2), DisbursementDraft("2025-02-01", "50", "fixed"))
    add_disbursement(db, _pid(db, 2), DisbursementDraft("2026-01-20", "50", "reward"))
    rows = {r.year: r for r in read_funding_by_year(db)}
    r25 = rows[2025]
    assert r25.planned_fixed_fen == (180 + 50) * WAN
    assert r25.reward_cap_fen == (100 + 50) * WAN
    assert r25.earned_reward_fen == 50 * WAN
    assert r25.disbursed_fen == 100 * WAN and r25.disbursed_share == D("0.5")
    assert r25.planned_share == D(150) / D(380).quantize(D("0.0001")) or r25.planned_share == D(
        "0.3947"
    )
    assert rows[2022].planned_startup_fen == 300 * WAN and rows[2022].planned_share == D(0)
    assert r25.projects == 2


def test_preview_needs_no_database() -> None:
    draft = FundingPlanDraft("2023", "5", "linear", "300", step="80", floor="50")
    snap = preview_schedule(draft, FundingFacts())
    assert [r.fixed_fen // WAN for r in snap.rows] == [300, 220, 140, 60, 50]


def _statements(db) -> int:
    from sqlalchemy import event

    count = {"n": 0}

    def bump(*_a) -> None:
        count["n"] += 1

    event.listen(db.engine, "before_cursor_execute", bump)
    try:
        read_funding_status(db, date(2025, 1, 1))
        read_funding_by_year(db)
    finally:
        event.remove(db.engine, "before_cursor_execute", bump)
    return count["n"]


def test_status_is_set_based(db) -> None:
    """The same number of statements for 2 plans as for 13 (no query per project)."""
    for no in (1, 2):
        save_plan(db, _pid(db, no), LINEAR, None)
        add_disbursement(db, _pid(db, no), DisbursementDraft("2024-01-05", "10", "fixed"))
    few = _statements(db)
    for no in range(3, 14):
        save_plan(db, _pid(db, no), LINEAR, None)
        add_disbursement(db, _pid(db, no), DisbursementDraft("2024-01-05", "10", "fixed"))
        _grade(db, _pid(db, no), 2024, "A")
    assert _statements(db) == few
