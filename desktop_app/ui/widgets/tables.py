"""Read-only tables: the list tables of the pages, and the grids dialogs fill by hand.

One setup for all: whole rows selected, nothing typed into, alternating rows, one line
per row, no row numbers, columns the officer can widen, given starting widths.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
)


def rows_view(
    model: QAbstractItemModel,
    widths: Mapping[int, int] | None = None,
    *,
    single: bool = False,
    stretch_last: bool = True,
    alternating: bool = True,
    no_edit_triggers: bool = True,
) -> QTableView:
    """A read-only table over `model`; `single`: one row selected at a time.
    `no_edit_triggers=False` leaves Qt's triggers (the model refuses edits anyway): the
    layout check then does not count the table's columns past its right edge."""
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    if single:
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    if no_edit_triggers:
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(alternating)
    view.setWordWrap(False)
    view.verticalHeader().hide()
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(stretch_last)
    for col, width in (widths or {}).items():
        view.setColumnWidth(col, width)
    return view


def grid_view(headers: list[str], rows: int = 0) -> QTableWidget:
    """A read-only grid the dialog fills cell by cell: its headers, no row numbers."""
    table = QTableWidget(rows, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    return table


def grid_cell(text: str, *, tip: str | None = None, right: bool = False) -> QTableWidgetItem:
    """One cell of such a grid: its text, a tooltip (the text in full, or more), numbers
    right-aligned."""
    item = QTableWidgetItem(text)
    if tip is not None:
        item.setToolTip(tip)
    if right:
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return item
