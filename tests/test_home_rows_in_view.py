"""Home's detail table fits the height of the rows in view, not of every row (issue 29:
1,500 overdue milestones made every switch to Home ask each cell of each row); a scroll
or a sort fits the rows it brings into view."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop_app.ui.context import AppContext
from desktop_app.ui.home.detail_model import Cell, cell
from desktop_app.ui.home.page import ROWS_PAST_VIEW
from desktop_app.ui.main_window import MainWindow

ROWS = 400


def _home_with_long_rows(qtbot, db):
    window = MainWindow(AppContext(db=db, lang="zh"))
    qtbot.addWidget(window)
    window.resize(1366, 697)
    window.show()
    home = window.tabs.ensure(0)
    qtbot.waitUntil(lambda: home.snapshot is not None, timeout=20000)
    model = home.detail_model
    model.clear()
    model.setHorizontalHeaderLabels(["编号", "项目", "原因"])
    for i in range(ROWS):
        reason = "逾期的里程碑与未到位的资金需要关注" * (12 + i % 3)  # wraps onto 2+ lines
        model.appendRow([Cell(str(i), i, True, None), cell(f"项目 {i}"), cell(reason)])
    model.finish()
    home.fit_detail()
    return home


def _fitted(view, row: int) -> int:
    return max(view.sizeHintForRow(row), view.verticalHeader().minimumSectionSize())


def test_rows_in_view_are_fitted_and_far_rows_wait_for_a_scroll(qtbot, db) -> None:
    home = _home_with_long_rows(qtbot, db)
    view = home.detail
    single = view.verticalHeader().defaultSectionSize()
    assert view.isVisible() and view.viewport().height() > 100
    assert view.rowHeight(0) == _fitted(view, 0) > single  # in view: fitted
    last = ROWS - 1
    assert view.rowAt(view.viewport().height() - 1) + ROWS_PAST_VIEW < last
    assert view.rowHeight(last) == single < _fitted(view, last)  # not asked yet

    view.scrollToBottom()
    qtbot.waitUntil(lambda: view.rowHeight(last) == _fitted(view, last))


def test_a_sort_fits_the_rows_it_brings_into_view(qtbot, db) -> None:
    home = _home_with_long_rows(qtbot, db)
    view = home.detail
    home.detail_model.sort(0, Qt.SortOrder.DescendingOrder)
    qtbot.wait(10)
    shown = view.rowAt(view.viewport().height() - 1)
    for row in range(max(shown, 0) + 1):
        assert view.rowHeight(row) == _fitted(view, row)


def test_a_save_that_moves_no_count_keeps_the_charts(qtbot, db) -> None:
    """Home after a save: the same counts keep each chart (a new one costs a layout and a
    full repaint); a changed count draws a new one."""
    from dataclasses import replace

    window = MainWindow(AppContext(db=db, lang="zh"))
    qtbot.addWidget(window)
    window.resize(1366, 697)
    window.show()
    home = window.tabs.ensure(0)
    qtbot.waitUntil(lambda: home.snapshot is not None and bool(home._charts), timeout=20000)
    ring, bars = home._charts
    before = (ring.chart(), bars.chart())
    home.set_snapshot(replace(home.snapshot))  # a refresh with the same figures
    assert (ring.chart(), bars.chart()) == before
    health = dict(home.snapshot.health)
    health["red"] = (*health["red"], 10**6)
    home.set_snapshot(replace(home.snapshot, health=health))
    assert ring.chart() is not before[0] and bars.chart() is before[1]
