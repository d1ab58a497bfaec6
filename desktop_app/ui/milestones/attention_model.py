"""The attention list's table: overdue and due-soon milestones across the portfolio."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QBrush, QColor

from desktop_app.snapshots.milestones import AttentionItem
from desktop_app.ui.project.milestones_model import status_label
from desktop_app.ui.widgets.rows_model import RowsTableModel

COL_STATE, COL_DAYS, COL_DUE, COL_NO, COL_PROJECT, COL_TITLE, COL_OWNER, COL_PERCENT, COL_STATUS = (
    range(9)
)
COLUMN_COUNT = 9
OVERDUE = QBrush(QColor("#c62828"))
DUE_SOON = QBrush(QColor("#8a4b00"))


class AttentionModel(RowsTableModel[AttentionItem]):
    right_columns = (COL_NO, COL_PERCENT)

    def headers(self) -> list[str]:
        return [
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

    def display(self, r: AttentionItem, col: int) -> str:
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

    def sort_value(self, r: AttentionItem, col: int) -> Any:
        if col in (COL_STATE, COL_DAYS, COL_DUE):
            return r.days
        if col == COL_NO:
            return r.project_no
        if col == COL_PERCENT:
            return r.percent_complete
        return self.display(r, col)

    def foreground(self, r: AttentionItem, col: int) -> QBrush | None:
        if col in (COL_STATE, COL_DAYS):
            return OVERDUE if r.overdue else DUE_SOON
        return None

    def tooltip(self, r: AttentionItem, col: int) -> str | None:
        return self.display(r, col) if col in (COL_PROJECT, COL_TITLE) else None
