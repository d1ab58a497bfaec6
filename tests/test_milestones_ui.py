"""The milestones tab driven like an officer would: add, edit, refuse, undo/redo, baselines."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

from desktop_app.db.database import Database
from desktop_app.domain.milestones import MilestoneEdit
from desktop_app.services import milestones as svc
from desktop_app.services.project_list import read_project_rows
from desktop_app.ui import dialogs
from desktop_app.ui.context import AppContext
from desktop_app.ui.project import baseline_dialogs
from desktop_app.ui.project.milestones_model import (
    COL_PLANNED_END,
    COL_SLIP,
    COL_TITLE,
)
from desktop_app.ui.project.milestones_tab import MilestonesTab

TODAY_EPOCH = "1789430400"  # 2026-09-15


@pytest.fixture
def tab(qtbot, db: Database, monkeypatch: pytest.MonkeyPatch) -> MilestonesTab:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", TODAY_EPOCH)
    errors: list[str] = []
    monkeypatch.setattr(dialogs, "show_error", lambda _p, text, title=None: errors.append(text))
    monkeypatch.setattr(dialogs, "confirm", lambda _p, _text, title=None: True)
    widget = MilestonesTab(AppContext(db=db))
    widget.shown_errors = errors  # type: ignore[attr-defined]
    qtbot.addWidget(widget)
    widget.resize(1200, 700)
    widget.load_project(read_project_rows(db)[0].id)
    widget.show()
    return widget


def cell(tab: MilestonesTab, row: int, col: int) -> str:
    return tab.model.index(row, col).data()


def edit_cell(qtbot, tab: MilestonesTab, row: int, col: int, text: str) -> None:
    """Type into a cell through the model (as the delegate does) and let the save run."""
    tab.model.setData(tab.model.index(row, col), text)
    qtbot.wait(20)


def test_add_then_edit_by_keyboard(qtbot, tab: MilestonesTab, db: Database) -> None:
    qtbot.mouseClick(tab.add_button, Qt.MouseButton.LeftButton)
    rows = svc.read_milestones(db, tab.project_id)
    assert [(r.code, r.title, r.planned_start, r.planned_end) for r in rows] == [
        ("M01", "New milestone", date(2026, 9, 15), date(2026, 10, 15))
    ]
    assert tab.table.currentIndex().column() == COL_TITLE
    # Enter opens the editor, typing replaces, Enter commits and moves down
    qtbot.keyClick(tab.table, Qt.Key.Key_Return)
    editor = QApplication.focusWidget()
    editor.selectAll()
    qtbot.keyClicks(editor, "Pilot line")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: svc.read_milestones(db, tab.project_id)[0].title == "Pilot line")
    assert cell(tab, 0, COL_TITLE) == "Pilot line"
    assert tab.controller.undo_stack.count() == 2


def test_invalid_date_is_marked_with_its_reason_and_not_saved(
    qtbot, tab: MilestonesTab, db: Database
) -> None:
    tab.controller.add_milestone()
    before = svc.read_milestones(db, tab.project_id)
    edit_cell(qtbot, tab, 0, COL_PLANNED_END, "2026-01-01")  # before the planned start
    index = tab.model.index(0, COL_PLANNED_END)
    assert index.data() == "2026-01-01"
    assert index.data(Qt.ItemDataRole.ToolTipRole) == "结束日期早于开始日期。"
    assert "结束日期早于开始日期。" in tab.error_label.text()
    assert svc.read_milestones(db, tab.project_id) == before
    edit_cell(qtbot, tab, 0, COL_PLANNED_END, "1999-12-31")  # a typo year
    assert "1999-12-31" in tab.model.index(0, COL_PLANNED_END).data(Qt.ItemDataRole.ToolTipRole)
    assert svc.read_milestones(db, tab.project_id) == before
    edit_cell(qtbot, tab, 0, COL_PLANNED_END, "2026/11/30")  # corrected: saved, mark gone
    assert svc.read_milestones(db, tab.project_id)[0].planned_end == date(2026, 11, 30)
    assert tab.model.index(0, COL_PLANNED_END).data(Qt.ItemDataRole.ToolTipRole) is None
    assert tab.error_label.text() == ""


def test_done_without_actual_end_is_refused(qtbot, tab: MilestonesTab, db: Database) -> None:
    tab.controller.add_milestone()
    tab.controller.apply_edit(0, "status", "done")
    assert "已完成的里程碑须填写实际完成日期。" in tab.error_label.text()
    assert svc.read_milestones(db, tab.project_id)[0].status == "not_started"


def test_undo_and_redo_by_shortcut(qtbot, tab: MilestonesTab, db: Database) -> None:
    tab.controller.add_milestone()
    assert tab.controller.apply_edit(0, "percent_complete", "40%")
    assert svc.read_milestones(db, tab.project_id)[0].percent_complete == 40
    tab.table.setFocus()
    qtbot.keyClick(tab.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert svc.read_milestones(db, tab.project_id)[0].percent_complete == 0
    qtbot.keyClick(tab.table, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert svc.read_milestones(db, tab.project_id)[0].percent_complete == 40
    assert cell(tab, 0, 7) == "40%"


def test_delete_asks_then_undo_brings_it_back(qtbot, tab: MilestonesTab, db: Database) -> None:
    tab.controller.add_milestone()
    tab.controller.add_milestone()
    tab.controller.apply_edit(1, "title", "验收")
    tab.table.setCurrentIndex(tab.model.index(1, COL_TITLE))
    tab.table.setFocus()
    qtbot.keyClick(tab.table, Qt.Key.Key_Delete)
    assert [r.code for r in svc.read_milestones(db, tab.project_id)] == ["M01"]
    tab.controller.undo_stack.undo()
    rows = svc.read_milestones(db, tab.project_id)
    assert [(r.code, r.title) for r in rows] == [("M01", "New milestone"), ("M02", "验收")]
    tab.controller.undo_stack.undo()  # the title edit, on the restored row
    assert svc.read_milestones(db, tab.project_id)[1].title == "New milestone"
    tab.controller.undo_stack.redo()
    tab.controller.undo_stack.redo()
    assert [r.code for r in svc.read_milestones(db, tab.project_id)] == ["M01"]
    assert tab.shown_errors == []


def test_set_and_compare_baselines(qtbot, tab: MilestonesTab, db: Database, monkeypatch) -> None:
    tab.controller.add_milestone()
    reasons = iter(["立项批复", "设备延期,调整计划"])
    monkeypatch.setattr(baseline_dialogs, "ask_baseline_reason", lambda _p, _has: next(reasons))
    qtbot.mouseClick(tab.baseline_button, Qt.MouseButton.LeftButton)
    assert cell(tab, 0, COL_SLIP) == "0"
    assert tab.slip_label.text() == "Worst slip: 0 days"
    tab.controller.apply_edit(0, "planned_end", "2026-11-04")  # 20 days after the baseline end
    assert cell(tab, 0, COL_SLIP) == "+20"
    assert tab.slip_label.text() == "Worst slip: +20 days"
    qtbot.mouseClick(tab.baseline_button, Qt.MouseButton.LeftButton)
    assert cell(tab, 0, COL_SLIP) == "0"
    dialog = tab.show_history()
    qtbot.addWidget(dialog)
    assert [dialog.list.item(i).text() for i in range(dialog.list.count())] == [
        "2026-09-15  设备延期,调整计划",
        "2026-09-15  立项批复",
    ]
    assert dialog.compared_rows() == [["New milestone", "2026-11-04", "2026-11-04", "0"]]
    dialog.list.setCurrentRow(1)
    assert dialog.compared_rows() == [["New milestone", "2026-10-15", "2026-11-04", "+20"]]


def test_health_marker_shows_the_reasons(qtbot, tab: MilestonesTab, db: Database) -> None:
    tab.controller.add_milestone()  # due 2026-10-15, 0 % done: due within 30 days
    qtbot.waitUntil(lambda: tab.health.level.text() == "Health: Amber", timeout=10000)
    assert "将于 30 天后(2026-10-15)到期,但仅完成 0%" in tab.health.reasons.text()


def test_clicking_a_bar_selects_its_row(qtbot, tab: MilestonesTab) -> None:
    tab.controller.add_milestone()
    tab.controller.add_milestone()
    second = tab.model.row_at(1)
    view = tab.timeline
    x = int(view.x_of(second.planned_start)) + 10
    y = view._row_top(1) + 10
    with qtbot.waitSignal(view.sig_milestone_clicked) as blocker:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, y))
    assert blocker.args == [second.id]
    assert tab.table.currentIndex().row() == 1


def test_undo_of_a_delete_brings_back_the_baseline_and_its_history(
    qtbot, tab: MilestonesTab, db: Database
) -> None:
    """Issue 15: undo re-added the milestone from its editable fields only; the frozen
    baseline dates and its rows in every baseline (cascaded away) were lost (end → None)."""
    pid = tab.project_id
    kept = svc.add_milestone(
        db, pid, MilestoneEdit("中试", planned_start=date(2026, 3, 1), planned_end=date(2026, 4, 1))
    )
    gone = svc.add_milestone(
        db, pid, MilestoneEdit("样机", planned_start=date(2026, 4, 1), planned_end=date(2026, 6, 1))
    )
    first = svc.set_baseline(db, pid, "立项批复")
    svc.update_milestone(
        db,
        gone.id,
        MilestoneEdit("样机", planned_start=date(2026, 4, 1), planned_end=date(2026, 7, 1)),
        svc.read_milestones(db, pid)[1].version,
    )
    second = svc.set_baseline(db, pid, "设备延期")
    tab.controller.reload()
    before = {b.id: b.items for b in svc.baseline_history(db, pid)}

    tab.table.setCurrentIndex(tab.model.index(1, COL_TITLE))
    tab.controller.delete_current()
    assert [r.id for r in svc.read_milestones(db, pid)] == [kept.id]
    tab.controller.undo_stack.undo()

    rows = svc.read_milestones(db, pid)
    assert [(r.code, r.title) for r in rows] == [(kept.code, "中试"), (gone.code, "样机")]
    back = rows[1]
    assert back.planned_end == date(2026, 7, 1)
    assert (back.baseline_start, back.baseline_end) == (date(2026, 4, 1), date(2026, 7, 1))
    after = {b.id: b.items for b in svc.baseline_history(db, pid)}
    assert after == before  # the same id, so each baseline lists it exactly as before
    diffs = svc.compare_baseline(db, pid, first.id)
    assert [(d.title, d.baseline_end) for d in diffs] == [
        ("中试", date(2026, 4, 1)),
        ("样机", date(2026, 6, 1)),  # the end frozen in the first baseline survives
    ]
    assert svc.compare_baseline(db, pid, second.id)[1].baseline_end == date(2026, 7, 1)
    # Redo deletes it again, and a second undo restores it again.
    tab.controller.undo_stack.redo()
    assert [r.id for r in svc.read_milestones(db, pid)] == [kept.id]
    tab.controller.undo_stack.undo()
    assert svc.compare_baseline(db, pid, first.id)[1].baseline_end == date(2026, 6, 1)
    assert tab.shown_errors == []


def test_the_tab_lays_out_and_the_controller_decides() -> None:
    """The view calls no service and the undo steps know only the controller."""
    import ast
    from pathlib import Path

    import desktop_app.ui.project as project

    def imports(name: str) -> set[str]:
        tree = ast.parse((Path(project.__file__).parent / name).read_text(encoding="utf-8"))
        return {n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}

    assert not [m for m in imports("milestones_tab.py") if m.startswith("desktop_app.services")]
    assert "desktop_app.ui.project.milestones_tab" not in imports("milestone_commands.py")
