"""The funding tab and page driven like an officer would (offscreen)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QTableWidgetItem
from sqlalchemy import select

from desktop_app.db.models import Project
from desktop_app.services.funding import load_plan, read_funding_by_year, save_plan
from desktop_app.snapshots.funding import FundingPlanDraft
from desktop_app.ui import dialogs
from desktop_app.ui.context import AppContext
from desktop_app.ui.funding.disbursement_dialog import DisbursementDialog
from desktop_app.ui.funding.page import FundingPage
from desktop_app.ui.funding.schedule_model import COL_DISBURSED, COL_FIXED
from desktop_app.ui.project.funding_tab import FundingTab

WAN = 1_000_000


@pytest.fixture
def quiet(monkeypatch):
    """Message boxes answer without blocking; the answers to `confirm` are queued."""
    answers: list[bool] = []
    shown: list[str] = []
    monkeypatch.setattr(dialogs, "confirm", lambda *_a, **_k: answers.pop(0))
    monkeypatch.setattr(dialogs, "show_error", lambda _p, text, *_a: shown.append(text))
    return answers, shown


def _pid(db, no: int = 1) -> int:
    with db.reader() as s:
        return s.scalar(select(Project.id).where(Project.no == no))


def _tab(qtbot, db, no: int = 1) -> tuple[FundingTab, int]:
    tab = FundingTab(AppContext(db=db))
    qtbot.addWidget(tab)
    pid = _pid(db, no)
    tab.load_project(pid)
    return tab, pid


def _fixed(tab: FundingTab) -> list[str]:
    m = tab.schedule_model
    return [m.index(r, COL_FIXED).data() for r in range(m.rowCount() - 1)]


def test_typing_a_plan_previews_it_and_saves_only_on_save(qtbot, db) -> None:
    tab, pid = _tab(qtbot, db)
    form = tab.form
    assert not tab.has_unsaved_changes() and tab.schedule_model.rowCount() == 0
    form.first_year.setValue(2023)
    form.mode.setCurrentIndex(form.mode.findData("geometric"))
    form.first_amount.setText("300")
    form.rate_percent.setText("２０")
    assert _fixed(tab) == ["300.00", "240.00", "192.00", "153.60", "122.88"]
    assert tab.has_unsaved_changes() and tab.save_button.isEnabled()
    assert load_plan(db, pid).draft is None  # nothing written yet
    form.rate_percent.setText("120")
    assert form.rate_percent.property("invalid") is True
    assert form.rate_percent.toolTip()
    assert _fixed(tab)[1] == "240.00"  # the last good preview stays
    form.rate_percent.setText("20")
    assert form.rate_percent.property("invalid") is False
    assert tab.save()
    assert not tab.has_unsaved_changes()
    stored = load_plan(db, pid)
    assert stored.draft.mode == "geometric" and stored.draft.rate_percent == "20"


def test_editing_a_stored_plan_linear_with_floor(qtbot, db) -> None:
    save_plan(db, _pid(db), FundingPlanDraft("2023", "5", "linear", "300", step="60"), None)
    tab, pid = _tab(qtbot, db)
    assert _fixed(tab) == ["300.00", "240.00", "180.00", "120.00", "60.00"]
    tab.form.step.setText("80")
    assert tab.form.step.property("invalid") is True  # reaches zero without a floor
    tab.form.floor.setText("50")
    assert _fixed(tab) == ["300.00", "220.00", "140.00", "60.00", "50.00"]
    tab.form.year_grid.item(2, 1).setText("1,000")  # reward cap of 2025
    assert tab.schedule_model.rows()[2].reward_cap_fen == 1000 * WAN
    assert tab.save()
    assert load_plan(db, pid).version == 2
    tab.form.years.setValue(3)
    tab.discard()
    assert len(_fixed(tab)) == 5 and not tab.has_unsaved_changes()


def test_manual_plan_in_the_year_grid(qtbot, db) -> None:
    tab, _pid_ = _tab(qtbot, db)
    form = tab.form
    form.years.setValue(3)
    form.first_year.setValue(2024)
    form.mode.setCurrentIndex(form.mode.findData("manual"))
    for row, amount in enumerate(("200", "150", "１００")):
        form.year_grid.setItem(row, 0, QTableWidgetItem(amount))
    assert _fixed(tab) == ["200.00", "150.00", "100.00"]


def test_adding_a_disbursement(qtbot, db, quiet) -> None:
    answers, _shown = quiet
    save_plan(db, _pid(db), FundingPlanDraft("2023", "5", "linear", "300", step="60"), None)
    tab, pid = _tab(qtbot, db)
    assert tab.add_button.isEnabled()
    dialog = DisbursementDialog(tab.ctx, pid, None, tab)
    qtbot.addWidget(dialog)
    dialog.paid_on.edit.setText("2024年3月1日")
    dialog.amount.setText("１,２００")
    dialog.kind.setCurrentIndex(dialog.kind.findData("fixed"))
    dialog.doc_no.setText("思科〔2024〕1号")
    assert dialog.try_save()
    tab.controller.payments_changed()
    assert tab.register_model.rowCount() == 1
    row_2024 = tab.schedule_model.rows()[1]
    assert row_2024.disbursed_fen == 1200 * WAN and row_2024.warnings  # more than planned
    assert tab.schedule_model.index(1, COL_DISBURSED).data() == "1,200.00"
    # the same 文号 again: asked, refused, then confirmed
    again = DisbursementDialog(tab.ctx, pid, None, tab)
    qtbot.addWidget(again)
    again.paid_on.edit.setText("2024-05-01")
    again.amount.setText("10")
    again.doc_no.setText("思科〔2024〕1号")
    answers.append(False)
    assert not again.try_save()
    answers.append(True)
    assert again.try_save()
    # a bad payment stays in the dialog with its fields marked
    bad = DisbursementDialog(tab.ctx, pid, None, tab)
    qtbot.addWidget(bad)
    bad.paid_on.edit.setText("2030-01-01")
    bad.amount.setText("abc")
    assert not bad.try_save()
    assert bad.amount.toolTip() and bad.paid_on.edit.property("invalid") is True
    tab.controller.payments_changed()
    assert tab.register_model.rowCount() == 2


def test_edit_payment_dialog_prefilled(qtbot, db) -> None:
    from desktop_app.services.disbursements import add_disbursement, read_disbursements
    from desktop_app.snapshots.funding import DisbursementDraft

    pid = _pid(db)
    save_plan(db, pid, FundingPlanDraft("2023", "5", "linear", "300", step="60"), None)
    add_disbursement(db, pid, DisbursementDraft("2023-04-01", "300", "fixed", "X-1"))
    row = read_disbursements(db, pid)[0]
    dialog = DisbursementDialog(AppContext(db=db), pid, row)
    qtbot.addWidget(dialog)
    assert dialog.amount.text() == "300" and dialog.doc_no.text() == "X-1"
    dialog.amount.setText("250.5")
    assert dialog.try_save()
    assert read_disbursements(db, pid)[0].amount_fen == 250_500_000


def test_readonly_tab_offers_no_editing(qtbot, db) -> None:
    save_plan(db, _pid(db), FundingPlanDraft("2023", "5", "linear", "300", step="60"), None)
    tab = FundingTab(AppContext(db=db, readonly=True))
    qtbot.addWidget(tab)
    tab.load_project(_pid(db))
    assert not tab.form.first_amount.isEnabled()
    assert not tab.add_button.isEnabled() and not tab.save_button.isEnabled()


def test_portfolio_funding_page(qtbot, demo_db) -> None:
    page = FundingPage(AppContext(db=demo_db))
    qtbot.addWidget(page)
    page.refresh()
    qtbot.waitUntil(lambda: page.model.rowCount() > 0, timeout=10000)
    rows = read_funding_by_year(demo_db)
    assert page.model.rowCount() == len(rows)
    assert [r.year for r in rows] == list(range(2022, 2028))
    shares = [r.planned_share for r in rows]
    assert shares == sorted(shares)  # the reward's share grows as fixed support tapers
    assert page.chart.chart().series()


def test_deleting_a_payment_from_the_register(qtbot, db, quiet) -> None:
    from desktop_app.services.disbursements import add_disbursement, read_disbursements
    from desktop_app.snapshots.funding import DisbursementDraft

    answers, _shown = quiet
    pid = _pid(db)
    save_plan(db, pid, FundingPlanDraft("2023", "5", "linear", "300", step="60"), None)
    add_disbursement(db, pid, DisbursementDraft("2023-04-01", "300", "fixed", "X-1"))
    tab, _ = _tab(qtbot, db)
    tab.register_view.selectRow(0)
    answers.append(False)
    tab.delete_button.click()
    assert len(read_disbursements(db, pid)) == 1
    answers.append(True)
    tab.delete_button.click()
    assert read_disbursements(db, pid) == [] and tab.register_model.rowCount() == 0
    assert tab.schedule_model.rows()[0].disbursed_fen == 0


def test_errors_name_their_field(qtbot, db) -> None:
    tab, _ = _tab(qtbot, db)
    tab.form.first_amount.setText("-5")
    tab.form.step.setText("10")
    assert tab.form._labels["first_amount"] + ": " in tab.form.errors.text()
    assert tab.form.first_amount.property("invalid") is True
