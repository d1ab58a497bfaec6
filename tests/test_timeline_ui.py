"""The Gantt widget, the portfolio timeline and attention pages, and the health column."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QImage

from desktop_app.db.database import Database
from desktop_app.db.demo import DEMO_TODAY
from desktop_app.services.project_list import read_project_rows
from desktop_app.snapshots.milestones import TimelineBar
from desktop_app.ui.context import AppContext
from desktop_app.ui.milestones.attention_model import COL_DAYS, COL_NO
from desktop_app.ui.milestones.attention_page import AttentionPage
from desktop_app.ui.milestones.timeline_page import PortfolioTimelinePage
from desktop_app.ui.portfolio.table_model import COL_HEALTH, PortfolioTableModel
from desktop_app.ui.widgets.timeline import ROW_H, TimelineRow, TimelineView
from desktop_app.ui.widgets.timeline_paint import OVERDUE

DEMO_EPOCH = "1789430400"  # 2026-09-15 = DEMO_TODAY


def bar(i: int, start: date, end: date, pct: int = 50, status: str = "in_progress") -> TimelineBar:
    return TimelineBar(i, f"M{i}", start, end, start, end, None, pct, status)


def colours(image: QImage) -> set[int]:
    step = 3
    return {
        image.pixel(x, y)
        for x in range(0, image.width(), step)
        for y in range(0, image.height(), step)
    }


def test_grab_is_not_blank_and_changes_with_zoom(qtbot) -> None:
    view = TimelineView()
    qtbot.addWidget(view)
    view.resize(800, 300)
    view.set_rows(
        [
            TimelineRow(1, "A", (bar(1, date(2026, 1, 1), date(2026, 6, 30), 100, "done"),)),
            TimelineRow(2, "B", (bar(2, date(2026, 7, 1), date(2026, 8, 31)),)),  # overdue
            TimelineRow(3, "C", (bar(3, date(2026, 9, 1), date(2026, 12, 31), 10),)),
        ],
        DEMO_TODAY,
    )
    view.set_zoom("quarter")
    view.show()
    quarter = view.viewport().grab().toImage()
    seen = colours(quarter)
    assert len(seen) > 10
    assert OVERDUE.rgb() in seen  # the late bar is drawn in red
    view.set_zoom("month")
    month = view.viewport().grab().toImage()
    assert month != quarter
    view.set_zoom("year")
    assert view.viewport().grab().toImage() not in (month, quarter)


def test_only_visible_rows_are_painted_and_a_click_finds_the_bar(qtbot) -> None:
    view = TimelineView()
    qtbot.addWidget(view)
    view.resize(800, 300)
    rows = [
        TimelineRow(
            p,
            f"P{p}",
            tuple(bar(p * 100 + k, date(2026, k, 1), date(2026, k, 20)) for k in range(1, 13)),
        )
        for p in range(2000)
    ]
    view.set_rows(rows, DEMO_TODAY)
    view.set_zoom("month")
    view.show()
    assert len(view.visible_rows()) < 20
    view.verticalScrollBar().setValue(1000 * ROW_H)
    assert view.visible_rows().start == 1000
    target = rows[1000].bars[8]  # September
    x = int(view.x_of(date(2026, 9, 10)))
    with qtbot.waitSignal(view.sig_milestone_clicked) as blocker:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 36 + ROW_H // 2))
    assert blocker.args == [target.id]
    assert view.selected_milestone() == target.id


@pytest.fixture
def demo_ctx(demo_db: Database, monkeypatch: pytest.MonkeyPatch) -> AppContext:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", DEMO_EPOCH)
    return AppContext(db=demo_db)


def test_portfolio_timeline_page_shows_every_project(qtbot, demo_ctx: AppContext) -> None:
    page = PortfolioTimelinePage(demo_ctx)
    qtbot.addWidget(page)
    page.resize(1000, 500)
    page.refresh()
    assert page.timeline.row_count() == 13
    assert page.summary.text().startswith("13 projects")
    by_no = {p.no: p.id for p in read_project_rows(demo_ctx.db)}
    with qtbot.waitSignal(demo_ctx.bus.sig_open_project) as blocker:
        page.timeline.sig_milestone_double_clicked.emit(1, by_no[4])
    assert blocker.args == [by_no[4]]


def test_attention_page_sorts_and_opens_the_project(qtbot, demo_ctx: AppContext) -> None:
    page = AttentionPage(demo_ctx)
    qtbot.addWidget(page)
    page.refresh()
    proxy = page.model
    days = [proxy.index(r, COL_DAYS).data() for r in range(proxy.rowCount())]
    assert days[:3] == ["45 days late", "45 days late", "10 days late"]
    assert page.summary.text() == "As of 2026-09-15: 3 overdue, 5 due within 30 days"
    page.table.sortByColumn(COL_NO, Qt.SortOrder.AscendingOrder)
    nos = [int(proxy.index(r, COL_NO).data()) for r in range(proxy.rowCount())]
    assert nos == sorted(nos)
    first = proxy.index(0, 0)
    item = page.model.row_at(first.row())
    with qtbot.waitSignal(demo_ctx.bus.sig_open_project) as blocker:
        page.table.doubleClicked.emit(first)
    assert blocker.args == [item.project_id]


def test_portfolio_model_health_column(demo_ctx: AppContext) -> None:
    from desktop_app.services.health import read_health

    model = PortfolioTableModel()
    model.set_rows(read_project_rows(demo_ctx.db))
    model.set_health(read_health(demo_ctx.db, DEMO_TODAY))
    row = next(i for i in range(model.rowCount()) if model.row_at(i).no == 4)
    index = model.index(row, COL_HEALTH)
    assert index.data() == "Red"
    assert index.data(Qt.ItemDataRole.DecorationRole) == QColor("#d32f2f")
    assert "已逾期 45 天" in index.data(Qt.ItemDataRole.ToolTipRole)


def test_portfolio_timeline_loads_the_rest_in_the_background(
    qtbot, demo_ctx: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    from desktop_app.ui.milestones import timeline_page

    monkeypatch.setattr(timeline_page, "FIRST_ROWS", 5)
    page = PortfolioTimelinePage(demo_ctx)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.sig_loaded, timeout=20000):
        page.refresh()
        rows = list(page.timeline._rows)
        assert [bool(r.bars) for r in rows] == [True] * 5 + [False] * 8
    assert all(r.bars for r in page.timeline._rows)
    assert page.summary.text() == "13 projects, 88 milestones"
    # the job read only the others: the first screens' bars are the ones read at once
    assert all(page.timeline._rows[i].bars is rows[i].bars for i in range(5))


def test_none_survives_many_void_qt_calls(qtbot) -> None:
    """PySide6 6.12 on CPython 3.11 dropped a reference to None per void call; pyproject
    excludes it, so no ctypes guard is needed: the count must not fall."""
    import sys

    from PySide6.QtCore import QObject

    obj = QObject()
    before = sys.getrefcount(None)
    for _ in range(100_000):
        obj.setObjectName("x")
    assert sys.getrefcount(None) > before - 1000
