"""The attention list's table: overdue and due-soon milestones across the portfolio."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from desktop_app.snapshots.milestones import AttentionItem
from desktop_app.ui.project.milestones_model import status_label
from desktop_app.ui.widgets.rows_model import RowsTableModel

Index = QModelIndex | QPersistentModelIndex
SORT_ROLE = Qt.ItemDataRole.UserRole + 1

COL_STATE, COL_DAYS, COL_DUE, COL_NO, COL_PROJECT, COL_TITLE, COL_OWNER, COL_PERCENT, COL_STATUS = (
    range(9)
)
COLUMN_COUNT = 9
OVERDUE = QBrush(QColor("#c62828"))
DUE_SOON = QBrush(QColor("#8a4b00"))


class AttentionModel(RowsTableModel[AttentionItem]):
    def __init__(self, parent: Any = None) -> None:
        headers = [
            QCoreApplication.translate("AttentionModel", "Kind"),
            QCoreApplication.translate("AttentionModel", "Days"),
            QCoreApplication.translate("AttentionModel", "Due"),
            QCoreApplication.translate("AttentionModel", "No."),
            QCoreApplication.translate("AttentionModel", "Project"),
            QCoreApplication.translate("AttentionModel", "Milestone"),
            QCoreApplication.translate("AttentionModel", "Owner"),
            QCoreApplication.translate("AttentionModel", "% done"),
            QCoreApplication.translate("AttentionModel", "Status"),
        ]
        super().__init__(headers, parent)

    def _text(self, r: AttentionItem, col: int) -> str:
        if col == COL_STATE:
            return (
                QCoreApplication.translate("AttentionModel", "Overdue")
                if r.overdue
                else QCoreApplication.translate("AttentionModel", "Due soon")
            )
        if col == COL_DAYS:
            if r.overdue:
                return QCoreApplication.translate("AttentionModel", "{n} days late").format(
                    n=-r.days
                )
            return (
                QCoreApplication.translate("AttentionModel", "due today")
                if r.days == 0
                else QCoreApplication.translate("AttentionModel", "in {n} days").format(n=r.days)
            )
        values = {
            COL_DUE: r.planned_end.isoformat(),
            COL_NO: str(r.project_no),
            COL_PROJECT: r.project_name,
            COL_TITLE: r.title,
            COL_OWNER: r.owner,
            COL_PERCENT: f"{r.percent_complete}%",
            COL_STATUS: status_label(r.status),
        }
        return values.get(col, "")

    def _sort_key(self, r: AttentionItem, col: int) -> Any:
        if col in (COL_STATE, COL_DAYS, COL_DUE):
            return r.days
        if col == COL_NO:
            return r.project_no
        if col == COL_PERCENT:
            return r.percent_complete
        return self._text(r, col)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        r = self._rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(r, col)
        if role == SORT_ROLE:
            return self._sort_key(r, col)
        if role == Qt.ItemDataRole.ForegroundRole and col in (COL_STATE, COL_DAYS):
            return OVERDUE if r.overdue else DUE_SOON
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (COL_NO, COL_PERCENT):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and col in (COL_PROJECT, COL_TITLE):
            return self._text(r, col)
        return None
