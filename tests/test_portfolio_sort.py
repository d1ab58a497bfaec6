"""Sorting the portfolio list: the model sorts its rows once (one key per row) and the
proxy keeps their order; the open project stays selected through a sort and a filter."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop_app.ui.context import AppContext
from desktop_app.ui.portfolio.page import PortfolioPage
from desktop_app.ui.portfolio.table_model import COL_NAME, COL_NO


def _column(page: PortfolioPage, col: int) -> list[str]:
    return [page.proxy.index(r, col).data() for r in range(page.proxy.rowCount())]


def _selected_id(page: PortfolioPage) -> int:
    index = page.table.selectionModel().currentIndex()
    return page.model.row_at(page.proxy.mapToSource(index).row()).id


def test_sorting_keeps_the_selection_and_the_filter(qtbot, db) -> None:
    page = PortfolioPage(AppContext(db=db, lang="zh"))
    qtbot.addWidget(page)
    page.refresh()
    page.table.selectRow(4)
    chosen = _selected_id(page)
    page.table.sortByColumn(COL_NAME, Qt.SortOrder.DescendingOrder)
    names = _column(page, COL_NAME)
    assert names == sorted(names, key=str.casefold, reverse=True)
    assert _selected_id(page) == chosen  # the selection moved with its row
    page.search.setText("芯片")
    assert sorted(_column(page, COL_NAME), key=str.casefold, reverse=True) == _column(
        page, COL_NAME
    )
    assert page.proxy.rowCount() == 2
    page.search.clear()
    page.table.sortByColumn(COL_NO, Qt.SortOrder.AscendingOrder)
    assert [int(n) for n in _column(page, COL_NO)] == list(range(1, 14))
    assert _selected_id(page) == chosen
    page.refresh()  # a reload keeps the order the header shows
    assert [int(n) for n in _column(page, COL_NO)] == list(range(1, 14))
    page.table.sortByColumn(COL_NO, Qt.SortOrder.DescendingOrder)
    page.refresh()
    assert [int(n) for n in _column(page, COL_NO)] == list(range(13, 0, -1))
