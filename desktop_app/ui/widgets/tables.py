"""The read-only list tables of the pages (history, attention, warnings, portfolio).

One setup for all: whole rows selected, nothing typed into, alternating rows, one line
per row, no row numbers, columns the officer can widen, given starting widths.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QAbstractItemModel
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView


def rows_view(
    model: QAbstractItemModel,
    widths: Mapping[int, int] | None = None,
    *,
    single: bool = False,
    stretch_last: bool = True,
) -> QTableView:
    """A read-only table over `model`; `single`: one row selected at a time."""
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    if single:
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().hide()
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(stretch_last)
    for col, width in (widths or {}).items():
        view.setColumnWidth(col, width)
    return view
