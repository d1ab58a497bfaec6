"""Start-up tranches tied to milestones: saved from the funding form, shown again, refused
when the milestone does not exist (nothing written)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select

from desktop_app.db.models import Milestone, Project, StartupTranche
from desktop_app.domain.validation import ValidationError
from desktop_app.services.funding import load_plan, save_plan
from desktop_app.snapshots.funding import FundingPlanDraft, TrancheDraft

PLAN = FundingPlanDraft(
    first_year="2023",
    years="5",
    mode="linear",
    first_amount="300",
    step="60",
    startup_grant="500",
    tranches=(TrancheDraft("2022", "300", "开工"), TrancheDraft("2023", "200", "", "M1")),
)


def _project(db) -> int:
    with db.session() as s:
        pid = s.scalar(select(Project.id).where(Project.no == 1))
        s.add(Milestone(project_id=pid, code="M1", title="主体完工", planned_end=date(2023, 6, 30)))
    assert pid is not None
    return pid


def test_tranche_milestone_is_saved_and_shown_again(db) -> None:
    pid = _project(db)
    snap = save_plan(db, pid, PLAN, None)
    assert [tr.milestone for tr in snap.draft.tranches] == ["", "M1"]
    assert load_plan(db, pid).draft == snap.draft
    with db.reader() as s:
        tied = s.scalars(select(StartupTranche).order_by(StartupTranche.seq)).all()
        assert tied[0].milestone_id is None and tied[1].milestone_id is not None
    # Untying it in the form clears it.
    untied = replace(PLAN, tranches=(PLAN.tranches[0], replace(PLAN.tranches[1], milestone="")))
    again = save_plan(db, pid, untied, snap.version)
    assert [tr.milestone for tr in again.draft.tranches] == ["", ""]


def test_unknown_milestone_is_refused_and_nothing_written(db) -> None:
    pid = _project(db)
    bad = replace(PLAN, tranches=(PLAN.tranches[0], replace(PLAN.tranches[1], milestone="M9")))
    with pytest.raises(ValidationError) as info:
        save_plan(db, pid, bad, None)
    assert "M9" in info.value.errors["tranches"]
    with db.reader() as s:
        assert s.scalars(select(StartupTranche)).all() == []


def test_plan_form_carries_the_milestone_column(qtbot) -> None:
    from desktop_app.ui.funding.plan_form import PlanForm

    form = PlanForm()
    qtbot.addWidget(form)
    form.set_draft(PLAN)
    assert form.tranche_grid.item(1, 2).text() == "M1"
    shown = [(t.year, Decimal(t.amount), t.note, t.milestone) for t in form.draft().tranches]
    assert shown == [(t.year, Decimal(t.amount), t.note, t.milestone) for t in PLAN.tranches]
