"""The performance tab and pages, driven with qtbot against a real database."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from performance_sample import WORKED
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit
from sqlalchemy import func, select

from desktop_app.db.database import Database
from desktop_app.db.models import Evaluation, IndicatorActual, PlanPeriodRow, Project
from desktop_app.services import performance as perf
from desktop_app.services.district_overview import read_district_overview
from desktop_app.ui import dialogs
from desktop_app.ui.context import AppContext
from desktop_app.ui.performance import district_page, scores_page
from desktop_app.ui.performance.indicator_model import (
    COL_NEGATIVE,
    COL_PROJECTED,
    COL_Q1,
    COL_Q3,
    COL_WEIGHT,
)
from desktop_app.ui.project.performance_tab import PerformanceTab


@pytest.fixture(autouse=True)
def _no_blocking_dialogs(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []
    monkeypatch.setattr(dialogs, "show_error", lambda _p, text, _t=None: shown.append(text))
    monkeypatch.setattr(dialogs, "show_info", lambda _p, text, _t=None: shown.append(text))
    monkeypatch.setattr(dialogs, "confirm", lambda *_a, **_k: True)
    return shown


def _pid(db: Database) -> int:
    with db.reader() as s:
        return s.scalar(select(Project.id).where(Project.no == 1))


def _tab(qtbot, db: Database, year: int = 2026) -> PerformanceTab:
    tab = PerformanceTab(AppContext(db=db))
    qtbot.addWidget(tab)
    tab.year.setValue(year)
    tab.load_project(_pid(db))
    tab.show()
    return tab


def _type_into(qtbot, tab: PerformanceTab, row: int, col: int, text: str) -> None:
    index = tab.model.index(row, col)
    tab.table.setCurrentIndex(index)
    tab.table.edit(index)
    editors = [e for e in tab.table.findChildren(QLineEdit) if e.isVisible()]
    assert len(editors) == 1
    editor = editors[0]
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: tab.table.state() != tab.table.State.EditingState)
    # the tab saves on the next turn of the event loop: wait for the value or the refusal
    qtbot.waitUntil(
        lambda: tab.model.index(row, col).data() == text or bool(tab.error_label.text())
    )


def test_entering_quarterly_actuals_saves_and_updates_projection(qtbot, db: Database) -> None:
    perf.save_indicator_set(db, _pid(db), 2026, WORKED)
    tab = _tab(qtbot, db)
    assert "100" in tab.summary.text()
    for row, text in enumerate(("90", "9", "3")):
        _type_into(qtbot, tab, row, COL_Q3, text)
    assert tab.error_label.text() == ""
    # Q3 YTD 90, 9, 3 → year-end 120, 12, 4 → 40 + 18 + 24 = 82.0
    assert [tab.model.index(r, COL_PROJECTED).data() for r in range(3)] == ["40.0", "18.0", "24.0"]
    assert "82.0" in tab.summary.text()
    snap = perf.read_project_performance(db, _pid(db), 2026)
    assert [r.ytd[2] for r in snap.indicators] == [D(90), D(9), D(3)]
    dialog = tab.controller.make_close_dialog(perf.preview_evaluation(db, _pid(db), 2026))
    qtbot.addWidget(dialog)
    assert dialog.warning.isVisibleTo(dialog) and "专利申请" in dialog.warning.text()


def test_negative_actual_refused_with_reason_and_nothing_saved(qtbot, db: Database) -> None:
    perf.save_indicator_set(db, _pid(db), 2026, WORKED)
    tab = _tab(qtbot, db)
    _type_into(qtbot, tab, 0, COL_Q1, "-5")
    assert "专利申请" in tab.error_label.text()
    with db.reader() as s:
        assert s.scalar(select(func.count()).select_from(IndicatorActual)) == 0
    assert tab.model.index(0, COL_Q1).data() == ""
    # a unit that can go below zero: tick "negatives", save the set, then -5 is accepted
    negative = tab.model.index(0, COL_NEGATIVE)
    assert tab.model.setData(negative, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    assert not tab.has_unsaved_changes()
    _type_into(qtbot, tab, 0, COL_Q1, "-5")
    assert tab.error_label.text() == ""
    assert perf.read_project_performance(db, _pid(db), 2026).indicators[0].ytd[0] == D(-5)


def test_rejected_weight_set_is_shown_with_its_reason(qtbot, db: Database) -> None:
    pid = _pid(db)
    perf.save_indicator_set(db, pid, 2026, WORKED)
    tab = _tab(qtbot, db)
    _type_into(qtbot, tab, 2, COL_WEIGHT, "25")
    assert tab.has_unsaved_changes()
    assert "95" in tab.summary.text()
    assert tab.save_button.isEnabled()
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    reason = tab.error_label.text()
    with db.reader() as s:
        name = s.get(Project, pid).name_zh
    assert name in reason and "2026" in reason and "95" in reason
    assert tab.has_unsaved_changes()  # the draft stays for the officer to fix
    stored = perf.read_project_performance(db, pid, 2026)
    assert [r.weight for r in stored.indicators] == [D(40), D(30), D(30)]
    _type_into(qtbot, tab, 1, COL_WEIGHT, "35")
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    assert tab.error_label.text() == "" and not tab.has_unsaved_changes()
    stored = perf.read_project_performance(db, pid, 2026)
    assert [r.weight for r in stored.indicators] == [D(40), D(35), D(25)]


def test_add_indicator_and_copy_last_year(qtbot, db: Database) -> None:
    pid = _pid(db)
    perf.save_indicator_set(db, pid, 2025, WORKED)
    tab = _tab(qtbot, db)
    assert tab.copy_button.isEnabled()
    qtbot.mouseClick(tab.copy_button, Qt.MouseButton.LeftButton)
    assert tab.model.rowCount() == 3 and not tab.copy_button.isEnabled()
    qtbot.mouseClick(tab.add_button, Qt.MouseButton.LeftButton)
    assert tab.model.rowCount() == 4 and tab.has_unsaved_changes()
    tab.discard()
    assert tab.model.rowCount() == 3


def test_close_year_dialog_needs_reason_for_override(qtbot, db: Database) -> None:
    pid = _pid(db)
    ids = [r.id for r in perf.save_indicator_set(db, pid, 2025, WORKED).indicators]
    perf.save_actuals(db, pid, 2025, 4, dict(zip(ids, (D(120), D(15), D(5)), strict=True)))
    tab = _tab(qtbot, db, 2025)
    dialog = tab.controller.make_close_dialog(perf.preview_evaluation(db, pid, 2025))
    qtbot.addWidget(dialog)
    assert "92.5" in dialog.total_label.text()
    assert not dialog.warning.isVisibleTo(dialog)
    dialog.grade.setCurrentIndex(dialog.grade.findData("B"))
    dialog.accept()
    assert dialog.error.text() and dialog.result_view is None
    with db.reader() as s:
        assert s.scalar(select(func.count()).select_from(Evaluation)) == 0
    dialog.reason.setPlainText("专项审计下调")
    dialog.accept()
    assert dialog.result_view is not None and dialog.result_view.grade == "B"
    tab.load_project(pid)
    assert "专项审计下调" in tab.summary.text()
    assert not tab.add_button.isEnabled() and tab.reopen_button.isEnabled()
    assert tab.model.index(1, COL_PROJECTED).data() == "22.5"


def test_scores_page_shows_years_and_grades(qtbot, demo_db: Database) -> None:
    ctx = AppContext(db=demo_db)
    page = scores_page.create(ctx)
    qtbot.addWidget(page)
    page.refresh()  # the rows arrive from a background job
    qtbot.waitUntil(lambda: page.model.rowCount() == 13, timeout=30_000)
    assert page.model.years == [2023, 2024, 2025]
    grades = {page.model.index(r, 4).data().split("  ")[-1].rstrip("*") for r in range(13)}
    assert grades == {"A (excellent)", "B (good)", "C (fair)", "D (poor)"}  # one grade display
    opened: list[int] = []
    ctx.bus.sig_open_project.connect(opened.append)
    page.table.doubleClicked.emit(page.model.index(0, 1))
    assert opened == [page.model.row_at(0).project_id]


def test_district_page_value_entry_and_new_period(qtbot, db: Database) -> None:
    page = district_page.create(AppContext(db=db))
    qtbot.addWidget(page)
    page.refresh()
    model = page.model
    assert model.rowCount() == 9 and model.years == [2021, 2022, 2023, 2024, 2025]
    row = next(i for i in range(9) if model.row_at(i).no == 5)
    col_2023 = model.years.index(2023) + 5
    assert model.setData(model.index(row, col_2023), "800")
    qtbot.waitUntil(lambda: model.index(row, col_2023).data() == "800")
    assert model.index(row, model.col_progress).data().startswith("66.4%")
    assert model.setData(model.index(row, col_2023), "abc")
    qtbot.waitUntil(lambda: page.error_label.text() != "")
    dialog = page.make_add_dialog()
    qtbot.addWidget(dialog)
    assert (dialog.start.value(), dialog.end.value()) == (2026, 2030)
    dialog.table.item(row, 2).setText("1200")
    dialog.accept()
    assert dialog.created is not None
    with db.reader() as s:
        assert s.scalar(select(func.count()).select_from(PlanPeriodRow)) == 2
    overview = read_district_overview(db, dialog.created.id)
    assert next(r for r in overview.rows if r.no == 5).target_value == D(1200)
