"""Issue 15: a lost update on any versioned row is a `ConflictError` (theirs and yours)
and the conflict dialog, not a generic message. Two officers are two `Database` objects
on one file, as two PCs would have."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import select

from desktop_app.db.database import Database
from desktop_app.db.models import Project
from desktop_app.services.conflicts import ConflictError
from desktop_app.services.disbursements import (
    add_disbursement,
    delete_disbursement,
    edit_disbursement,
    read_disbursements,
)
from desktop_app.services.funding import save_plan
from desktop_app.snapshots.funding import DisbursementDraft, FundingPlanDraft
from desktop_app.ui import conflict_dialog
from desktop_app.ui.context import AppContext

LINEAR = FundingPlanDraft("2023", "5", "linear", "300", step="60")


def _pid(db: Database) -> int:
    with db.reader() as s:
        pid = s.scalar(select(Project.id).where(Project.no == 1))
    assert pid is not None
    return pid


@pytest.fixture
def payment(db: Database):
    pid = _pid(db)
    save_plan(db, pid, LINEAR, None)
    return add_disbursement(db, pid, DisbursementDraft("2024-03-01", "100", "fixed", "A-1"))


def test_disbursement_edit_conflict_carries_theirs_and_yours(db, other_officer, payment) -> None:
    # Both officers loaded version 1; the other one saves first.
    edit_disbursement(
        other_officer,
        payment.id,
        DisbursementDraft("2024-03-01", "120", "fixed", "A-1"),
        payment.version,
    )
    with pytest.raises(ConflictError) as info:
        edit_disbursement(
            db,
            payment.id,
            DisbursementDraft("2024-03-01", "100", "fixed", "A-2", note="补"),
            payment.version,
        )
    exc = info.value
    assert exc.fields == {
        "amount": (Decimal("120"), Decimal("100")),
        "doc_no": ("A-1", "A-2"),
        "note": ("", "补"),
    }
    assert exc.current_version == payment.version + 1
    assert [r.amount_fen for r in read_disbursements(db, payment.project_id)] == [120 * 10**6]


def test_disbursement_delete_conflict(db, other_officer, payment) -> None:
    edit_disbursement(
        other_officer,
        payment.id,
        DisbursementDraft("2024-03-01", "120", "fixed", "A-1"),
        payment.version,
    )
    with pytest.raises(ConflictError) as info:
        delete_disbursement(db, payment.id, payment.version, seen=payment)
    assert info.value.fields == {"amount": (Decimal("120"), Decimal("100"))}
    assert len(read_disbursements(db, payment.project_id)) == 1  # nothing deleted


def test_payment_dialog_reapplies_only_my_fields_on_top_of_theirs(
    qtbot, db, other_officer, payment, monkeypatch
) -> None:
    from desktop_app.ui.funding.disbursement_dialog import DisbursementDialog

    shown: list[ConflictError] = []

    def answer(_parent, conflict, _labels=None):
        shown.append(conflict)
        return conflict_dialog.REAPPLY

    monkeypatch.setattr(conflict_dialog, "resolve_conflict", answer)
    dialog = DisbursementDialog(AppContext(db=db), payment.project_id, payment)
    qtbot.addWidget(dialog)
    dialog.note.setText("补记")  # mine: the note
    edit_disbursement(  # theirs: the amount
        other_officer,
        payment.id,
        DisbursementDraft("2024-03-01", "120", "fixed", "A-1"),
        payment.version,
    )
    assert dialog.try_save()
    assert [set(c.fields) for c in shown] == [{"note"}]
    (saved,) = read_disbursements(db, payment.project_id)
    assert (saved.amount_fen, saved.note) == (120 * 10**6, "补记")  # both survive


def test_payment_dialog_reload_shows_theirs(qtbot, db, other_officer, payment, monkeypatch) -> None:
    from desktop_app.ui.funding.disbursement_dialog import DisbursementDialog

    monkeypatch.setattr(
        conflict_dialog, "resolve_conflict", lambda *_a, **_k: conflict_dialog.RELOAD
    )
    dialog = DisbursementDialog(AppContext(db=db), payment.project_id, payment)
    qtbot.addWidget(dialog)
    dialog.amount.setText("150")
    edit_disbursement(
        other_officer,
        payment.id,
        DisbursementDraft("2024-03-01", "120", "fixed", "A-1"),
        payment.version,
    )
    assert not dialog.try_save()
    assert dialog.amount.text() == "120"
    (saved,) = read_disbursements(db, payment.project_id)
    assert saved.amount_fen == 120 * 10**6


def test_funding_plan_conflict(db, other_officer) -> None:
    pid = _pid(db)
    snap = save_plan(db, pid, LINEAR, None)
    save_plan(
        other_officer, pid, FundingPlanDraft("2023", "5", "linear", "300", step="50"), snap.version
    )
    with pytest.raises(ConflictError) as info:
        save_plan(db, pid, FundingPlanDraft("2023", "5", "linear", "280", step="60"), snap.version)
    assert info.value.fields["step"] == ("50", "60")
    assert info.value.fields["first_amount"] == ("300", "280")
    # A plan created by someone else while this window showed none is a conflict too.
    pid2 = _pid_no(db, 2)
    save_plan(other_officer, pid2, LINEAR, None)
    with pytest.raises(ConflictError):
        save_plan(db, pid2, LINEAR, None)


def _pid_no(db: Database, no: int) -> int:
    with db.reader() as s:
        pid = s.scalar(select(Project.id).where(Project.no == no))
    assert pid is not None
    return pid


def test_milestone_conflict(db, other_officer) -> None:
    from datetime import date

    from desktop_app.domain.milestones import MilestoneEdit
    from desktop_app.services import milestones as ms

    pid = _pid(db)
    row = ms.add_milestone(db, pid, MilestoneEdit("样机", planned_end=date(2026, 6, 1)))
    ms.update_milestone(
        other_officer, row.id, MilestoneEdit("样机试制", date(2026, 6, 1)), row.version
    )
    with pytest.raises(ConflictError) as info:
        ms.update_milestone(db, row.id, MilestoneEdit("样机", date(2026, 7, 1)), row.version)
    assert info.value.fields == {
        "title": ("样机试制", "样机"),
        "planned_end": (date(2026, 6, 1), date(2026, 7, 1)),
    }
    with pytest.raises(ConflictError):
        ms.delete_milestone(db, row.id, row.version)


def test_indicator_set_conflict(db, other_officer) -> None:
    from desktop_app.services import performance as perf
    from desktop_app.snapshots.performance import IndicatorEdit

    pid = _pid(db)
    worked = (
        IndicatorEdit(None, "专利申请", "件", Decimal(40), Decimal(100)),
        IndicatorEdit(None, "研发投入", "万元", Decimal(60), Decimal(20)),
    )
    mine = perf.save_indicator_set(db, pid, 2026, worked)
    loaded = {r.id: r.version for r in mine.indicators}
    edits = [r.edit() for r in mine.indicators]
    theirs = [*edits[:1], IndicatorEdit(edits[1].id, "研发投入", "万元", Decimal(60), Decimal(25))]
    perf.save_indicator_set(other_officer, pid, 2026, theirs, loaded=loaded)
    changed = [IndicatorEdit(edits[0].id, "专利申请", "件", Decimal(50), Decimal(100)), *edits[1:]]
    changed[1] = IndicatorEdit(edits[1].id, "研发投入", "万元", Decimal(50), Decimal(20))
    with pytest.raises(ConflictError) as info:
        perf.save_indicator_set(db, pid, 2026, changed, loaded=loaded)
    assert list(info.value.fields) == ["研发投入"]
    stored = perf.read_project_performance(db, pid, 2026).indicators
    assert [r.target for r in stored] == [Decimal(100), Decimal(25)]  # theirs stands


def test_evaluation_conflicts(db, other_officer) -> None:
    from desktop_app.services import performance as perf
    from desktop_app.snapshots.performance import IndicatorEdit

    pid = _pid(db)
    snap = perf.save_indicator_set(
        db, pid, 2025, (IndicatorEdit(None, "专利申请", "件", Decimal(100), Decimal(10)),)
    )
    perf.save_actuals(db, pid, 2025, 4, {snap.indicators[0].id: Decimal(10)})
    perf.close_year(other_officer, pid, 2025)  # the other officer closes the year first
    with pytest.raises(ConflictError) as info:
        perf.close_year(db, pid, 2025, grade="B", reason="复核")
    assert info.value.fields["grade"] == ("A", "B")
    seen = perf.read_project_performance(db, pid, 2025).evaluation
    assert seen is not None
    perf.reopen_year(other_officer, pid, 2025, "更正")
    perf.close_year(other_officer, pid, 2025, grade="B", reason="复核")
    with pytest.raises(ConflictError):
        perf.reopen_year(db, pid, 2025, "再次更正", seen=seen)
