"""Entry checks with reasons: what an officer types is checked against what it means."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest
from performance_sample import SEPT_15, WORKED
from PySide6.QtCore import Qt
from sqlalchemy import select

from desktop_app.db.database import Database
from desktop_app.db.models import Project
from desktop_app.services import milestones as svc
from desktop_app.services import performance as perf
from desktop_app.services.disbursements import read_disbursements
from desktop_app.services.performance import quarters_begun
from desktop_app.services.project_list import read_project_rows
from desktop_app.ui import dialogs
from desktop_app.ui.context import AppContext
from desktop_app.ui.funding.disbursement_dialog import DisbursementDialog, plain_amount
from desktop_app.ui.performance.indicator_model import COL_Q2, COL_Q3, COL_Q4
from desktop_app.ui.project.funding_tab import FundingTab
from desktop_app.ui.project.milestones_controller import new_milestone_dates
from desktop_app.ui.project.milestones_model import COL_ACTUAL_END
from desktop_app.ui.project.milestones_tab import MilestonesTab
from desktop_app.ui.project.performance_tab import PerformanceTab


@pytest.fixture(autouse=True)
def _september(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", SEPT_15)


def _pid(db: Database, no: int = 1) -> int:
    with db.reader() as s:
        return s.scalar(select(Project.id).where(Project.no == no))


def test_future_quarters_are_read_only(qtbot, db: Database) -> None:
    assert [quarters_begun(y, date(2026, 9, 15)) for y in (2025, 2026, 2027)] == [4, 3, 0]
    perf.save_indicator_set(db, _pid(db), 2026, WORKED)
    tab = PerformanceTab(AppContext(db=db))
    qtbot.addWidget(tab)
    tab.year.setValue(2026)
    tab.load_project(_pid(db))
    editable = Qt.ItemFlag.ItemIsEditable
    assert tab.model.flags(tab.model.index(0, COL_Q3)) & editable
    assert not tab.model.flags(tab.model.index(0, COL_Q4)) & editable


def test_a_ytd_below_the_previous_quarter_asks_first(
    qtbot, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    perf.save_indicator_set(db, _pid(db), 2026, WORKED)
    snap = perf.read_project_performance(db, _pid(db), 2026)
    first = snap.indicators[0].id
    perf.set_actual(db, first, 2, D(50))
    asked: list[str] = []
    monkeypatch.setattr(dialogs, "confirm", lambda _p, text, *_a: asked.append(text) or False)
    tab = PerformanceTab(AppContext(db=db))
    qtbot.addWidget(tab)
    tab.year.setValue(2026)
    tab.load_project(_pid(db))
    assert tab.model.index(0, COL_Q2).data() == "50"
    tab.model.setData(tab.model.index(0, COL_Q3), "40")
    qtbot.wait(20)
    assert asked and "50" in asked[0] and "40" in asked[0]
    assert perf.read_project_performance(db, _pid(db), 2026).indicators[0].ytd[2] is None
    tab.model.setData(tab.model.index(0, COL_Q3), "60")  # growing: no question
    qtbot.waitUntil(lambda: tab.model.index(0, COL_Q3).data() == "60")
    assert len(asked) == 1


def test_close_year_dialog_explains_the_tabs_projection(qtbot, db: Database) -> None:
    perf.save_indicator_set(db, _pid(db), 2026, WORKED)
    snap = perf.read_project_performance(db, _pid(db), 2026)
    for ind, value in zip(snap.indicators, (D(90), D(9), D(3)), strict=True):
        perf.set_actual(db, ind.id, 3, value)
    tab = PerformanceTab(AppContext(db=db))
    qtbot.addWidget(tab)
    tab.year.setValue(2026)
    tab.load_project(_pid(db))
    dialog = tab.controller.make_close_dialog(perf.preview_evaluation(db, _pid(db), 2026))
    qtbot.addWidget(dialog)
    note = dialog.projection_note.text()
    assert dialog.projection_note.isVisibleTo(dialog)
    assert "82.0" in note  # the tab's projection, named beside what closing records


def test_actual_finish_marks_the_milestone_done(
    qtbot, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(dialogs, "confirm", lambda *_a, **_k: True)
    tab = MilestonesTab(AppContext(db=db))
    qtbot.addWidget(tab)
    tab.load_project(read_project_rows(db)[0].id)
    tab.controller.add_milestone()
    row = svc.read_milestones(db, tab.project_id)[0]
    tab.model.setData(tab.model.index(0, COL_ACTUAL_END), "2026-09-10")
    qtbot.wait(20)
    saved = svc.read_milestones(db, tab.project_id)[0]
    assert (saved.status, saved.percent_complete, saved.actual_end) == (
        "done",
        100,
        date(2026, 9, 10),
    )
    assert saved.actual_start == min(row.planned_start, date(2026, 9, 10))


def test_a_new_milestone_stays_inside_the_project_period() -> None:
    start, end = new_milestone_dates(
        date(2026, 9, 15), date(2027, 12, 20), date(2023, 1, 1), date(2027, 12, 31)
    )
    assert start <= end <= date(2027, 12, 31)
    assert start >= date(2023, 1, 1)
    assert new_milestone_dates(date(2026, 9, 15), None, None, None) == (
        date(2026, 9, 15),
        date(2026, 10, 15),
    )


def test_payment_dialog_takes_wan_and_suggests_the_next_kind(qtbot, demo_db: Database) -> None:
    assert plain_amount("123.45万") == "123.45"
    assert plain_amount(" 8 万元 ") == "8"
    tab = FundingTab(AppContext(db=demo_db))
    qtbot.addWidget(tab)
    pid = _pid(demo_db)
    tab.load_project(pid)
    kind = tab.controller.next_kind()
    dialog = DisbursementDialog(tab.ctx, pid, None, tab, default_kind=kind)
    qtbot.addWidget(dialog)
    assert dialog.kind.currentData() == kind
    assert dialog.minimumWidth() >= 440
    before = len(read_disbursements(demo_db, pid))
    dialog.paid_on.set_value(date(2026, 9, 1))
    dialog.amount.setText("123.45万")
    dialog.doc_no.setText("思科拨〔2026〕999号")
    assert dialog.try_save(), dialog.errors.text()
    rows = read_disbursements(demo_db, pid)
    assert len(rows) == before + 1
    assert any(r.amount_fen == 123_450_000 for r in rows)


def test_copy_and_paste_round_trip_into_milestones(
    qtbot, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtCore import QItemSelectionModel
    from PySide6.QtGui import QGuiApplication

    from desktop_app.ui.project.milestones_model import COL_OWNER, COL_PLANNED_START, COL_TITLE
    from desktop_app.ui.widgets.table_habits import install

    errors: list[str] = []
    monkeypatch.setattr(dialogs, "show_error", lambda _p, text, *_a: errors.append(text))
    tab = MilestonesTab(AppContext(db=db))
    qtbot.addWidget(tab)
    tab.load_project(read_project_rows(db)[0].id)
    for _ in range(3):
        tab.controller.add_milestone()
    pid = tab.project_id
    first = svc.read_milestones(db, pid)[0]
    svc.update_milestone(
        db,
        first.id,
        replace_edit(first, title="样机", owner="张博士"),
        first.version,
    )
    tab.controller.reload()
    install(tab.table)
    view, model = tab.table, tab.model
    view.selectionModel().clearSelection()
    for col in (COL_TITLE, COL_OWNER):
        view.selectionModel().select(model.index(0, col), QItemSelectionModel.SelectionFlag.Select)
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    copied = QGuiApplication.clipboard().text()
    assert copied.splitlines()[1] == "样机\t张博士"
    # a block with its header line, pasted on rows 2 and 3
    block = copied + "验收\t王工\n"
    QGuiApplication.clipboard().setText(block)
    view.setCurrentIndex(model.index(1, COL_TITLE))
    qtbot.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert errors == []
    rows = svc.read_milestones(db, pid)
    assert [(r.title, r.owner) for r in rows[1:3]] == [("样机", "张博士"), ("验收", "王工")]
    # one bad cell: nothing is written, and the message names row and column
    QGuiApplication.clipboard().setText("李工\t2026-09-20\n赵工\t2026-13-40\n")
    view.setCurrentIndex(model.index(1, COL_OWNER))
    qtbot.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert (
        errors
        and "3" in errors[0]
        # the header's words (shown on two lines in the table, one in the message)
        and model.headerData(COL_PLANNED_START, Qt.Orientation.Horizontal).replace("\n", " ")
        in errors[0]
    )
    assert [r.owner for r in svc.read_milestones(db, pid)[1:3]] == ["张博士", "王工"]
    tab.controller.undo_stack.undo()  # the paste is one undo step
    assert [r.owner for r in svc.read_milestones(db, pid)[1:3]] == ["", ""]


def replace_edit(row, **changes):
    from dataclasses import replace

    return replace(row.to_edit(), **changes)
